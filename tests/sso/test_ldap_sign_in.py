"""Sign-in through the company's directory, against a real slapd that requires StartTLS:
through the sign-in page (the whole stack: django-axes, the LDAP back-end, local passwords)
and through authenticate()."""

import pytest
from django.conf import settings
from django.contrib.auth import authenticate
from django.test import Client, RequestFactory
from django.urls import reverse

from roles.models import Department, Role, RoleAssignment, User
from sso.ldap_backend import DirectoryLDAPBackend
from sso.models import DirectoryGroup, DirectorySource
from tests.factories import DepartmentFactory, RolloutFactory, UserFactory
from tests.faults.services import free_port
from tests.ldap_server import (
    ANNA_BERG,
    CRM_TEAM_DN,
    LI_WEI,
    OLGA_LOCKED,
    PETER_DISABLED,
    SALES_DN,
    DirectoryEntry,
    Slapd,
)

pytestmark = pytest.mark.django_db


def sign_in(client: Client, username: str, password: str) -> tuple[int, str]:
    response = client.post(reverse("roles:login"), {"username": username, "password": password})
    return response.status_code, response.content.decode()


def mapped(dn: str, **meaning: object) -> DirectoryGroup:
    return DirectoryGroup.objects.create(source=DirectorySource.LDAP, name=dn, **meaning)


@pytest.fixture
def key_accounts() -> Department:
    # Not the "Sales" the directory names as departmentNumber: the mapping must decide.
    return DepartmentFactory.create(code="key-accounts", name_en="Key accounts")


def test_the_first_sign_in_creates_the_person_as_the_directory_describes_them(
    ldap_sign_in: Slapd, client: Client, key_accounts: Department
) -> None:
    mapped(SALES_DN, department=key_accounts)
    status, _page = sign_in(client, LI_WEI.uid, LI_WEI.password)
    assert status == 302
    person = User.objects.get(username="li.wei")
    assert (person.email, person.display_name, person.preferred_language) == (
        "li.wei@example.com",
        "伟 李",
        "zh-hans",
    )
    assert person.department == key_accounts
    assert not person.has_usable_password()


def test_a_group_mapped_in_another_spelling_of_its_dn_still_counts(
    ldap_sign_in: Slapd, key_accounts: Department
) -> None:
    # As an administrator pastes it from Active Directory's tools.
    mapped("CN=Sales, OU=Groups, DC=example, DC=com", department=key_accounts)
    person = authenticate(RequestFactory().post("/"), username="LI.WEI", password=LI_WEI.password)
    assert person is not None and person.department == key_accounts


def test_a_role_comes_only_from_a_mapped_group(ldap_sign_in: Slapd) -> None:
    rollout = RolloutFactory.create()
    mapped(CRM_TEAM_DN, rollout=rollout, role=Role.MEMBER)
    request = RequestFactory().post("/")
    member = authenticate(request, username=LI_WEI.uid, password=LI_WEI.password)
    outsider = authenticate(request, username=ANNA_BERG.uid, password=ANNA_BERG.password)
    assert member is not None and outsider is not None
    assert list(RoleAssignment.objects.filter(rollout=rollout).values_list("person", "role")) == [
        (member.pk, Role.MEMBER)
    ]
    assert not RoleAssignment.objects.filter(person=outsider).exists()


@pytest.mark.parametrize(
    ("who", "password"),
    [
        (LI_WEI, "not the directory password"),
        (DirectoryEntry("nobody.here", "x", "", "", "", "", ""), "whatever it is"),
        (OLGA_LOCKED, OLGA_LOCKED.password),  # the directory's password policy locked her
    ],
    ids=["wrong password", "unknown to the directory", "locked in the directory"],
)
def test_a_refused_sign_in_says_so_and_creates_nobody(
    ldap_sign_in: Slapd, client: Client, who: DirectoryEntry, password: str
) -> None:
    people = User.objects.count()
    status, page = sign_in(client, who.uid, password)
    assert (status, "didn&#x27;t match" in page) == (200, True)
    assert User.objects.count() == people


