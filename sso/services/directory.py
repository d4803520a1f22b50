"""The one way a person signed in by the directory (LDAP) or the identity provider (OIDC)
becomes or updates a person here. Both backends call `directory_person_sign_in` with what
their source says about the person; the rules are the same for both:

- the first sign-in creates the person, with no usable local password;
- name, e-mail and language follow the source at every sign-in (it is the company's record);
- the department follows the groups an administrator mapped (`DirectoryGroup`), else a
  department the source names that exists here, else it stays as it was;
- a role is granted only through a mapped group, never because the source says so;
- a disabled person stays refused: the source cannot switch an account back on."""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from core.errors import AppError
from roles.models import Department, Role, RoleAssignment, User
from roles.permissions import rollout_permissions_sync
from sso.models import DirectoryGroup, DirectoryIdentity


class DirectorySignInRefused(AppError):
    """The source vouched for the person, but they may not sign in here."""


@dataclass(frozen=True)
class DirectoryPerson:
    """What a source says about a person. `groups` are LDAP group DNs or the values of the
    provider's groups claim, as the mapping names them."""

    source: str
    username: str
    # The source's own identifier of the person (OIDC: issuer and sub; LDAP: the DN): the
    # person is found by it once linked. Empty: by username alone (tests of the rules).
    subject: str = ""
    email: str = ""
    first_name: str = ""
    last_name: str = ""
    display_name: str = ""
    language: str = ""
    department: str = ""
    groups: tuple[str, ...] = field(default_factory=tuple)


def _language(said: str) -> str | None:
    """The source's language ('zh-CN', 'zh_Hans', 'en-GB') as one this site offers."""
    said = said.strip().lower().replace("_", "-")
    if not said:
        return None
    offered = [code for code, _name in settings.LANGUAGES]
    if said.startswith("zh"):
        return next((code for code in offered if code.lower().startswith("zh")), None)
    return next((code for code in offered if said.split("-")[0] == code.lower()), None)


def _named_department(name: str) -> Department | None:
    name = name.strip()
    if not name:
        return None
    return Department.objects.filter(Q(name_en__iexact=name) | Q(name_zh_hans=name)).first()


@transaction.atomic
def directory_person_sign_in(said: DirectoryPerson) -> User:
    """The person the source vouched for, created on their first sign-in, brought up to
    date, with the roles their mapped groups carry. Refuses a disabled person."""
    username = said.username.strip()
    if not username:
        raise DirectorySignInRefused(_("The sign-in service did not say who you are."))
    person = _linked_person(said) or _person_to_link(said, username)
    if not person.is_active:
        raise DirectorySignInRefused(
            _("Your account is disabled. Ask an administrator of Rollout to enable it.")
        )
    person.email = said.email.strip() or person.email
    person.first_name = said.first_name.strip()[:150] or person.first_name
    person.last_name = said.last_name.strip()[:150] or person.last_name
    person.display_name = (
        said.display_name.strip()[:150]
        or " ".join(p for p in (said.first_name.strip(), said.last_name.strip()) if p)
        or person.display_name
    )
    person.preferred_language = _language(said.language) or person.preferred_language
    groups = list(
        DirectoryGroup.objects.filter(source=said.source, name__in=said.groups)
        .select_related("department", "rollout")
        .order_by("pk")
    )
    department = next((g.department for g in groups if g.department is not None), None)
    person.department = department or _named_department(said.department) or person.department
    person.save()
    if said.subject:
        DirectoryIdentity.objects.get_or_create(
            source=said.source, subject=said.subject, defaults={"person": person}
        )
    _grant_mapped_roles(person, groups)
    return person


def _linked_person(said: DirectoryPerson) -> User | None:
    if not said.subject:
        return None
    return (
        User.objects.select_for_update()
        .filter(
            directory_identities__source=said.source, directory_identities__subject=said.subject
        )
        .first()
    )


def _person_to_link(said: DirectoryPerson, username: str) -> User:
    """A new person, or one already here under that username whom nobody else can sign in
    as: no password of their own, no administrator rights, and no identity of this source
    yet. Anyone else is refused: the source's username alone never opens an account that
    someone already holds (an administrator links it by removing its local password)."""
    person = User.objects.select_for_update().filter(username__iexact=username).first()
    if person is None:
        person = User(username=username)
        person.set_unusable_password()
        return person
    if not person.is_active:
        return person  # refused as disabled, which tells them what to ask for
    held = person.has_usable_password() or person.is_staff or person.is_superuser
    if held or DirectoryIdentity.objects.filter(source=said.source, person=person).exists():
        raise DirectorySignInRefused(
            _(
                "Rollout already has an account named “%(username)s” that your company "
                "sign-in is not linked to. Ask an administrator of Rollout to link them."
            )
            % {"username": username}
        )
    return person


def _grant_mapped_roles(person: User, groups: list[DirectoryGroup]) -> None:
    """Each mapped role the person does not hold yet; assigned by nobody (the directory),
    which the role's history shows."""
    held: set[tuple[int, str, int | None]] = set(
        RoleAssignment.objects.active()
        .filter(person=person)
        .values_list("rollout_id", "role", "department_id")
    )
    touched = set()
    for group in groups:
        if not group.role or group.rollout is None:
            continue
        department = group.department if group.role == Role.MANAGER else None
        key = (group.rollout.pk, group.role, department.pk if department else None)
        if key in held:
            continue
        RoleAssignment.objects.create(
            rollout=group.rollout, person=person, role=group.role, department=department
        )
        held.add(key)
        touched.add(group.rollout)
    for rollout in touched:
        rollout_permissions_sync(person=person, rollout=rollout)
