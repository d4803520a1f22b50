"""The risk register at the gates: every gate of a new rollout asks for a review of the
register since the previous gate (since the opening at the first), and a gate's evidence,
its page and its brief list the open high risks."""

import io
import re
import uuid

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from gates import brief as briefs
from gates import services as gate_services
from gates.models import Gate, GateCriterion
from gates.selectors.evidence_pack import evidence_pack
from gates.selectors.gate_figures import gate_figures
from risks import services as risk_services
from tests.risks.risk_data import add_risk, update

pytestmark = pytest.mark.django_db


def reviewed(gate: Gate) -> bool:
    gate.refresh_from_db()
    (state,) = [
        s for s in evidence_pack(gate=gate).criteria if s.criterion.kind == "risks_reviewed"
    ]
    return state.met


def test_every_gate_of_a_new_rollout_asks_for_a_review(pilot):
    gates = Gate.objects.filter(rollout=pilot)
    asking = GateCriterion.objects.filter(gate__rollout=pilot, kind="risks_reviewed")
    assert asking.count() == gates.count() == 6


def test_the_first_gate_is_met_by_a_review_after_the_opening(demo, pilot):
    adopt = Gate.objects.get(rollout=pilot, key="adopt")
    assert not reviewed(adopt)
    risk_services.risk_review_record(by=demo["pilot.lead"], rollout=pilot)
    assert reviewed(adopt)


def test_a_review_before_the_last_gate_s_decision_does_not_count(demo, crm):
    """The demo CRM was reviewed before its adoption gate was decided; the selection gate
    after it asks for another."""
    adopt, select = Gate.objects.filter(rollout=crm).order_by("order")[:2]
    assert reviewed(adopt)
    assert not reviewed(select)
    risk_services.risk_review_record(by=demo["ceo"], rollout=crm, note="Before selection.")
    assert reviewed(select)


def test_a_review_changes_the_evidence_fingerprint(demo, pilot):
    adopt = Gate.objects.get(rollout=pilot, key="adopt")
    before = evidence_pack(gate=adopt).fingerprint
    risk_services.risk_review_record(by=demo["pilot.lead"], rollout=pilot)
    assert evidence_pack(gate=adopt).fingerprint != before


def test_the_evidence_lists_the_open_high_risks_only(demo, pilot):
    lead = demo["pilot.lead"]
    high = add_risk(pilot, lead, lead, title="Engineers skip the tickets", likelihood=4, impact=4)
    add_risk(pilot, lead, lead, title="Printer too slow", likelihood=2, impact=2)
    settled = add_risk(pilot, lead, lead, title="Region too small", likelihood=5, impact=4)
    update(settled, lead, status="accepted", mitigation="A second region follows.")
    adopt = Gate.objects.get(rollout=pilot, key="adopt")
    assert evidence_pack(gate=adopt).high_risks == [high]


def test_the_gate_page_links_the_open_high_risks(client, demo, crm):
    gate = Gate.objects.get(rollout=crm, key="select")
    client.force_login(demo["ceo"])
    text = client.get(reverse("gates:gate_detail", args=[crm.pk, gate.pk])).content.decode()
    section = text.split('id="high-risks"', 1)[1].split("</ul>", 1)[0]
    assert "Middle managers resist the change" in section
    assert "price alone" not in section  # scores 12: not high


@pytest.mark.parametrize(
    ("language", "title"),
    [("en", "Middle managers resist the change"), ("zh-hans", "中层经理成为阻力中层")],
)
def test_the_brief_lists_the_open_high_risks_in_its_language(demo, crm, language, title):
    gate = Gate.objects.get(rollout=crm, key="select")
    figures = gate_figures(gate=gate)
    with translation.override("en"):
        html = briefs.brief_html(
            pack=figures.pack,
            language=language,
            fingerprint=figures.pack.fingerprint,
            as_of=gate.rollout.created_at,
            figures=figures.success,
        )
    assert title in html.split('id="high-risks"', 1)[1].split("</ul>", 1)[0]


def test_the_decided_brief_keeps_the_high_risks_of_its_moment(demo, crm):
    gate = Gate.objects.get(rollout=crm, key="select")
    pack = evidence_pack(gate=gate)
    decision = gate_services.decision_record(
        by=demo["ceo"],
        gate=gate,
        outcome="go",
        reason="Service compared now",
        evidence_fingerprint=pack.fingerprint,
        gate_version=gate.version,
        submission=uuid.uuid4(),
    )
    brief = decision.briefs.get(language="zh-hans")
    assert "中层经理成为阻力中层" in brief.html


def test_the_printed_brief_shows_the_open_high_risks_in_chinese(demo, crm):
    """The PDF itself, not only its HTML: the Chinese title is there as text (a CJK font)."""
    gate = Gate.objects.get(rollout=crm, key="select")
    pdf = briefs.gate_brief_pdf(gate=gate, language="zh-hans")
    text = re.sub(r"\s", "", "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
    assert "未关闭的高风险" in text
    assert "中层经理成为阻力中层" in text
