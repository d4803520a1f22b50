"""What the browser receives: user text escaped everywhere it is shown, and the HTTPS
redirect, HSTS and cookie flags of the production settings on real responses (the headers
every setting sends are checked in tests/test_security_settings.py)."""

import json
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from tests.test_security_settings import production_settings
from work import services as work
from work.models import Task

pytestmark = pytest.mark.django_db
SCRIPT = '<script>alert("x")</script>'
TITLE = f"Clean {SCRIPT}"
DESCRIPTION = f"<img src=x onerror=alert(1)> {SCRIPT}"
NOTE = SCRIPT


@pytest.fixture
def hostile_task(demo, crm) -> Task:
    task = work.task_create(
        by=demo["ceo"],
        rollout=crm,
        title=TITLE,
        description=DESCRIPTION,
        workstream=crm.workstreams.earliest("pk"),
        department_id=demo["sales.manager"].department_id,
        assignees=[demo["member1"]],
        due_date=timezone.localdate() - timedelta(days=1),
        estimate_hours=Decimal("2"),
    )
    work.task_log_create(
        by=demo["member1"], task=task, work_date=timezone.localdate(),
        hours=Decimal("1"), progress=10, note=NOTE,
    )  # fmt: skip
    return task


@pytest.mark.parametrize(
    ("username", "page"),
    [
        ("member1", "work:my_tasks"),
        ("sales.manager", "work:board"),
        ("ceo", "work:progress"),
        ("ceo", "gates:history"),
    ],
)
def test_text_with_html_is_shown_escaped(client, demo, crm, hostile_task, username, page):
    client.force_login(demo[username])
    html = client.get(reverse(page, args=[crm.pk])).content.decode()
    assert SCRIPT not in html
    assert "&lt;script&gt;" in html


def test_the_task_page_escapes_description_and_notes(client, demo, crm, hostile_task):
    client.force_login(demo["member1"])
    html = client.get(reverse("work:task_detail", args=[crm.pk, hostile_task.pk])).content.decode()
    assert "<img src=x" not in html
    assert SCRIPT not in html
    # Each text is shown, escaped: the title and the note each as an element's whole text.
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert f">{escape(TITLE)}<" in html
    assert escape(DESCRIPTION) in html
    assert f">{escape(NOTE)}<" in html


# The production settings that shape responses and cookies, read from config.settings run
# with DJANGO_PRODUCTION=true (tests/test_security_settings.py), not typed here.
PRODUCTION_SETTINGS = [
    "SECURE_SSL_REDIRECT", "SECURE_PROXY_SSL_HEADER", "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD", "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY", "CSRF_COOKIE_SECURE", "LANGUAGE_COOKIE_SECURE",
]  # fmt: skip
# What the proxy in front of the app adds to a request that came over HTTPS.
OVER_HTTPS = {"X-Forwarded-Proto": "https"}


@pytest.fixture(scope="module")
def production_values() -> dict[str, Any]:
    values: dict[str, Any] = json.loads(
        production_settings(
            f"import json; print(json.dumps({{n: getattr(s, n) for n in {PRODUCTION_SETTINGS!r}}}))"
        )
    )
    # JSON has no tuples; the proxy header is a (header, value) pair.
    header = values["SECURE_PROXY_SSL_HEADER"]
    values["SECURE_PROXY_SSL_HEADER"] = tuple(header) if header else None
    return values


@pytest.fixture
def production(settings, production_values):
    for name, value in production_values.items():
        setattr(settings, name, value)
    return settings


def test_plain_http_is_redirected_to_https(production):
    response = Client().get("/accounts/login/", headers={"X-Forwarded-Proto": "http"})
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/accounts/login/"


def test_https_responses_carry_hsts(production):
    response = Client().get("/accounts/login/", headers=OVER_HTTPS)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_sign_in_and_language_cookies_are_secure(production, demo):
    client = Client()
    client.get("/accounts/login/", headers=OVER_HTTPS)
    assert client.cookies["csrftoken"]["secure"]
    response = client.post(
        "/accounts/login/", {"username": "member1", "password": "rollout-demo"}, headers=OVER_HTTPS
    )
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"]
    response = client.post(
        reverse("roles:language_set"), {"language": "zh-hans"}, headers=OVER_HTTPS
    )
    assert response.cookies[django_settings.LANGUAGE_COOKIE_NAME]["secure"]
