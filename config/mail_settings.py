"""The e-mail settings, from one EMAIL_URL or from separate variables, checked before the
site starts: a contradiction (TLS and SSL both, STARTTLS on the port of TLS-from-the-start)
stops it with a message saying what to change, instead of mail that fails at 8 a.m.

Kept apart from settings.py so the parsing can be tested with any values; settings.py
reads the environment (every variable in one place, as .env.example lists them)."""

from dataclasses import dataclass
from typing import TypeVar

import environ
from django.core.exceptions import ImproperlyConfigured

SMTP = "django.core.mail.backends.smtp.EmailBackend"
FILES = "django.core.mail.backends.filebased.EmailBackend"
# The port of TLS from the first byte (RFC 8314); STARTTLS there waits for a greeting that
# never comes, until the timeout.
IMPLICIT_TLS_PORT = 465
T = TypeVar("T")


@dataclass(frozen=True)
class MailSettings:
    backend: str
    host: str
    port: int
    user: str
    password: str
    use_tls: bool
    use_ssl: bool


@dataclass(frozen=True)
class MailVariables:
    """What the environment says; None (or "") where a variable is unset."""

    url: str = ""
    backend: str = ""
    host: str = ""
    port: int | None = None
    user: str | None = None
    password: str | None = None
    use_tls: bool | None = None
    use_ssl: bool | None = None


def mail_settings(given: MailVariables) -> MailSettings:
    """EMAIL_URL first (django-environ's reading: smtp://, smtp+tls:// and smtps:// are
    STARTTLS, smtp+ssl:// is TLS from the start), then each separate variable that is set
    overrides its part. DJANGO_EMAIL_BACKEND, when set, wins; otherwise SMTP when a server
    is named and the files under var/mail of the embedded mode when none is."""
    parsed = environ.Env.email_url_config(given.url) if given.url else {}
    host = given.host or parsed.get("EMAIL_HOST") or ""
    use_tls = _first(given.use_tls, parsed.get("EMAIL_USE_TLS"), False)
    use_ssl = _first(given.use_ssl, parsed.get("EMAIL_USE_SSL"), False)
    port = given.port or parsed.get("EMAIL_PORT") or _default_port(use_tls, use_ssl)
    backend = given.backend or parsed.get("EMAIL_BACKEND") or (SMTP if host else FILES)
    if use_tls and use_ssl:
        raise ImproperlyConfigured(
            "E-mail: TLS (STARTTLS) and SSL (TLS from the start) are both on; choose one: "
            "EMAIL_USE_TLS=true for port 587 (smtp+tls://), EMAIL_USE_SSL=true for port 465 "
            "(smtp+ssl://)."
        )
    if use_tls and port == IMPLICIT_TLS_PORT:
        raise ImproperlyConfigured(
            "E-mail: port 465 speaks TLS from the first byte, but STARTTLS is asked for "
            "(smtps:// and smtp+tls:// mean STARTTLS); write smtp+ssl://…:465 or "
            "EMAIL_USE_SSL=true instead of EMAIL_USE_TLS."
        )
    if backend == SMTP and not host:
        raise ImproperlyConfigured(
            "E-mail: the SMTP backend needs a server: set EMAIL_URL or EMAIL_HOST."
        )
    return MailSettings(
        backend=backend,
        host=host,
        port=int(port),
        user=_first(given.user, parsed.get("EMAIL_HOST_USER"), ""),
        password=_first(given.password, parsed.get("EMAIL_HOST_PASSWORD"), ""),
        use_tls=bool(use_tls),
        use_ssl=bool(use_ssl),
    )


def _first(*values: T | None) -> T:
    """The first value that is set: a separate variable, then the URL's part, then the
    default (a variable set to false or "" still counts as set)."""
    for value in values:
        if value is not None:
            return value
    raise ValueError("no default given")


def _default_port(use_tls: object, use_ssl: object) -> int:
    if use_ssl:
        return IMPLICIT_TLS_PORT
    return 587 if use_tls else 25
