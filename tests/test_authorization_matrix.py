"""Every URL, as anonymous and as each role: the answer each one must get, and no GET
writes a row whoever asks.

A new URL pattern without an entry in EXPECTED fails `test_every_url_has_an_expectation`,
so nobody can add a page and forget to decide who may reach it."""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from api.services import api_token_create
from chat.models import ChatChannel
from core.sealed import seal
from demo.keys import demo_task, demo_workstream
from discussion.models import Comment
from gates.models import DecisionCondition, Gate, GateCriterion
from goals.models import GoalTarget
from notifications.models import Notification
from risks.models import Risk
from roles.models import Department, RoleAssignment
from rollout.models import CalendarDay
from selection.models import Criterion
from staffing.models import Commitment, StaffingRequest
from tests.database_writes import nothing_written
from webhooks.models import WebhookEndpoint
from webhooks.signing import secret_new
from work.improvements import ImprovementItem
from work.models import Evidence, Objective, TaskLog
from work.walls import Handoff, OldWayRetirement

pytestmark = pytest.mark.django_db

WHO = [
    "anonymous", "ceo", "sales.manager", "member1", "sel.it", "sel.senior", "sel.finance",
    "pilot.member", "admin",
]  # fmt: skip
LOGIN = "login"  # shorthand: a redirect to the sign-in page


@dataclass(frozen=True)
class Case:
    method: str
    kwargs: Callable[[dict[str, Any]], dict[str, Any]]
    expect: dict[str, int | str]
    # POST data, or a function of the context for data that names demo objects.
    data: dict[str, str] | Callable[[dict[str, Any]], dict[str, Any]] | None = None
    # A query string for a GET (filters, a search), "?..." or empty.
    query: str = ""

    def post_data(self, ctx: dict[str, Any]) -> dict[str, Any]:
        return self.data(ctx) if callable(self.data) else (self.data or {})


def everyone(status: int | str, anonymous: int | str = LOGIN) -> dict[str, int | str]:
    return {who: (anonymous if who == "anonymous" else status) for who in WHO}


def in_crm(status: int | str, *, outsider: int = 404) -> dict[str, int | str]:
    """Answers on the demo CRM rollout: pilot.member holds no role there."""
    return {**everyone(status), "pilot.member": outsider}


def crm(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"rollout_pk": ctx["crm"].pk}


