"""Security settings and headers."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

import config.settings as project_settings

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent


def test_argon2_is_the_first_password_hasher():
    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_the_csp_header_allows_no_inline_script(client, demo):
    client.force_login(demo["member1"])
    response = client.get(reverse("gates:home"))
    policy = response["Content-Security-Policy"]
    script_src = next(p for p in policy.split(";") if p.strip().startswith("script-src"))
    assert "'nonce-" in script_src
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_htmx_gets_the_pages_nonce(client, demo):
    client.force_login(demo["member1"])
    response = client.get(reverse("gates:home"))
    nonce = response["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    assert f'src="/static/vendor/htmx/htmx.min.js" nonce="{nonce}"' in response.content.decode()


def test_pages_deny_framing_and_sniffing(client):
    response = client.get(reverse("roles:login"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def production_settings(code: str) -> str:
    return settings_with(
        {
            "DJANGO_PRODUCTION": "true",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "rollout.example.com",
        },
        code,
    )


def settings_with(variables: dict[str, str], code: str) -> str:
    """Run `code` against the settings as a fresh process reads them with `variables` set
    in its environment (`s` is django.conf.settings); return what it prints."""
    env = {**os.environ, **variables}
    script = (
        "import os, django; os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings'; "
        "django.setup(); from django.conf import settings as s; " + code
    )
    return subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def test_production_turns_on_https_only_cookies_and_hsts():
    out = production_settings(
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT,"
        " s.SECURE_HSTS_SECONDS >= 31536000, s.DEBUG)"
    )
    assert out == "True True True True False"


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SECRET_KEY"}
    env["DJANGO_PRODUCTION"] = "true"
    result = subprocess.run(
        [sys.executable, "-c", "import config.settings"], env=env, cwd=ROOT, capture_output=True
    )
    assert result.returncode != 0


def test_a_missing_page_is_friendly_and_has_no_traceback(client, demo):
    client.force_login(demo["member1"])
    response = client.get("/rollouts/999999/")
    assert response.status_code == 404
    assert "nothing you have access to" in response.content.decode()
    assert "Traceback" not in response.content.decode()


def test_a_forbidden_action_is_friendly(client, demo, crm):
    client.force_login(demo["member1"])
    response = client.post(reverse("roles:team_assign", args=[crm.pk]))
    assert response.status_code == 403
    assert "your role on this rollout does not let you do that" in response.content.decode()


def test_the_server_error_page_is_friendly_and_standalone(rf):
    from django.views.defaults import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
