"""work.wall_services: hand-offs and old ways - who may add, edit, move or retire them, what
is refused and why, the database's own checks, and an overdue old way in its owner's My
work."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.waiting import waiting_for
from roles.models import Department
from tests.work.walls_data import lead_to_order
from work import services as work
from work.edit_services import workstream_update
from work.services import WorkError, WorkNotAllowed
from work.wall_services import (
    HandoffInput,
    OldWayInput,
    handoff_create,
    handoff_state_set,
    handoff_update,
    old_way_create,
    old_way_retire,
    old_way_update,
)
from work.walls import Handoff, HandoffState, OldWayKind, OldWayRetirement

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def department(code: str) -> Department:
    return Department.objects.get(code=code)


def handoff_input(demo, source="sales", target="production", what="Signed order", **more):
    return HandoffInput(
        from_department=department(source),
        to_department=department(target),
        what=what,
        owner=more.pop("owner", demo["sales.manager"]),
        **more,
    )


def old_way_input(demo, description="The fax of the order", days=10, owner="member1"):
    return OldWayInput(
        kind=OldWayKind.FORM,
        description=description,
        owner=demo[owner],
        retire_by=TODAY() + timedelta(days=days),
    )


@pytest.fixture
def workstream(crm):
    return lead_to_order(crm)


@pytest.fixture
def old_way(demo, workstream):
    return old_way_create(by=demo["ceo"], workstream=workstream, data=old_way_input(demo))


def test_it_lets_a_manager_of_one_crossed_department_add_a_handoff(demo, workstream):
    handoff = handoff_create(
        by=demo["sales.manager"], workstream=workstream, data=handoff_input(demo)
    )
    assert (handoff.state, handoff.what) == (HandoffState.PLANNED, "Signed order")
    assert handoff.history.count() == 1


@pytest.mark.parametrize("who", ["it.manager", "member1", "sel.senior"])
def test_it_refuses_whoever_manages_none_of_its_departments(demo, workstream, who):
    with pytest.raises(WorkNotAllowed):
        handoff_create(by=demo[who], workstream=workstream, data=handoff_input(demo))
    with pytest.raises(WorkNotAllowed):
        old_way_create(by=demo[who], workstream=workstream, data=old_way_input(demo))


def test_it_refuses_a_department_the_workstream_does_not_cross(demo, workstream):
    with pytest.raises(WorkError, match="does not cross IT"):
        handoff_create(
            by=demo["ceo"], workstream=workstream, data=handoff_input(demo, "sales", "it")
        )


def test_it_refuses_a_handoff_from_a_department_to_itself(demo, workstream):
    with pytest.raises(WorkError, match="from one department to another"):
        handoff_create(
            by=demo["ceo"], workstream=workstream, data=handoff_input(demo, "sales", "sales")
        )


def test_the_database_refuses_a_handoff_from_a_department_to_itself(demo, workstream):
    sales = department("sales")
    with pytest.raises(IntegrityError), transaction.atomic():
        Handoff.objects.create(
            workstream=workstream,
            from_department=sales,
            to_department=sales,
            what="Nothing",
            owner=demo["ceo"],
            created_by=demo["ceo"],
        )


def test_the_database_refuses_a_retirement_without_who_retired_it(old_way):
    with pytest.raises(IntegrityError), transaction.atomic():
        OldWayRetirement.objects.filter(pk=old_way.pk).update(retired_at=timezone.now())


def test_it_refuses_an_owner_outside_the_rollout(demo, workstream):
    outsider = demo["pilot.member"]
    with pytest.raises(WorkError, match="no role on this rollout"):
        handoff_create(
            by=demo["ceo"], workstream=workstream, data=handoff_input(demo, owner=outsider)
        )
    with pytest.raises(WorkError, match="no role on this rollout"):
        old_way_create(
            by=demo["ceo"], workstream=workstream, data=old_way_input(demo, owner="pilot.member")
        )


def test_it_refuses_blank_text_and_the_same_handoff_twice(demo, workstream):
    with pytest.raises(WorkError, match="Say what is handed over"):
        handoff_create(by=demo["ceo"], workstream=workstream, data=handoff_input(demo, what="  "))
    handoff_create(by=demo["ceo"], workstream=workstream, data=handoff_input(demo))
    with pytest.raises(WorkError, match="already has that hand-off"):
        handoff_create(by=demo["ceo"], workstream=workstream, data=handoff_input(demo))


def test_a_workstream_of_one_department_has_no_walls(demo, crm):
    alone = work.workstream_create(
        by=demo["ceo"], rollout=crm, name="Sales only", department_ids=[department("sales").pk]
    )
    with pytest.raises(WorkError, match="fewer than two departments"):
        old_way_create(by=demo["ceo"], workstream=alone, data=old_way_input(demo))


def test_it_moves_a_handoff_forwards_and_back_but_not_to_where_it_is(demo, workstream):
    handoff = handoff_create(by=demo["ceo"], workstream=workstream, data=handoff_input(demo))
    handoff_state_set(by=demo["sales.manager"], handoff=handoff, state=HandoffState.RUNNING)
    handoff_state_set(by=demo["sales.manager"], handoff=handoff, state=HandoffState.AGREED)
    with pytest.raises(WorkError, match="already Agreed"):
        handoff_state_set(by=demo["sales.manager"], handoff=handoff, state=HandoffState.AGREED)
    with pytest.raises(WorkError, match="Choose one of the hand-off states"):
        handoff_state_set(by=demo["sales.manager"], handoff=handoff, state="done")
    assert [v.state for v in handoff.history.order_by("history_id")] == [
        "planned",
        "running",
        "agreed",
    ]


def test_only_a_keeper_of_the_walls_moves_or_edits_a_handoff(demo, workstream):
    handoff = handoff_create(by=demo["ceo"], workstream=workstream, data=handoff_input(demo))
    with pytest.raises(WorkNotAllowed):
        handoff_state_set(by=demo["it.manager"], handoff=handoff, state=HandoffState.AGREED)
    with pytest.raises(WorkNotAllowed):
        handoff_update(by=demo["member1"], handoff=handoff, data=handoff_input(demo, what="X"))
    changed = handoff_update(
        by=demo["finance.manager"],
        handoff=handoff,
        data=handoff_input(demo, "sales", "finance", what="Signed order and credit form"),
    )
    assert (changed.to_department.code, changed.what) == ("finance", "Signed order and credit form")


def test_it_edits_an_old_way_and_refuses_a_blank_one(demo, old_way):
    edited = old_way_update(
        by=demo["sales.manager"], old_way=old_way, data=old_way_input(demo, "The order fax", 3)
    )
    assert (edited.description, edited.retire_by) == ("The order fax", TODAY() + timedelta(days=3))
    with pytest.raises(WorkError, match="Say which old way"):
        old_way_update(by=demo["ceo"], old_way=old_way, data=old_way_input(demo, ""))


def test_its_owner_marks_an_old_way_retired_once(demo, old_way):
    retired = old_way_retire(by=demo["member1"], old_way=old_way)  # member1 owns it
    assert (retired.is_retired, retired.retired_by) == (True, demo["member1"])
    with pytest.raises(WorkError, match="already retired"):
        old_way_retire(by=demo["ceo"], old_way=old_way)


def test_another_member_may_not_mark_it_retired(demo, old_way):
    with pytest.raises(WorkNotAllowed):
        old_way_retire(by=demo["member2"], old_way=old_way)


def _waiting_old_ways(person):
    return [item.subject for item in waiting_for(person) if item.kind == "old_way"]


def test_an_overdue_old_way_waits_on_its_owner_until_it_is_retired(demo, workstream):
    late = old_way_create(
        by=demo["ceo"], workstream=workstream, data=old_way_input(demo, "Late fax", days=-1)
    )
    old_way_create(by=demo["ceo"], workstream=workstream, data=old_way_input(demo, "Not yet", 1))
    assert _waiting_old_ways(demo["member1"]) == ["Late fax"]
    assert _waiting_old_ways(demo["member2"]) == []
    old_way_retire(by=demo["member1"], old_way=late)
    assert _waiting_old_ways(demo["member1"]) == []


def test_a_workstream_keeps_the_departments_its_handoffs_go_between(demo, workstream):
    keep = [department("sales"), department("production")]  # Finance has demo hand-offs
    with pytest.raises(WorkError, match="go from or to Finance"):
        workstream_update(by=demo["ceo"], workstream=workstream, changes={"departments": keep})
    Handoff.objects.filter(workstream=workstream).delete()
    workstream_update(by=demo["ceo"], workstream=workstream, changes={"departments": keep})
    assert {d.code for d in workstream.departments.all()} == {"sales", "production"}
