"""The outside probe's attack (issue #11, "an executive reaches another rollout's staffing"):
the pilot's executive named themself manager of Sales, read the Sales people's hours on
every rollout, and committed member1 to the pilot, who then could not open the pilot to
refuse. Each step is now refused; a person committed by the department's real manager can
open what they were committed to and answer it."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from notifications.models import Reminder
from roles import services
from roles.models import Department, Role, RoleAssignment
from roles.permissions import may_name_department_manager
from rollout.calendar import week_start
from staffing import services as staffing
from staffing.models import Commitment

pytestmark = pytest.mark.django_db


@pytest.fixture
def sales(demo) -> Department:
    return Department.objects.get(code="sales")


def name_manager(client, who, rollout, person, department):
    client.force_login(who)
    return client.post(
        reverse("roles:team_assign", args=[rollout.pk]),
        {"person": person.pk, "role": Role.MANAGER, "department": department.pk},
    )


def pilot_managers(pilot):
    return RoleAssignment.objects.active().filter(rollout=pilot, role=Role.MANAGER)


def test_it_refuses_the_executive_naming_themself_manager_of_sales(client, demo, pilot, sales):
    lead = demo["pilot.lead"]
    response = name_manager(client, lead, pilot, lead, sales)
    assert response.status_code == 400
    assert not pilot_managers(pilot).exists()
    assert not lead.has_perm("rollout.commit_staff", pilot)


def test_it_refuses_the_executive_naming_a_sales_person_either(client, demo, pilot, sales):
    response = name_manager(client, demo["pilot.lead"], pilot, demo["member1"], sales)
    assert response.status_code == 400
    assert not pilot_managers(pilot).exists()


def test_the_service_refuses_the_executive_with_the_reason(demo, pilot, sales):
    with pytest.raises(services.RoleError, match="Only the head of Sales or an administrator"):
        services.role_assign(
            by=demo["pilot.lead"],
            rollout=pilot,
            person=demo["pilot.lead"],
            role=Role.MANAGER,
            department=sales,
        )


def test_the_executive_then_reaches_no_sales_person(client, demo, pilot, sales):
    name_manager(client, demo["pilot.lead"], pilot, demo["pilot.lead"], sales)
    heatmap = client.get(reverse("staffing:capacity", args=[pilot.pk]), {"department": sales.pk})
    assert heatmap.status_code == 200
    assert str(demo["member1"]) not in heatmap.content.decode()
    with pytest.raises(staffing.StaffingError, match="no middle manager"):
        staffing.staffing_request_create(
            by=demo["pilot.lead"], rollout=pilot, department=sales, purpose="testing",
            hours_per_week=Decimal("20"), start_date=timezone.localdate(),
            end_date=timezone.localdate() + timedelta(weeks=4),
        )  # fmt: skip


def test_the_head_of_another_department_is_refused(client, demo, crm):
    # sales.manager heads Sales, not Legal: the form offers only Sales.
    legal = Department.objects.get(code="legal")
    response = name_manager(client, demo["sales.manager"], crm, demo["sel.negotiator"], legal)
    assert response.status_code == 400
    assert not RoleAssignment.objects.filter(rollout=crm, department=legal).exists()


def test_a_department_head_names_its_manager_on_a_rollout_they_are_in(client, demo, crm):
    # The CEO heads General management in the company (and is the CRM's executive).
    management = Department.objects.get(code="management")
    response = name_manager(client, demo["ceo"], crm, demo["sel.senior"], management)
    assert response.status_code == 302
    assert demo["sel.senior"].has_perm("rollout.commit_staff", crm)


def test_a_department_head_outside_the_rollout_cannot_name_one(demo, pilot, sales):
    assert not may_name_department_manager(demo["sales.manager"], pilot, sales)


def test_an_administrator_names_only_someone_of_the_department(client, demo, pilot, sales):
    response = name_manager(client, demo["admin"], pilot, demo["pilot.lead"], sales)
    assert response.status_code == 400
    assert "does not work in Sales" in response.content.decode()
    assert name_manager(client, demo["admin"], pilot, demo["member1"], sales).status_code == 302


@pytest.fixture
def pilot_request(demo, pilot, sales):
    """A legitimate path to the same place: an administrator names the head of Sales its
    manager on the pilot, and the pilot's executive asks Sales for 20 h a week."""
    services.role_assign(
        by=demo["admin"], rollout=pilot, person=demo["sales.manager"], role=Role.MANAGER,
        department=sales,
    )  # fmt: skip
    start = week_start(timezone.localdate()) + timedelta(weeks=1)
    return staffing.staffing_request_create(
        by=demo["pilot.lead"], rollout=pilot, department=sales, purpose="testing",
        hours_per_week=Decimal("4"), start_date=start, end_date=start + timedelta(weeks=4),
    )  # fmt: skip


