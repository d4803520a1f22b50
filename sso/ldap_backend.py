"""Sign-in with the company's directory (LDAP / Active Directory), on when LDAP_SERVER_URI
is set. django-auth-ldap finds the person (user search), checks the password by binding as
them over StartTLS and reads their groups; the person here is then created or brought up to
date by sso.services.directory, by the same rules as for the identity provider (OIDC).

Refused, with nothing created: a wrong password, a person the directory does not know, an
account the directory has locked or disabled (it refuses the bind), and a person disabled
here (told so on the sign-in page). A directory that does not answer, or not over TLS with
the certificate expected, is told as such, not as a wrong password; an administrator's
local password still works meanwhile."""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_auth_ldap.backend import LDAPBackend, ldap_error

from roles.models import User
from roles.sign_in_refusals import sign_in_refused
from sso.ldap_groups import mapped_ldap_group_names
from sso.ldap_settings import DEFAULT_ATTRIBUTES
from sso.models import DirectorySource
from sso.services.directory import DirectoryPerson, DirectorySignInRefused, directory_person_sign_in


def _first(attributes: dict[str, list[str]] | None, name: str) -> str:
    """The first value of an attribute; "" when unnamed, absent or empty."""
    values = (attributes or {}).get(name) if name else None
    return str(values[0]) if values else ""


def directory_person(
    username: str,
    attributes: dict[str, list[str]] | None,
    group_dns: Iterable[str],
    dn: str = "",
) -> DirectoryPerson:
    """What the directory says about the person, read through ROLLOUT_LDAP_ATTRIBUTES."""
    names: dict[str, str] = getattr(settings, "ROLLOUT_LDAP_ATTRIBUTES", DEFAULT_ATTRIBUTES)

    def said(field: str) -> str:
        return _first(attributes, names.get(field, ""))

    return DirectoryPerson(
        source=DirectorySource.LDAP,
        username=username.strip().lower(),
        # The entry's DN, as the directory names it: the person is found by it once linked.
        subject=dn.strip().lower(),
        email=said("email"),
        first_name=said("first_name"),
        last_name=said("last_name"),
        display_name=said("display_name"),
        language=said("language"),
        department=said("department"),
        groups=mapped_ldap_group_names(group_dns),
    )


DIRECTORY_UNREACHABLE = _(
    "The company directory could not check your password just now. Try again in a moment; "
    "if it keeps happening, tell an administrator of Rollout."
)


class DirectoryLDAPBackend(LDAPBackend):  # type: ignore[misc]  # django-auth-ldap has no types
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        try:
            user: User | None = super().authenticate(
                request, username=username, password=password, **kwargs
            )
        except DirectorySignInRefused as refusal:
            # The directory vouched for the person; this site refuses them (disabled here).
            sign_in_refused(request, str(refusal))
            return None
        return user

    def get_or_build_user(self, username: str, ldap_user: Any) -> tuple[User, bool]:
        """Called once the directory accepted the password: the person, created or updated
        by the shared rules. False: nothing left for the library to save."""
        said = directory_person(username, ldap_user.attrs, ldap_user.group_dns, ldap_user.dn)
        return directory_person_sign_in(said), False

    def get_user(self, user_id: int) -> User | None:
        # The library keeps a disabled person's session going; Django's own back-end does not.
        user: User | None = super().get_user(user_id)
        return user if user is not None and user.is_active else None


def _directory_failed(request: HttpRequest | None = None, **_kwargs: Any) -> None:
    """django-auth-ldap reports every error of the directory (down, TLS refused, a search it
    could not run) here; a wrong password is not one of them."""
    sign_in_refused(request, str(DIRECTORY_UNREACHABLE))


ldap_error.connect(_directory_failed, sender=DirectoryLDAPBackend, dispatch_uid="sso-ldap-error")
