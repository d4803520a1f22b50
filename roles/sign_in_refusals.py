"""Why a sign-in was refused, when the reason is worth telling the person. Django's
authenticate() only answers "nobody": a back-end that knows more (the password was right,
but the account is disabled here, or local passwords are off for this person) notes it on
the request, and the sign-in form shows it instead of "username and password didn't match".
Only a back-end that checked the password notes anything, so a guesser learns nothing."""

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

ACCOUNT_DISABLED = _("Your account is disabled. Ask an administrator of Rollout to enable it.")
LOCAL_PASSWORDS_OFF = _(
    "Passwords kept in Rollout are turned off for your account: sign in with your company "
    "account (the username and password of your company's directory) instead."
)

_NOTE = "_rollout_sign_in_refusal"


def sign_in_refused(request: HttpRequest | None, reason: str) -> None:
    """Notes why; the first back-end to refuse with a reason is the one the person hears."""
    if request is not None and not hasattr(request, _NOTE):
        setattr(request, _NOTE, str(reason))


def sign_in_refusal(request: HttpRequest | None) -> str | None:
    reason: str | None = getattr(request, _NOTE, None)
    return reason
