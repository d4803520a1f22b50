"""Local passwords, which a company with single sign-on can switch off for everyone but
its administrators (ROLLOUT_LOCAL_PASSWORDS=false): people then sign in only through the
directory or the provider, where leaving the company ends their access, while an
administrator can still get in when the directory is down."""

from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend


def local_passwords_allowed(user: Any) -> bool:
    return bool(settings.ROLLOUT_LOCAL_PASSWORDS or user.is_superuser or user.is_staff)


class LocalPasswordBackend(ModelBackend):
    """Django's password check, for those still allowed a local password."""

    def user_can_authenticate(self, user: Any) -> bool:
        return super().user_can_authenticate(user) and local_passwords_allowed(user)
