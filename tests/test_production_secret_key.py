"""Production refuses to start with the secret key of .env.example, the local fallback, or
any short or repetitive key, saying what is wrong and how to make a good one."""

import re
import secrets
import subprocess

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.secret_key import LOCAL_FALLBACK_KEY, production_secret_key
from tests.manage_py import ROOT, manage_py


def example_key() -> str:
    found = re.search(r"^DJANGO_SECRET_KEY=(.*)$", (ROOT / ".env.example").read_text(), re.M)
    assert found
    return found.group(1)


def start_in_production(key: str) -> subprocess.CompletedProcess[str]:
    environment = {
        "DJANGO_PRODUCTION": "true",
        "DJANGO_SECRET_KEY": key,
        "DJANGO_ALLOWED_HOSTS": "rollout.example.com",
    }
    return manage_py("check", environment=environment, timeout=120)


def test_the_app_will_not_start_with_the_key_of_the_example_file():
    result = start_in_production(example_key())
    assert result.returncode != 0
    assert "ImproperlyConfigured: Rollout will not start in production" in result.stderr
    assert "DJANGO_SECRET_KEY is the published example key" in result.stderr


def test_the_app_starts_with_a_random_key():
    result = start_in_production(secrets.token_urlsafe(50))
    assert result.returncode == 0, result.stderr[-2000:]


@pytest.mark.parametrize(
    ("key", "problem"),
    [
        (LOCAL_FALLBACK_KEY, "published example key"),
        ("django-insecure-" + secrets.token_urlsafe(50), "published example key"),
        (secrets.token_urlsafe(30), "has 40 characters; production needs 50"),
        ("ab" * 30, "repeats too few characters"),
    ],
    ids=["local fallback", "startproject's", "short", "repetitive"],
)
def test_a_weak_key_is_refused_with_the_reason(key, problem):
    with pytest.raises(ImproperlyConfigured, match=problem):
        production_secret_key(key)
