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


# The other forms, table-driven: (URL name, object of the matrix context in the URL or
# None for the rollout or "" for no rollout, who may post it, the form's fields).
TASK_FIELDS = ["title", "description", "workstream", "objective", "department", "assignees",
               "due_date", "estimate_hours", "priority", "blocked_by"]  # fmt: skip
VENDOR_FIELDS = [
    "name", "reputation", "years_in_business", "revenue_band", "comparable_customers", "cloud",
    "browser_server", "domestic", "modules", "implementation_method", "implementation_weeks",
    "support_hours", "sla", "local_presence", "subscription", "price_per_user_year", "users",
    "implementation_fee",
]  # fmt: skip
OTHER_FORMS = [
    ("team_end", "member2_assignment", "ceo", ["reason"]),
    ("staffing_answer", "sales_request", "sales.manager", ["reason", "person", "hours", "share"]),
    ("commitment_conflict", "member1_commitment", "member1", ["reason"]),
    ("commitment_change", "member1_commitment", "sales.manager",
     ["hours_per_week", "from_date", "reason"]),
    ("commitment_pull_back", "member1_commitment", "sales.manager", ["from_date", "reason"]),
    ("stance_assess", None, "ceo", ["manager", "stance", "reason"]),
    ("log_correct", "member1_log", "member1", ["hours_change", "reason"]),
    ("task_send_back", "claimed_task", "sales.manager", ["reason"]),
    ("workstream_new", None, "ceo", ["name", "description", "is_core", "departments"]),
    ("task_new", None, "ceo", TASK_FIELDS),
    ("gate_recommend", "select_gate", "sales.manager", ["advice", "reason"]),
    ("criterion_new", "select_gate", "ceo", ["text", "confirmer"]),
    ("notification_preferences", "", "member1", ["email_reminders", "email_digest"]),
    ("vendor_new", None, "sel.senior", VENDOR_FIELDS),
    ("selection_weights", None, "sel.senior",
     ["company", "product", "implementation", "service", "price", "price_cap"]),
    ("negotiation", None, "sel.negotiator",
     ["vendor", "kind", "text", "price_per_user_year", "final"]),
    ("selection_recommend", None, "sel.senior", ["vendor", "reasoning"]),
    ("scorecard", None, "sel.it", ["score_1_1", "score_2_3", "score_x_1", "action"]),
]  # fmt: skip


@pytest.fixture
def ctx(demo, crm, pilot) -> dict[str, Any]:
    from tests.test_authorization_matrix import matrix_context

    return matrix_context(demo, crm, pilot)


@pytest.mark.parametrize(("name", "target", "who", "names"), OTHER_FORMS)
@settings(FUZZ, max_examples=12)
@given(data=st.data())
def test_every_other_form(client, demo, crm, ctx, name, target, who, names, data):
    values = data.draw(fields(*names))
    if target == "":
        kwargs: dict[str, int] = {}
    elif target is None:
        kwargs = {"rollout_pk": crm.pk}
    else:
        kwargs = {"rollout_pk": crm.pk, "pk": ctx[target].pk}
    client.force_login(demo[who])
    assert post(client, reverse(name, kwargs=kwargs), values) < 500


@FUZZ
@given(content=st.binary(max_size=2000), filename=st.sampled_from(["t.xlsx", "t.csv", "x"]))
def test_the_task_import_upload(client, demo, crm, content, filename):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(demo["ceo"])
    upload = SimpleUploadedFile(filename, content)
    assert post(client, reverse("tasks_import", args=[crm.pk]), {"file": upload}) < 500
