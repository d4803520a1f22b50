"""The object permissions each role carries on its rollout, the one function that
writes them, and the access helpers for the objects this app owns."""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property, reduce
from operator import or_
from typing import Literal

from django.contrib.auth.models import AbstractUser, AnonymousUser, Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.http import Http404

from core.access import one_in_resolved_or_404, one_or_404, permitted
from core.checked import mark_checked
from roles.models import Department, Role, RoleAssignment, User
from rollout.models import Rollout, RolloutUserObjectPermission
from rollout.permissions import rollouts_for_user

# Codenames on rollout.Rollout. Every role can see its rollout; the rest is what the
# domain gives each role to do (see shared/DOMAIN.md).
ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.EXECUTIVE: frozenset(
        {
            "view_rollout",
            "change_rollout",
            "decide_gate",
            "manage_roles",
            "plan_work",
            "view_reviews",
            "request_staff",
        }
    ),
    Role.MANAGER: frozenset(
        {"view_rollout", "commit_staff", "plan_work", "verify_work", "review_members"}
    ),
    Role.SELECTOR: frozenset({"view_rollout", "score_vendors"}),
    Role.MEMBER: frozenset({"view_rollout", "log_work"}),
}


@dataclass(frozen=True)
class GrantSource:
    """Another app's reason for a person to hold permissions on a rollout beyond their
    roles (staffing's: a commitment the person must answer). The app registers it from its
    AppConfig.ready(), so this app never imports the apps built on it."""

    # The permissions the source needs each of these people to hold on the rollout now, by
    # person id (a person it needs nothing from may be left out): one query for all.
    wanted: Callable[[list[User], Rollout], dict[int, frozenset[str]]]
    # Every (person id, rollout id) the source may grant to, for rollout_permissions_sync_all.
    pairs: Callable[[], Iterable[tuple[int, int]]]


# By name, so registering twice (ready() run again) replaces rather than adds.
_grant_sources: dict[str, GrantSource] = {}


def grant_source_register(name: str, source: GrantSource) -> None:
    _grant_sources[name] = source


def rollout_permissions_sync(*, person: User, rollout: Rollout) -> None:
    """Make the person's object permissions on the rollout exactly the union of what their
    active roles carry, and what the registered grant sources (a live commitment of theirs)
    need. Recomputing (instead of granting or revoking one role's set) keeps a permission
    that a second role or a commitment still needs when the first role ends."""
    rollout_permissions_sync_people(people=[person], rollout=rollout)


def rollout_permissions_sync_people(*, people: list[User], rollout: Rollout) -> None:
    """rollout_permissions_sync for several people at once (an answer committing some), in
    a fixed number of queries whatever their number: their roles, each grant source, what
    they hold, then one insert and one delete of the differences."""
    ids = sorted({person.pk for person in people})
    wanted: dict[int, set[str]] = {pk: set() for pk in ids}
    roles = RoleAssignment.objects.active().filter(person_id__in=ids, rollout=rollout)
    for person_id, role in roles.values_list("person_id", "role"):
        wanted[person_id] |= ROLE_PERMISSIONS[role]
    for source in _grant_sources.values():
        for person_id, codenames in source.wanted(people, rollout).items():
            wanted[person_id] |= codenames
    held: dict[int, set[str]] = defaultdict(set)
    grants = RolloutUserObjectPermission.objects.filter(user_id__in=ids, content_object=rollout)
    for user_id, codename in grants.values_list("user_id", "permission__codename"):
        held[user_id].add(codename)
    missing = [(pk, codename) for pk in ids for codename in sorted(wanted[pk] - held[pk])]
    extra = [(pk, codename) for pk in ids for codename in sorted(held[pk] - wanted[pk])]
    if missing:
        permissions = {
            permission.codename: permission
            for permission in Permission.objects.filter(
                content_type=ContentType.objects.get_for_model(Rollout),
                codename__in={codename for _pk, codename in missing},
            )
        }
        # Ignoring conflicts: a grant written at the same moment by another sync is the
        # same grant (guardian's unique user, permission and object).
        RolloutUserObjectPermission.objects.bulk_create(
            [
                RolloutUserObjectPermission(
                    user_id=pk, permission=permissions[codename], content_object=rollout
                )
                for pk, codename in missing
            ],
            ignore_conflicts=True,
        )
    if extra:
        grants.filter(
            reduce(or_, (Q(user_id=pk, permission__codename=codename) for pk, codename in extra))
        ).delete()


def rollout_permissions_sync_all() -> int:
    """Re-derive every person's permissions on every rollout from their active roles and
    the grant sources (live commitments), for when ROLE_PERMISSIONS changes. Pairs that
    only hold a grant are checked too, so a grant nothing justifies any more is revoked.
    Returns how many (person, rollout) pairs it checked."""
    from_roles = RoleAssignment.objects.active().values_list("person_id", "rollout_id")
    from_sources = [pair for source in _grant_sources.values() for pair in source.pairs()]
    from_grants = RolloutUserObjectPermission.objects.values_list("user_id", "content_object_id")
    pairs = sorted({*from_roles, *from_sources, *from_grants}, key=lambda pair: (pair[1], pair[0]))
    people = User.objects.in_bulk({person for person, _rollout in pairs})
    rollouts = Rollout.objects.in_bulk({rollout for _person, rollout in pairs})
    for person_id, rollout_id in pairs:
        rollout_permissions_sync(person=people[person_id], rollout=rollouts[rollout_id])
    return len(pairs)


