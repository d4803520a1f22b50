"""Hypothesis-generated input to the forms: each request is saved valid or refused with a
message, never a server error. Text includes HTML, NUL characters, huge numbers, dates
that do not exist and other rollouts' ids."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rollout.models import Gate, Task

pytestmark = pytest.mark.django_db

TEXT = st.one_of(
    st.text(max_size=60),
    st.sampled_from(["", " ", "\x00", "<script>x</script>", "-1", "1e309", "9" * 40, "2027-02-30",
                     "0", "24.01", "NaN", "'; DROP TABLE x; --", "../../etc/passwd"]),
)  # fmt: skip
FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def fields(*names: str) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({name: TEXT for name in names})


def post(client: Client, url: str, data: dict[str, Any]) -> int:
    return client.post(url, data).status_code


@FUZZ
@given(data=fields("work_date", "hours", "progress", "note"))
def test_the_log_form(client, demo, crm, data):
    task = Task.objects.get(rollout=crm, title__startswith="Train the sales team")
    client.force_login(demo["member1"])
    assert post(client, reverse("task_log", args=[crm.pk, task.pk]), data) < 500


@FUZZ
@given(data=fields("department", "purpose", "hours_per_week", "start_date", "end_date", "note"))
def test_the_staffing_request_form(client, demo, crm, data):
    client.force_login(demo["ceo"])
    assert post(client, reverse("staffing_request_new", args=[crm.pk]), data) < 500


@FUZZ
@given(data=fields("person", "role", "department", "seat"))
def test_the_role_form(client, demo, crm, data):
    client.force_login(demo["ceo"])
    assert post(client, reverse("team_assign", args=[crm.pk]), data) < 500


@FUZZ
@given(
    data=fields(
        "outcome", "reason", "decide_again_on", "recycle_work", "gate_version",
        "evidence_fingerprint", "submission", "condition_1", "owner_1", "due_1",
    )
)  # fmt: skip
def test_the_decision_form(client, demo, crm, data):
    gate = Gate.objects.get(rollout=crm, key="select")
    client.force_login(demo["ceo"])
    assert post(client, reverse("gate_decide", args=[crm.pk, gate.pk]), data) < 500


@FUZZ
@given(data=fields("member", "period", "enterprising", "confidence", "comment"))
def test_the_review_form(client, demo, crm, data):
    client.force_login(demo["sales.manager"])
    assert post(client, reverse("quality_review_new", args=[crm.pk]), data) < 500


@FUZZ
@given(data=fields("vendor", "years", "discount_rate", "training", "hardware", "yearly_benefit"))
def test_the_cost_benefit_form(client, demo, crm, data):
    client.force_login(demo["sel.finance"])
    assert post(client, reverse("cost_benefit", args=[crm.pk]), data) < 500


@FUZZ
@given(data=fields("member", "reason"))
def test_the_reopen_form(client, demo, crm, data):
    client.force_login(demo["sel.senior"])
    assert post(client, reverse("scores_reopen", args=[crm.pk]), data) < 500


@FUZZ
@given(data=fields("language", "next"))
def test_the_language_switch(client, demo, data):
    client.force_login(demo["member1"])
    assert post(client, reverse("language_set"), data) < 500


@FUZZ
@given(data=fields("title", "target", "department", "due_date"))
def test_the_objective_form(client, demo, crm, data):
    client.force_login(demo["sales.manager"])
    assert post(client, reverse("objective_new", args=[crm.pk]), data) < 500
