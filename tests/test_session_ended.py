"""A request from a session that has ended: htmx gets an HX-Redirect to sign-in (never the
sign-in page pasted into a part of the page), an ordinary form goes to sign-in, and both
come back to the page the person was on, told what was not saved."""

import time

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.middleware import LAST_SEEN
from demo.data import DEMO_PASSWORD
from work.models import TaskLog

pytestmark = pytest.mark.django_db

LOG = {"hours": "2.5", "progress": "60", "note": "typed before the session ended"}


def htmx(page: str) -> dict[str, str]:
    return {"HTTP_HX_REQUEST": "true", "HTTP_HX_CURRENT_URL": f"http://testserver{page}"}


def post_log(client, crm, task, **headers):
    data = {**LOG, "work_date": timezone.localdate().isoformat()}
    return client.post(reverse("work:task_log", args=[crm.pk, task.pk]), data, **headers)


def test_it_answers_an_htmx_post_with_a_redirect_to_sign_in_and_back(client, crm, member1_task):
    my_tasks = reverse("work:my_tasks", args=[crm.pk])
    response = post_log(client, crm, member1_task, **htmx(my_tasks))
    assert response.status_code == 204
    assert response["HX-Redirect"] == f"{reverse('roles:login')}?next={my_tasks}"
    assert response.content == b""  # nothing for htmx to paste into the card
    assert not TaskLog.objects.filter(task=member1_task).exists()


def test_it_says_on_the_sign_in_page_what_was_not_saved(client, crm, member1_task):
    my_tasks = reverse("work:my_tasks", args=[crm.pk])
    response = post_log(client, crm, member1_task, **htmx(my_tasks))
    text = client.get(response["HX-Redirect"]).content.decode()
    assert "the work you logged (date, hours, progress, note and files) was not saved" in text
    assert f'name="next" value="{my_tasks}"' in text


def test_it_says_it_in_chinese_to_a_chinese_reader(client, crm, member1_task):
    client.cookies["django_language"] = "zh-hans"
    my_tasks = reverse("work:my_tasks", args=[crm.pk])
    response = post_log(client, crm, member1_task, **htmx(my_tasks))
    text = client.get(response["HX-Redirect"]).content.decode()
    assert "会话已结束" in text
    assert "was not saved" not in text


def test_it_brings_the_person_back_to_their_page_after_sign_in(client, demo, crm, member1_task):
    my_tasks = reverse("work:my_tasks", args=[crm.pk])
    to_login = post_log(client, crm, member1_task, **htmx(my_tasks))["HX-Redirect"]
    response = client.post(to_login, {"username": "member1", "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == my_tasks


def test_it_never_sends_the_person_to_another_site(client, crm, member1_task):
    headers = {"HTTP_HX_REQUEST": "true", "HTTP_HX_CURRENT_URL": "https://evil.example/x/"}
    response = post_log(client, crm, member1_task, **headers)
    assert response["HX-Redirect"] == reverse("roles:login")


def test_it_leads_an_htmx_request_refused_for_csrf_to_sign_in(crm, member1_task):
    # The browser lost every cookie: the CSRF check refuses before login_required runs.
    client = Client(enforce_csrf_checks=True)
    my_tasks = reverse("work:my_tasks", args=[crm.pk])
    response = post_log(client, crm, member1_task, **htmx(my_tasks))
    assert response.status_code == 204
    assert response["HX-Redirect"] == f"{reverse('roles:login')}?next={my_tasks}"


def test_it_brings_an_ordinary_form_back_to_its_page_not_to_its_post_url(client, crm, member1_task):
    page = reverse("work:task_detail", args=[crm.pk, member1_task.pk])
    response = post_log(client, crm, member1_task, HTTP_REFERER=f"http://testserver{page}")
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('roles:login')}?next={page}"


def test_it_leaves_an_ordinary_page_to_login_required(client, crm):
    page = reverse("work:my_tasks", args=[crm.pk])
    response = client.get(page)
    assert response["Location"] == f"{reverse('roles:login')}?next={page}"
    assert "_messages" not in response.cookies


def test_it_says_nothing_about_unsaved_work_on_signing_out(client, demo):
    client.force_login(demo["member1"])
    response = client.post(reverse("roles:logout"), follow=True)
    assert "was not saved" not in response.content.decode()


def test_it_leaves_a_signed_in_htmx_request_alone(client, demo, crm, member1_task):
    client.force_login(demo["member1"])
    response = post_log(client, crm, member1_task, **htmx(reverse("work:my_tasks", args=[crm.pk])))
    assert response.status_code == 200
    assert "HX-Redirect" not in response


@pytest.mark.parametrize(
    ("name", "data"), [("work:task_log", LOG), ("work:task_claim", {"confirm": "yes"})]
)  # every htmx request the pages make (hx-post in work/partials/my_task_row.html)
def test_each_htmx_post_after_the_idle_timeout_goes_to_sign_in_and_back(
    client, demo, crm, member1_task, name, data
):
    client.force_login(demo["member1"])
    session = client.session
    session[LAST_SEEN] = int(time.time()) - settings.SESSION_IDLE_TIMEOUT - 1
    session.save()
    my_tasks = reverse("work:my_tasks", args=[crm.pk])
    data = {**data, "work_date": timezone.localdate().isoformat()}
    response = client.post(reverse(name, args=[crm.pk, member1_task.pk]), data, **htmx(my_tasks))
    assert response.status_code == 204
    assert response["HX-Redirect"] == f"{reverse('roles:login')}?next={my_tasks}"
    status = member1_task.status
    member1_task.refresh_from_db()
    assert member1_task.status == status
    assert not TaskLog.objects.filter(task=member1_task).exists()
