"""The decision form records the vendor, the approach and the work to redo; the gate page,
the plan and a reopened task's history show what was decided."""

import uuid

import pytest
from django.urls import reverse

from gates.models import Gate
from gates.selectors.evidence_pack import evidence_pack
from tests.gates.decision_data import other_vendor, recommended_vendor_id
from tests.query_counts import get_page
from tests.work.work_data import add_tasks
from work.models import Task

pytestmark = pytest.mark.django_db


def gate_of(crm, key) -> Gate:
    return Gate.objects.get(rollout=crm, key=key)


def posted(gate, **fields) -> dict[str, object]:
    gate.refresh_from_db()
    return {
        "gate_version": gate.version,
        "evidence_fingerprint": evidence_pack(gate=gate).fingerprint,
        "submission": str(uuid.uuid4()),
        "reason": "Seen the evidence",
        **fields,
    }


def decide(client, crm, gate, **fields):
    url = reverse("gates:gate_decide", args=[crm.pk, gate.pk])
    return client.post(url, posted(gate, **fields), follow=True)


def test_the_recommended_vendor_is_preselected(client, demo, crm):
    client.force_login(demo["ceo"])
    gate = gate_of(crm, "select")
    text = client.get(reverse("gates:gate_detail", args=[crm.pk, gate.pk])).content.decode()
    assert f'<option value="{recommended_vendor_id(crm)}" selected>' in text


def test_another_vendor_without_a_reason_is_refused_with_what_was_typed(client, demo, crm):
    client.force_login(demo["ceo"])
    gate = gate_of(crm, "select")
    other = other_vendor(crm)
    response = decide(client, crm, gate, outcome="go", vendor=other.pk, vendor_reason="")
    assert response.status_code == 400
    text = response.content.decode()
    assert "give the reason for choosing differently" in text
    assert f'<option value="{other.pk}" selected>' in text


def test_the_gate_page_shows_the_vendor_and_the_reason(client, demo, crm):
    client.force_login(demo["ceo"])
    gate = gate_of(crm, "select")
    other = other_vendor(crm)
    decide(client, crm, gate, outcome="go", vendor=other.pk, vendor_reason="Local team")
    text = client.get(reverse("gates:gate_detail", args=[crm.pk, gate.pk])).content.decode()
    assert f"<strong>{other.name}</strong>" in text and "Local team" in text


def test_the_plan_follows_the_approach(client, demo, crm):
    client.force_login(demo["ceo"])
    decide(client, crm, gate_of(crm, "select"), outcome="go")
    sales = demo["sales.manager"].department
    decide(
        client, crm, gate_of(crm, "contract"), outcome="go", approach_style="pilot_then_phased",
        pilot_department=sales.pk, vendor_method="Three sprints",
    )  # fmt: skip
    text = client.get(reverse("work:plan", args=[crm.pk])).content.decode()
    approach = text.split('id="approach"', 1)[1].split("</section>", 1)[0]
    assert "A pilot department first, then phased" in approach and "Three sprints" in approach
    pilot_rows = text.count('class="pilot-task')
    assert pilot_rows == min(Task.objects.filter(rollout=crm, department=sales).count(), 50)
    assert pilot_rows > 0


def test_the_plan_keeps_its_query_count_with_an_approach(client, demo, crm):
    client.force_login(demo["ceo"])
    decide(client, crm, gate_of(crm, "select"), outcome="go")
    decide(client, crm, gate_of(crm, "contract"), outcome="go", approach_style="all_at_once")
    url = reverse("work:plan", args=[crm.pk])
    add_tasks(crm, demo["member1"], 10)
    get_page(client, url, 21)
    add_tasks(crm, demo["member1"], 200)
    get_page(client, url, 21)


def test_a_recycle_from_the_form_reopens_the_tasks_and_shows_why_in_their_history(
    client, demo, crm
):
    client.force_login(demo["ceo"])
    done = list(Task.objects.filter(rollout=crm, status__in=["claimed", "verified"])[:2])
    gate = gate_of(crm, "select")
    decide(client, crm, gate, outcome="recycle", reason="Compare service too",
           recycle_tasks=[t.pk for t in done], recycle_phase=gate.pk, recycle_work="")  # fmt: skip
    assert set(
        Task.objects.filter(pk__in=[t.pk for t in done]).values_list("status", flat=True)
    ) == {"open"}
    url = reverse("work:task_detail", args=[crm.pk, done[0].pk])
    text = client.get(url).content.decode()
    assert "to “Open”: Compare service too" in text.replace("&ldquo;", "“").replace("&rdquo;", "”")
    text = client.get(reverse("gates:gate_detail", args=[crm.pk, gate.pk])).content.decode()
    assert "Tasks reopened" in text and done[1].title in text


def test_the_implementation_gate_preselects_the_contracts_approach(client, demo, crm):
    client.force_login(demo["ceo"])
    decide(client, crm, gate_of(crm, "select"), outcome="go")
    decide(client, crm, gate_of(crm, "contract"), outcome="go", approach_style="phased",
           vendor_method="Key users first")  # fmt: skip
    implement = gate_of(crm, "implement")
    text = client.get(reverse("gates:gate_detail", args=[crm.pk, implement.pk])).content.decode()
    assert '<option value="phased" selected>' in text and "Key users first</textarea>" in text
