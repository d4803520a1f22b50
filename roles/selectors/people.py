"""Reads about people and roles. Each function runs a fixed number of queries, however many
rollouts, people or assignments there are: rows are fetched once and grouped in Python."""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Window
from django.db.models.functions import RowNumber

from roles.models import CatalogueEntry, Department, Role, RoleAssignment, Seat, User
from rollout.models import Rollout
from rollout.permissions import rollouts_for_user

ROLE_ORDER = [Role.EXECUTIVE, Role.MANAGER, Role.SELECTOR, Role.MEMBER]


@dataclass
class SeatGroup:
    seat: Seat
    holders: list[RoleAssignment]


@dataclass
class RoleGroup:
    role: Role
    assignments: list[RoleAssignment]
    # How many hold the role, where `assignments` holds only the first few (the home page).
    total: int | None = None

    @property
    def count(self) -> int:
        return len(self.assignments) if self.total is None else self.total


@dataclass
class RoleView:
    """One of my roles on a rollout, with the people that role works with (its duties and
    taboos are on the role's catalogue page, linked from My work)."""

    assignment: RoleAssignment
    # Filled according to the role (the others stay empty):
    team: list[RoleGroup] = field(default_factory=list)  # executive: everyone, by role
    department_people: list[RoleAssignment] = field(default_factory=list)  # manager
    department_total: int = 0
    my_manager: RoleAssignment | None = None  # member
    fellow_members: list[RoleAssignment] = field(default_factory=list)  # member
    fellow_total: int = 0
    seats: list[SeatGroup] = field(default_factory=list)  # selection team member


def active_assignments(rollouts: QuerySet[Rollout]) -> QuerySet[RoleAssignment]:
    return (
        RoleAssignment.objects.active()
        .filter(rollout__in=rollouts)
        .select_related("person", "person__department", "department")
        .order_by("role", "seat", "person__display_name", "person__username")
    )


def catalogue_by_role_and_seat() -> dict[tuple[str, str], list[CatalogueEntry]]:
    """All entries, keyed by (role, seat): one small query for the whole catalogue."""
    grouped: dict[tuple[str, str], list[CatalogueEntry]] = defaultdict(list)
    for entry in CatalogueEntry.objects.order_by("role", "seat", "kind", "order"):
        grouped[(entry.role, entry.seat)].append(entry)
    return grouped


def duties_for(
    assignment: RoleAssignment, catalogue: dict[tuple[str, str], list[CatalogueEntry]]
) -> list[CatalogueEntry]:
    """A role's catalogue entries; a selection seat adds its own question to the team's."""
    entries = list(catalogue.get((assignment.role, ""), []))
    if assignment.seat:
        entries = catalogue.get((assignment.role, assignment.seat), []) + entries
    return entries


def team_by_role(assignments: list[RoleAssignment]) -> list[RoleGroup]:
    grouped: dict[str, list[RoleAssignment]] = defaultdict(list)
    for assignment in assignments:
        grouped[assignment.role].append(assignment)
    return [
        RoleGroup(role=role, assignments=grouped[role], total=_total(grouped[role], "role_total"))
        for role in ROLE_ORDER
    ]


# The home page lists the first SHOWN of a group and links to the team page for the rest.
SHOWN = 12


def assignments_for_home(*, rollout_ids: list[int], person: User) -> list[RoleAssignment]:
    """The active assignments the home page's role panel shows, in one query however large
    the teams: the person's own, each rollout's executive, managers and seats, and the first
    SHOWN + 1 others by name of each role, and of each role within each department the
    person manages (the lists are cut at SHOWN, in the order of role, seat and name: their
    first SHOWN are among these). Each row carries how many share its role (`role_total`)
    and its person's department (`department_total`) on the rollout, so the page can say
    how many more."""
    order = [F("person__display_name").asc(), F("person__username").asc(), F("pk").asc()]
    by_role = [F("rollout_id"), F("role")]
    by_department = [F("rollout_id"), F("person__department_id")]
    # Whether the person manages the row's person's department (on any rollout): an Exists,
    # not `__in` a subquery, which Django's filter over window functions turned into a
    # scalar subquery (a manager of two rollouts' departments got "more than one row").
    manages_their_department = Exists(
        RoleAssignment.objects.active().filter(
            person_id=person.pk,
            role=Role.MANAGER,
            department_id=OuterRef("person__department_id"),
        )
    )
    return list(
        RoleAssignment.objects.active()
        .filter(rollout_id__in=rollout_ids)
        .select_related("person", "person__department", "department")
        .annotate(
            in_role=Window(RowNumber(), partition_by=by_role, order_by=order),
            role_total=Window(Count("pk"), partition_by=by_role),
            in_department=Window(
                RowNumber(), partition_by=[*by_department, F("role")], order_by=order
            ),
            department_total=Window(Count("pk"), partition_by=by_department),
        )
        .filter(
            Q(person_id=person.pk)
            | Q(role__in=[Role.EXECUTIVE, Role.MANAGER, Role.SELECTOR])
            | Q(in_role__lte=SHOWN + 1)
            | (Q(in_department__lte=SHOWN + 1) & Q(manages_their_department))
        )
        .order_by("role", "seat", "person__display_name", "person__username")
    )


