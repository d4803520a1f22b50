"""Permissions are checked once, in the services (issue #12): each service refuses the wrong
person with a NotAllowed (which the views' one helper answers 403), whoever calls it; the
access call a view makes first answers 403 before any form is read, and marks the object
so that the service does not ask the same question again."""

import uuid
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.db.models import Model

from core.access import mark_resolved
from core.checked import mark_checked, was_checked
from core.errors import NotAllowed
from gates import services as gates
from gates.access import access_criterion, access_gate
from roles.permissions import access_assignment, access_role_giving
from roles.services import assignments as roles
from rollout.models import CalendarDay, WorkingCalendar
from rollout.permissions import get_calendar_for_user, rollout_permission_names
from rollout.services import calendar
from selection import services as selection
from selection.access import access_results, access_seats
from selection.models import Vendor
from staffing import services as staffing
from staffing.access import access_commitment, access_request
from tests.test_authorization_matrix import matrix_context
from work import edit_services, improvement_services, wall_services
from work import services as work
from work.access import (
    access_backlog,
    access_handoff,
    access_improvement,
    access_log,
    access_objective,
    access_old_way,
    access_reviews,
    access_task,
    access_walls,
    access_workstream,
)

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 2)


def objects(demo: dict[str, Any], crm: Any, pilot: Any) -> dict[str, Any]:
    """The matrix's prepared objects, and a calendar day and a vendor of the CRM."""
    found = matrix_context(demo, crm, pilot)
    on_calendar = WorkingCalendar.objects.get(rollouts=crm)
    return {
        **found,
        "request": found["sales_request"],
        "commitment": found["member1_commitment"],
        "gate": found["select_gate"],
        "criterion": found["manual_criterion"],
        "assignment": found["member2_assignment"],
        "log": found["member1_log"],
        "calendar": on_calendar,
        "day": CalendarDay.objects.filter(calendar=on_calendar).earliest("pk"),
        "vendor": Vendor.objects.filter(rollout=crm).earliest("pk"),
    }


