"""Evidence files and decision briefs in an S3-compatible object store (STORAGE_URL), on
moto's real S3 server on loopback: the upload lands in the bucket and nowhere on the disk,
a node that never saw the upload serves it, the download still passes the access checks,
and a refused log leaves no object behind."""

import shutil
import uuid
from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.signals import setting_changed
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from demo.keys import demo_task
from gates import brief as briefs
from gates import services as gates
from gates.models import DecisionBrief, DecisionMailing, Gate
from gates.selectors.evidence_pack import evidence_pack
from gates.views import gates as gate_views
from tests.s3_server import no_local_files
from work.models import Evidence, TaskLog

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
NOTES = "客户已验收 — signed by the sales team".encode()


def post_log(client, crm, task, **data):
    fields = {"work_date": timezone.localdate().isoformat(), "hours": "2.5", "progress": "60"}
    return client.post(reverse("work:task_log", args=[crm.pk, task.pk]), {**fields, **data}, **HTMX)


def upload_notes(demo, crm) -> Evidence:
    node_a = Client()
    node_a.force_login(demo["member1"])
    task = demo_task(crm, "customer_fields")
    response = post_log(node_a, crm, task, evidence=SimpleUploadedFile("notes.txt", NOTES))
    assert response.status_code == 200, response.content.decode()[-2000:]
    return Evidence.objects.get(log__task=task)


def another_node() -> None:
    """What a second web node has: a storage object of its own (a new boto3 client) and no
    folder of files, as STORAGE_URL alone tells it where they are. Django's own signal for
    a changed STORAGES drops the storage objects it made."""
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)
    lazy: Any = default_storage
    before = lazy._wrapped
    setting_changed.send(None, setting="STORAGES", value=settings.STORAGES, enter=True)
    lazy._setup()
    assert lazy._wrapped is not before


def test_an_uploaded_evidence_file_is_in_the_bucket_and_not_on_the_disk(
    demo, crm, s3_server, s3_storage, settings
):
    evidence = upload_notes(demo, crm)
    assert s3_server.keys(s3_storage) == {evidence.file.name: NOTES}
    assert evidence.file.name.startswith("evidence/")
    assert no_local_files(settings.MEDIA_ROOT) == []


def test_a_node_that_did_not_receive_the_upload_serves_it(demo, crm, s3_storage, settings):
    evidence = upload_notes(demo, crm)
    another_node()
    node_b = Client()
    node_b.force_login(demo["sel.it"])  # anyone in the rollout may read the task's evidence
    response = node_b.get(reverse("work:evidence_download", args=[crm.pk, evidence.pk]))
    assert response["Content-Disposition"].startswith('attachment; filename="notes.txt"')
    assert response.getvalue() == NOTES
    assert no_local_files(settings.MEDIA_ROOT) == []


def test_the_download_is_streamed_by_the_app_not_sent_to_the_bucket(demo, crm, s3_storage):
    evidence = upload_notes(demo, crm)
    client = Client()
    client.force_login(demo["sel.it"])
    response = client.get(reverse("work:evidence_download", args=[crm.pk, evidence.pk]))
    assert (response.status_code, response.has_header("Location")) == (200, False)


def test_the_admin_shows_no_link_into_the_bucket(demo, crm, s3_storage):
    evidence = upload_notes(demo, crm)
    admin = Client()
    admin.force_login(demo["admin"])
    response = admin.get(reverse("admin:work_evidence_change", args=[evidence.pk]))
    page = response.content.decode()
    assert (response.status_code, "notes.txt" in page) == (200, True)
    assert evidence.file.name not in page and s3_storage not in page


def test_another_rollouts_member_gets_404_for_a_file_in_the_bucket(demo, crm, s3_storage):
    evidence = upload_notes(demo, crm)
    outsider = Client()
    outsider.force_login(demo["pilot.member"])
    response = outsider.get(reverse("work:evidence_download", args=[crm.pk, evidence.pk]))
    assert response.status_code == 404


def test_a_log_refused_after_the_upload_leaves_no_object_behind(demo, crm, s3_server, s3_storage):
    task = demo_task(crm, "customer_fields")
    TaskLog.objects.create(
        task=task,
        member=demo["member1"],
        work_date=timezone.localdate(),
        hours=Decimal("23"),
        progress=10,
    )
    client = Client()
    client.force_login(demo["member1"])
    # The file passes its checks and is stored; the 24-hour day is only checked under the
    # person's lock, inside the transaction, which refuses it.
    response = post_log(client, crm, task, evidence=SimpleUploadedFile("notes.txt", NOTES))
    assert "a day has 24" in response.content.decode()
    assert s3_server.keys(s3_storage) == {}


def decide(demo, crm) -> Gate:
    DecisionMailing.objects.update(sent_at=timezone.now())  # the demo's own: out of the way
    gate = Gate.objects.get(rollout=crm, key="select")
    pack = evidence_pack(gate=gate)
    gates.decision_record(
        by=demo["ceo"],
        gate=gate,
        outcome="go",
        reason="Fits our service process",
        evidence_fingerprint=pack.fingerprint,
        gate_version=gate.version,
        submission=uuid.uuid4(),
    )
    return gate


def test_a_rendered_brief_is_in_the_bucket_and_another_node_serves_it(
    client, demo, crm, s3_server, s3_storage, settings, monkeypatch
):
    gate = decide(demo, crm)
    decision = gate.decisions.order_by("-pk")[0]
    brief = briefs.brief_pdf_render(DecisionBrief.objects.get(decision=decision, language="en"))
    stored = s3_server.keys(s3_storage)
    assert list(stored) == [brief.pdf.name]
    assert stored[brief.pdf.name].startswith(b"%PDF")

    another_node()
    monkeypatch.setattr(gate_views, "html_to_pdf", _no_pdf_here)
    client.force_login(demo["ceo"])
    response = client.get(reverse("gates:gate_brief", args=[crm.pk, gate.pk]))
    assert response.content == stored[brief.pdf.name]
    assert no_local_files(settings.MEDIA_ROOT) == []


def _no_pdf_here(*args: object, **kwargs: object) -> bytes:
    raise AssertionError("a PDF was rendered where the stored one should be served")
