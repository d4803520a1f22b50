"""The home page (My work) shows each person, in its role panel, their roles and the people
they work with, in a number of queries that does not grow with the team; their duties and
taboos are on the role's page."""

import re

import pytest
from django.urls import reverse

from demo.keys import demo_rollout_name
from roles import services
from roles.models import Role, RoleAssignment
from tests.factories import UserFactory
from tests.query_counts import get_page

pytestmark = pytest.mark.django_db


def home(client, person):
    client.force_login(person)
    return client.get(reverse("gates:home"))


def test_it_sends_anonymous_people_to_login(client):
    response = client.get(reverse("gates:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("roles:login"))


def test_the_executive_sees_the_whole_team_by_role(client, demo):
    page = home(client, demo["ceo"]).content.decode()
    assert "The whole team, by role" in page
    for username in ("sales.manager", "member6", "sel.negotiator"):
        assert str(demo[username]) in page


def test_the_executives_team_includes_the_executive(client, demo):
    team = home(client, demo["ceo"]).context["cards"][0].roles[0].team
    assert [a.person.username for a in team[0].assignments] == ["ceo"]


def test_a_manager_sees_only_their_departments_people(client, demo):
    page = home(client, demo["sales.manager"]).content.decode()
    assert str(demo["member1"]) in page  # sales
    assert str(demo["member3"]) not in page  # IT


def test_a_member_sees_their_manager_and_fellow_members(client, demo):
    response = home(client, demo["member3"])
    view = response.context["cards"][0].roles[0]
    assert view.my_manager.person == demo["it.manager"]
    assert {a.person.username for a in view.fellow_members} == {
        "member1",
        "member2",
        "member4",
        "member5",
        "member6",
    }


def test_a_selection_member_sees_the_five_seats_and_who_fills_them(client, demo):
    response = home(client, demo["sel.it"])
    seats = response.context["cards"][0].roles[0].seats
    assert [[a.person.username for a in s.holders] for s in seats] == [
        ["sel.users"],
        ["sel.it"],
        ["sel.finance"],
        ["sel.negotiator"],
        ["sel.senior"],
    ]


def test_the_duties_and_taboos_are_on_the_roles_page(client, demo):
    client.force_login(demo["sel.finance"])
    page = client.get(reverse("roles:catalogue_role", args=["selector"])).content.decode()
    assert "Question of the seat" in page
    assert "Must not do" in page


def test_a_person_sees_only_rollouts_they_are_in(client, demo):
    cards = home(client, demo["member1"]).context["cards"]
    assert [c.rollout.name for c in cards] == [demo_rollout_name("crm")]


@pytest.mark.parametrize(
    ("username", "expected"), [("ceo", 16), ("sales.manager", 15), ("member1", 15), ("sel.it", 15)]
)
def test_its_query_count_does_not_grow_with_the_team(client, demo, crm, username, expected):
    client.force_login(demo[username])
    get_page(client, reverse("gates:home"), expected)
    sales = demo["sales.manager"].department
    for _ in range(30):
        services.role_assign(
            by=demo["ceo"],
            rollout=crm,
            person=UserFactory.create(department=sales),
            role=Role.MEMBER,
        )
    get_page(client, reverse("gates:home"), expected)


def test_a_long_list_shows_twelve_and_links_to_the_team(client, demo, crm):
    for _ in range(15):
        services.role_assign(
            by=demo["ceo"], rollout=crm, person=UserFactory.create(), role=Role.MEMBER
        )
    fellows = (
        RoleAssignment.objects.active()
        .filter(rollout=crm, role=Role.MEMBER)
        .exclude(person=demo["member1"])
        .count()
    )
    assert fellows > 12
    response = home(client, demo["member1"])
    assert len(response.context["cards"][0].roles[0].fellow_members) == fellows
    page = response.content.decode()
    listed = page.split("Fellow members</h4>", 1)[1].split("</ul>", 1)[0]
    profile = reverse("roles:person_profile", args=[0]).removesuffix("0/")
    assert len(re.findall(rf'<li><a href="{profile}\d+/">', listed)) == 12
    team = reverse("roles:team", args=[crm.pk])
    assert f'<a href="{team}">and {fellows - 12} more on the team page</a>' in listed
