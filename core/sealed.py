"""Secrets kept for talking to other systems (a chat robot's signing secret, a webhook's
signing key) are sealed at rest: a database dump or an admin page never shows them.

Fernet (AES-128-CBC with HMAC-SHA256) under a key derived from SECRET_KEY, so nothing new
has to be configured. Django's own key rotation carries over: a value sealed under one of
SECRET_KEY_FALLBACKS still opens, and is sealed again under the current key when saved."""

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings

# Another purpose than Django's signing (its salts differ), so the derived key is never one
# that signs cookies or sessions.
_PURPOSE = b"rollout.core.sealed"


class SealBroken(Exception):
    """A sealed value that no key opens (SECRET_KEY changed without keeping the old one in
    SECRET_KEY_FALLBACKS): the secret has to be entered again."""


def _fernet(secret_key: str | bytes) -> Fernet:
    # Django allows a bytes key (and django-stubs types it so); ours is text.
    key = secret_key.encode() if isinstance(secret_key, str) else secret_key
    digest = hashlib.sha256(_PURPOSE + b"\0" + key).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def _keys() -> MultiFernet:
    return MultiFernet(
        [_fernet(settings.SECRET_KEY)] + [_fernet(k) for k in settings.SECRET_KEY_FALLBACKS]
    )


def seal(plain: str) -> str:
    """The text to store: opens only with this installation's keys."""
    return _keys().encrypt(plain.encode()).decode()


def unseal(sealed: str) -> str:
    """The secret back, to sign a request with; SealBroken when no key opens it."""
    try:
        return _keys().decrypt(sealed.encode()).decode()
    except InvalidToken as error:
        raise SealBroken("The stored secret cannot be opened with this SECRET_KEY.") from error
