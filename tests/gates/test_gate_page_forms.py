"""The gate page's forms: the decision form labels each outcome's own fields and ignores the
others, lists a refusal's errors at the top, warns (not refuses) on unmet criteria and
points to the next gate after a Go; a criterion is removed only once confirmed; a refused
criterion or recommendation stays open with what was typed."""

import uuid
from datetime import timedelta

import pytest
from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from gates import services as gate_services
from gates.models import ConditionMet, Decision, DecisionCondition, Gate, GateCriterion
from gates.selectors.evidence_pack import evidence_pack
from roles import selectors as role_selectors

pytestmark = pytest.mark.django_db


@pytest.fixture
def gate(crm) -> Gate:
    return Gate.objects.get(rollout=crm, key="select")


def decision(gate: Gate, outcome: str, **extra: str) -> dict[str, str]:
    gate.refresh_from_db()
    return {
        "outcome": outcome,
        "reason": "The evidence holds.",
        "gate_version": str(gate.version),
        "evidence_fingerprint": evidence_pack(gate=gate).fingerprint,
        "submission": str(uuid.uuid4()),
        **extra,
    }


def decide(client, crm, gate, data):
    return client.post(reverse("gates:gate_decide", args=[crm.pk, gate.pk]), data)


def page(client, crm, gate) -> str:
    response = client.get(reverse("gates:gate_detail", args=[crm.pk, gate.pk]))
    return str(response.content.decode())


def test_it_heads_each_outcomes_fields_with_the_outcome(client, demo, crm, gate):
    client.force_login(demo["ceo"])
    text = page(client, crm, gate)
    for outcome in ("go_conditions", "hold", "recycle"):
        assert f'data-outcome="{outcome}"' in text
    assert "For “Go with conditions”: each condition with an owner and a due date" in text
    assert "For “Hold”: when you decide again" in text
    assert "For “Recycle”: the work to redo" in text


def test_it_labels_every_condition_row_visibly(client, demo, crm, gate):
    client.force_login(demo["ceo"])
    text = page(client, crm, gate)
    assert 'class="visually-hidden" for="id_condition_' not in text
    for n in (1, 2, 3):
        assert f'<label class="form-label small mb-0" for="id_owner_{n}">' in text


def test_it_ignores_another_outcomes_field_instead_of_refusing(client, demo, crm, gate):
    # The Hold date, mistyped, and half a condition are left on the page; Go is chosen.
    client.force_login(demo["ceo"])
    data = decision(gate, "go", decide_again_on="2027-02-30", condition_1="Half a condition")
    response = decide(client, crm, gate, data)
    assert response.status_code == 302
    latest = gate.decisions.latest("created_at")
    assert (latest.outcome, latest.decide_again_on, latest.conditions.count()) == ("go", None, 0)


def test_it_lists_a_refusals_errors_at_the_top_of_the_page(client, demo, crm, gate):
    client.force_login(demo["ceo"])
    response = decide(client, crm, gate, decision(gate, "go_conditions", reason="Typed reason"))
    text = response.content.decode()
    assert response.status_code == 400
    summary = text.index('id="form-errors"')
    assert summary < text.index('id="criteria"') < text.index('name="outcome"')
    assert "Go with conditions needs at least one condition." in text[summary:]
    assert "Typed reason</textarea>" in text


def test_it_links_each_field_error_to_its_field(client, demo, crm, gate):
    client.force_login(demo["ceo"])
    data = decision(gate, "go_conditions", condition_1="Sign the SLA")
    text = decide(client, crm, gate, data).content.decode()
    top = text[text.index('id="form-errors"') : text.index('id="criteria"')]
    assert '<a href="#id_condition_1">Condition 1</a>' in top


def test_it_warns_next_to_the_button_when_criteria_are_unmet(client, demo, crm, gate):
    unmet = GateCriterion.objects.create(
        gate=gate, kind="manual", text_en="Legal has read the contract", confirmer=demo["ceo"]
    )
    client.force_login(demo["ceo"])
    text = page(client, crm, gate)
    warning = text[text.index('id="unmet-criteria"') : text.index("Record the decision")]
    assert unmet.text in warning
    assert 'aria-describedby="unmet-criteria"' in text


def test_it_still_records_a_decision_on_unmet_criteria(client, demo, crm, gate):
    GateCriterion.objects.create(
        gate=gate, kind="manual", text_en="Legal has read the contract", confirmer=demo["ceo"]
    )
    client.force_login(demo["ceo"])
    assert decide(client, crm, gate, decision(gate, "go")).status_code == 302
    assert gate.decisions.latest("created_at").outcome == Decision.Outcome.GO


def test_it_points_to_the_next_gate_after_a_go(client, demo, crm, gate):
    client.force_login(demo["ceo"])
    response = client.post(
        reverse("gates:gate_decide", args=[crm.pk, gate.pk]), decision(gate, "go"), follow=True
    )
    text = response.content.decode()
    following = Gate.objects.get(rollout=crm, order=gate.order + 1)
    assert f"Next: gate {following.order}, “{following.name}”, now waits" in text
    link = reverse("gates:gate_detail", args=[crm.pk, following.pk])
    assert f'href="{link}"' in text[text.index('id="next-gate"') :]


