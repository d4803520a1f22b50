"""Another rollout's ids in form fields: each form is posted twice with the same valid
data, once with an id from the pilot rollout (refused, nothing written) and once with
the CRM rollout's own id (saved), which shows the refusal is about the id alone."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.db.models import Model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from demo.keys import demo_task, demo_workstream
from gates.models import GateCriterion
from goals.models import GoalTarget
from roles.models import Department, Role, RoleAssignment
from roles.services.assignments import role_assign
from selection.models import NegotiationEntry, Vendor
from staffing.models import StaffingRequest, StanceAssessment
from tests.factories import UserFactory
from tests.work.edit_data import task_posted
from work import services as work
from work.models import Objective, QualityReview, Task, TaskChange, Workstream

pytestmark = pytest.mark.django_db
Data = Callable[[dict[str, Any], bool], dict[str, Any]]


@dataclass(frozen=True)
class Form:
    url: str
    who: str
    counted: type[Model]
    data: Data  # (objects, foreign?) -> POST data
    gate: bool = False  # the URL names the CRM's "select" gate
    edits: str = ""  # the URL names this object of `objects` (an edit form)
    redirects: bool = False  # refuses by redirecting to its page with the error on it


@pytest.fixture
def objects(demo, crm, pilot, pilot_vendor) -> dict[str, Any]:
    """The CRM's own ids, and ids that exist only on the pilot: each foreign one would be
    accepted on the CRM but for its rollout (same department, same kind of role)."""
    sales = demo["sales.manager"].department
    production = Department.objects.get(code="production")
    executive = demo["pilot.lead"]
    # A sales person who is a member of the pilot only: the CRM's sales manager reviews
    # sales members, but not this one.
    pilot_sales_member = UserFactory.create(department=sales, username="pilot.sales")
    role_assign(by=executive, rollout=pilot, person=pilot_sales_member, role=Role.MEMBER)
    # A middle manager on the pilot only, for production: production now owns work on the
    # pilot, not on the CRM.
    pilot_manager = UserFactory.create(department=production, username="pilot.production")
    # An administrator names it: the pilot's executive does not name department managers.
    role_assign(
        by=demo["admin"], rollout=pilot, person=pilot_manager, role=Role.MANAGER,
        department=production,
    )  # fmt: skip
    assert not RoleAssignment.objects.filter(
        rollout=crm, person__in=[pilot_sales_member, pilot_manager]
    ).exists()
    assert not RoleAssignment.objects.filter(
        rollout=crm, role=Role.MANAGER, department=production
    ).exists()
    pilot_workstream = work.workstream_create(by=executive, rollout=pilot, name="Tickets")
    return {
        **demo,
        "crm": crm,
        "crm_workstream": Workstream.objects.filter(rollout=crm).earliest("pk"),
        "pilot_workstream": pilot_workstream,
        "pilot_task": work.task_create(
            by=executive, rollout=pilot, title="Pilot task", workstream=pilot_workstream,
            department_id=sales.pk, assignees=[pilot_sales_member],
            due_date=timezone.localdate(), estimate_hours=Decimal("2"),
        ),
        "member1_task": demo_task(crm, "customer_fields"),
        "lead_to_order": demo_workstream(crm, "lead_to_order"),
        "batch2": demo_task(crm, "cleanup_batch2"),
        "crm_objective": Objective.objects.filter(rollout=crm).earliest("pk"),
        "pilot_objective": Objective.objects.create(
            rollout=pilot, department=production, title="Pilot objective", target="t",
            due_date=timezone.localdate() + timedelta(days=60), created_by=executive,
        ),
        "production": production,
        "pilot_sales_member": pilot_sales_member,
        "pilot_manager": pilot_manager,
        "crm_vendor": Vendor.objects.filter(rollout=crm).earliest("pk"),
        "pilot_vendor": pilot_vendor,
    }  # fmt: skip


def later(days: int) -> str:
    return str(timezone.localdate() + timedelta(days=days))


def task(o: dict[str, Any], field: str, foreign: bool) -> dict[str, Any]:
    own: dict[str, Any] = {
        "assignees": [o["member1"].pk],
        "objective": o["crm_objective"].pk,
        "workstream": o["crm_workstream"].pk,
    }
    other: dict[str, Any] = {
        "assignees": [o["pilot_sales_member"].pk],
        "objective": o["pilot_objective"].pk,
        "workstream": o["pilot_workstream"].pk,
    }
    return {
        "title": "Foreign id check", "description": "", "workstream": o["crm_workstream"].pk,
        "objective": "", "department": o["member1"].department_id, "due_date": later(30),
        "estimate_hours": "2", "priority": 2, "assignees": [o["member1"].pk],
        field: (other if foreign else own)[field],
    }  # fmt: skip


def task_edit(o: dict[str, Any], field: str, foreign: bool) -> dict[str, Any]:
    """Editing member1's task (Sales, waits for nothing): each own value differs from the
    task's, so a save writes one change row."""
    own: dict[str, Any] = {
        "assignees": [o["member2"].pk],
        "objective": "",
        "workstream": o["lead_to_order"].pk,
        "blocked_by": [o["batch2"].pk],
    }
    other: dict[str, Any] = {
        "assignees": [o["pilot_sales_member"].pk],
        "objective": o["pilot_objective"].pk,
        "workstream": o["pilot_workstream"].pk,
        "blocked_by": [o["pilot_task"].pk],
    }
    return task_posted(o["member1_task"], **{field: (other if foreign else own)[field]})


