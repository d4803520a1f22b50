"""One function per rule (rollout/policies.py, work/policies.py), and the pages that ask
the same question give the same answer."""

import pytest
from django.urls import reverse
from guardian.shortcuts import assign_perm

from roles.selectors import departments_of_rollout
from rollout.policies import sees_every_department
from tests.factories import UserFactory
from work.policies import plans_for_every_department

EXECUTIVE = {"view_rollout", "change_rollout", "decide_gate", "plan_work", "request_staff"}
MANAGER = {"view_rollout", "commit_staff", "plan_work", "verify_work", "review_members"}


@pytest.mark.parametrize(
    ("rights", "expected"),
    [
        (EXECUTIVE, True),
        ({"view_rollout", "request_staff"}, True),
        ({"view_rollout", "change_rollout"}, True),
        (MANAGER, False),
        ({"view_rollout", "decide_gate"}, False),
        (set(), False),
    ],
)
def test_it_lets_whoever_runs_or_staffs_the_rollout_see_every_department(rights, expected):
    assert sees_every_department(rights) is expected


@pytest.mark.parametrize(
    ("rights", "expected"),
    [
        (EXECUTIVE, True),
        (MANAGER, False),
        ({"view_rollout", "change_rollout"}, False),  # runs the rollout, but does not plan
        ({"view_rollout", "plan_work", "request_staff"}, False),
    ],
)
def test_it_lets_only_the_planning_executive_plan_for_every_department(rights, expected):
    assert plans_for_every_department(rights) is expected


@pytest.mark.django_db
def test_a_person_asked_to_staff_the_rollout_sees_every_department_on_board_and_heatmap(
    client, crm
):
    """Delegated `request_staff` only: the heatmap showed every department while the board
    refused (each page asked its own question)."""
    coordinator = UserFactory.create()
    for codename in ("view_rollout", "request_staff"):
        assign_perm(f"rollout.{codename}", coordinator, crm)
    client.force_login(coordinator)
    every = set(departments_of_rollout(rollout=crm).values_list("pk", flat=True))

    board = client.get(reverse("work:board", args=[crm.pk]))
    heatmap = client.get(reverse("staffing:capacity", args=[crm.pk]))

    assert board.status_code == heatmap.status_code == 200
    assert {t.department_id for t in board.context["tasks"]} <= every
    assert len({t.department_id for t in board.context["tasks"]}) > 1
    assert {d.pk for d in heatmap.context["departments"]} == every
    # ...and the rollout's tabs offer the board they may open.
    assert reverse("work:board", args=[crm.pk]) in heatmap.content.decode()
