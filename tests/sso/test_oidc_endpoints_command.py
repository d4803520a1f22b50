"""manage.py oidc_endpoints: the environment lines for a provider, read from its discovery
document (the real test provider's)."""

import io

import pytest
from django.core.management import CommandError, call_command

from tests.oidc_provider.server import Provider, free_port, oidc_provider

__all__ = ["oidc_provider"]  # fixtures


def lines(issuer: str) -> dict[str, str]:
    out = io.StringIO()
    call_command("oidc_endpoints", issuer, stdout=out)
    return dict(line.split("=", 1) for line in out.getvalue().splitlines())


def test_it_prints_the_endpoints_rollout_needs(oidc_provider: Provider):
    expected = oidc_provider.rollout_settings()
    printed = lines(f"{oidc_provider.url}/o")
    assert printed == {name: expected[name] for name in printed}
    assert len(printed) == 5


def test_the_discovery_document_itself_may_be_named(oidc_provider: Provider):
    document = f"{oidc_provider.url}/o/.well-known/openid-configuration"
    assert lines(document)["OIDC_OP_TOKEN_ENDPOINT"] == f"{oidc_provider.url}/o/token/"


def test_an_unreachable_provider_is_said_so():
    with pytest.raises(CommandError, match="Could not read the discovery document"):
        lines(f"http://127.0.0.1:{free_port()}/realms/company")
