"""The company's claims about a person: names and e-mail from the provider's own users,
locale, department and groups from the people file the tests wrote (PROVIDER_PEOPLE_FILE)."""

import json
import os
from pathlib import Path
from typing import Any

from oauth2_provider.oauth2_validators import OAuth2Validator


def people() -> dict[str, dict[str, Any]]:
    path = os.environ.get("PROVIDER_PEOPLE_FILE", "")
    return json.loads(Path(path).read_text()) if path else {}


class CompanyClaimsValidator(OAuth2Validator):  # type: ignore[misc]  # untyped library
    # A claim is only given for a scope it is listed under: the company's own two with the
    # profile.
    oidc_claim_scope = {
        **OAuth2Validator.oidc_claim_scope,
        "groups": "profile",
        "department": "profile",
    }

    def get_additional_claims(self, request: Any) -> dict[str, Any]:
        user = request.user
        said = people().get(user.username, {})
        claims = {
            "preferred_username": user.username,
            "email": user.email,
            "given_name": user.first_name,
            "family_name": user.last_name,
            "name": f"{user.first_name} {user.last_name}".strip(),
        }
        claims.update({k: said[k] for k in ("locale", "groups", "department") if k in said})
        return claims
