"""A decision's brief is fixed with the decision and rendered once; the decision's e-mail is
an outbox row the dispatcher sends with no transaction held while WeasyPrint works."""

import io
import re
import uuid
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from gates import brief as briefs
from gates import decision_mail, services
from gates.models import DecisionBrief, DecisionMailing, Gate, GateAdvice
from gates.selectors.evidence_pack import evidence_pack
from notifications.services.mail_outbox import CLAIM_EXPIRES, mail_claim


def _decide(demo, crm) -> Gate:
    # The demo's own decisions are already in the outbox: out of the way.
    DecisionMailing.objects.update(sent_at=timezone.now())
    DecisionBrief.objects.update(pdf="briefs/seeded.pdf", rendered_at=timezone.now())
    gate = Gate.objects.get(rollout=crm, key="select")
    pack = evidence_pack(gate=gate)
    services.decision_record(
        by=demo["ceo"],
        gate=gate,
        outcome="go",
        reason="Fits our service process",
        evidence_fingerprint=pack.fingerprint,
        gate_version=gate.version,
        submission=uuid.uuid4(),
    )
    return gate


def _pdf_text(content: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def _no_pdf_here(*args: object, **kwargs: object) -> bytes:
    raise AssertionError("a PDF was rendered where the stored one should be served")


@pytest.mark.django_db
def test_it_writes_the_briefs_and_the_mail_outbox_with_the_decision_but_no_pdf(
    demo, crm, monkeypatch
):
    monkeypatch.setattr(briefs, "html_to_pdf", _no_pdf_here)
    gate = _decide(demo, crm)
    decision = gate.decisions.order_by("-pk")[0]
    assert sorted(decision.briefs.values_list("language", "pdf")) == [
        ("en", ""),
        ("zh-hans", ""),
    ]
    assert DecisionMailing.objects.get(decision=decision).sent_at is None


@pytest.mark.django_db
def test_it_prints_exactly_the_decisions_fingerprint_though_the_evidence_changed(demo, crm):
    gate = _decide(demo, crm)
    decision = gate.decisions.order_by("-pk")[0]
    GateAdvice.objects.create(
        gate=gate, by=demo["sales.manager"], as_role="Sales", advice="go", reason="Later view"
    )
    assert evidence_pack(gate=gate).fingerprint != decision.evidence_hash
    brief = briefs.brief_pdf_render(DecisionBrief.objects.get(decision=decision, language="en"))
    text = re.sub(r"\s", "", _pdf_text(brief.pdf.read()))
    assert decision.evidence_hash in text
    assert "Laterview" not in text  # the brief is the evidence decided on, not today's


@pytest.mark.django_db
def test_the_download_shows_the_decisions_fingerprint_though_the_evidence_changed(
    client, demo, crm
):
    """Before the worker renders it and after: the download is the evidence decided on."""
    gate = _decide(demo, crm)
    decision = gate.decisions.order_by("-pk")[0]
    GateAdvice.objects.create(
        gate=gate, by=demo["sales.manager"], as_role="Sales", advice="go", reason="Later view"
    )
    client.force_login(demo["member1"])
    for rendered in (False, True):
        if rendered:
            assert briefs.decision_briefs_render() == 2
        response = client.get(reverse("gates:gate_brief", args=[crm.pk, gate.pk]))
        text = re.sub(r"\s", "", _pdf_text(response.content))
        assert decision.evidence_hash in text, rendered
        assert "Laterview" not in text, rendered


@pytest.mark.django_db
def test_it_serves_the_stored_pdf_without_rendering_again(client, demo, crm, monkeypatch):
    gate = _decide(demo, crm)
    assert briefs.decision_briefs_render() == 2
    decision = gate.decisions.order_by("-pk")[0]
    stored = DecisionBrief.objects.get(decision=decision, language="en").pdf.read()
    monkeypatch.setattr(briefs, "html_to_pdf", _no_pdf_here)
    client.force_login(demo["member1"])
    response = client.get(reverse("gates:gate_brief", args=[crm.pk, gate.pk]))
    assert response.status_code == 200
    assert response.content == stored


@pytest.mark.django_db
def test_it_prints_a_brief_the_worker_has_not_rendered_yet_without_storing_it(client, demo, crm):
    gate = _decide(demo, crm)
    client.force_login(demo["member1"])
    client.cookies["django_language"] = "zh-hans"
    response = client.get(reverse("gates:gate_brief", args=[crm.pk, gate.pk]))
    decision = gate.decisions.order_by("-pk")[0]
    assert decision.evidence_hash in re.sub(r"\s", "", _pdf_text(response.content))
    assert not DecisionBrief.objects.filter(decision=decision).exclude(pdf="").exists()


@pytest.mark.django_db
def test_it_mails_each_decision_once_and_marks_it_sent(demo, crm):
    _decide(demo, crm)
    mail.outbox.clear()
    first = decision_mail.decisions_mail()
    again = decision_mail.decisions_mail()
    assert (first, again) == (1, 0)
    assert len(mail.outbox) == 2  # English and Chinese readers
    assert mail.outbox[0].attachments[0][2] == "application/pdf"
    assert not DecisionMailing.objects.filter(sent_at__isnull=True).exists()


@pytest.mark.django_db
def test_it_lets_only_one_dispatcher_claim_a_mailing(demo, crm):
    _decide(demo, crm)
    pk = DecisionMailing.objects.get(sent_at__isnull=True).pk
    now = timezone.now()
    assert mail_claim(DecisionMailing, pk=pk, claimed_at=None, now=now) is True
    assert mail_claim(DecisionMailing, pk=pk, claimed_at=None, now=now) is False


@pytest.mark.django_db
def test_it_takes_again_a_mailing_whose_worker_died_after_claiming(demo, crm):
    _decide(demo, crm)
    DecisionMailing.objects.filter(sent_at__isnull=True).update(
        claimed_at=timezone.now() - CLAIM_EXPIRES - timedelta(minutes=1)
    )
    mail.outbox.clear()
    assert decision_mail.decisions_mail() == 1
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_it_leaves_a_fresh_claim_to_the_dispatcher_that_holds_it(demo, crm):
    _decide(demo, crm)
    DecisionMailing.objects.filter(sent_at__isnull=True).update(claimed_at=timezone.now())
    assert decision_mail.decisions_mail() == 0


@pytest.mark.django_db(transaction=True)
def test_it_renders_pdfs_with_no_transaction_open(demo, crm, monkeypatch):
    """On SQLite an open transaction is the database's one write lock: seconds of
    WeasyPrint inside one made every save of the web answer 503."""
    _decide(demo, crm)
    seen: list[bool] = []
    render = briefs.html_to_pdf

    def watched(html: str) -> bytes:
        seen.append(connection.in_atomic_block)
        return render(html)

    monkeypatch.setattr(briefs, "html_to_pdf", watched)
    decision = crm.gates.get(key="select").decisions.order_by("-pk")[0]
    briefs.decision_briefs_render()
    DecisionBrief.objects.filter(decision=decision).update(pdf="", rendered_at=None)
    DecisionMailing.objects.filter(decision=decision).update(sent_at=None, claimed_at=None)
    decision_mail.decisions_mail()
    assert seen == [False, False, False, False]


@pytest.mark.parametrize(
    ("language", "title"), [("en", "The right people"), ("zh-hans", "正确的人")]
)
@pytest.mark.django_db
def test_each_gates_brief_shows_the_success_formula_on_one_page(demo, crm, language, title):
    """The three panels with their colour in words and the open high risks, in the reader's
    language, and each gate's whole brief of the demo CRM on one A4 page."""
    for gate in Gate.objects.filter(rollout=crm):
        pdf = PdfReader(io.BytesIO(briefs.gate_brief_pdf(gate=gate, language=language)))
        text = "".join(page.extract_text() for page in pdf.pages)
        assert title in text
        assert len(pdf.pages) == 1, gate.key


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "label"), [("en", "Vendorchosen"), ("zh-hans", "选定的供应商")]
)
def test_the_brief_names_the_vendor_chosen_and_why_not_the_recommended_one(
    demo, crm, language, label
):
    from gates.decision_records import Records
    from tests.gates.decision_data import other_vendor

    other = other_vendor(crm)
    gate = Gate.objects.get(rollout=crm, key="select")
    pack = evidence_pack(gate=gate)
    decision = services.decision_record(
        by=demo["ceo"], gate=gate, outcome="go", reason="Service first",
        evidence_fingerprint=pack.fingerprint, gate_version=gate.version,
        submission=uuid.uuid4(),
        records=Records(vendor=other, vendor_reason="Onsite engineers in our city"),
    )  # fmt: skip
    brief = DecisionBrief.objects.get(decision=decision, language=language)
    text = re.sub(r"\s", "", _pdf_text(briefs.brief_pdf_render(brief).pdf.read()))
    assert label in text and re.sub(r"\s", "", other.name) in text
    assert "Onsiteengineersinourcity" in text
