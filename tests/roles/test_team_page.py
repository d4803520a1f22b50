"""The team page: everyone in the rollout reads it; the executive changes it."""

import pytest
from django.urls import reverse

from roles import services
from roles.models import Role, RoleAssignment
from tests.factories import UserFactory
from tests.query_counts import get_page

pytestmark = pytest.mark.django_db


def test_the_executive_assigns_a_role_and_is_told_so(client, demo, crm):
    person = UserFactory.create(display_name="New Person")
    client.force_login(demo["ceo"])
    response = client.post(
        reverse("roles:team_assign", args=[crm.pk]),
        {"person": person.pk, "role": Role.MEMBER},
        follow=True,
    )
    assert "New Person is now Implementation member." in response.content.decode()
    assert person.has_perm("rollout.log_work", crm)


def test_a_refused_assignment_keeps_the_input_and_says_why(client, demo, crm):
    client.force_login(demo["ceo"])
    response = client.post(
        reverse("roles:team_assign", args=[crm.pk]),
        {"person": demo["member1"].pk, "role": Role.MANAGER},
    )
    assert response.status_code == 400
    assert "Choose the department this manager answers for." in response.content.decode()
    assert response.context["assign_form"]["person"].value() == str(demo["member1"].pk)


def test_a_rule_broken_in_the_service_is_shown_on_the_form(client, demo, crm):
    client.force_login(demo["ceo"])
    response = client.post(
        reverse("roles:team_assign", args=[crm.pk]),
        {"person": demo["member1"].pk, "role": "member"},
    )
    assert "already holds that role" in response.content.decode()


def test_the_executive_ends_a_role_with_a_reason(client, demo, crm):
    assignment = RoleAssignment.objects.get(rollout=crm, person=demo["member4"])
    client.force_login(demo["ceo"])
    response = client.post(
        reverse("roles:team_end", args=[crm.pk, assignment.pk]),
        {"reason": "Needed in IT ops"},
        follow=True,
    )
    assert "is no longer Implementation member" in response.content.decode()
    assignment.refresh_from_db()
    assert assignment.end_reason == "Needed in IT ops"


def test_ending_the_executive_is_refused_with_a_message(client, demo, crm):
    executive = RoleAssignment.objects.get(rollout=crm, role=Role.EXECUTIVE)
    client.force_login(demo["admin"])
    response = client.post(reverse("roles:team_end", args=[crm.pk, executive.pk]), follow=True)
    assert "always has an executive" in response.content.decode()


def test_a_member_reads_the_team_without_the_forms(client, demo, crm):
    client.force_login(demo["member1"])
    response = client.get(reverse("roles:team", args=[crm.pk]))
    assert response.status_code == 200
    assert "Give someone a role" not in response.content.decode()


def test_an_assignment_of_another_rollout_is_not_found(client, demo, crm, pilot):
    other = RoleAssignment.objects.get(rollout=pilot, person=demo["pilot.member"])
    client.force_login(demo["ceo"])
    response = client.post(reverse("roles:team_end", args=[crm.pk, other.pk]))
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.ended_at is None


TEAM_PAGE_QUERIES = 14


def test_its_query_count_does_not_grow_with_the_team(client, demo, crm):
    client.force_login(demo["ceo"])
    url = reverse("roles:team", args=[crm.pk])
    get_page(client, url, TEAM_PAGE_QUERIES)
    for _ in range(25):
        a = services.role_assign(
            by=demo["ceo"], rollout=crm, person=UserFactory.create(), role="member"
        )
        services.role_end(by=demo["ceo"], assignment=a)
    get_page(client, url, TEAM_PAGE_QUERIES)


def test_a_department_head_is_offered_only_their_departments_manager(client, demo, crm):
    # sales.manager heads Sales in the company (and is its middle manager on the CRM).
    client.force_login(demo["sales.manager"])
    form = client.get(reverse("roles:team", args=[crm.pk])).context["assign_form"]
    assert [value for value, _label in form.fields["role"].choices] == [Role.MANAGER]
    assert [d.code for d in form.fields["department"].queryset] == ["sales"]
    assert demo["member1"] in form.fields["person"].queryset
    assert demo["it.manager"] not in form.fields["person"].queryset


def test_the_executive_is_not_offered_other_departments(client, demo, crm):
    # The CEO heads General management only: the CRM's Sales manager is not theirs to name.
    client.force_login(demo["ceo"])
    form = client.get(reverse("roles:team", args=[crm.pk])).context["assign_form"]
    assert [d.code for d in form.fields["department"].queryset] == ["management"]
    assert set(form.fields["role"].choices) == set(Role.choices)