# Each: who tries (a person of the CRM rollout who may see the thing) and the call.
REFUSED: dict[str, tuple[str, Callable[[Any, dict[str, Any]], object]]] = {
    "staffing_answer": (
        "member1",
        lambda by, o: staffing.staffing_answer(by=by, request=o["request"], people=[]),
    ),
    "commitment_conflict": (
        "member2",
        lambda by, o: staffing.commitment_conflict(
            by=by, commitment=o["commitment"], reason="busy"
        ),
    ),
    "commitment_change": (
        "ceo",
        lambda by, o: staffing.commitment_change(
            by=by,
            commitment=o["commitment"],
            hours_per_week=Decimal("2"),
            from_date=TODAY,
            reason="less",
        ),
    ),
    "commitment_pull_back": (
        "ceo",
        lambda by, o: staffing.commitment_pull_back(
            by=by, commitment=o["commitment"], from_date=TODAY, reason="done"
        ),
    ),
    "criterion_add": (
        "sales.manager",
        lambda by, o: gates.criterion_add(by=by, gate=o["gate"], text="x", confirmer=by),
    ),
    "criterion_remove": (
        "sales.manager",
        lambda by, o: gates.criterion_remove(by=by, criterion=o["criterion"]),
    ),
    "criterion_confirm": (
        "member1",
        lambda by, o: gates.criterion_confirm(by=by, criterion=o["criterion"]),
    ),
    "recommendation_add": (
        "member1",
        lambda by, o: gates.recommendation_add(by=by, gate=o["gate"], advice="go", reason="r"),
    ),
    "decision_record": (
        "sales.manager",
        lambda by, o: gates.decision_record(
            by=by,
            gate=o["gate"],
            outcome="go",
            reason="r",
            evidence_fingerprint="",
            gate_version=o["gate"].version,
            submission=uuid.uuid4(),
        ),
    ),
    "calendar_day_add": (
        "ceo",
        lambda by, o: calendar.calendar_day_add(
            by=by, calendar=o["calendar"], day=TODAY, is_working=False, name_en="Holiday"
        ),
    ),
    "calendar_day_remove": (
        "ceo",
        lambda by, o: calendar.calendar_day_remove(by=by, entry=o["day"]),
    ),
    "calendar_known_until_set": (
        "ceo",
        lambda by, o: calendar.calendar_known_until_set(
            by=by, calendar=o["calendar"], known_until=TODAY
        ),
    ),
    "role_end": ("member1", lambda by, o: roles.role_end(by=by, assignment=o["assignment"])),
    "task_log_correct": (
        "member2",
        lambda by, o: work.task_log_correct(
            by=by, log=o["log"], hours_change=Decimal("1"), reason="typo"
        ),
    ),
    "task_update": (
        "member1",
        lambda by, o: edit_services.task_update(
            by=by, task=o["member1_task"], changes={"title": "Mine"}
        ),
    ),
    "objective_update": (
        "it.manager",
        lambda by, o: edit_services.objective_update(
            by=by, objective=o["sales_objective"], changes={"title": "Ours"}
        ),
    ),
    "workstream_update": (
        "sales.manager",
        lambda by, o: edit_services.workstream_update(
            by=by, workstream=o["shared_workstream"], changes={"name": "Ours"}
        ),
    ),
    "handoff_create": (
        "it.manager",  # lead to order crosses Sales, Production and Finance, not IT
        lambda by, o: wall_services.handoff_create(
            by=by,
            workstream=o["lead_to_order"],
            data=wall_services.HandoffInput(
                from_department=o["handoff"].from_department,
                to_department=o["handoff"].to_department,
                what="Ours",
                owner=by,
            ),
        ),
    ),
    "handoff_state_set": (
        "member1",
        lambda by, o: wall_services.handoff_state_set(by=by, handoff=o["handoff"], state="agreed"),
    ),
    "old_way_retire": (
        "member2",  # member1 owns it
        lambda by, o: wall_services.old_way_retire(by=by, old_way=o["member1_old_way"]),
    ),
    "improvement_create": (
        "finance.manager",  # not Sales' manager
        lambda by, o: improvement_services.improvement_create(
            by=by,
            rollout=o["crm"],
            data=improvement_services.ImprovementInput(
                department=o["member1_improvement"].department,
                title="Ours",
                kind="use",
                due_date=TODAY,
            ),
        ),
    ),
    "improvement_status_set": (
        "sales.manager",  # member1 owns it
        lambda by, o: improvement_services.improvement_status_set(
            by=by, item=o["member1_improvement"], status="done"
        ),
    ),
    "cost_benefit_save": (
        "member1",
        lambda by, o: selection.cost_benefit_save(by=by, vendor=o["vendor"]),
    ),
    "vendor_save": (
        "member1",
        lambda by, o: selection.vendor_save(by=by, rollout=o["vendor"].rollout, name="Acme"),
    ),
}


@pytest.mark.parametrize("service", REFUSED)
def test_the_service_refuses_the_wrong_person_with_not_allowed(demo, crm, pilot, service):
    who, call = REFUSED[service]
    with pytest.raises(NotAllowed):
        call(demo[who], objects(demo, crm, pilot))


