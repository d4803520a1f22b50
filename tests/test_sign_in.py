"""Sign-in, lockout, logout and password change."""

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "rollout-demo"  # seed_demo's default


def sign_in(client, username, password=PASSWORD):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_it_signs_in_and_lands_on_home(client, demo):
    response = sign_in(client, "member1")
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


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
    assert "我的上线项目" in client.get(reverse("home")).content.decode()


def test_logout_is_a_post(client, demo):
    client.force_login(demo["member1"])
    assert client.get(reverse("logout")).status_code == 405
    client.post(reverse("logout"))
    assert client.get(reverse("home")).status_code == 302


def test_a_password_change_needs_the_old_password(client, demo):
    client.force_login(demo["member1"])
    response = client.post(
        reverse("password_change"),
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
        reverse("password_change"),
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
    response = strict.post(reverse("logout"))
    assert response.status_code == 403
    assert "This form has expired" in response.content.decode()
