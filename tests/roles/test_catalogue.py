"""The duty and taboo catalogue: complete, bilingual, loaded once, shown per role."""

import pytest
from django.urls import reverse

from roles.catalogue import catalogue_load
from roles.catalogue_data import CATALOGUE
from roles.models import CatalogueEntry, Role, Seat

pytestmark = pytest.mark.django_db


def test_every_role_has_duties_and_taboos():
    for role in (Role.EXECUTIVE, Role.MANAGER, Role.SELECTOR, Role.MEMBER):
        kinds = set(CatalogueEntry.objects.filter(role=role).values_list("kind", flat=True))
        assert {"duty", "taboo"} <= kinds, role


def test_every_seat_has_its_question():
    seats = set(CatalogueEntry.objects.filter(kind="question").values_list("seat", flat=True))
    assert seats == set(Seat.values)


def test_members_have_the_four_qualities():
    assert CatalogueEntry.objects.filter(role=Role.MEMBER, kind="quality").count() == 4


def test_every_entry_is_written_in_both_languages():
    for entry in CATALOGUE:
        assert entry.title_en and entry.title_zh_hans and entry.text_en and entry.text_zh_hans


def test_loading_twice_adds_nothing():
    before = CatalogueEntry.objects.count()
    catalogue_load(CatalogueEntry)
    assert CatalogueEntry.objects.count() == before == len(CATALOGUE)


def test_the_role_page_lists_its_duties_and_taboos(client, demo):
    client.force_login(demo["member1"])
    page = client.get(reverse("roles:catalogue_role", args=["manager"])).content.decode()
    assert "Must do" in page and "Must not do" in page
    assert "Commit people" in page


def test_an_unknown_role_page_is_not_found(client, demo):
    client.force_login(demo["member1"])
    assert client.get(reverse("roles:catalogue_role", args=["king"])).status_code == 404


def test_a_profile_shows_the_persons_roles_and_duties(client, demo):
    client.force_login(demo["ceo"])
    page = client.get(reverse("roles:person_profile", args=[demo["member1"].pk])).content.decode()
    assert "Implementation member" in page
    assert "Enterprising" in page