# Each: who is refused, who is let through, the access call, the object it is asked for (by
# its key in objects(), or none for the rollout's calendar), the level.
ACCESS: dict[str, tuple[str, str, Callable[..., Model], str, str]] = {
    "a request to answer": ("ceo", "sales.manager", access_request, "request", "answer"),
    "a commitment of one's own": ("member2", "member1", access_commitment, "commitment", "own"),
    "a commitment to manage": ("ceo", "sales.manager", access_commitment, "commitment", "manage"),
    "a gate to decide": ("sales.manager", "ceo", access_gate, "gate", "executive"),
    "a gate to advise on": ("member1", "sales.manager", access_gate, "gate", "recommend"),
    "a criterion to remove": ("sales.manager", "ceo", access_criterion, "criterion", "executive"),
    "a criterion to confirm": ("sales.manager", "ceo", access_criterion, "criterion", "confirm"),
    "a calendar to change": ("ceo", "admin", get_calendar_for_user, "", "edit"),
    "a role to end": ("member1", "ceo", access_assignment, "assignment", "end"),
    "a log to correct": ("member2", "member1", access_log, "log", "correct"),
    "a task to edit": ("member1", "sales.manager", access_task, "member1_task", "plan"),
    "an objective to edit": (
        "it.manager",
        "sales.manager",
        access_objective,
        "sales_objective",
        "plan",
    ),
    "a workstream to edit": (
        "sales.manager",
        "ceo",
        access_workstream,
        "shared_workstream",
        "plan",
    ),
    "a workstream's walls": ("it.manager", "sales.manager", access_walls, "lead_to_order", "walls"),
    "a hand-off": ("it.manager", "finance.manager", access_handoff, "handoff", "walls"),
    "an old way to edit": ("member1", "sales.manager", access_old_way, "member1_old_way", "walls"),
    "an old way to retire": ("member2", "member1", access_old_way, "member1_old_way", "retire"),
    "a backlog to add to": ("member1", "sales.manager", access_backlog, "", "backlog"),
    "an improvement to edit": (
        "finance.manager",
        "sales.manager",
        access_improvement,
        "member1_improvement",
        "backlog",
    ),
    "an improvement to move": (
        "sales.manager",
        "member1",
        access_improvement,
        "member1_improvement",
        "move",
    ),
}


@pytest.mark.parametrize("case", ACCESS)
def test_the_access_call_refuses_before_the_form_and_marks_what_it_let_through(
    demo, crm, pilot, case
):
    refused, allowed, access, key, level = ACCESS[case]
    found = objects(demo, crm, pilot)
    pk = (found[key].pk,) if key else ()
    mark_resolved(crm, demo[refused])
    with pytest.raises(PermissionDenied):
        access(demo[refused], crm, *pk, to=level)
    mark_resolved(crm, demo[allowed])
    assert was_checked(access(demo[allowed], crm, *pk, to=level), demo[allowed].pk, level)


def test_giving_roles_is_refused_to_someone_who_gives_none(demo, crm):
    mark_resolved(crm, demo["member1"])
    with pytest.raises(PermissionDenied):
        access_role_giving(demo["member1"], crm)
    assert access_role_giving(demo["ceo"], crm).manages_roles


def test_a_selection_action_is_refused_to_someone_without_its_seat(demo, crm):
    with pytest.raises(PermissionDenied):
        access_seats(demo["member1"], crm, "senior")
    assert "senior" in access_seats(demo["sel.senior"], crm, "senior")


def test_the_service_takes_the_access_calls_mark_for_its_answer(demo, crm, pilot):
    """The mark is the answer the access call gave in this request: the service does not ask
    again (a person the rule would refuse shows it is not asked)."""
    found = objects(demo, crm, pilot)
    ceo = demo["ceo"]
    with pytest.raises(NotAllowed):
        staffing.staffing_answer(by=ceo, request=found["request"], people=[], reason="none")
    mark_checked(found["request"], ceo.pk, "answer")
    answer = staffing.staffing_answer(by=ceo, request=found["request"], people=[], reason="none")
    assert answer.answered_by == ceo


def test_the_reviews_page_is_read_by_the_members_reviewed_and_refused_to_others(demo, crm):
    def reads(who: str) -> Model:
        rights = rollout_permission_names(demo[who], crm)
        return access_reviews(demo[who], crm, rights)

    with pytest.raises(PermissionDenied):
        reads("sel.it")
    assert was_checked(reads("member1"), demo["member1"].pk, "reviews")


def test_the_results_are_refused_until_every_seat_has_submitted(demo, crm, pilot):
    with pytest.raises(PermissionDenied):  # nobody has scored on the pilot
        access_results(demo["pilot.member"], pilot)
    assert was_checked(access_results(demo["member1"], crm), demo["member1"].pk, "results")