def may_manage_roles(user: AbstractUser | AnonymousUser, rollout: Rollout) -> bool:
    """Who gives and ends the roles of a rollout (its executive, an administrator), except
    a department's middle manager: see may_name_department_manager."""
    return bool(user.is_authenticated and user.has_perm("rollout.manage_roles", rollout))


def may_name_department_manager(
    user: AbstractUser | AnonymousUser, rollout: Rollout, department: Department
) -> bool:
    """Who may make someone, or stop someone being, a department's middle manager on a
    rollout: an administrator, or the company's head of that department if they can see
    the rollout. Not the rollout's executive as such: a middle manager commits the
    department's people and sees their hours on every rollout, so only whoever answers for
    the department in the company hands that on."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return department.head_id == user.pk and user.has_perm("rollout.view_rollout", rollout)


def departments_headed_by(user: AbstractUser | AnonymousUser) -> QuerySet[Department]:
    """The departments whose middle managers this person may name (all for an
    administrator), for the forms; may_name_department_manager is the rule itself."""
    if not user.is_authenticated or not user.is_active:
        return Department.objects.none()
    if user.is_superuser:
        return Department.objects.order_by("code")
    return Department.objects.filter(head_id=user.pk).order_by("code")


class RoleAuthority:
    """What a person may do with the roles of one rollout: the one rule for ending a role,
    asked by the team page (which rows get an End button), by its POST and by role_end.
    Each fact is read once, and only when a question needs it."""

    def __init__(self, user: AbstractUser | AnonymousUser, rollout: Rollout) -> None:
        self.user = user
        self.rollout = rollout

    @cached_property
    def manages_roles(self) -> bool:
        return may_manage_roles(self.user, self.rollout)

    @cached_property
    def staffed_departments(self) -> list[Department]:
        """The departments whose middle manager the person may name on the rollout. Every
        department the person heads gets the same answer from may_name_department_manager
        (heads it, sees the rollout), so it is asked once, not once per department."""
        headed = list(departments_headed_by(self.user))
        if headed and may_name_department_manager(self.user, self.rollout, headed[0]):
            return headed
        return []

    @property
    def may_assign(self) -> bool:
        """Whether the person gives any role here (which one is role_assign's to check)."""
        return self.manages_roles or bool(self.staffed_departments)

    def may_end(self, assignment: RoleAssignment) -> bool:
        """The rollout's executive (or an administrator) ends any role, a department's head
        the middle manager role of their department. That the executive's own role cannot
        end is role_end's to say, with its reason."""
        if self.manages_roles:
            return True
        return assignment.role == Role.MANAGER and assignment.department_id in {
            department.pk for department in self.staffed_departments
        }


def may_be_department_manager(person: User, department: Department) -> bool:
    """A department's middle manager is one of its people, or its head: someone else would
    see and commit people they do not answer for."""
    return person.is_active and (
        person.department_id == department.pk or department.head_id == person.pk
    )


def get_person_for_user(user: AbstractUser | AnonymousUser, pk: int) -> User:
    """A person's profile is visible to themselves, to superusers and to anyone who shares
    a rollout with them; otherwise 404, as if they did not exist."""
    if not user.is_authenticated:
        raise Http404
    visible = User.objects.filter(is_active=True).select_related("department")
    if not getattr(user, "is_superuser", False):
        shared = RoleAssignment.objects.active().filter(rollout__in=rollouts_for_user(user))
        visible = visible.filter(Q(pk=user.pk) | Q(pk__in=shared.values("person")))
    return one_or_404(visible, pk=pk)


def get_assignment_for_user(
    user: AbstractUser | AnonymousUser, rollout: Rollout, pk: int
) -> RoleAssignment:
    """An assignment of a rollout the caller may already see (resolve the rollout with
    rollout.permissions.get_rollout_for_user first); 404 for any other id."""
    assignments = RoleAssignment.objects.select_related("person", "department", "rollout")
    return one_in_resolved_or_404(user, rollout, assignments, rollout=rollout, pk=pk)


def access_assignment(
    user: AbstractUser | AnonymousUser, rollout: Rollout, pk: int, *, to: Literal["end"]
) -> RoleAssignment:
    """An assignment to end: 403 unless RoleAuthority.may_end, checked before the reason's
    form is read; role_end does not ask again."""
    assignment = get_assignment_for_user(user, rollout, pk)
    return permitted(user, assignment, to, RoleAuthority(user, rollout).may_end(assignment))


def access_role_giving(user: AbstractUser | AnonymousUser, rollout: Rollout) -> RoleAuthority:
    """The person's authority to give roles on the rollout: 403 when they give none, checked
    before the form is read (which role for which department is role_assign's question)."""
    authority = RoleAuthority(user, rollout)
    permitted(user, rollout, "give_roles", authority.may_assign)
    # What may_assign answered is marked, so role_assign does not ask it again: whether the
    # person manages the rollout's roles, else which departments' middle manager they name
    # (may_assign read those only when they do not manage the roles).
    if authority.manages_roles:
        mark_checked(rollout, user.pk, MANAGES_ROLES)
    else:
        for department in authority.staffed_departments:
            mark_checked(rollout, user.pk, names_manager_of(department.pk))
    return authority


# The marks access_role_giving leaves on the rollout for role_assign.
MANAGES_ROLES = "manage_roles"


def names_manager_of(department_pk: int) -> str:
    return f"name_manager:{department_pk}"
