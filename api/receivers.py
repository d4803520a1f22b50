"""What the API hears from the people it serves: a person's password changed, so their API
tokens stop working (as Django ends their other sessions). Connected in ApiConfig.ready();
the rule itself is the service's (api.services.api_tokens_revoke_all).

Django has no "password changed" signal. Every way a password changes here (the
password-change page, the admin's password form, `manage.py changepassword`, seed_demo)
calls User.set_password() and then saves; set_password() keeps the new raw password in
`_password` until that save has run AbstractBaseUser's password_changed() hooks, that is
until after post_save. So a post_save that sees `_password` set is a password change."""

from typing import Any

from api.services import api_tokens_revoke_all
from roles.models import User


def revoke_tokens_on_password_change(
    sender: type[User], instance: User, created: bool, **kwargs: Any
) -> None:
    if not created and getattr(instance, "_password", None) is not None:
        api_tokens_revoke_all(user=instance)
