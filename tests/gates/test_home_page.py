"""The home page (My work) shows each person, in its role panel, their roles and the people
they work with, in a number of queries that does not grow with the team; their duties and
taboos are on the role's page."""

import re

import pytest
from django.urls import reverse

from demo.keys import demo_rollout_name
from roles import services
from roles.models import Role, RoleAssignment
from roles.selectors.people import SHOWN
from rollout.models import Rollout
from tests.factories import UserFactory
from tests.gates.test_my_work_page import MY_WORK_CACHED_QUERIES
from tests.query_counts import get_cached_page, get_page

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


# Computed (after a write: every rollout's versions key My work, gates/selectors/
# my_work_figures.py) and from the cache (MY_WORK_CACHED_QUERIES).
@pytest.mark.parametrize(
    ("username", "expected"), [("ceo", 10), ("sales.manager", 11), ("member1", 9), ("sel.it", 9)]
)
def test_its_query_count_does_not_grow_with_the_team(client, demo, crm, username, expected):
    client.force_login(demo[username])
    counts = {"fresh": expected, "cached": MY_WORK_CACHED_QUERIES}
    get_cached_page(client, reverse("gates:home"), rollout_id=crm.pk, **counts)
    sales = demo["sales.manager"].department
    for _ in range(30):
        services.role_assign(
            by=demo["ceo"],
            rollout=crm,
            person=UserFactory.create(department=sales),
            role=Role.MEMBER,
        )
    get_cached_page(client, reverse("gates:home"), rollout_id=crm.pk, **counts)


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
    assert response.context["cards"][0].roles[0].fellow_total == fellows
    page = response.content.decode()
    listed = page.split("Fellow members</h4>", 1)[1].split("</ul>", 1)[0]
    profile = reverse("roles:person_profile", args=[0]).removesuffix("0/")
    assert len(re.findall(rf'<li><a href="{profile}\d+/">', listed)) == 12
    team = reverse("roles:team", args=[crm.pk])
    assert f'<a href="{team}">and {fellows - 12} more on the team page</a>' in listed


def shown(view):
    """What the role panel shows of a view: the first twelve of each list and the totals."""
    first = SHOWN

    def names(rows):
        return [a.pk for a in rows[:first]]

    return (
        [(g.role, names(g.assignments), g.count) for g in view.team],
        names(view.department_people),
        view.department_total,
        view.my_manager and view.my_manager.pk,
        names(view.fellow_members),
        view.fellow_total,
        [(s.seat, names(s.holders)) for s in view.seats],
    )


def test_the_panel_loads_few_rows_of_a_large_team_and_shows_what_the_whole_team_gives(
    client, demo, crm
):
    """30 more people in Sales and 30 elsewhere: each role's panel shows the same first twelve
    and the same totals as from every assignment of the rollout, from far fewer rows."""
    from roles.selectors.people import active_assignments, assignments_for_home, role_view

    sales = demo["sales.manager"].department
    for department in (sales, None):
        for _ in range(30):
            person = UserFactory.create(department=department or demo["member3"].department)
            services.role_assign(by=demo["ceo"], rollout=crm, person=person, role=Role.MEMBER)
    everyone = list(active_assignments(Rollout.objects.filter(pk=crm.pk)))
    for username in ("ceo", "sales.manager", "it.manager", "member1", "sel.it"):
        person = demo[username]
        loaded = assignments_for_home(rollout_ids=[crm.pk], person=person)
        assert len(loaded) < len(everyone) - 30
        for mine in [a for a in everyone if a.person_id == person.pk]:
            assert shown(role_view(mine, loaded)) == shown(role_view(mine, everyone))


def test_the_closed_panel_loads_its_people_when_opened(client, demo):
    """After the first visit the panel is closed: My work reads no team for it, and opening
    it (htmx) or following its link (without JavaScript) shows the people."""
    client.force_login(demo["ceo"])
    client.get(reverse("gates:home"))  # the first visit: open, and remembered
    closed = client.get(reverse("gates:home"))
    assert closed.context["role_panel_open"] is False
    page = closed.content.decode()
    assert "The whole team, by role" not in page
    assert f'hx-get="{reverse("gates:role_panel")}"' in page
    assert closed.context["cards"][0].roles[0].team == []
    opened = client.get(reverse("gates:role_panel"), headers={"HX-Request": "true"})
    body = opened.content.decode()
    assert "The whole team, by role" in body and str(demo["sel.negotiator"]) in body
    assert "<html" not in body
    alone = client.get(reverse("gates:role_panel")).content.decode()
    assert "<html" in alone and "The whole team, by role" in alone


@pytest.mark.parametrize("username", ["ceo", "member1"])
def test_a_closed_panel_makes_my_work_cheaper_and_the_panel_keeps_its_count(
    client, demo, crm, username
):
    """My work with the panel closed reads the person's own roles and the executives (the
    same number of queries as open); the panel's own page reads the team in a fixed count."""
    client.force_login(demo[username])
    client.get(reverse("gates:home"))
    counts = {"fresh": {"ceo": 10, "member1": 9}[username], "cached": MY_WORK_CACHED_QUERIES}
    get_cached_page(client, reverse("gates:home"), rollout_id=crm.pk, **counts)
    for _ in range(30):
        services.role_assign(
            by=demo["ceo"], rollout=crm, person=UserFactory.create(), role=Role.MEMBER
        )
    get_cached_page(client, reverse("gates:home"), rollout_id=crm.pk, **counts)
    get_page(client, reverse("gates:role_panel"), PANEL_QUERIES[username])


# The session and the person, the rollouts, the roles with the team, the gates waiting,
# the calendar for the executive, the bar's two counts.
PANEL_QUERIES = {"ceo": 8, "member1": 7}


def test_a_manager_of_departments_in_two_rollouts_sees_both_teams(client, demo, crm, pilot):
    """Managing Sales in the CRM and in the pilot: My work (its first visit opens the role
    panel) and the panel itself answer with both rollouts' people (this was a 500: the
    departments managed were matched as a scalar subquery, and two rows broke it)."""
    manager = demo["sales.manager"]
    services.role_assign(
        by=demo["admin"], rollout=pilot, person=manager, role=Role.MANAGER,
        department=manager.department,
    )  # fmt: skip
    client.force_login(manager)
    home = client.get(reverse("gates:home"))
    assert home.status_code == 200
    assert {c.rollout.pk for c in home.context["cards"]} >= {crm.pk, pilot.pk}
    panel = client.get(reverse("gates:role_panel"), headers={"HX-Request": "true"})
    assert panel.status_code == 200
    assert demo["member1"].display_name in panel.content.decode()
