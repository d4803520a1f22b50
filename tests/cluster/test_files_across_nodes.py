"""(f) Files across nodes: the cluster keeps evidence files and briefs in moto's S3 server
(STORAGE_URL), and each node and worker has an empty MEDIA_ROOT of its own. A file
uploaded through node A's own port is downloaded through node B's, byte for byte, with its
type, and only by people of the rollout; a brief rendered by a worker is served by both
nodes. The bucket holds the files; no MEDIA_ROOT holds anything."""

import hashlib
import random
import re
import time
import uuid

from tests.cluster.cluster import Cluster
from tests.cluster.web import Upload
from tests.faults import results
from tests.faults.database import rows, scalar
from tests.faults.waiting import wait_until

# Someone of the demo's pilot rollout only: the CRM rollout's files are not theirs to see.
OUTSIDER = "pilot.member"
EXECUTIVE = "ceo"
EVIDENCE_BYTES = 256 * 1024


def local_files(cluster: Cluster) -> list[str]:
    """Whatever lies in any MEDIA_ROOT of the run: the nodes', the workers', the seed's."""
    return sorted(
        str(path.relative_to(cluster.folder))
        for root in cluster.folder.glob("media*")
        for path in root.rglob("*")
        if path.is_file()
    )


def a_pdf(size: int) -> bytes:
    """PDF magic, then bytes of every value (a text-only round trip would spoil them)."""
    noise = random.Random(17).randbytes(size)  # noqa: S311  # test data, not a secret
    return b"%PDF-1.4\n" + noise


