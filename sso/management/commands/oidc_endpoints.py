"""Reads a provider's discovery document and prints the lines of the environment that
point Rollout at it: `manage.py oidc_endpoints https://sso.example.com/realms/company`.

Rollout does not fetch the document itself while it runs: a provider that is briefly down
then cannot stop Rollout from starting or from serving those already signed in."""

from typing import Any

import requests
from django.core.management.base import BaseCommand, CommandError

WELL_KNOWN = "/.well-known/openid-configuration"
# Rollout's setting -> the discovery document's field.
ENDPOINTS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
    "OIDC_OP_ISSUER": "issuer",
}


def discovery_url(issuer_or_document: str) -> str:
    url = issuer_or_document.rstrip("/")
    return url if url.endswith(WELL_KNOWN) else url + WELL_KNOWN


class Command(BaseCommand):
    help = "Prints the OIDC_OP_* environment lines for a provider, from its discovery document."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("issuer", help="The provider's issuer URL or its discovery document.")

    def handle(self, *args: Any, **options: Any) -> None:
        url = discovery_url(options["issuer"])
        try:
            response = requests.get(url, timeout=10)
            response.raise_for_status()
            document = response.json()
        except (requests.RequestException, ValueError) as failed:
            raise CommandError(
                f"Could not read the discovery document at {url}: {failed}"
            ) from None
        missing = [field for field in ENDPOINTS.values() if not document.get(field)]
        if missing:
            raise CommandError(f"The discovery document at {url} lacks: {', '.join(missing)}")
        signing = document.get("id_token_signing_alg_values_supported", [])
        if "RS256" not in signing:
            raise CommandError(f"The provider does not sign ID tokens with RS256 ({signing}).")
        for setting, field in ENDPOINTS.items():
            self.stdout.write(f"{setting}={document[field]}")
