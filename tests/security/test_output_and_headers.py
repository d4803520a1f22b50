"""What the browser receives: user text escaped everywhere it is shown, and the security
headers and cookie flags of the production settings on real responses."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from rollout.models import Task
from rollout.services import work

pytestmark = pytest.mark.django_db
SCRIPT = '<script>alert("x")</script>'


@pytest.fixture
def hostile_task(demo, crm) -> Task:
    task = work.task_create(
        by=demo["ceo"],
        rollout=crm,
        title=f"Clean {SCRIPT}",
        description=f"<img src=x onerror=alert(1)> {SCRIPT}",
        workstream=crm.workstreams.earliest("pk"),
        department_id=demo["sales.manager"].department_id,
        assignees=[demo["member1"]],
        due_date=timezone.localdate() - timedelta(days=1),
        estimate_hours=Decimal("2"),
    )
    work.task_log_create(
        by=demo["member1"], task=task, work_date=timezone.localdate(),
        hours=Decimal("1"), progress=10, note=SCRIPT,
    )  # fmt: skip
    return task


@pytest.mark.parametrize(
    ("username", "page"),
    [("member1", "my_tasks"), ("sales.manager", "board"), ("ceo", "progress"), ("ceo", "history")],
)
def test_text_with_html_is_shown_escaped(client, demo, crm, hostile_task, username, page):
    client.force_login(demo[username])
    html = client.get(reverse(page, args=[crm.pk])).content.decode()
    assert SCRIPT not in html
    assert "&lt;script&gt;" in html


def test_the_task_page_escapes_description_and_notes(client, demo, crm, hostile_task):
    client.force_login(demo["member1"])
    html = client.get(reverse("task_detail", args=[crm.pk, hostile_task.pk])).content.decode()
    assert "<img src=x" not in html
    assert SCRIPT not in html


@pytest.fixture
def production(settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    settings.LANGUAGE_COOKIE_SECURE = True
    return settings


def test_plain_http_is_redirected_to_https(production):
    response = Client().get("/accounts/login/")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def test_https_responses_carry_the_security_headers(production):
    response = Client().get("/accounts/login/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert (response["X-Frame-Options"], response["Referrer-Policy"]) == ("DENY", "same-origin")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_sign_in_cookies_are_secure_and_http_only(production, demo):
    client = Client()
    client.get("/accounts/login/", secure=True)
    response = client.post(
        "/accounts/login/", {"username": "member1", "password": "rollout-demo"}, secure=True
    )
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"]
    assert client.cookies["csrftoken"]["secure"]