def comment_on(kind: str, key: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    return lambda ctx: {"rollout_pk": ctx["crm"].pk, "kind": kind, "target_pk": ctx[key].pk}


def pilot(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"rollout_pk": ctx["pilot"].pk}


def member2_role(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"rollout_pk": ctx["crm"].pk, "pk": ctx["member2_assignment"].pk}


def calendar_day(ctx: dict[str, Any]) -> dict[str, Any]:
    """A day of the rollout's working calendar (the mainland China calendar in the demo)."""
    day = CalendarDay.objects.filter(calendar__rollouts=ctx["crm"]).earliest("pk")
    return {"rollout_pk": ctx["crm"].pk, "pk": day.pk}


def own_notification(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"pk": ctx["member1_notification"].pk}


def none(ctx: dict[str, Any]) -> dict[str, Any]:
    return {}


def crm_object(key: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    return lambda ctx: {"rollout_pk": ctx["crm"].pk, "pk": ctx[key].pk}


def only(who: dict[str, int | str], outsider: int = 404, **answers: int) -> dict[str, int | str]:
    """Everyone in the CRM rollout gets 403 except those named; pilot.member gets 404."""
    return {**everyone(403), "pilot.member": outsider, **answers}


def api_in_crm(status: int) -> dict[str, int | str]:
    """An API answer on the CRM: anonymous callers get 401 (no redirect to a page)."""
    return {**in_crm(status), "anonymous": 401}


def api_only(**answers: int) -> dict[str, int | str]:
    return {**only({}, **answers), "anonymous": 401}


def api_crm(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"pk": ctx["crm"].pk}


def api_object(key: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """An API address names the object alone (/api/tasks/<pk>/), not its rollout."""
    return lambda ctx: {"pk": ctx[key].pk}


MANAGER = "sales.manager"
# The senior-management seat leads the selection: vendors, weights, opening and reopening.
SENIOR = "sel.senior"
# The finance seat keeps the cost-benefit and the department hourly rates.
FINANCE = "sel.finance"


# name -> cases. Each case: method, URL kwargs, expected status (or LOGIN) per person.
EXPECTED: dict[str, list[Case]] = {
    "healthz": [Case("GET", none, everyone(200, anonymous=200))],
    # Each person's own secret addresses (tests/feeds): the page and making new ones.
    "feeds:feeds": [Case("GET", none, everyone(200))],
    "feeds:feeds_regenerate": [
        Case("GET", none, everyone(405, anonymous=405)),
        Case("POST", none, everyone(302)),
    ],
    # The feeds answer by the key in the address, never the session: a key nobody holds is
    # 404 for everyone (tests/feeds: a person's own key, a replaced one, another rollout).
    "feeds:person_feed": [Case("GET", lambda ctx: {"key": "k" * 43}, everyone(404, anonymous=404))],
    "feeds:rollout_feed": [
        Case(
            "GET",
            lambda ctx: {"key": "k" * 43, "pk": ctx["crm"].pk},
            everyone(404, anonymous=404),
        )
    ],
    "gates:home": [Case("GET", none, everyone(200))],
    # The person's own roles, whoever they are (an administrator may hold none).
    "gates:role_panel": [Case("GET", none, everyone(200))],
    # Off unless the bench turns it on (ROLLOUT_REFERENCE_PAGE): see tests/test_reference_page.py.
    "reference": [Case("GET", none, everyone(404))],
    "roles:login": [Case("GET", none, {**everyone(302), "anonymous": 200})],
    "roles:logout": [
        Case("GET", none, everyone(405, anonymous=405)),
        Case("POST", none, everyone(302, anonymous=302)),
    ],
    "roles:password_change": [Case("GET", none, everyone(200))],
    "roles:password_change_done": [Case("GET", none, everyone(200))],
    "roles:language_set": [
        Case("GET", none, everyone(405, anonymous=405)),
        Case("POST", none, everyone(302, anonymous=302), {"language": "zh-hans"}),
    ],
    # OIDC sign-in: public addresses, 404 while OIDC is off (as here); with it on, see
    # tests/sso/test_oidc_sign_in.py.
    "sso:oidc_authenticate": [Case("GET", none, everyone(404, anonymous=404))],
    "sso:oidc_callback": [Case("GET", none, everyone(404, anonymous=404))],
    "roles:catalogue_index": [Case("GET", none, everyone(200))],
    "roles:catalogue_role": [Case("GET", lambda ctx: {"role": "manager"}, everyone(200))],
    "roles:person_profile": [
        Case("GET", lambda ctx: {"pk": ctx["demo"]["member1"].pk}, in_crm(200)),
        Case(
            "GET",
            lambda ctx: {"pk": ctx["demo"]["pilot.member"].pk},
            {**everyone(404), "pilot.member": 200, "admin": 200},
        ),
    ],
    "gates:search": [
        Case("GET", crm, in_crm(200)),
        Case("GET", crm, in_crm(200), query="?q=%E5%AE%A2%E6%88%B7"),
        Case("GET", pilot, {**everyone(404), "pilot.member": 200, "admin": 200}),
    ],
    # The goal: everyone in the rollout reads it; the executive writes the goal and sets or
    # changes targets; a target's owner (sales.manager: lead-to-order days) and the
    # executive record its values; whoever records some target's values may import them.
    # Empty forms: 400, once past the permission check.
    "goals:goal": [
        Case("GET", crm, in_crm(200)),
        Case("GET", pilot, {**everyone(404), "pilot.member": 200, "admin": 200}),
    ],
    "goals:goal_text": [
        Case("GET", crm, everyone(405, anonymous=405)),
        Case("POST", crm, only({}, ceo=400, admin=400)),
    ],
    "goals:target_new": [Case("POST", crm, only({}, ceo=400, admin=400))],
    "goals:target_edit": [
        Case("GET", crm_object("lead_target"), only({}, ceo=200, admin=200)),
        Case("POST", crm_object("lead_target"), only({}, ceo=400, admin=400)),
    ],
    "goals:actual_new": [
        Case("POST", crm_object("lead_target"), only({}, ceo=400, admin=400, **{MANAGER: 400}))
    ],
    "goals:actuals_import": [
        Case("GET", crm, only({}, ceo=200, admin=200, **{MANAGER: 200})),
        Case("POST", crm, only({}, ceo=400, admin=400, **{MANAGER: 400})),
    ],
    # After go-live: everyone in the rollout reads the adoption measures and the benefits;
    # the executive defines measures; the executive and the departments' managers record and
    # import values; the finance seat and the executive record the realised benefit.
    # Empty forms: 400, once past the permission check.
    "goals:adoption": [Case("GET", crm, in_crm(200))],
    "goals:measure_new": [Case("POST", crm, only({}, ceo=400, admin=400))],
    "goals:adoption_value_new": [Case("POST", crm, only({}, ceo=400, admin=400, **{MANAGER: 400}))],
    "goals:adoption_import": [
        Case("GET", crm, only({}, ceo=200, admin=200, **{MANAGER: 200})),
        Case("POST", crm, only({}, ceo=400, admin=400, **{MANAGER: 400})),
    ],
    "gates:benefits": [Case("GET", crm, in_crm(200))],
    "gates:benefit_record": [Case("POST", crm, only({}, ceo=400, admin=400, **{FINANCE: 400}))],
    "gates:rollout_detail": [
        Case("GET", crm, in_crm(200)),
        Case("GET", pilot, {**everyone(404), "pilot.member": 200, "admin": 200}),
    ],
    "roles:team": [
        Case("GET", crm, in_crm(200)),
        Case("GET", pilot, {**everyone(404), "pilot.member": 200, "admin": 200}),
    ],
    "roles:team_assign": [
        Case("GET", crm, everyone(405, anonymous=405)),
        # An empty form: 400 (invalid) proves the person got past the permission check.
        # sales.manager heads Sales in the company, so may name Sales' middle manager.
        Case("POST", crm, {**in_crm(403), "ceo": 400, "admin": 400, MANAGER: 400}),
        Case("POST", pilot, {**everyone(404), "pilot.member": 403, "admin": 400}),
        # Naming a department's middle manager on a rollout: only an administrator or the
        # department's head (who must be in the rollout). The CRM's executive, and the head
        # of another department, are refused with the form's errors (400).
        Case(
            "POST",
            crm,
            {**in_crm(403), "ceo": 400, "admin": 302, MANAGER: 400},
            lambda ctx: {
                "person": ctx["demo"]["sel.negotiator"].pk,
                "role": "manager",
                "department": ctx["legal"].pk,
            },
        ),
        Case(
            "POST",
            pilot,
            {**everyone(404), "pilot.member": 403, "admin": 302},
            lambda ctx: {
                "person": ctx["demo"]["member2"].pk,
                "role": "manager",
                "department": ctx["demo"]["member2"].department.pk,
            },
        ),
    ],
    "work:my_tasks": [
        Case("GET", crm, in_crm(200)),
        Case("GET", crm, in_crm(200), query="?status=open&sort=-due&core=yes"),
    ],
    "work:task_detail": [Case("GET", crm_object("member1_task"), in_crm(200))],
    # An empty log form: 400, shown again with the reason, once past the permission check.
    "work:task_log": [Case("POST", crm_object("member1_task"), only({}, member1=400))],
    # Not confirmed: the confirmation page (200), nothing claimed.
    "work:task_claim": [Case("POST", crm_object("member1_task"), only({}, member1=200))],
    "work:task_verify": [Case("POST", crm_object("claimed_task"), only({}, **{MANAGER: 302}))],
    "work:task_send_back": [Case("POST", crm_object("claimed_task"), only({}, **{MANAGER: 400}))],
    # An empty choice: 302 back with the message, once past the permission check.
    "work:task_depend": [
        Case("POST", crm_object("member1_task"), only({}, ceo=302, admin=302, **{MANAGER: 302}))
    ],
    # Editing what was planned: the task's and the objective's department's planners (the
    # executive, Sales' manager for Sales' work); a workstream crossing other departments,
    # the executive only. An empty form: 400, once past the permission check.
    "work:task_edit": [
        Case("GET", crm_object("member1_task"), only({}, ceo=200, admin=200, **{MANAGER: 200})),
        Case("POST", crm_object("member1_task"), only({}, ceo=400, admin=400, **{MANAGER: 400})),
    ],
    "work:objective_edit": [
        Case("GET", crm_object("sales_objective"), only({}, ceo=200, admin=200, **{MANAGER: 200})),
        Case("POST", crm_object("sales_objective"), only({}, ceo=400, admin=400, **{MANAGER: 400})),
    ],
    "work:workstream_edit": [
        Case("GET", crm_object("shared_workstream"), only({}, ceo=200, admin=200)),
        Case("POST", crm_object("shared_workstream"), only({}, ceo=400, admin=400)),
    ],
    # The walls: everyone in the rollout reads them; the executive and the manager of a
    # department lead to order crosses (Sales) change them, an old way's owner (member1)
    # marks it retired. Empty forms: 400; an empty state: 302 back with the reason.
    "work:walls": [Case("GET", crm, in_crm(200))],
    "work:handoff_new": [
        Case("GET", crm_object("lead_to_order"), only({}, ceo=200, admin=200, **{MANAGER: 200})),
        Case("POST", crm_object("lead_to_order"), only({}, ceo=400, admin=400, **{MANAGER: 400})),
    ],
    "work:old_way_new": [
        Case("GET", crm_object("lead_to_order"), only({}, ceo=200, admin=200, **{MANAGER: 200})),
        Case("POST", crm_object("lead_to_order"), only({}, ceo=400, admin=400, **{MANAGER: 400})),
    ],
    "work:handoff_edit": [
        Case("GET", crm_object("handoff"), only({}, ceo=200, admin=200, **{MANAGER: 200})),
        Case("POST", crm_object("handoff"), only({}, ceo=400, admin=400, **{MANAGER: 400})),
    ],
    "work:handoff_state": [
        Case("POST", crm_object("handoff"), only({}, ceo=302, admin=302, **{MANAGER: 302}))
    ],
    "work:old_way_edit": [
        Case("GET", crm_object("member1_old_way"), only({}, ceo=200, admin=200, **{MANAGER: 200})),
        Case("POST", crm_object("member1_old_way"), only({}, ceo=400, admin=400, **{MANAGER: 400})),
    ],
    "work:old_way_retire": [
        Case(
            "POST",
            crm_object("member1_old_way"),
            only({}, ceo=302, admin=302, member1=302, **{MANAGER: 302}),
        )
    ],
    # The improvement backlogs: everyone in the rollout reads them; the executive and a
    # middle manager add items (to their own department), the department's manager (Sales:
    # member1's item) edits them, and only the owner (member1) moves one. Empty forms: 400;
    # an empty status: 302 back with the reason.
    "work:backlog": [Case("GET", crm, in_crm(200))],
    "work:improvement_new": [
        Case("GET", crm, only({}, ceo=200, admin=200, **{MANAGER: 200})),
        Case("POST", crm, only({}, ceo=400, admin=400, **{MANAGER: 400})),
    ],
    "work:improvement_edit": [
        Case(
            "GET", crm_object("member1_improvement"), only({}, ceo=200, admin=200, **{MANAGER: 200})
        ),
        Case(
            "POST",
            crm_object("member1_improvement"),
            only({}, ceo=400, admin=400, **{MANAGER: 400}),
        ),
    ],
    "work:improvement_status": [
        Case("POST", crm_object("member1_improvement"), only({}, member1=302))
    ],
    "work:log_correct": [Case("POST", crm_object("member1_log"), only({}, member1=400))],
    "work:evidence_download": [Case("GET", crm_object("evidence"), in_crm(200))],
    "work:board": [
        Case("GET", crm, only({}, ceo=200, admin=200, **{MANAGER: 200})),
        # Filtered, sorted and as a Kanban: the same answers.
        Case(
            "GET",
            crm,
            only({}, ceo=200, admin=200, **{MANAGER: 200}),
            query="?view=kanban&status=claimed&overdue=on&sort=title&department=x",
        ),
    ],
    # Nothing selected: 302 back to the board with the message, once past the check.
    "work:tasks_bulk": [
        Case("GET", crm, everyone(405, anonymous=405)),
        Case("POST", crm, only({}, ceo=302, admin=302, **{MANAGER: 302})),
        Case("POST", pilot, {**everyone(404), "pilot.member": 403, "admin": 302}),
    ],
    "work:progress": [Case("GET", crm, in_crm(200))],
    "work:plan": [
        Case("GET", crm, only({}, ceo=200, admin=200, **{MANAGER: 200})),
        Case(
            "GET",
            crm,
            only({}, ceo=200, admin=200, **{MANAGER: 200}),
            query="?assignee=1&workstream=999999&sort=priority",
        ),
    ],
    "work:objective_new": [Case("POST", crm, only({}, ceo=400, admin=400, **{MANAGER: 400}))],
    "work:workstream_new": [Case("POST", crm, only({}, ceo=400, admin=400, **{MANAGER: 400}))],
    "work:task_new": [Case("POST", crm, only({}, ceo=400, admin=400, **{MANAGER: 400}))],
    # Every member reads the register; the executive and middle managers add risks (an empty
    # form: 400); the executive and a risk's owner edit it; only the executive marks the
    # register reviewed (the note may be empty: 302).
    "risks:risks": [
        Case("GET", crm, in_crm(200)),
        Case("GET", pilot, {**everyone(404), "pilot.member": 200, "admin": 200}),
    ],
    "risks:risk_new": [Case("POST", crm, only({}, ceo=400, admin=400, **{MANAGER: 400}))],
    "risks:starters_add": [Case("POST", crm, only({}, ceo=400, admin=400, **{MANAGER: 400}))],
    "risks:review_record": [Case("POST", crm, only({}, ceo=302, admin=302))],
    "risks:risk_edit": [
        Case("GET", crm_object("member1_risk"), only({}, ceo=200, admin=200, member1=200)),
        Case("POST", crm_object("member1_risk"), only({}, ceo=400, admin=400, member1=400)),
    ],
    "work:quality_reviews": [
        Case("GET", crm, only({}, ceo=200, admin=200, member1=200, **{MANAGER: 200}))
    ],
    "work:quality_review_new": [Case("POST", crm, only({}, admin=400, **{MANAGER: 400}))],
    "notifications:notifications": [Case("GET", none, everyone(200))],
    # One notification, named by its id: none named, or text that is no id, is a 404 and
    # marks nothing (it once marked them all).
    "notifications:notifications_read": [
        Case("GET", none, everyone(405, anonymous=405)),
        Case("POST", none, everyone(404)),
        Case("POST", none, everyone(404), {"notification": "²"}),
    ],
    # Opens one's own notification (marked read); anyone else's is a 404.
    "notifications:notification_open": [
        Case("GET", own_notification, everyone(405, anonymous=405)),
        Case("POST", own_notification, {**everyone(404), "member1": 302}),
    ],
    "notifications:notifications_read_all": [
        Case("GET", none, everyone(405, anonymous=405)),
        Case("POST", none, everyone(302)),
    ],
    "notifications:notification_preferences": [Case("POST", none, everyone(302))],
    # Each person's own chat ids, for the robots' @-mentions.
    "chat:chat_ids": [Case("GET", none, everyone(200)), Case("POST", none, everyone(302))],
    # Whoever sees a task, a gate or a request comments on it; an empty comment is refused
    # with its page (400), once past the access check.
    "discussion:comment_new": [
        Case("GET", comment_on("task", "member1_task"), everyone(405, anonymous=405)),
        Case("POST", comment_on("task", "member1_task"), in_crm(302), {"body": "Looks fine."}),
        Case("POST", comment_on("gate", "select_gate"), in_crm(302), {"body": "Agreed."}),
        Case(
            "POST",
            comment_on("staffing_request", "sales_request"),
            in_crm(302),
            {"body": "@member1 can you?"},
        ),
        Case("POST", comment_on("task", "member1_task"), in_crm(400), {"body": " "}),
        # A kind of thing nobody comments on is a page that is not there.
        Case("POST", comment_on("vendor", "member1_task"), in_crm(404), {"body": "Hi"}),
    ],
    # Only its author edits or removes a comment; everyone else who sees it gets 403.
    "discussion:comment_edit": [
        Case(
            "POST",
            crm_object("member1_comment"),
            only({}, member1=302),
            {"body": "Second look."},
        )
    ],
    "discussion:comment_remove": [
        Case("POST", crm_object("member1_comment"), only({}, member1=302))
    ],
    "staffing:staffing": [Case("GET", crm, in_crm(200))],
    "staffing:staffing_request_new": [Case("POST", crm, only({}, ceo=400, admin=400))],
    "staffing:staffing_request": [Case("GET", crm_object("sales_request"), in_crm(200))],
    # An empty answer is a decline without a reason: 400 once past the permission check.
    "staffing:staffing_answer": [
        Case("POST", crm_object("sales_request"), only({}, **{MANAGER: 400}))
    ],
    # Only the executive by role replies to a counter-offer: accepted (302), or refused
    # without its reason (400, once past the permission check).
    "staffing:counter_offer_accept": [
        Case("POST", crm_object("counter_request"), only({}, ceo=302))
    ],
    "staffing:counter_offer_refuse": [
        Case("POST", crm_object("counter_request"), only({}, ceo=400))
    ],
    "staffing:commitment_confirm": [
        Case("POST", crm_object("member1_commitment"), only({}, member1=302))
    ],
    "staffing:commitment_conflict": [
        Case("POST", crm_object("member1_commitment"), only({}, member1=400))
    ],
    # Empty forms: 400, shown again with the reason, once past the permission check.
    "staffing:commitment_change": [
        Case("POST", crm_object("member1_commitment"), only({}, **{MANAGER: 400}))
    ],
    "staffing:commitment_pull_back": [
        Case("POST", crm_object("member1_commitment"), only({}, **{MANAGER: 400}))
    ],
    "staffing:fulfilment": [Case("GET", crm, in_crm(200))],
    "staffing:capacity": [Case("GET", crm, only({}, ceo=200, admin=200, **{MANAGER: 200}))],
    "staffing:stance": [Case("GET", crm, only({}, ceo=200, admin=200))],
    "staffing:stance_assess": [Case("POST", crm, only({}, ceo=400, admin=400))],
    # A middle manager's own signals and assessment: theirs only, so only a manager.
    "staffing:stance_mine": [Case("GET", crm, only({}, **{MANAGER: 200}))],
    "staffing:staffing_export": [
        Case("GET", lambda ctx: {"rollout_pk": ctx["crm"].pk, "fmt": "csv"}, in_crm(200))
    ],
    "gates:gates": [Case("GET", crm, in_crm(200))],
    "gates:gate_detail": [Case("GET", crm_object("select_gate"), in_crm(200))],
    # Only the executive by role decides; an administrator is not the executive.
    "gates:gate_decide": [Case("POST", crm_object("select_gate"), only({}, ceo=400))],
    "gates:gate_recommend": [
        Case("POST", crm_object("select_gate"), only({}, **{MANAGER: 400, SENIOR: 400}))
    ],
    # An empty criterion: 400, shown again with the reason, once past the permission check.
    "gates:criterion_new": [Case("POST", crm_object("select_gate"), only({}, ceo=400))],
    "gates:gate_brief": [Case("GET", crm_object("select_gate"), in_crm(200))],
    "gates:criterion_confirm": [Case("POST", crm_object("manual_criterion"), only({}, ceo=302))],
    # Not confirmed: the confirmation page (200), nothing removed.
    "gates:criterion_remove": [Case("POST", crm_object("manual_criterion"), only({}, ceo=200))],
    "gates:condition_met": [
        Case("POST", crm_object("condition"), only({}, ceo=302, **{MANAGER: 302}))
    ],
    "gates:history": [Case("GET", crm, only({}, ceo=200, admin=200))],
    # The rollout's webhooks: its executive (and an administrator) only. An empty endpoint
    # form: 400; a new secret: the page with it (200); the rest: 302 back with the message.
    "webhooks:endpoints": [Case("GET", crm, only({}, ceo=200, admin=200))],
    "webhooks:endpoint_new": [Case("POST", crm, only({}, ceo=400, admin=400))],
    "webhooks:endpoint_rotate": [
        Case("POST", crm_object("crm_endpoint"), only({}, ceo=200, admin=200))
    ],
    "webhooks:endpoint_active": [
        Case("POST", crm_object("crm_endpoint"), only({}, ceo=302, admin=302))
    ],
    "webhooks:endpoint_delete": [
        Case("POST", crm_object("crm_endpoint"), only({}, ceo=302, admin=302))
    ],
    "webhooks:endpoint_test": [
        Case("POST", crm_object("crm_endpoint"), only({}, ceo=302, admin=302))
    ],
    # Everyone in the rollout reads its timeline, as they read its progress.
    "gates:timeline": [
        Case("GET", crm, in_crm(200)),
        Case("GET", pilot, {**everyone(404), "pilot.member": 200, "admin": 200}),
    ],
    # Everyone in the rollout reads its calendar. The demo's calendar is shared with the
    # pilot, whose executive the ceo is not: only an administrator changes it (an empty
    # form: 400; the remove: 302 back with the message).
    "rollout:working_calendar": [Case("GET", crm, in_crm(200))],
    "rollout:calendar_day_new": [Case("POST", crm, only({}, admin=400))],
    "rollout:calendar_known_until": [Case("POST", crm, only({}, admin=400))],
    "rollout:calendar_day_remove": [Case("POST", calendar_day, only({}, admin=302))],
    # A day's change: its form (GET), an empty form refused (400). Loading from the
    # package goes back to the page (302); an import without a file is refused (400).
    "rollout:calendar_day_edit": [
        Case("GET", calendar_day, only({}, admin=200)),
        Case("POST", calendar_day, only({}, admin=400)),
    ],
    "rollout:calendar_load_chinese": [Case("POST", crm, only({}, admin=302))],
    "rollout:calendar_import": [Case("POST", crm, only({}, admin=400))],
    # Everyone in the rollout may take its calendar into their own calendar program.
    "rollout:calendar_export": [Case("GET", crm, in_crm(200))],
    # The rollout's chat robots are its executive's (and the administrators').
    "chat:channels": [
        Case("GET", crm, only({}, ceo=200, admin=200)),
        Case("POST", crm, only({}, ceo=400, admin=400)),
    ],
    "chat:channel_edit": [
        Case("GET", crm_object("chat_channel"), only({}, ceo=200, admin=200)),
        Case("POST", crm_object("chat_channel"), only({}, ceo=400, admin=400)),
    ],
    "chat:channel_test": [Case("POST", crm_object("chat_channel"), only({}, ceo=302, admin=302))],
    "chat:channel_delete": [Case("POST", crm_object("chat_channel"), only({}, ceo=302, admin=302))],
    "selection:selection": [
        Case("GET", crm, in_crm(200)),
        # The pilot has scored nothing: its selection is as rollout_create set it up.
        Case("GET", pilot, {**everyone(404), "pilot.member": 200, "admin": 200}),
    ],
    # Vendors, weights, opening, reopening and recommending belong to the senior-management
    # seat (vendors to the negotiator's too, a seat the matrix's people do not hold): only
    # sel.senior gets past the check; everyone else here is refused.
    "selection:vendor_new": [Case("POST", crm, only({}, **{SENIOR: 400}))],
    "selection:selection_weights": [Case("POST", crm, only({}, **{SENIOR: 400}))],
    "selection:scoring_open": [Case("POST", crm, only({}, **{SENIOR: 302}))],
    # Allowed, but an empty form names no member to reopen: 404.
    "selection:scores_reopen": [Case("POST", crm, only({}, **{SENIOR: 404}))],
    "selection:selection_recommend": [Case("POST", crm, only({}, **{SENIOR: 400}))],
    "selection:scorecard": [
        Case("GET", crm, only({}, **{"sel.it": 200, SENIOR: 200, FINANCE: 200}))
    ],
    # Not confirmed: the scorecard with the question open (200), nothing submitted. Confirmed,
    # both have submitted already: the scorecard again, with the reason (a refused form).
    "selection:scores_submit": [
        Case("POST", crm, only({}, **{"sel.it": 200, SENIOR: 200, FINANCE: 200})),
        Case(
            "POST", crm, only({}, **{"sel.it": 400, SENIOR: 400, FINANCE: 400}), {"confirm": "yes"}
        ),
    ],
    "selection:selection_results": [
        Case("GET", crm, in_crm(200)),
        # Nobody has submitted on the pilot: its results are hidden from everyone in it.
        Case("GET", pilot, {**everyone(404), "pilot.member": 403, "admin": 403}),
    ],
    "selection:cost_benefit": [Case("GET", crm, in_crm(200))],
    "selection:negotiation": [Case("GET", crm, in_crm(200))],
    # The hourly rates: read by whoever reads the results (all, scoring being closed); set
    # by the finance seat and an administrator (an empty form: 400, past the check).
    "selection:department_rates": [
        Case("GET", crm, in_crm(200)),
        Case("POST", crm, only({}, **{FINANCE: 400, "admin": 400})),
        Case(
            "POST",
            crm,
            only({}, **{FINANCE: 302, "admin": 302}),
            lambda ctx: {
                "department": ctx["demo"]["sales.manager"].department_id,
                "hourly_rate": "1",
            },
        ),
    ],
    # The criteria: read by everyone in the rollout; edited by the senior seat until the
    # weights lock. The demo's are locked: an empty form is 400, a removal is refused
    # with the reason (302 back to the page).
    "selection:criteria": [
        Case("GET", crm, in_crm(200)),
        Case("POST", crm, only({}, **{SENIOR: 400})),
    ],
    "selection:criterion_edit": [Case("POST", crm_object("criterion"), only({}, **{SENIOR: 400}))],
    "selection:criterion_remove": [
        Case("POST", crm_object("criterion"), only({}, **{SENIOR: 302}))
    ],
    "selection:selection_export": [
        Case("GET", lambda ctx: {"rollout_pk": ctx["crm"].pk, "fmt": "xlsx"}, in_crm(200))
    ],
    "roles:team_end": [
        Case("GET", member2_role, everyone(405, anonymous=405)),
        Case("POST", member2_role, {**in_crm(403), "ceo": 302, "admin": 302}),
        # The Sales middle manager's role: the executive, an administrator, or the head of
        # Sales (sales.manager themself) may end it.
        Case(
            "POST",
            crm_object("sales_manager_assignment"),
            {**in_crm(403), "ceo": 302, "admin": 302, MANAGER: 302},
        ),
    ],
    "work:tasks_export": [
        Case("GET", lambda ctx: {"rollout_pk": ctx["crm"].pk, "fmt": "csv"}, in_crm(200))
    ],
    "work:logs_export": [
        Case("GET", lambda ctx: {"rollout_pk": ctx["crm"].pk, "fmt": "csv"}, in_crm(200))
    ],
    "work:import_template": [Case("GET", crm, only({}, ceo=200, admin=200, **{MANAGER: 200}))],
    "work:tasks_import": [
        Case("GET", crm, only({}, ceo=200, admin=200, **{MANAGER: 200})),
        # No file chosen: 400 (the form's error) proves the person got past the check.
        Case("POST", crm, only({}, ceo=400, admin=400, **{MANAGER: 400})),
    ],
}

# The JSON API (tests/api): the same people may do the same as on the pages, by token or
# (here) the session; anonymous callers get a 401 problem. Empty bodies: 400 once past the
# access check. A claim (member1's) and a verification (Sales' manager) go through: 200.
EXPECTED |= {
    "api:docs": [Case("GET", none, everyone(200))],
    "api:schema": [Case("GET", none, everyone(200, anonymous=401))],
    "api:rollouts": [Case("GET", none, everyone(200, anonymous=401))],
    "api:rollout": [Case("GET", api_crm, api_in_crm(200))],
    "api:rollout_tasks": [Case("GET", api_crm, api_in_crm(200))],
    "api:rollout_commitments": [Case("GET", api_crm, api_in_crm(200))],
    "api:rollout_staffing_requests": [Case("GET", api_crm, api_in_crm(200))],
    "api:rollout_gates": [Case("GET", api_crm, api_in_crm(200))],
    "api:task": [Case("GET", api_object("member1_task"), api_in_crm(200))],
    "api:task_logs": [
        Case("GET", api_object("member1_task"), api_in_crm(200)),
        Case("POST", api_object("member1_task"), api_only(member1=400)),
    ],
    "api:task_claim_done": [Case("POST", api_object("member1_task"), api_only(member1=200))],
    "api:task_verify": [Case("POST", api_object("claimed_task"), api_only(**{MANAGER: 200}))],
    "api:task_send_back": [Case("POST", api_object("claimed_task"), api_only(**{MANAGER: 400}))],
    # member1's demo commitment is confirmed already: 409 (its state), past the access check.
    "api:commitment_confirm": [
        Case("POST", api_object("member1_commitment"), api_only(member1=409))
    ],
    "api:staffing_request_answer": [
        Case("POST", api_object("sales_request"), api_only(**{MANAGER: 400}))
    ],
    # Each person's own tokens: the page, making one (an empty form: 400), revoking one
    # (member1's: anyone else's is 404, not theirs to know of).
    "api:tokens": [Case("GET", none, everyone(200))],
    "api:token_create": [
        Case("GET", none, everyone(405, anonymous=405)),
        Case("POST", none, everyone(400)),
    ],
    "api:token_revoke": [
        Case("POST", api_object("member1_api_token"), {**everyone(404), "member1": 302})
    ],
}

# URL names outside the matrix, each with the reason.
NOT_IN_MATRIX = {
    # Django's admin checks is_staff itself; tested in test_admin_access.py.
    "admin",
}


def named_patterns(resolver: URLResolver | None = None, prefix: str = "") -> set[str]:
    names: set[str] = set()
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace in NOT_IN_MATRIX:
                continue
            inner = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            names |= named_patterns(entry, inner)
        elif isinstance(entry, URLPattern):
            names.add(f"{prefix}{entry.name}" if entry.name else f"<unnamed {entry.pattern}>")
    return names


def test_every_url_has_an_expectation():
    assert named_patterns() == set(EXPECTED)


def matrix_context(demo, crm, pilot) -> dict[str, Any]:
    member1_task = demo_task(crm, "customer_fields")
    member1_log = TaskLog.objects.filter(member=demo["member1"]).earliest("pk")
    evidence = Evidence.objects.create(
        log=member1_log,
        file=ContentFile(b"minutes", name="minutes.txt"),
        original_name="minutes.txt",
        content_type="text/plain",
        size=7,
    )
    return {
        "demo": demo,
        "crm": crm,
        "pilot": pilot,
        "member2_assignment": RoleAssignment.objects.get(rollout=crm, person=demo["member2"]),
        "sales_manager_assignment": RoleAssignment.objects.get(
            rollout=crm, person=demo["sales.manager"], role="manager"
        ),
        "legal": Department.objects.get(code="legal"),
        "chat_channel": ChatChannel.objects.create(
            rollout=crm,
            platform="wecom",
            name="CRM group",
            webhook_sealed=seal("http://127.0.0.1:9/"),
        ),
        "member1_task": member1_task,
        "lead_target": GoalTarget.objects.get(rollout=crm, measure__startswith="Lead-to-order"),
        "sales_objective": Objective.objects.get(rollout=crm, department__code="sales"),
        "shared_workstream": demo_workstream(crm, "customer_master_data"),
        "lead_to_order": demo_workstream(crm, "lead_to_order"),
        "handoff": Handoff.objects.filter(workstream__rollout=crm).earliest("pk"),
        "member1_old_way": OldWayRetirement.objects.get(
            workstream__rollout=crm, owner=demo["member1"]
        ),
        "member1_improvement": ImprovementItem.objects.get(rollout=crm, owner=demo["member1"]),
        "claimed_task": demo_task(crm, "cleanup_batch1"),
        "member1_log": member1_log,
        "evidence": evidence,
        "sales_request": StaffingRequest.objects.create(
            rollout=crm,
            department=demo["sales.manager"].department,
            requested_by=demo["ceo"],
            purpose="training",
            hours_per_week=4,
            start_date=member1_log.work_date,
            end_date=member1_log.work_date,
        ),
        "member1_commitment": Commitment.objects.get(person=demo["member1"]),
        # The demo's IT counter-offer (36 of the 40 hours asked), waiting for the executive.
        "counter_request": StaffingRequest.objects.get(rollout=crm, status="partial"),
        "select_gate": Gate.objects.get(rollout=crm, key="select"),
        "criterion": Criterion.objects.filter(rollout=crm).earliest("pk"),
        "manual_criterion": GateCriterion.objects.get(
            gate__rollout=crm, gate__key="select", kind="manual"
        ),
        "condition": DecisionCondition.objects.get(decision__gate__rollout=crm),
        "member1_comment": Comment.objects.create(
            rollout=crm,
            target_kind="task",
            target_id=member1_task.pk,
            author=demo["member1"],
            body="First look.",
        ),
        "member1_risk": Risk.objects.create(
            rollout=crm,
            title="Data clean-up slips",
            owner=demo["member1"],
            likelihood=3,
            impact=3,
            created_by=demo["ceo"],
        ),
        "crm_endpoint": WebhookEndpoint.objects.create(
            rollout=crm,
            url="https://hooks.example.com/rollout",
            secret_sealed=seal(secret_new()),
            created_by=demo["ceo"],
        ),
        # Unread, so marking it read (or, wrongly, all of them) is a change to see.
        "member1_notification": Notification.objects.create(
            recipient=demo["member1"], text="A task is due.", url="/"
        ),
        "member1_api_token": api_token_create(by=demo["member1"], name="Matrix").row,
    }


def answer(
    client: Any, demo: dict[str, Any], ctx: dict[str, Any], name: str, case: Case, who: str
) -> int | str:
    """What `who` gets from one case, the case's writes undone (a savepoint rolled back), so
    every case meets the same prepared state however many ran before it."""
    with transaction.atomic():
        if who == "anonymous":
            client.logout()
        else:
            client.force_login(demo[who])  # inside: a logout case must not sign the next out
        url = reverse(name, kwargs=case.kwargs(ctx)) + case.query
        if case.method == "POST":
            response = client.post(url, case.post_data(ctx))
        else:
            with nothing_written(f"GET {url} as {who}"):  # no GET writes, whoever asks
                response = client.get(url)
        transaction.set_rollback(True)
    if case.expect[who] == LOGIN and response.status_code == 302:
        # The expectation is "sent to sign in": any other redirect is a wrong answer.
        location = str(response["Location"])
        return LOGIN if location.startswith(reverse("roles:login")) else location
    return int(response.status_code)


@pytest.mark.parametrize("who", WHO)
def test_every_url_answers_each_person_as_expected(client, demo, crm, pilot, who):
    """Table-driven over one prepared state: every case of EXPECTED as `who`; all the wrong
    answers are listed at once."""
    ctx = matrix_context(demo, crm, pilot)
    wrong = []
    for name, cases in EXPECTED.items():
        for index, case in enumerate(cases):
            got = answer(client, demo, ctx, name, case, who)
            if got != case.expect[who]:
                wrong.append(
                    f"{name}[{index}] {case.method}: expected {case.expect[who]}, got {got}"
                )
    assert not wrong, "wrong answers for " + who + ":\n" + "\n".join(wrong)


def test_member1_gets_404_on_every_url_of_a_rollout_they_are_not_in(client, demo, crm, pilot):
    ctx = {**matrix_context(demo, crm, pilot), "crm": pilot}
    client.force_login(demo["member1"])
    checked = 0
    for name, cases in EXPECTED.items():
        for case in cases:
            kwargs = case.kwargs(ctx)
            if "rollout_pk" not in kwargs or case.expect["member1"] == 405:
                continue
            url = reverse(name, kwargs=kwargs)
            response = client.post(url) if case.method == "POST" else client.get(url)
            assert response.status_code == 404, url
            checked += 1
    assert checked == 164  # every rollout URL member1 could reach, one each


def test_someone_only_committed_to_a_rollout_reaches_what_answering_needs(client, demo, crm, pilot):
    """A person of Sales with no role on the CRM, committed to it by Sales' manager: they
    can open the rollout and answer their commitment (confirm, raise a conflict), and get
    what a seat holder gets on every other URL of it, minus the seat's own pages."""
    from staffing.services import staffing_answer
    from tests.factories import UserFactory

    person = UserFactory.create(department=demo["member1"].department, username="sales.new")
    ctx = matrix_context(demo, crm, pilot)
    staffing_answer(
        by=demo["sales.manager"], request=ctx["sales_request"], people=[(person, Decimal("4"))]
    )
    ctx["member1_commitment"] = Commitment.objects.get(person=person)
    client.force_login(person)
    # Their own commitment: confirmed (302), and the conflict form reached (the matrix posts
    # it empty, so it is refused for its missing reason, 400, and not hidden, 404).
    own = {"staffing:commitment_confirm": 302, "staffing:commitment_conflict": 400}
    seat_only = {"selection:scorecard": 403, "selection:scores_submit": 403}
    checked = 0
    for name, cases in EXPECTED.items():
        for case in cases:
            kwargs = case.kwargs(ctx)
            if kwargs.get("rollout_pk") != crm.pk:
                continue
            expected = {**seat_only, **own}.get(name, case.expect["sel.it"])
            url = reverse(name, kwargs=kwargs)
            response = (
                client.post(url, case.post_data(ctx)) if case.method == "POST" else client.get(url)
            )
            assert response.status_code == expected, (name, response.status_code)
            checked += 1
    assert checked == 158  # every URL of the CRM, one each
