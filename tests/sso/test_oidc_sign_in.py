"""Signing in through a real OpenID Connect provider (tests/oidc_provider/, started on
loopback): the first sign-in creates the person from the claims; every refusal (a person
disabled here, a token signed with another key, a state this browser never sent, an error
from the provider) ends on the sign-in page with the reason and creates nothing."""

from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from django.conf import settings
from django.contrib.messages import get_messages
from django.urls import reverse

from roles.models import RoleAssignment, User
from sso.models import DirectoryGroup, DirectorySource
from tests.factories import DepartmentFactory, UserFactory
from tests.oidc_provider.flow import at_provider, callback_path, oidc_on, query_of, start
from tests.oidc_provider.server import new_private_key, oidc_provider

pytestmark = pytest.mark.django_db

__all__ = ["oidc_on", "oidc_provider"]  # fixtures


def sign_in_through_provider(client, username: str) -> Any:
    return client.get(callback_path(at_provider(start(client), username)))


def refusal(client, response) -> str:
    assert response.status_code == 302
    assert response["Location"] == reverse("roles:login")
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def test_it_creates_the_person_from_the_claims_on_their_first_sign_in(client, oidc_on):
    sales = DepartmentFactory.create(name_en="Sales")
    DirectoryGroup.objects.create(source=DirectorySource.OIDC, name="crm-sales", department=sales)
    response = sign_in_through_provider(client, "li.wei")
    assert response.status_code == 302 and response["Location"] == reverse("gates:home")
    person = User.objects.get(username="li.wei")
    assert (person.email, person.display_name, person.preferred_language) == (
        "li.wei@example.com",
        "Wei Li",
        "zh-hans",
    )
    assert person.department == sales  # the mapped group wins over the department claim
    assert not person.has_usable_password()
    assert not RoleAssignment.objects.filter(person=person).exists()


def test_the_signed_in_person_gets_their_page_in_their_language(client, oidc_on):
    response = sign_in_through_provider(client, "li.wei")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "zh-hans"
    home = client.get(reverse("gates:home"))
    assert home.status_code == 200
    assert home.context["user"].username == "li.wei"


def test_the_next_sign_in_is_the_same_person(client, oidc_on):
    sign_in_through_provider(client, "anna.berg")
    client.logout()
    sign_in_through_provider(client, "anna.berg")
    assert User.objects.filter(username="anna.berg").count() == 1


def test_the_request_to_the_provider_carries_pkce_state_and_nonce(client, oidc_on):
    sent = query_of(start(client))
    assert sent["code_challenge_method"] == "S256"
    assert len(sent["code_challenge"]) >= 43
    assert sent["state"] and sent["nonce"]
    assert sent["redirect_uri"] == "http://testserver/oidc/callback/"


def test_the_provider_refuses_a_request_without_pkce(client, oidc_on):
    """So a sign-in that works is proof that Rollout sent the challenge."""
    authorize = start(client)
    without = authorize.replace("code_challenge=", "no_challenge=")
    location = at_provider(without, "anna.berg")
    assert query_of(location)["error"] == "invalid_request"
    assert query_of(location)["error_description"] == "Code challenge required."


def test_a_person_disabled_here_is_refused_with_a_message(client, oidc_on):
    UserFactory.create(username="left.rollout", is_active=False, email="old@example.com")
    response = sign_in_through_provider(client, "left.rollout")
    assert "Your account is disabled" in refusal(client, response)
    left = User.objects.get(username="left.rollout")
    assert (left.is_active, left.email) == (False, "old@example.com")
    assert "_auth_user_id" not in client.session


def test_a_token_signed_with_another_key_is_refused_and_creates_nothing(client, oidc_on, settings):
    """Rollout trusts one key; the provider signs with another, as a forger would."""
    trusted = new_private_key().public_key()
    settings.OIDC_RP_IDP_SIGN_KEY = trusted.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()
    response = sign_in_through_provider(client, "anna.berg")
    assert "could not be verified" in refusal(client, response)
    assert not User.objects.filter(username="anna.berg").exists()


def test_a_state_this_browser_never_sent_is_refused(client, oidc_on):
    location = at_provider(start(client), "anna.berg")
    state = query_of(location)["state"]
    response = client.get(callback_path(location.replace(state, "forged-state")))
    assert "not started in this browser" in refusal(client, response)
    assert not User.objects.filter(username="anna.berg").exists()


def test_an_answer_without_any_sign_in_started_is_refused(client, oidc_on):
    response = client.get(reverse("sso:oidc_callback") + "?code=abc&state=xyz")
    assert "not started in this browser" in refusal(client, response)


def test_an_error_from_the_provider_is_shown(client, oidc_on):
    state = query_of(start(client))["state"]
    response = client.get(reverse("sso:oidc_callback") + f"?error=access_denied&state={state}")
    assert "access_denied" in refusal(client, response)


def test_an_unreachable_provider_is_said_so(client, oidc_on, settings):
    location = at_provider(start(client), "anna.berg")
    settings.OIDC_OP_TOKEN_ENDPOINT = "http://127.0.0.1:9/o/token/"
    response = client.get(callback_path(location))
    assert "could not be reached" in refusal(client, response)


def test_the_sign_in_page_offers_the_provider(client, oidc_on):
    page = client.get(reverse("roles:login") + "?next=/rollouts/")
    assert 'href="/oidc/authenticate/?next=/rollouts/"' in page.content.decode()
    assert "Sign in with Example Corp" in page.content.decode()


def test_without_oidc_the_sign_in_page_has_only_the_password(client, db):
    page = client.get(reverse("roles:login"))
    assert "/oidc/authenticate/" not in page.content.decode()
    assert client.get(reverse("sso:oidc_authenticate")).status_code == 404


def test_axes_still_locks_the_password_form_with_oidc_on(client, oidc_on, demo):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("roles:login"), {"username": "member2", "password": "wrong"})
    response = client.post(
        reverse("roles:login"), {"username": "member2", "password": "rollout-demo"}
    )
    assert response.status_code == 429


def test_axes_counts_refused_provider_answers_and_then_locks_them_out(client, oidc_on, settings):
    """Refused answers (here: signed with a key Rollout does not trust) count as failed
    sign-ins; after the limit, even a good answer from that client is refused."""
    settings.OIDC_RP_IDP_SIGN_KEY = (
        new_private_key()
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in_through_provider(client, "anna.berg")
    del settings.OIDC_RP_IDP_SIGN_KEY  # the provider's published keys again
    response = sign_in_through_provider(client, "anna.berg")
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert not User.objects.filter(username="anna.berg").exists()


def test_the_sign_in_start_and_callback_refuse_other_methods(client, oidc_on):
    assert client.post(reverse("sso:oidc_authenticate")).status_code == 405
    assert client.post(reverse("sso:oidc_callback")).status_code == 405


def test_someone_signed_in_may_start_again(client, oidc_on, demo):
    """As another person, say: the provider decides who comes back."""
    client.force_login(demo["member1"])
    assert start(client).startswith(f"{oidc_on.url}/o/authorize/?")


def test_a_person_disabled_after_signing_in_is_signed_out(client, oidc_on):
    sign_in_through_provider(client, "anna.berg")
    User.objects.filter(username="anna.berg").update(is_active=False)
    response = client.get(reverse("gates:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("roles:login"))