def own_and_executives(*, rollout_ids: list[int], person: User) -> list[RoleAssignment]:
    """The person's own active assignments on these rollouts and each one's executive: what
    My work shows of the rollouts while the role panel is closed (one query)."""
    return list(
        RoleAssignment.objects.active()
        .filter(rollout_id__in=rollout_ids)
        .filter(Q(person_id=person.pk) | Q(role=Role.EXECUTIVE))
        .select_related("person", "person__department", "department")
        .order_by("role", "seat", "person__display_name", "person__username")
    )


def _total(rows: list[RoleAssignment], counted: str) -> int:
    """The count a window gave the rows of one group (assignments_for_home), or their number
    where the rows came without it (every row of the group was loaded)."""
    return int(getattr(rows[0], counted, len(rows))) if rows else 0


def executive_of(assignments: list[RoleAssignment]) -> RoleAssignment | None:
    """The rollout's executive among its active assignments (at most one: a constraint)."""
    return next((a for a in assignments if a.role == Role.EXECUTIVE), None)


def managed_departments(assignments: list[RoleAssignment]) -> list[Department]:
    """The departments with an active middle manager, as departments_of_rollout lists them
    (by code), read from assignments already loaded instead of another query."""
    managed = {a.department for a in assignments if a.role == Role.MANAGER and a.department}
    return sorted(managed, key=lambda d: d.code)


def seats_of(assignments: list[RoleAssignment]) -> list[SeatGroup]:
    """All five seats, in the domain's order, empty ones included so a gap shows."""
    holders: dict[str, list[RoleAssignment]] = defaultdict(list)
    for assignment in assignments:
        if assignment.role == Role.SELECTOR:
            holders[assignment.seat].append(assignment)
    return [SeatGroup(seat=seat, holders=holders[seat.value]) for seat in Seat]


def role_view(mine: RoleAssignment, everyone: list[RoleAssignment]) -> RoleView:
    view = RoleView(assignment=mine)
    others = [a for a in everyone if a.person_id != mine.person_id]
    if mine.role == Role.EXECUTIVE:
        view.team = team_by_role(everyone)
    elif mine.role == Role.MANAGER:
        department = [a for a in everyone if a.person.department_id == mine.department_id]
        view.department_people = [a for a in department if a.person_id != mine.person_id]
        my_rows = len(department) - len(view.department_people)
        view.department_total = _total(department, "department_total") - my_rows
    elif mine.role == Role.MEMBER:
        department_id = mine.person.department_id
        view.my_manager = next(
            (
                a
                for a in everyone
                if a.role == Role.MANAGER and department_id and a.department_id == department_id
            ),
            None,
        )
        view.fellow_members = [a for a in others if a.role == Role.MEMBER]
        members = [a for a in everyone if a.role == Role.MEMBER]
        view.fellow_total = _total(members, "role_total") - (
            len(members) - len(view.fellow_members)
        )
    elif mine.role == Role.SELECTOR:
        view.seats = seats_of(everyone)
    return view


def active_assignments_of_rollout(*, rollout: Rollout) -> QuerySet[RoleAssignment]:
    return active_assignments(Rollout.objects.filter(pk=rollout.pk))


def assignments_of_rollout(*, rollout: Rollout) -> QuerySet[RoleAssignment]:
    """Every assignment of a rollout, active and ended, for the team page."""
    return (
        RoleAssignment.objects.filter(rollout=rollout)
        .select_related("person", "person__department", "department", "assigned_by", "ended_by")
        .order_by("ended_at", "role", "seat", "person__username")
    )


def roles_of_person(*, person: User, viewer: AbstractUser | AnonymousUser) -> list[RoleAssignment]:
    """The person's active roles, only on rollouts the viewer may see."""
    return list(
        RoleAssignment.objects.active()
        .filter(person=person, rollout__in=rollouts_for_user(viewer))
        .select_related("rollout", "department")
        .order_by("rollout__name", "role")
    )


def catalogue_for_role(*, role: str) -> list[CatalogueEntry]:
    return list(CatalogueEntry.objects.filter(role=role).order_by("seat", "kind", "order"))


