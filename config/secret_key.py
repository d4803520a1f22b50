"""The secret key production accepts. Django's `check --deploy` only warns about a weak
key, and nobody reads warnings in a container's log: an installation that kept the key of
.env.example (or any short or well-known one) would sign sessions, password-reset links
and CSRF tokens with a key anyone can read on GitHub. So production refuses to start."""

from django.core.exceptions import ImproperlyConfigured

# Django's own rule for a strong key (check --deploy, security.W009).
MIN_LENGTH = 50
MIN_UNIQUE_CHARACTERS = 5
# The key a fresh clone runs with when none is set (make run, the tests).
LOCAL_FALLBACK_KEY = "local-insecure-key-only-for-make-run-and-tests"
# Parts of keys published with the project or with Django: the placeholder of .env.example
# (change-me-...), the local fallback, and the prefix of startproject's keys.
PUBLISHED_MARKERS = ("change-me", LOCAL_FALLBACK_KEY, "django-insecure-")

HOW_TO_MAKE_ONE = (
    "Set DJANGO_SECRET_KEY in .env to 50 or more random characters, for instance the output of "
    "`python3 -c 'import secrets; print(secrets.token_urlsafe(50))'`."
)


def production_secret_key(key: str) -> str:
    """`key` itself when it may sign production's cookies and links; otherwise
    ImproperlyConfigured saying what is wrong and how to make a good one."""
    if any(marker in key for marker in PUBLISHED_MARKERS):
        problem = "DJANGO_SECRET_KEY is the published example key, which anyone can read."
    elif len(key) < MIN_LENGTH:
        problem = f"DJANGO_SECRET_KEY has {len(key)} characters; production needs {MIN_LENGTH}."
    elif len(set(key)) < MIN_UNIQUE_CHARACTERS:
        problem = "DJANGO_SECRET_KEY repeats too few characters to be random."
    else:
        return key
    raise ImproperlyConfigured(f"Rollout will not start in production: {problem} {HOW_TO_MAKE_ONE}")
