"""Each duty and taboo of the article (roles.catalogue_data) links to the pages of a rollout
where it is done or watched, and a person holding the role can open each of them."""

import pytest
from django.urls import reverse

from roles.catalogue_data import CATALOGUE
from roles.catalogue_places import PAGE_NAMES, PLACES
from tests.query_counts import get_page

pytestmark = pytest.mark.django_db

# A demo person holding each role on the CRM rollout.
HOLDER = {"executive": "ceo", "manager": "sales.manager", "selector": "sel.it", "member": "member1"}


def test_every_entry_of_the_catalogue_links_somewhere():
    nowhere = [entry.key for entry in CATALOGUE if not PLACES.get(entry.key)]
    assert nowhere == []
    assert set(PLACES) == {entry.key for entry in CATALOGUE}  # no place for a removed entry


# A seat's own question is done by that seat's holder.
SEAT_HOLDER = {
    "end_users": "sel.users",
    "it": "sel.it",
    "finance": "sel.finance",
    "negotiator": "sel.negotiator",
    "senior": "sel.senior",
}


@pytest.mark.parametrize("entry", CATALOGUE, ids=lambda entry: entry.key)
def test_each_place_opens_for_a_person_holding_the_role(client, demo, crm, entry):
    client.force_login(demo[SEAT_HOLDER[entry.seat] if entry.seat else HOLDER[entry.role]])
    for name in PLACES[entry.key]:
        assert name in PAGE_NAMES
        response = client.get(reverse(name, args=[crm.pk]))
        assert response.status_code == 200, (entry.key, name, response.status_code)


@pytest.mark.parametrize("role", sorted(HOLDER))
def test_the_roles_page_links_each_entry_in_the_persons_rollouts(client, demo, crm, role):
    client.force_login(demo[HOLDER[role]])
    page = client.get(reverse("roles:catalogue_role", args=[role])).content.decode()
    for entry in (e for e in CATALOGUE if e.role == role):
        block = page.split(f'data-key="{entry.key}"', 1)[1].split("</li>", 1)[0]
        for name in PLACES[entry.key]:
            assert f'href="{reverse(name, args=[crm.pk])}"' in block, (entry.key, name)


def test_someone_without_the_role_sees_where_without_links(client, demo):
    client.force_login(demo["member1"])
    page = client.get(reverse("roles:catalogue_role", args=["executive"])).content.decode()
    block = page.split('data-key="executive.duty.decide"', 1)[1].split("</li>", 1)[0]
    assert "Done or watched on Goal · Gates" in block and "href" not in block


@pytest.mark.parametrize("username", ["ceo", "admin"])
def test_the_roles_page_asks_the_same_queries_however_many_rollouts(client, demo, username):
    """The session and the person, the catalogue, the rollouts held and the bar's counts."""
    client.force_login(demo[username])
    get_page(client, reverse("roles:catalogue_role", args=["executive"]), 6)