def edit(field: str) -> Form:
    return Form(
        "work:task_edit", "sales.manager", TaskChange, lambda o, f: task_edit(o, field, f),
        edits="member1_task",
    )  # fmt: skip


FORMS = {
    "task assignee": Form("work:task_new", "ceo", Task, lambda o, f: task(o, "assignees", f)),
    "task objective": Form("work:task_new", "ceo", Task, lambda o, f: task(o, "objective", f)),
    "task workstream": Form("work:task_new", "ceo", Task, lambda o, f: task(o, "workstream", f)),
    "task edit assignee": edit("assignees"),
    "task edit objective": edit("objective"),
    "task edit workstream": edit("workstream"),
    "task edit dependency": edit("blocked_by"),
    "objective department": Form(
        "work:objective_new", "ceo", Objective,
        lambda o, f: {"title": "Foreign id check", "target": "t", "due_date": later(40),
                      "department": (o["production"] if f else o["member1"].department).pk},
    ),
    "staffing request department": Form(
        "staffing:staffing_request_new", "ceo", StaffingRequest,
        lambda o, f: {"department": (o["production"] if f else o["member1"].department).pk,
                      "purpose": "training", "hours_per_week": "2", "start_date": later(7),
                      "end_date": later(21), "note": ""},
    ),
    "review member": Form(
        "work:quality_review_new", "sales.manager", QualityReview,
        lambda o, f: {"member": (o["pilot_sales_member"] if f else o["member2"]).pk,
                      "period": timezone.localdate().strftime("%Y-%m"), "enterprising": 4,
                      "confidence": 3, "responsibility": 5, "meticulousness": 2},
    ),
    "stance manager": Form(
        "staffing:stance_assess", "ceo", StanceAssessment,
        lambda o, f: {"manager": (o["pilot_manager"] if f else o["sales.manager"]).pk,
                      "stance": "driving", "reason": "Sends people on time."},
    ),
    "criterion confirmer": Form(
        "gates:criterion_new", "ceo", GateCriterion,
        lambda o, f: {"text": "Foreign id check",
                      "confirmer": (o["pilot.member"] if f else o["member1"]).pk},
        gate=True,
    ),
    "goal target owner": Form(
        "goals:target_new", "ceo", GoalTarget,
        lambda o, f: {"measure": "Foreign id check", "unit": "%", "baseline": "10",
                      "target": "50", "due_date": later(90),
                      "owner": (o["pilot.member"] if f else o["member1"]).pk},
    ),
    "negotiation vendor": Form(
        "selection:negotiation", "sel.negotiator", NegotiationEntry,
        lambda o, f: {"vendor": (o["pilot_vendor"] if f else o["crm_vendor"]).pk,
                      "kind": "offer", "text": "10 % off", "price_per_user_year": "900"},
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", list(FORMS))
def test_another_rollouts_id_is_refused_and_nothing_is_written(client: Client, objects, crm, case):
    form = FORMS[case]
    kwargs: dict[str, int] = {"rollout_pk": crm.pk}
    if form.gate:
        kwargs["pk"] = crm.gates.get(key="select").pk
    if form.edits:
        kwargs["pk"] = objects[form.edits].pk
    url = reverse(form.url, kwargs=kwargs)
    client.force_login(objects[form.who])
    before = form.counted._default_manager.count()
    refused = client.post(url, form.data(objects, True), follow=form.redirects)
    # Refused by the form, for the id: the field says its choice is not one it offers.
    assert refused.status_code == (200 if form.redirects else 400), refused.status_code
    assert "Select a valid choice" in refused.content.decode()
    assert form.counted._default_manager.count() == before
    saved = client.post(url, form.data(objects, False))
    assert saved.status_code in (200, 302), saved.status_code
    assert form.counted._default_manager.count() == before + 1
