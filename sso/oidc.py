"""Sign-in through the company's OpenID Connect provider (mozilla-django-oidc): the
authorization code flow with PKCE, nonce and state, the ID token's RS256 signature checked
against the provider's published keys, its audience and issuer checked too. What the
provider says about the person becomes a DirectoryPerson and goes through the rules every
single sign-on shares (sso.services.directory): this module only reads claims.

A refused sign-in is recorded on the request (`refusal_of`) for the callback view to show,
and the backend answers None, so django-axes counts it as a failed sign-in like a wrong
password."""

from typing import Any

import jwt
import requests
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from roles.models import User
from sso.models import DirectorySource
from sso.services.directory import (
    DirectoryPerson,
    DirectorySignInRefused,
    directory_person_sign_in,
)

_REFUSAL = "_oidc_refusal"


def oidc_enabled() -> bool:
    return bool(getattr(settings, "OIDC_ENABLED", False))


def refusal_of(request: HttpRequest) -> str:
    """Why the backend refused this request's sign-in, in the person's words ("" if not)."""
    return str(getattr(request, _REFUSAL, ""))


def _refuse(request: HttpRequest | None, why: str) -> None:
    if request is not None:
        setattr(request, _REFUSAL, why)


def _text(claims: dict[str, Any], name: str) -> str:
    value = claims.get(name) if name else None
    return value.strip() if isinstance(value, str) else ""


def _groups(claims: dict[str, Any]) -> tuple[str, ...]:
    """The groups claim: a list of names (Keycloak, Azure AD, Authing) or a single name."""
    value = claims.get(settings.OIDC_CLAIM_GROUPS)
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return ()
    return tuple(str(group).strip() for group in value if str(group).strip())


def person_from_claims(claims: dict[str, Any]) -> DirectoryPerson:
    """What the provider's claims say about the person. No role: roles come only from the
    groups an administrator mapped."""
    return DirectoryPerson(
        source=DirectorySource.OIDC,
        username=_text(claims, settings.OIDC_CLAIM_USERNAME) or _text(claims, "sub"),
        # The provider's own identifier: a person is found by it, never by the username,
        # which many providers let their users change.
        subject=f"{settings.OIDC_OP_ISSUER} {_text(claims, 'sub')}" if _text(claims, "sub") else "",
        email=_text(claims, "email"),
        first_name=_text(claims, "given_name"),
        last_name=_text(claims, "family_name"),
        display_name=_text(claims, "name"),
        language=_text(claims, "locale"),
        department=_text(claims, settings.OIDC_CLAIM_DEPARTMENT),
        groups=_groups(claims),
    )


class RolloutOIDCBackend(OIDCAuthenticationBackend):  # type: ignore[misc]  # mozilla-django-oidc is untyped
    """mozilla-django-oidc's code flow, with the person made by the shared rules."""

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> User | None:
        try:
            user: User | None = super().authenticate(request, **kwargs)
        except DirectorySignInRefused as refused:
            _refuse(request, str(refused))
        except (SuspiciousOperation, jwt.PyJWTError):
            _refuse(
                request,
                _(
                    "The sign-in service's answer could not be verified, so you were not "
                    "signed in. Please try again; if it happens again, tell an administrator "
                    "of Rollout."
                ),
            )
        except requests.RequestException:
            _refuse(
                request,
                _("The sign-in service could not be reached. Please try again in a moment."),
            )
        else:
            return user
        return None

    def verify_token(self, token: str, **kwargs: Any) -> dict[str, Any]:
        """The signature and nonce (mozilla-django-oidc), then what it leaves out: that the
        token was issued for Rollout by the configured provider."""
        payload: dict[str, Any] = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("The ID token was issued for another client.")
        issuer = settings.OIDC_OP_ISSUER
        if issuer and payload.get("iss") != issuer:
            raise SuspiciousOperation("The ID token was issued by another provider.")
        return payload

    def get_userinfo(
        self, access_token: str, id_token: str, payload: dict[str, Any]
    ) -> dict[str, Any]:
        """The userinfo endpoint's claims over the ID token's, for the same subject only."""
        userinfo: dict[str, Any] = super().get_userinfo(access_token, id_token, payload)
        if str(userinfo.get("sub")) != str(payload.get("sub")):
            raise SuspiciousOperation("The userinfo answer is about another person.")
        return {**payload, **userinfo}

    def get_user(self, user_id: int) -> User | None:
        """The signed-in person of a session, while they are enabled: mozilla-django-oidc's
        own would keep someone an administrator disabled signed in until the session ends."""
        user = User.objects.filter(pk=user_id).first()
        return user if user is not None and user.is_active else None

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        # No claim is required beyond a name for the person, which the shared rules check
        # and explain (mozilla-django-oidc's default insists on an e-mail).
        return True

    def filter_users_by_claims(self, claims: dict[str, Any]) -> Any:
        """The person linked to the provider's issuer and sub; nobody yet: create_user,
        where the shared rules decide whether an account of that username may be linked."""
        subject = person_from_claims(claims).subject
        if not subject:
            return User.objects.none()
        return User.objects.filter(
            directory_identities__source=DirectorySource.OIDC,
            directory_identities__subject=subject,
        )

    def create_user(self, claims: dict[str, Any]) -> User:
        return directory_person_sign_in(person_from_claims(claims))

    def update_user(self, user: User, claims: dict[str, Any]) -> User:
        return directory_person_sign_in(person_from_claims(claims))