def hidden(page: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert found, f"no {name} on the page"
    return found.group(1)


def test_it_uploads_evidence_on_node_a_and_serves_it_from_the_bucket_on_node_b(
    cluster: Cluster,
) -> None:
    ((username, task),) = cluster.members_with_a_task(1)
    rollout = cluster.crm()
    content = a_pdf(EVIDENCE_BYTES)
    note = f"evidence across nodes {uuid.uuid4().hex[:8]}"
    on_a = cluster.signed_in(cluster.node_url("a"), username)

    started = time.monotonic()
    saved = on_a.post_files(
        f"/rollouts/{rollout}/tasks/{task}/log/",
        {"work_date": "2026-01-06", "hours": "0.5", "progress": "25", "note": note},
        {"evidence": Upload("签收单 acceptance.pdf", content, "application/pdf")},
    )
    uploaded_in = time.monotonic() - started
    assert (saved.status, saved.location) == (302, f"/rollouts/{rollout}/tasks/mine/")
    ((evidence, name, content_type),) = rows(
        cluster.db_url,
        """SELECT e.id, e.file, e.content_type FROM rollout_evidence e
           JOIN rollout_tasklog l ON l.id = e.log_id WHERE l.note = %(note)s""",
        {"note": note},
    )

    on_b = on_a.at(cluster.node_url("b"))
    started = time.monotonic()
    got = on_b.download(f"/rollouts/{rollout}/evidence/{evidence}/")
    downloaded_in = time.monotonic() - started
    # Three more: the first download may be the first use of the bucket in that gunicorn
    # worker (boto3 builds its client then; node B runs two workers); later ones show the
    # steady cost.
    again, again_in = [], []
    for _ in range(3):
        started = time.monotonic()
        again.append(on_b.download(f"/rollouts/{rollout}/evidence/{evidence}/"))
        again_in.append(round(time.monotonic() - started, 3))
    outsider = cluster.signed_in(cluster.node_url("b"), OUTSIDER)
    refused = outsider.download(f"/rollouts/{rollout}/evidence/{evidence}/")

    assert (got.status, got.content_type, content_type) == (
        200,
        "application/pdf",
        "application/pdf",
    )
    assert "attachment" in got.disposition and "acceptance.pdf" in got.disposition
    assert hashlib.sha256(got.body).digest() == hashlib.sha256(content).digest()
    assert [(d.status, d.body == content) for d in again] == [(200, True)] * 3
    assert (refused.status, content[:64] in refused.body) == (404, False)
    assert cluster.s3.keys(cluster.bucket).get(name) == content
    assert local_files(cluster) == []
    results.record(
        "f. Files across nodes: evidence",
        uploaded_through="node a (its own port): 302, one evidence row",
        downloaded_through="node b (its own port): 200, application/pdf, the same bytes",
        file_bytes=len(content),
        upload_seconds=round(uploaded_in, 3),
        download_seconds=round(downloaded_in, 3),
        downloaded_again_seconds=again_in,
        another_rollouts_member=f"{refused.status}",
        in_the_bucket=name,
        files_in_any_media_root=0,
    )


def test_it_renders_a_brief_on_a_worker_and_serves_it_from_the_bucket_on_both_nodes(
    cluster: Cluster,
) -> None:
    rollout = cluster.crm()
    gate = scalar(
        cluster.db_url,
        "SELECT id FROM rollout_gate WHERE rollout_id = %(rollout)s AND key = 'select'",
        {"rollout": rollout},
    )
    reason = f"brief across nodes {uuid.uuid4().hex[:8]}"
    on_a = cluster.signed_in(cluster.node_url("a"), EXECUTIVE)
    page = on_a.get(f"/rollouts/{rollout}/gates/{gate}/")
    assert page.status == 200
    decided = on_a.post(
        f"/rollouts/{rollout}/gates/{gate}/decide/",
        {
            "outcome": "go",
            "reason": reason,
            "gate_version": hidden(page.body, "gate_version"),
            "evidence_fingerprint": hidden(page.body, "evidence_fingerprint"),
            "submission": str(uuid.uuid4()),
        },
    )
    assert (decided.status, decided.location) == (302, f"/rollouts/{rollout}/gates/{gate}/")
    decided_at = time.monotonic()

    def rendered() -> dict[str, str] | None:
        """The decision's briefs and their names in the bucket, once both have a PDF."""
        briefs = rows(
            cluster.db_url,
            """SELECT b.language, b.pdf FROM rollout_decisionbrief b
               JOIN rollout_decision d ON d.id = b.decision_id
               WHERE d.gate_id = %(gate)s AND d.reason = %(reason)s""",
            {"gate": gate, "reason": reason},
        )
        pdfs = {str(language): str(pdf) for language, pdf in briefs if pdf}
        return pdfs if len(pdfs) == 2 else None

    # A worker renders both languages' PDFs (the dispatcher, sent by beat every second).
    stored = wait_until(rendered, timeout=180, what="a worker to render the decision's briefs")
    assert stored is not None  # for the type checker: wait_until returns only what is truthy
    rendered_in = time.monotonic() - decided_at
    in_bucket = cluster.s3.keys(cluster.bucket)

    path = f"/rollouts/{rollout}/gates/{gate}/brief.pdf"
    from_b = on_a.at(cluster.node_url("b")).download(path)
    from_a = on_a.download(path)
    refused = cluster.signed_in(cluster.node_url("b"), OUTSIDER).download(path)

    assert (from_b.status, from_b.content_type) == (200, "application/pdf")
    assert from_b.body == in_bucket[stored["en"]] and from_b.body.startswith(b"%PDF")
    assert from_a.body == from_b.body
    assert refused.status == 404
    assert stored["zh-hans"] in in_bucket
    assert local_files(cluster) == []
    results.record(
        "f. Files across nodes: brief",
        decided_through="node a (its own port): 302",
        rendered_by="a Celery worker (the dispatcher), into the bucket",
        from_the_decision_until_both_pdfs_were_in_the_bucket_seconds=round(rendered_in, 1),
        downloaded_through="node b and node a: 200, application/pdf, the bucket's bytes",
        pdf_bytes=len(from_b.body),
        another_rollouts_member=f"{refused.status}",
        objects_in_the_bucket=len(in_bucket),
        files_in_any_media_root=0,
    )