def commit_member1(client, demo, pilot, pilot_request) -> Commitment:
    client.force_login(demo["sales.manager"])
    response = client.post(
        reverse("staffing:staffing_answer", args=[pilot.pk, pilot_request.pk]),
        {f"hours_{demo['member1'].pk}": "4"},
    )
    assert response.status_code == 302
    return Commitment.objects.get(request=pilot_request, person=demo["member1"])


def test_a_committed_person_opens_the_reminders_link(client, demo, pilot, pilot_request):
    assert not demo["member1"].has_perm("rollout.view_rollout", pilot)
    commit_member1(client, demo, pilot, pilot_request)
    reminder = Reminder.objects.get(recipient=demo["member1"], rollout=pilot)
    client.force_login(demo["member1"])
    page = client.get(reminder.url)
    assert page.status_code == 200
    assert reverse("staffing:commitment_conflict", args=[pilot.pk, page.context["mine"][0].pk]) in (
        page.content.decode()
    )


def test_a_committed_person_refuses_and_the_hours_stop_counting(client, demo, pilot, pilot_request):
    start, end = pilot_request.start_date, pilot_request.end_date
    before = staffing.committed_by_week(demo["member1"], start, end)
    commitment = commit_member1(client, demo, pilot, pilot_request)
    client.force_login(demo["member1"])
    response = client.post(
        reverse("staffing:commitment_conflict", args=[pilot.pk, commitment.pk]),
        {"reason": "Cloud CRM data clean-up takes my hours."},
    )
    assert response.status_code == 302
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.CONFLICT
    assert staffing.committed_by_week(demo["member1"], start, end) == before


def test_a_committed_person_confirms(client, demo, pilot, pilot_request):
    commitment = commit_member1(client, demo, pilot, pilot_request)
    client.force_login(demo["member1"])
    response = client.post(reverse("staffing:commitment_confirm", args=[pilot.pk, commitment.pk]))
    assert response.status_code == 302
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.CONFIRMED


def test_the_access_ends_with_the_commitment(client, demo, pilot, pilot_request):
    commitment = commit_member1(client, demo, pilot, pilot_request)
    staffing.commitment_pull_back(
        by=demo["sales.manager"], commitment=commitment, from_date=commitment.start_date,
        reason="Needed in sales.",
    )  # fmt: skip
    client.force_login(demo["member1"])
    assert client.get(reverse("staffing:staffing", args=[pilot.pk])).status_code == 404


def test_a_commitment_never_names_someone_who_could_not_answer_it(
    monkeypatch, demo, pilot, pilot_request
):
    # Should the grant ever be taken away, naming someone outside the rollout is refused
    # and nothing is written.
    monkeypatch.setattr("staffing.permissions.COMMITTED_PERSON_PERMISSIONS", frozenset())
    with pytest.raises(staffing.StaffingError, match="could not open this rollout"):
        staffing.staffing_answer(
            by=demo["sales.manager"], request=pilot_request,
            people=[(demo["member1"], Decimal("4"))],
        )  # fmt: skip
    assert not Commitment.objects.filter(request=pilot_request).exists()
