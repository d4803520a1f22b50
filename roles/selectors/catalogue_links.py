"""The links of the role's page: for each entry of the catalogue, the pages where it is done
or watched (roles.catalogue_places), in each rollout where the person holds the role."""

from dataclasses import dataclass

from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.urls import reverse
from django.utils.functional import Promise

from roles.catalogue_places import PAGE_NAMES, PLACES
from roles.models import CatalogueEntry, RoleAssignment
from rollout.models import Rollout


@dataclass(frozen=True)
class PlaceLink:
    page: Promise | str
    url: str


@dataclass(frozen=True)
class RolloutPlaces:
    rollout: Rollout
    links: list[PlaceLink]


@dataclass(frozen=True)
class EntryWithPlaces:
    entry: CatalogueEntry
    # The pages' names, for a reader who holds the role in no rollout.
    pages: list[Promise | str]
    rollouts: list[RolloutPlaces]


def rollouts_holding_role(*, person: AbstractUser | AnonymousUser, role: str) -> list[Rollout]:
    """The rollouts where the person holds the role now (one query)."""
    if not person.is_authenticated:
        return []
    held = RoleAssignment.objects.active().filter(person_id=person.pk, role=role)
    return list(Rollout.objects.filter(pk__in=held.values("rollout_id")).order_by("name", "pk"))


def entries_with_places(
    *, entries: list[CatalogueEntry], rollouts: list[Rollout]
) -> list[EntryWithPlaces]:
    """No query: the places are names, the links are reversed."""
    return [
        EntryWithPlaces(
            entry=entry,
            pages=[PAGE_NAMES[name] for name in PLACES.get(entry.key, ())],
            rollouts=[
                RolloutPlaces(
                    rollout=rollout,
                    links=[
                        PlaceLink(PAGE_NAMES[name], reverse(name, args=[rollout.pk]))
                        for name in PLACES.get(entry.key, ())
                    ],
                )
                for rollout in rollouts
            ],
        )
        for entry in entries
    ]