def test_a_person_disabled_here_is_told_so_and_nothing_changes(
    ldap_sign_in: Slapd, client: Client
) -> None:
    peter = UserFactory.create(username=PETER_DISABLED.uid, email="old@example.com")
    peter.is_active = False
    peter.save(update_fields=["is_active"])
    status, page = sign_in(client, PETER_DISABLED.uid, PETER_DISABLED.password)
    assert (status, "Your account is disabled" in page) == (200, True)
    peter.refresh_from_db()
    assert (peter.email, peter.is_active) == ("old@example.com", False)


def test_the_refusal_of_a_disabled_person_is_in_their_language(
    ldap_sign_in: Slapd, client: Client
) -> None:
    UserFactory.create(username=PETER_DISABLED.uid, is_active=False)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    _status, page = sign_in(client, PETER_DISABLED.uid, PETER_DISABLED.password)
    assert "您的账户已停用" in page


def test_a_person_disabled_after_signing_in_loses_their_session(
    ldap_sign_in: Slapd, client: Client
) -> None:
    sign_in(client, ANNA_BERG.uid, ANNA_BERG.password)
    assert client.get(reverse("gates:home")).status_code == 200
    User.objects.filter(username=ANNA_BERG.uid).update(is_active=False)
    assert client.get(reverse("gates:home")).status_code == 302


def test_axes_locks_out_after_wrong_directory_passwords(
    ldap_sign_in: Slapd, client: Client
) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, ANNA_BERG.uid, "a wrong guess")
    status, page = sign_in(client, ANNA_BERG.uid, ANNA_BERG.password)
    assert (status, "Too many failed sign-in attempts" in page) == (429, True)
    assert not User.objects.filter(username=ANNA_BERG.uid).exists()


def test_local_passwords_off_leave_people_to_the_directory_and_admins_local(
    ldap_sign_in: Slapd, client: Client, settings: object
) -> None:
    settings.ROLLOUT_LOCAL_PASSWORDS = False  # type: ignore[attr-defined]
    for username, staff in (("local.person", False), ("local.admin", True)):
        person = UserFactory.create(username=username, is_staff=staff)
        person.set_password("a local passphrase")
        person.save()
    assert sign_in(client, ANNA_BERG.uid, ANNA_BERG.password)[0] == 302
    client.post(reverse("roles:logout"))
    status, page = sign_in(client, "local.person", "a local passphrase")
    assert (status, "sign in with your company account" in page) == (200, True)
    assert sign_in(client, "local.admin", "a local passphrase")[0] == 302


def test_a_wrong_local_password_tells_nothing_more(
    ldap_sign_in: Slapd, client: Client, settings: object
) -> None:
    settings.ROLLOUT_LOCAL_PASSWORDS = False  # type: ignore[attr-defined]
    person = UserFactory.create(username="local.person")
    person.set_password("a local passphrase")
    person.save()
    _status, page = sign_in(client, "local.person", "a wrong passphrase")
    assert "company account" not in page and "didn&#x27;t match" in page


def test_while_the_directory_is_down_people_are_told_and_administrators_sign_in(
    ldap_sign_in: Slapd, client: Client, settings: object
) -> None:
    settings.AUTH_LDAP_SERVER_URI = f"ldap://127.0.0.1:{free_port()}"  # type: ignore[attr-defined]
    settings.ROLLOUT_LOCAL_PASSWORDS = False  # type: ignore[attr-defined]
    admin = UserFactory.create(username="local.admin", is_staff=True)
    admin.set_password("a local passphrase")
    admin.save()
    status, page = sign_in(client, ANNA_BERG.uid, ANNA_BERG.password)
    assert (status, "The company directory could not check your password" in page) == (200, True)
    assert sign_in(client, "local.admin", "a local passphrase")[0] == 302


def test_the_back_end_keeps_no_disabled_persons_session() -> None:
    person = UserFactory.create(is_active=False)
    assert DirectoryLDAPBackend().get_user(person.pk) is None
