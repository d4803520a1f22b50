"""Requests that must be refused: no CSRF token, the wrong method, another rollout's ids
in URLs and form fields, fields a form does not offer (mass assignment)."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from staffing.models import StaffingRequest
from tests.test_authorization_matrix import EXPECTED, LOGIN, WHO, Case, matrix_context
from work.models import TaskLog, Workstream

pytestmark = pytest.mark.django_db

POST_CASES = [
    (name, index)
    for name, cases in EXPECTED.items()
    for index, case in enumerate(cases)
    if case.method == "POST"
]
REFUSED = (403, 404, LOGIN)
# Cases the matrix's empty form lets nobody through: who posts what to reach the view,
# and the answer then.
REACHING: dict[str, tuple[str, Callable[[dict[str, Any]], dict[str, Any]], int]] = {
    "selection:scores_reopen": (
        "sel.senior",
        lambda ctx: {"member": ctx["demo"]["sel.it"].pk, "reason": "A score was mistyped."},
        302,
    ),
    # Only one's own notification, named by its id, is marked read.
    "notifications:notifications_read": (
        "member1",
        lambda ctx: {"notification": ctx["member1_notification"].pk},
        302,
    ),
}


# A case nobody passes (a URL that names no such thing, say) has no form to protect: the
# token is checked on the same URL's other cases.
CSRF_CASES = [
    (name, index)
    for name, index in POST_CASES
    if name in REACHING
    or any(answer not in REFUSED for answer in EXPECTED[name][index].expect.values())
]


def let_through(name: str, case: Case, ctx: dict[str, Any]) -> tuple[str, dict[str, Any], Any]:
    """(person, data, answer): someone the matrix lets past the permission check."""
    if name in REACHING:
        who, data, answer = REACHING[name]
        return who, data(ctx), answer
    for who in WHO:
        if who != "anonymous" and case.expect[who] not in REFUSED:
            return who, case.post_data(ctx), case.expect[who]
    pytest.fail(f"nobody reaches {name}: add who and what to REACHING")


@pytest.mark.parametrize(("name", "index"), CSRF_CASES)
def test_a_post_without_a_csrf_token_is_refused(demo, crm, pilot, name, index):
    case = EXPECTED[name][index]
    ctx = matrix_context(demo, crm, pilot)
    who, data, answer = let_through(name, case, ctx)
    url = reverse(name, kwargs=case.kwargs(ctx))
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(demo[who])
    strict.get(reverse("gates:home"))  # the CSRF cookie a signed-in browser holds
    assert settings.CSRF_COOKIE_NAME in strict.cookies
    refused = strict.post(url, data)
    assert refused.status_code == 403
    if url.startswith("/api/"):
        # The JSON API answers the browser's session without the token with a problem.
        assert refused.json()["detail"].startswith("CSRF Failed")
    else:
        page = refused.content.decode()
        # The project's CSRF page (templates/403_csrf.html), not a refusal by role.
        assert "This form has expired" in page
        assert "For your safety the form was refused" in page
    # The same post with the token gets through: the refusal above was the token's alone.
    lenient = Client()
    lenient.force_login(demo[who])
    assert lenient.post(url, data).status_code == answer


# Pages that show their form on GET and save it on POST: their GET is the form's page.
FORM_PAGES = {
    "chat:chat_ids",
    "chat:channels",
    "chat:channel_edit",
    "selection:scorecard",
    "selection:cost_benefit",
    "selection:negotiation",
    "work:tasks_import",
    "work:task_edit",
    "work:objective_edit",
    "work:workstream_edit",
    "goals:target_edit",
    "goals:actuals_import",
    "selection:department_rates",
    "selection:criteria",
    "work:handoff_new",
    "work:old_way_new",
    "work:handoff_edit",
    "work:old_way_edit",
    "risks:risk_edit",
    "work:improvement_new",
    "work:improvement_edit",
    "goals:adoption_import",
    "rollout:calendar_day_edit",
    # The API's list of a task's logs; POST adds one.
    "api:task_logs",
}


@pytest.mark.parametrize(
    ("name", "index"), [(name, index) for name, index in POST_CASES if name not in FORM_PAGES]
)
def test_a_state_changing_url_refuses_get(client, demo, crm, pilot, name, index):
    case = EXPECTED[name][index]
    client.force_login(demo["ceo"])
    url = reverse(name, kwargs=case.kwargs(matrix_context(demo, crm, pilot)))
    assert client.get(url).status_code == 405


# The executive plans every department, the sales manager their own: neither reaches a
# task of another rollout.
@pytest.mark.parametrize("planner", ["ceo", "sales.manager"])
def test_another_rollouts_task_as_a_dependency_is_not_found(
    client, demo, crm, member1_task, pilot_task, planner
):
    client.force_login(demo[planner])
    response = client.post(
        reverse("work:task_depend", args=[crm.pk, member1_task.pk]), {"blocker": pilot_task.pk}
    )
    assert response.status_code == 404
    assert not member1_task.blocked_by.exists()


def test_another_rollouts_vendor_in_the_cost_benefit_is_not_found(client, demo, crm, pilot_vendor):
    from selection.models import CostBenefit

    client.force_login(demo["sel.finance"])
    response = client.post(
        reverse("selection:cost_benefit", args=[crm.pk]), {"vendor": pilot_vendor.pk, "years": 5}
    )
    assert response.status_code == 404
    assert not CostBenefit.objects.filter(vendor=pilot_vendor).exists()


def test_extra_fields_on_a_log_are_ignored(client, demo, crm, member1_task):
    task = member1_task
    client.force_login(demo["member1"])
    client.post(
        reverse("work:task_log", args=[crm.pk, task.pk]),
        {
            "work_date": timezone.localdate().isoformat(), "hours": "1", "progress": "10",
            "member": demo["member2"].pk, "status": "verified", "corrects": 1,
        },
    )  # fmt: skip
    log = TaskLog.objects.get(task=task)
    task.refresh_from_db()
    assert (log.member, log.corrects_id, task.status) == (demo["member1"], None, "in_progress")


def test_extra_fields_on_a_staffing_request_are_ignored(client, demo, crm):
    client.force_login(demo["ceo"])
    start = timezone.localdate() + timedelta(days=7)
    before = StaffingRequest.objects.count()
    response = client.post(
        reverse("staffing:staffing_request_new", args=[crm.pk]),
        {
            "department": demo["it.manager"].department_id, "purpose": "testing",
            "hours_per_week": "4", "start_date": start.isoformat(),
            "end_date": (start + timedelta(days=30)).isoformat(), "note": "mass-assignment check",
            "status": "committed", "requested_by": demo["member1"].pk,
        },
    )  # fmt: skip
    assert response.status_code == 302
    assert StaffingRequest.objects.count() == before + 1
    created = StaffingRequest.objects.get(note="mass-assignment check")
    assert (created.rollout, created.status, created.requested_by) == (crm, "waiting", demo["ceo"])


def test_extra_fields_on_the_language_switch_do_not_make_an_administrator(client, demo):
    client.force_login(demo["member1"])
    client.post(
        reverse("roles:language_set"), {"language": "en", "is_superuser": "on", "is_staff": "on"}
    )
    demo["member1"].refresh_from_db()
    assert not demo["member1"].is_superuser
    assert not demo["member1"].is_staff


def test_a_workstream_from_the_form_belongs_to_the_url_rollout(client, demo, crm):
    client.force_login(demo["ceo"])
    client.post(
        reverse("work:workstream_new", args=[crm.pk]),
        {"name": "Quotes", "departments": [demo["sales.manager"].department_id], "rollout": 999},
    )
    assert Workstream.objects.get(name="Quotes").rollout == crm
