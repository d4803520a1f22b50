"""Sign-in, lockout, logout and password change."""

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db

PASSWORD = "rollout-demo"  # seed_demo's default


def sign_in(client, username, password=PASSWORD):
    return client.post(reverse("roles:login"), {"username": username, "password": password})


def test_it_signs_in_and_lands_on_home(client, demo):
    response = sign_in(client, "member1")
    assert response.status_code == 302
    assert response["Location"] == reverse("gates:home")


def test_it_refuses_a_wrong_password_with_a_message(client, demo):
    response = sign_in(client, "member1", "wrong")
    assert response.status_code == 200
    assert "didn" in response.content.decode()


def test_it_locks_out_after_repeated_failures_even_with_the_right_password(client, demo):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "member2", "wrong")
    response = sign_in(client, "member2")
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()


def test_the_lockout_does_not_touch_another_account(client, demo):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "member2", "wrong")
    assert sign_in(client, "member3").status_code == 302


def test_it_uses_the_persons_preferred_language_after_sign_in(client, demo):
    response = sign_in(client, "finance.manager")  # prefers zh-hans
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "zh-hans"
    assert "我的上线项目" in client.get(reverse("gates:home")).content.decode()


def test_logout_is_a_post(client, demo):
    client.force_login(demo["member1"])
    assert client.get(reverse("roles:logout")).status_code == 405
    client.post(reverse("roles:logout"))
    assert client.get(reverse("gates:home")).status_code == 302


def test_a_password_change_needs_the_old_password(client, demo):
    client.force_login(demo["member1"])
    response = client.post(
        reverse("roles:password_change"),
        {
            "old_password": "nope",
            "new_password1": "A-much-better-one-42",
            "new_password2": "A-much-better-one-42",
        },
    )
    assert response.status_code == 200
    demo["member1"].refresh_from_db()
    assert demo["member1"].check_password(PASSWORD)


def test_a_password_change_works(client, demo):
    client.force_login(demo["member1"])
    response = client.post(
        reverse("roles:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "A-much-better-one-42",
            "new_password2": "A-much-better-one-42",
        },
    )
    assert response.status_code == 302
    demo["member1"].refresh_from_db()
    assert demo["member1"].check_password("A-much-better-one-42")


def test_a_form_without_csrf_token_is_refused(demo):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(demo["member1"])
    response = strict.post(reverse("roles:logout"))
    assert response.status_code == 403
    assert "This form has expired" in response.content.decode()


# --- behind the TLS proxy ---------------------------------------------------------------
# What AXES_PROXY_COUNT=1 gives (test_one_proxy_reads_the_forwarded_for_header checks it):
# the client is the last entry of X-Forwarded-For, the one the proxy appended.
BEHIND_ONE_PROXY = {
    "AXES_IPWARE_PROXY_COUNT": 0,
    "AXES_IPWARE_META_PRECEDENCE_ORDER": ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"),
    "IPWARE_STRICT": False,
}
PROXY = "127.0.0.1"  # every request reaches gunicorn from the proxy
CLIENT_A, CLIENT_B = "10.20.0.11", "10.20.0.12"


def sign_in_through_proxy(client, forwarded_for, username, password=PASSWORD):
    return client.post(
        reverse("roles:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def test_django_ipware_is_installed_for_axes():
    from axes.helpers import IPWARE_INSTALLED

    assert IPWARE_INSTALLED


def test_one_proxy_reads_the_forwarded_for_header():
    from tests.test_security_settings import settings_with

    out = settings_with(
        {"AXES_PROXY_COUNT": "1"},
        "print(s.AXES_IPWARE_PROXY_COUNT, list(s.AXES_IPWARE_META_PRECEDENCE_ORDER),"
        " s.IPWARE_STRICT)",
    )
    assert out == "0 ['HTTP_X_FORWARDED_FOR', 'REMOTE_ADDR'] False"


def test_without_a_proxy_the_forwarded_for_header_is_ignored(client, demo):
    # AXES_PROXY_COUNT=0 (the tests' setting): a client cannot pick its own address.
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in_through_proxy(client, f"10.99.0.{n}", "ceo", "wrong")
    assert sign_in_through_proxy(client, "10.99.0.200", "ceo").status_code == 429


@override_settings(**BEHIND_ONE_PROXY)
def test_behind_the_proxy_a_lockout_is_per_real_client(client, demo):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in_through_proxy(client, CLIENT_A, "ceo", "wrong")
    assert sign_in_through_proxy(client, CLIENT_A, "ceo").status_code == 429
    assert sign_in_through_proxy(Client(), CLIENT_B, "ceo").status_code == 302


@override_settings(**BEHIND_ONE_PROXY)
def test_behind_the_proxy_a_forged_header_does_not_lock_someone_else(client, demo):
    # Client A writes B's address into the header; the proxy appends A's real one.
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in_through_proxy(client, f"{CLIENT_B}, {CLIENT_A}", "ceo", "wrong")
    assert sign_in_through_proxy(Client(), CLIENT_B, "ceo").status_code == 302
    assert sign_in_through_proxy(client, CLIENT_A, "ceo").status_code == 429


def test_a_lockout_is_by_username_and_address_never_by_username_alone():
    # Each lockout parameter set names the address: no list locks a username everywhere.
    parameters = settings.AXES_LOCKOUT_PARAMETERS
    assert parameters == [["username", "ip_address"]]
    assert not getattr(settings, "AXES_ONLY_USER_FAILURES", False)


# --- guessing the current password on the password-change page -------------------------


def change_password(client, old):
    new = "A-much-better-one-42"
    return client.post(
        reverse("roles:password_change"),
        {"old_password": old, "new_password1": new, "new_password2": new},
    )


def test_wrong_current_passwords_pause_the_password_change(client, demo):
    client.force_login(demo["member1"])
    for _ in range(settings.PASSWORD_CHANGE_FAILURE_LIMIT):
        change_password(client, "guess")
    # Paused: even the right password is refused, and not checked.
    response = change_password(client, PASSWORD)
    assert response.status_code == 429
    assert "Changing your password is paused" in response.content.decode()
    demo["member1"].refresh_from_db()
    assert demo["member1"].check_password(PASSWORD)


def test_the_count_is_per_person_not_per_session(client, demo):
    client.force_login(demo["member1"])
    for _ in range(settings.PASSWORD_CHANGE_FAILURE_LIMIT):
        change_password(client, "guess")
    other_session = Client()
    other_session.force_login(demo["member1"])
    assert change_password(other_session, PASSWORD).status_code == 429
    colleague = Client()
    colleague.force_login(demo["member2"])
    assert change_password(colleague, PASSWORD).status_code == 302


def test_the_pause_ends_after_the_cool_off(client, demo):
    from roles.models import PasswordChangeFailures

    client.force_login(demo["member1"])
    for _ in range(settings.PASSWORD_CHANGE_FAILURE_LIMIT):
        change_password(client, "guess")
    PasswordChangeFailures.objects.filter(user=demo["member1"]).update(
        last_failure_at=timezone.now() - settings.PASSWORD_CHANGE_COOLOFF
    )
    assert change_password(client, PASSWORD).status_code == 302


def test_a_right_password_before_the_limit_forgets_the_count(client, demo):
    from roles.models import PasswordChangeFailures

    client.force_login(demo["member1"])
    for _ in range(settings.PASSWORD_CHANGE_FAILURE_LIMIT - 1):
        change_password(client, "guess")
    assert change_password(client, PASSWORD).status_code == 302
    assert not PasswordChangeFailures.objects.filter(user=demo["member1"]).exists()