def people_choices() -> QuerySet[User]:
    return User.objects.filter(is_active=True).select_related("department").order_by("username")


def is_active_member(*, person: User, rollout: Rollout) -> bool:
    return (
        RoleAssignment.objects.active()
        .filter(rollout=rollout, person=person, role=Role.MEMBER)
        .exists()
    )


def active_member_ids(*, rollout: Rollout, people: list[int]) -> set[int]:
    """Which of these people are active implementation members of the rollout (one query)."""
    return set(
        RoleAssignment.objects.active()
        .filter(rollout=rollout, role=Role.MEMBER, person_id__in=people)
        .values_list("person_id", flat=True)
    )


def holds_role(
    person: AbstractUser | AnonymousUser,
    role: str,
    *,
    rollout_field: str = "rollout_id",
    department_field: str | None = None,
) -> Exists:
    """A filter for rows (in any number of rollouts) on whose rollout the person holds an
    active `role`; with `department_field`, for that row's department (a middle manager's).
    The assignments is_executive and managed_department_ids read, put into one query, for
    lists across every rollout (My work)."""
    held = RoleAssignment.objects.active().filter(
        person_id=person.pk, role=role, rollout_id=OuterRef(rollout_field)
    )
    if department_field is not None:
        held = held.filter(department_id=OuterRef(department_field))
    return Exists(held)


def managed_department_ids(*, user: AbstractUser | AnonymousUser, rollout: Rollout) -> set[int]:
    """The departments this person answers for as a middle manager on the rollout."""
    return _held(user, rollout, Role.MANAGER, "department_id")


def members_of_rollout(*, rollout: Rollout) -> QuerySet[User]:
    member_ids = RoleAssignment.objects.active().filter(rollout=rollout, role=Role.MEMBER)
    return (
        User.objects.filter(pk__in=member_ids.values("person_id"))
        .select_related("department")
        .order_by("department__code", "username")
    )


def departments_of_rollout(*, rollout: Rollout) -> QuerySet[Department]:
    """Departments with a middle manager on the rollout: the ones that own work there."""
    managed = RoleAssignment.objects.active().filter(rollout=rollout, role=Role.MANAGER)
    return Department.objects.filter(pk__in=managed.values("department_id")).order_by("code")


def department_manager(*, rollout: Rollout, department: Department) -> User | None:
    """The middle manager who answers for the department on the rollout, if any."""
    assignment = (
        RoleAssignment.objects.active()
        .filter(rollout=rollout, role=Role.MANAGER, department=department)
        .select_related("person")
        .first()
    )
    return assignment.person if assignment else None


def is_executive(*, person: AbstractUser | AnonymousUser, rollout: Rollout) -> bool:
    """The rollout's one active executive (not merely someone with every permission)."""
    return (
        person.is_authenticated
        and RoleAssignment.objects.active()
        .filter(rollout=rollout, person_id=person.pk, role=Role.EXECUTIVE)
        .exists()
    )


def is_manager_or_senior_seat(*, person: AbstractUser | AnonymousUser, rollout: Rollout) -> bool:
    return (
        person.is_authenticated
        and RoleAssignment.objects.active()
        .filter(rollout=rollout, person_id=person.pk)
        .filter(Q(role=Role.MANAGER) | Q(role=Role.SELECTOR, seat=Seat.SENIOR))
        .exists()
    )


def role_label(*, person: AbstractUser | AnonymousUser, rollout: Rollout) -> str:
    """The person's roles on the rollout as people say them, joined."""
    assignments = (
        RoleAssignment.objects.active()
        .filter(rollout=rollout, person_id=person.pk)
        .select_related("department")
    )
    return ", ".join(a.label for a in assignments)[:120]


def people_of_rollout(*, rollout: Rollout) -> QuerySet[User]:
    """Everyone holding an active role on the rollout."""
    holders = RoleAssignment.objects.active().filter(rollout=rollout).values("person_id")
    return User.objects.filter(pk__in=holders, is_active=True).order_by("username")


def seats_held(*, person: AbstractUser | AnonymousUser, rollout: Rollout) -> set[str]:
    """The selection seats the person fills on the rollout (one query)."""
    return _held(person, rollout, Role.SELECTOR, "seat")


def _held(
    person: AbstractUser | AnonymousUser, rollout: Rollout, role: str, column: str
) -> set[Any]:
    """One column of the person's active assignments of one role on the rollout: one
    query, none for someone signed out."""
    if not person.is_authenticated:
        return set()
    return set(
        RoleAssignment.objects.active()
        .filter(rollout=rollout, person_id=person.pk, role=role)
        .values_list(column, flat=True)
    )
