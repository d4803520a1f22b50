"""directory_person_sign_in: the rules both single sign-on backends share."""

import pytest
from django.contrib.auth import authenticate
from django.db import IntegrityError
from django.test import RequestFactory, override_settings

from roles.models import Role, RoleAssignment, User
from sso.models import DirectoryGroup, DirectoryIdentity, DirectorySource
from sso.services.directory import (
    DirectoryPerson,
    DirectorySignInRefused,
    directory_person_sign_in,
)
from tests.factories import DepartmentFactory, RolloutFactory, UserFactory

pytestmark = pytest.mark.django_db

SALES_DN = "cn=sales,ou=groups,dc=example,dc=com"


def said(**kwargs: object) -> DirectoryPerson:
    values: dict[str, object] = {"source": DirectorySource.LDAP, "username": "li.wei"}
    values.update(kwargs)
    return DirectoryPerson(**values)  # type: ignore[arg-type]


def test_the_first_sign_in_creates_the_person_with_no_password_and_no_role() -> None:
    person = directory_person_sign_in(
        said(email="li.wei@example.com", first_name="Wei", last_name="Li", language="zh-CN")
    )
    assert (person.username, person.email, person.display_name) == (
        "li.wei",
        "li.wei@example.com",
        "Wei Li",
    )
    assert person.preferred_language == "zh-hans"
    assert not person.has_usable_password()
    assert not person.is_staff and not person.is_superuser
    assert not RoleAssignment.objects.filter(person=person).exists()


def test_the_next_sign_in_updates_the_same_person() -> None:
    first = directory_person_sign_in(said(email="old@example.com"))
    again = directory_person_sign_in(said(username="LI.WEI", email="new@example.com"))
    assert again.pk == first.pk
    assert User.objects.get(pk=first.pk).email == "new@example.com"


def test_a_mapped_group_places_the_person_in_its_department() -> None:
    sales = DepartmentFactory.create(name_en="Sales")
    DirectoryGroup.objects.create(source=DirectorySource.LDAP, name=SALES_DN, department=sales)
    person = directory_person_sign_in(said(groups=(SALES_DN, "cn=other")))
    assert person.department == sales


def test_a_group_mapped_for_the_other_source_means_nothing() -> None:
    sales = DepartmentFactory.create(name_en="Sales")
    DirectoryGroup.objects.create(source=DirectorySource.OIDC, name=SALES_DN, department=sales)
    assert directory_person_sign_in(said(groups=(SALES_DN,))).department is None


def test_a_department_the_source_names_is_taken_when_no_group_says() -> None:
    finance = DepartmentFactory.create(name_en="Finance", name_zh_hans="财务部")
    assert directory_person_sign_in(said(department="财务部")).department == finance
    assert directory_person_sign_in(said(department="Nowhere")).department == finance


def test_a_role_is_granted_only_through_a_mapped_group() -> None:
    rollout = RolloutFactory.create()
    DirectoryGroup.objects.create(
        source=DirectorySource.LDAP, name="cn=crm-team", rollout=rollout, role=Role.MEMBER
    )
    outsider = directory_person_sign_in(said(username="outsider", groups=("cn=admins",)))
    member = directory_person_sign_in(said(groups=("cn=crm-team",)))
    assert not outsider.has_perm("rollout.view_rollout", rollout)
    assert list(RoleAssignment.objects.active().filter(person=member).values_list("role")) == [
        (Role.MEMBER,)
    ]
    assert User.objects.get(pk=member.pk).has_perm("rollout.view_rollout", rollout)
    directory_person_sign_in(said(groups=("cn=crm-team",)))  # a second sign-in adds nothing
    assert RoleAssignment.objects.filter(person=member).count() == 1


def test_a_disabled_person_stays_refused_and_nothing_changes() -> None:
    person = UserFactory.create(username="li.wei", email="kept@example.com", is_active=False)
    with pytest.raises(DirectorySignInRefused, match="disabled"):
        directory_person_sign_in(said(email="new@example.com"))
    person.refresh_from_db()
    assert (person.email, person.is_active) == ("kept@example.com", False)


def test_no_username_is_refused_and_creates_nobody() -> None:
    before = User.objects.count()
    with pytest.raises(DirectorySignInRefused):
        directory_person_sign_in(said(username="  "))
    assert User.objects.count() == before


@pytest.mark.parametrize(
    "fields",
    [
        {"role": Role.EXECUTIVE},  # the executive is named in the app
        {"role": Role.MEMBER},  # a role needs its rollout
        {},  # a group that means nothing
        {"role": Role.MANAGER, "with_rollout": True},  # a department's manager: named by its head
        {"role": Role.SELECTOR, "with_rollout": True},  # a seat: not a group's to give
    ],
)
def test_the_database_refuses_a_mapping_that_breaks_a_rule(fields: dict[str, object]) -> None:
    rollout = RolloutFactory.create() if fields.pop("with_rollout", False) else None
    with pytest.raises(IntegrityError):
        DirectoryGroup.objects.create(
            source=DirectorySource.LDAP, name="cn=x", rollout=rollout, **fields
        )


def test_local_passwords_off_leave_them_to_administrators_only() -> None:
    request = RequestFactory().post("/accounts/login/")
    for username, staff in (("someone", False), ("admin.person", True)):
        person = UserFactory.create(username=username, is_staff=staff)
        person.set_password("a long enough passphrase")
        person.save()
    with override_settings(ROLLOUT_LOCAL_PASSWORDS=False):
        assert (
            authenticate(request, username="someone", password="a long enough passphrase") is None
        )
        admin = authenticate(request, username="admin.person", password="a long enough passphrase")
        assert admin is not None and admin.username == "admin.person"
    with override_settings(ROLLOUT_LOCAL_PASSWORDS=True):
        assert authenticate(request, username="someone", password="a long enough passphrase")


def test_a_username_the_source_sends_never_opens_an_account_someone_holds() -> None:
    """ "admin" at the provider is not the administrator here: an account with a password
    of its own, or administrator rights, is never linked by its username."""
    admin = UserFactory.create(username="boss", email="it@example.com", is_staff=True)
    local = UserFactory.create(username="wang.fang", email="wf@example.com")
    local.set_password("a long enough passphrase")
    local.save()
    people = User.objects.count()
    for username in ("Boss", "wang.fang"):
        with pytest.raises(DirectorySignInRefused, match="not linked"):
            directory_person_sign_in(
                said(
                    source=DirectorySource.OIDC,
                    username=username,
                    subject="iss sub-1",
                    email="x@evil.example",
                )
            )
    admin.refresh_from_db()
    local.refresh_from_db()
    assert (admin.email, local.email, User.objects.count()) == (
        "it@example.com",
        "wf@example.com",
        people,
    )
    assert not DirectoryIdentity.objects.exists()


def test_once_linked_the_person_is_found_by_the_sources_identifier_not_the_username() -> None:
    first = directory_person_sign_in(said(source=DirectorySource.OIDC, subject="iss sub-7"))
    renamed = directory_person_sign_in(
        said(source=DirectorySource.OIDC, username="wei.li", subject="iss sub-7")
    )
    assert renamed.pk == first.pk
    # Someone else at the provider who now calls themselves li.wei: not that person.
    with pytest.raises(DirectorySignInRefused, match="not linked"):
        directory_person_sign_in(said(source=DirectorySource.OIDC, subject="iss sub-8"))
