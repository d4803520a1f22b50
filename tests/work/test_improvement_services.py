"""work.improvement_services: who adds, edits and moves a department's improvement items,
what is refused and why, and what the database itself refuses."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from tests.work.backlog_data import add_item, item_input
from work.improvement_services import (
    improvement_status_set,
    improvement_update,
)
from work.improvements import ImprovementItem, ImprovementStatus
from work.services import WorkError, WorkNotAllowed

pytestmark = pytest.mark.django_db


def test_it_gives_the_item_to_the_department_s_manager_by_default(demo, crm):
    item = add_item(crm, demo["sales.manager"])
    assert item.owner == demo["sales.manager"]
    assert item.status == ImprovementStatus.OPEN


def test_the_executive_adds_items_to_any_department(demo, crm):
    item = add_item(crm, demo["ceo"], "finance", owner=demo["member5"])
    assert (item.department.code, item.owner) == ("finance", demo["member5"])


def test_a_manager_is_refused_another_department_s_backlog(demo, crm):
    with pytest.raises(WorkNotAllowed):
        add_item(crm, demo["sales.manager"], "finance")


@pytest.mark.parametrize("who", ["member1", "sel.it"])
def test_members_and_seats_do_not_add_items(demo, crm, who):
    with pytest.raises(WorkNotAllowed):
        add_item(crm, demo[who])


def test_the_owner_is_someone_of_the_department(demo, crm):
    """member5 is of Finance: not an owner for a Sales item."""
    with pytest.raises(WorkError, match="choose an owner from the department"):
        add_item(crm, demo["sales.manager"], owner=demo["member5"])


def test_a_member_of_the_department_may_own_it(demo, crm):
    assert add_item(crm, demo["sales.manager"], owner=demo["member1"]).owner == demo["member1"]


@pytest.mark.parametrize("title", ["", "   "])
def test_it_needs_a_title(demo, crm, title):
    with pytest.raises(WorkError, match="Say what is to be improved"):
        add_item(crm, demo["sales.manager"], title=title)


def test_it_refuses_an_unknown_kind(demo, crm):
    with pytest.raises(WorkError, match="kind"):
        add_item(crm, demo["sales.manager"], kind="wishful")


def test_the_same_title_twice_in_one_department_is_refused(demo, crm):
    add_item(crm, demo["sales.manager"], title="Clean the leads")
    with pytest.raises(WorkError, match="already has that item"):
        add_item(crm, demo["sales.manager"], title="Clean the leads")


def test_the_manager_edits_it_and_history_keeps_the_versions(demo, crm):
    item = add_item(crm, demo["sales.manager"], title="Clean the leads")
    improvement_update(
        by=demo["sales.manager"],
        item=item,
        data=item_input(title="Clean the leads weekly", owner=demo["member2"]),
    )
    item.refresh_from_db()
    assert (item.title, item.owner) == ("Clean the leads weekly", demo["member2"])
    assert item.history.count() == 2


def test_a_manager_cannot_move_an_item_into_another_s_department(demo, crm):
    item = add_item(crm, demo["sales.manager"])
    with pytest.raises(WorkNotAllowed):
        improvement_update(by=demo["sales.manager"], item=item, data=item_input("finance"))


def test_another_manager_does_not_edit_it(demo, crm):
    item = add_item(crm, demo["sales.manager"])
    with pytest.raises(WorkNotAllowed):
        improvement_update(by=demo["finance.manager"], item=item, data=item_input())


def test_the_owner_moves_it_to_done(demo, crm):
    item = add_item(crm, demo["sales.manager"], owner=demo["member1"])
    done = improvement_status_set(by=demo["member1"], item=item, status="done")
    assert done.status == "done" and done.closed_at is not None


def test_only_the_owner_moves_it(demo, crm):
    """Not even the manager who added it: they hand it to someone else by editing it."""
    item = add_item(crm, demo["sales.manager"], owner=demo["member1"])
    with pytest.raises(WorkNotAllowed):
        improvement_status_set(by=demo["sales.manager"], item=item, status="done")


def test_dropping_it_needs_the_reason(demo, crm):
    item = add_item(crm, demo["sales.manager"])
    with pytest.raises(WorkError, match="Say why"):
        improvement_status_set(by=demo["sales.manager"], item=item, status="dropped", reason=" ")


def test_dropped_with_the_reason_then_reopened_loses_it(demo, crm):
    item = add_item(crm, demo["sales.manager"])
    improvement_status_set(by=demo["sales.manager"], item=item, status="dropped", reason="Moot")
    reopened = improvement_status_set(by=demo["sales.manager"], item=item, status="open")
    assert (reopened.drop_reason, reopened.closed_at) == ("", None)


def test_the_same_status_again_is_refused(demo, crm):
    item = add_item(crm, demo["sales.manager"])
    with pytest.raises(WorkError, match="already"):
        improvement_status_set(by=demo["sales.manager"], item=item, status="open")


def test_an_unknown_status_is_refused(demo, crm):
    item = add_item(crm, demo["sales.manager"])
    with pytest.raises(WorkError, match="statuses"):
        improvement_status_set(by=demo["sales.manager"], item=item, status="finished")


def _raw(crm, demo, **fields):
    values = {
        "rollout": crm,
        "department": demo["sales.manager"].department,
        "title": "Raw",
        "kind": "use",
        "owner": demo["sales.manager"],
        "due_date": timezone.localdate() + timedelta(days=3),
        "created_by": demo["sales.manager"],
        **fields,
    }
    with pytest.raises(IntegrityError), transaction.atomic():
        ImprovementItem.objects.create(**values)


@pytest.mark.parametrize(
    "fields",
    [
        {"status": "dropped", "closed_at": timezone.now()},  # dropped without the reason
        {"drop_reason": "Moot"},  # a reason, but open
        {"status": "done"},  # closed without when
        {"closed_at": timezone.now()},  # open with a closing time
        {"kind": "wishful"},
        {"status": "finished"},
        {"title": ""},
    ],
)
def test_the_database_refuses_what_must_not_hold(demo, crm, fields):
    _raw(crm, demo, **fields)


def test_the_database_refuses_the_same_title_twice_in_a_department(demo, crm):
    add_item(crm, demo["sales.manager"], title="Twice")
    _raw(crm, demo, title="Twice")
