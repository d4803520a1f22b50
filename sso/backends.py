"""Local passwords, which a company with single sign-on can switch off for everyone but
its administrators (ROLLOUT_LOCAL_PASSWORDS=false): people then sign in only through the
directory or the provider, where leaving the company ends their access, while an
administrator can still get in when the directory is down."""

from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from roles.sign_in_refusals import ACCOUNT_DISABLED, LOCAL_PASSWORDS_OFF, sign_in_refused


def local_passwords_allowed(user: Any) -> bool:
    return bool(settings.ROLLOUT_LOCAL_PASSWORDS or user.is_superuser or user.is_staff)


class LocalPasswordBackend(ModelBackend):
    """Django's password check, for those still allowed a local password."""

    # Why the last person whose password was right was refused (a back-end object serves
    # one authenticate() call: Django builds a new one each time).
    _refusal: str | None = None

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        self._refusal = None
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None and self._refusal:
            sign_in_refused(request, self._refusal)
        return user

    def user_can_authenticate(self, user: Any) -> bool:
        # ModelBackend asks only once the password was right, so the reason may be told.
        if not super().user_can_authenticate(user):
            self._refusal = str(ACCOUNT_DISABLED)
            return False
        if not local_passwords_allowed(user):
            self._refusal = str(LOCAL_PASSWORDS_OFF)
            return False
        return True