def test_it_asks_before_removing_a_criterion(client, demo, crm, gate):
    criterion = GateCriterion.objects.get(gate=gate, kind="manual")
    client.force_login(demo["ceo"])
    url = reverse("gates:criterion_remove", args=[crm.pk, criterion.pk])
    response = client.post(url)
    assert response.status_code == 200
    assert f"Remove the criterion “{criterion.text}”?" in response.content.decode()
    assert GateCriterion.objects.filter(pk=criterion.pk).exists()
    client.post(url, {"confirm": "yes"})
    assert not GateCriterion.objects.filter(pk=criterion.pk).exists()


def test_it_puts_the_removal_behind_a_confirmation_on_the_page(client, demo, crm, gate):
    criterion = GateCriterion.objects.get(gate=gate, kind="manual")
    client.force_login(demo["ceo"])
    text = page(client, crm, gate)
    step = text[text.index(f'id="remove-{criterion.pk}"') :]
    confirm = step.index('name="confirm" value="yes"')
    assert step.index("<summary") < confirm < step.index("</details>")


def refused(client, demo, crm, gate, person, name, data):
    """The page a refused form of the gate comes back as: a 400 that lists what went wrong."""
    client.force_login(demo[person])
    response = client.post(reverse(name, args=[crm.pk, gate.pk]), data)
    text = response.content.decode()
    assert response.status_code == 400
    assert 'id="form-errors"' in text
    return text


def test_it_keeps_a_refused_criterion_open_with_what_was_typed(client, demo, crm, gate):
    data = {"text": "Quotes are in the CRM", "confirmer": ""}
    text = refused(client, demo, crm, gate, "ceo", "gates:criterion_new", data)
    assert '<details class="mb-3" id="add-criterion" open>' in text
    assert 'value="Quotes are in the CRM"' in text


def test_it_keeps_a_refused_recommendation_with_what_was_typed(client, demo, crm, gate):
    data = {"advice": "", "reason": "Sales is ready"}
    text = refused(client, demo, crm, gate, "sales.manager", "gates:gate_recommend", data)
    assert "Sales is ready</textarea>" in text


def test_it_keeps_the_hold_date_for_the_hold(client, demo, crm, gate):
    client.force_login(demo["ceo"])
    later = str(timezone.localdate() + timedelta(days=10))
    response = decide(client, crm, gate, decision(gate, "hold", decide_again_on=later))
    assert response.status_code == 302
    gate.refresh_from_db()
    assert (gate.status, str(gate.decide_again_on)) == ("held", later)


def test_a_condition_already_met_shows_the_note_that_was_not_saved(client, demo, crm):
    """Two people mark the same condition: the second is refused and their note comes back."""
    condition = DecisionCondition.objects.get(decision__gate__rollout=crm)
    gate_services.condition_met(by=demo["sales.manager"], condition=condition, note="First.")
    client.force_login(demo["ceo"])
    url = reverse("gates:condition_met", args=[crm.pk, condition.pk])
    text = client.post(url, {"note": "Signed by Finance too."}, follow=True).content.decode()
    assert "already met" in text
    assert "Not saved — what you typed: Signed by Finance too." in text
    assert list(
        ConditionMet.objects.filter(condition=condition).values_list("note", flat=True)
    ) == ["First."]


def _as_django_renders(form, name: str) -> str:
    """The field as Django's own Select widget renders it through its templates (the page
    writes the person selects in Python: core/fast_select.py)."""
    field = form.fields[name]
    field.widget = forms.Select(attrs=field.widget.attrs, choices=field.widget.choices)
    return str(form[name])


def test_a_refused_decision_keeps_the_owner_chosen_as_django_renders_it(client, demo, crm, gate):
    owner = demo["it.manager"]
    client.force_login(demo["ceo"])
    data = decision(gate, "go_conditions", condition_1="Train the call centre")
    response = decide(client, crm, gate, {**data, "owner_1": str(owner.pk)})  # no due date
    text = response.content.decode()
    assert response.status_code == 400
    form = response.context["decision_form"]
    owner_1 = _as_django_renders(form, "owner_1")
    assert f'<option value="{owner.pk}" selected>{escape(str(owner))}</option>' in owner_1
    assert owner_1 in text
    assert _as_django_renders(form, "owner_2") in text
    people = role_selectors.people_of_rollout(rollout=crm)
    assert owner_1.count("<option") == people.count() + 1  # and the empty choice


def test_a_refused_criterion_keeps_the_confirmer_chosen_as_django_renders_it(
    client, demo, crm, gate
):
    confirmer = demo["sales.manager"]
    data = {"text": "", "confirmer": str(confirmer.pk)}
    client.force_login(demo["ceo"])
    response = client.post(reverse("gates:criterion_new", args=[crm.pk, gate.pk]), data)
    assert response.status_code == 400
    select = _as_django_renders(response.context["criterion_form"], "confirmer")
    assert f'<option value="{confirmer.pk}" selected>' in select
    assert select in response.content.decode()
