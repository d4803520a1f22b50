"""What the provider's claims say about a person (person_from_claims), and the checks on the
ID token that mozilla-django-oidc leaves to us: issued for Rollout, by the provider, signed
by the provider's key. The keys are the real provider's, from its JWKS endpoint."""

import time

import jwt
import pytest
import requests
from django.core.exceptions import SuspiciousOperation

from sso.models import DirectorySource
from sso.oidc import RolloutOIDCBackend, person_from_claims
from tests.oidc_provider.flow import oidc_on
from tests.oidc_provider.server import CLIENT_ID, new_private_key, oidc_provider

__all__ = ["oidc_on", "oidc_provider"]  # fixtures

CLAIMS = {
    "sub": "42",
    "preferred_username": "li.wei",
    "email": "li.wei@example.com",
    "given_name": "Wei",
    "family_name": "Li",
    "name": "Li Wei",
    "locale": "zh-CN",
    "department": "Sales",
    "groups": ["crm-sales", "everyone"],
}


def test_it_maps_the_standard_claims():
    said = person_from_claims(CLAIMS)
    assert (said.source, said.username, said.email) == (
        DirectorySource.OIDC,
        "li.wei",
        "li.wei@example.com",
    )
    assert (said.first_name, said.last_name, said.display_name, said.language) == (
        "Wei",
        "Li",
        "Li Wei",
        "zh-CN",
    )
    assert (said.department, said.groups) == ("Sales", ("crm-sales", "everyone"))


def test_without_a_preferred_username_the_subject_names_the_person():
    assert person_from_claims({**CLAIMS, "preferred_username": ""}).username == "42"


def test_the_department_and_groups_claims_are_configurable(settings):
    settings.OIDC_CLAIM_DEPARTMENT = "ou"
    settings.OIDC_CLAIM_GROUPS = "roles"
    said = person_from_claims({**CLAIMS, "ou": "Finance", "roles": "crm-finance"})
    assert (said.department, said.groups) == ("Finance", ("crm-finance",))


def test_a_groups_claim_of_another_shape_gives_no_group():
    assert person_from_claims({**CLAIMS, "groups": {"crm-sales": True}}).groups == ()


def test_a_claim_of_the_wrong_type_is_left_out():
    said = person_from_claims({**CLAIMS, "email": ["a@example.com"], "locale": 7})
    assert (said.email, said.language) == ("", "")


def id_token(key, provider, **claims) -> str:
    """A token like the provider's: the kid of its key (RFC 7638 thumbprint, from its JWKS)."""
    jwks = requests.get(provider.rollout_settings()["OIDC_OP_JWKS_ENDPOINT"], timeout=30)
    kid = jwks.json()["keys"][0]["kid"]
    now = int(time.time())
    payload = {
        "iss": f"{provider.url}/o",
        "aud": CLIENT_ID,
        "sub": "7",
        "iat": now,
        "exp": now + 300,
        "nonce": "n-1",
        **claims,
    }
    return jwt.encode(payload, key, algorithm="RS256", headers={"kid": kid})


def test_a_token_signed_by_the_providers_key_is_accepted(oidc_on):
    token = id_token(oidc_on.key, oidc_on)
    assert RolloutOIDCBackend().verify_token(token, nonce="n-1")["sub"] == "7"


def test_a_token_signed_by_another_key_is_refused(oidc_on):
    token = id_token(new_private_key(), oidc_on)
    with pytest.raises(SuspiciousOperation):
        RolloutOIDCBackend().verify_token(token, nonce="n-1")


def test_a_token_for_another_client_is_refused(oidc_on):
    token = id_token(oidc_on.key, oidc_on, aud="another-app")
    with pytest.raises(SuspiciousOperation, match="another client"):
        RolloutOIDCBackend().verify_token(token, nonce="n-1")


def test_a_token_from_another_issuer_is_refused(oidc_on):
    token = id_token(oidc_on.key, oidc_on, iss="https://elsewhere.example.com")
    with pytest.raises(SuspiciousOperation, match="another provider"):
        RolloutOIDCBackend().verify_token(token, nonce="n-1")


def test_a_token_with_another_nonce_is_refused(oidc_on):
    token = id_token(oidc_on.key, oidc_on)
    with pytest.raises(SuspiciousOperation, match="Nonce"):
        RolloutOIDCBackend().verify_token(token, nonce="n-2")


def test_an_expired_token_is_refused(oidc_on):
    token = id_token(oidc_on.key, oidc_on, exp=int(time.time()) - 60)
    with pytest.raises(jwt.ExpiredSignatureError):
        RolloutOIDCBackend().verify_token(token, nonce="n-1")
