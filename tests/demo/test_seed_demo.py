"""seed_demo builds the demo company and is safe to run twice."""

import io

import pytest
from django.core.management import call_command

from demo.data import DEMO_PASSWORD
from demo.keys import demo_task
from demo.management.commands.seed_demo import Command
from demo.work import TASK_TITLES
from roles.models import RoleAssignment, User

pytestmark = pytest.mark.django_db

LOGINS = (
    ["ceo", "sales.manager", "it.manager", "finance.manager"]
    + [f"member{n}" for n in range(1, 7)]
    + ["sel.users", "sel.it", "sel.finance", "sel.negotiator", "sel.senior"]
)


def test_it_creates_every_documented_login(demo):
    assert set(LOGINS) <= set(User.objects.values_list("username", flat=True))


def test_running_it_again_changes_nothing():
    before = (User.objects.count(), RoleAssignment.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert (User.objects.count(), RoleAssignment.objects.count()) == before


def test_it_prints_the_logins_and_password():
    out = io.StringIO()
    call_command("seed_demo", "--password", "another-pass-1", stdout=out)
    assert "another-pass-1" in out.getvalue()
    assert "sel.negotiator" in out.getvalue()
    assert User.objects.get(username="ceo").check_password("another-pass-1")


def test_it_leaves_sales_a_request_to_answer_as_the_readme_says(demo, crm):
    from staffing.models import StaffingRequest

    waiting = StaffingRequest.objects.filter(
        rollout=crm, department__code="sales", status=StaffingRequest.Status.WAITING
    )
    assert waiting.exists()


def test_it_leaves_a_member_a_commitment_to_confirm(demo, crm):
    from staffing.models import Commitment

    assert Commitment.objects.filter(
        request__rollout=crm, person=demo["member3"], confirmed_at__isnull=True
    ).exists()


def test_its_builder_returns_every_demo_task_under_the_key_tests_find_it_by(demo, crm):
    company = Command().build(password=DEMO_PASSWORD)
    assert company.tasks == {key: demo_task(crm, key) for key in TASK_TITLES}


def test_batch_2_of_the_clean_up_waits_for_batch_1(demo, crm):
    batch2 = demo_task(crm, "cleanup_batch2")
    assert list(batch2.blocked_by.all()) == [demo_task(crm, "cleanup_batch1")]
