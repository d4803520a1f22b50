"""Claiming a task done is asked first, with what it does spelled out (progress to 100 %,
no more logging until the manager answers); only the confirmation's button claims."""

import pytest
from django.urls import reverse

from demo.keys import demo_task
from work.models import Task

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
CONSEQUENCE = "sets its progress to 100 % and sends it to your manager to verify"


@pytest.fixture
def task(crm) -> Task:
    return demo_task(crm, "train_sales")


def claim(client, crm, task, data=None, **headers):
    return client.post(reverse("work:task_claim", args=[crm.pk, task.pk]), data or {}, **headers)


def test_it_shows_the_claim_behind_a_confirmation_on_my_tasks(client, demo, crm, task):
    client.force_login(demo["member1"])
    text = client.get(reverse("work:my_tasks", args=[crm.pk])).content.decode()
    confirmation = text[text.index(f'id="claim-{task.pk}"') :]
    assert confirmation.index(CONSEQUENCE) < confirmation.index('name="confirm" value="yes"')
    assert confirmation.index('name="confirm"') < confirmation.index("</details>")


def test_it_asks_before_claiming_a_post_without_confirmation(client, demo, crm, task):
    client.force_login(demo["member1"])
    response = claim(client, crm, task)
    task.refresh_from_db()
    assert response.status_code == 200
    assert CONSEQUENCE in response.content.decode()
    assert task.status != Task.Status.CLAIMED


def test_it_opens_the_confirmation_in_the_row_for_htmx(client, demo, crm, task):
    client.force_login(demo["member1"])
    text = claim(client, crm, task, **HTMX).content.decode()
    task.refresh_from_db()
    assert f'id="claim-{task.pk}" open' in text
    assert task.status != Task.Status.CLAIMED


def test_it_claims_once_confirmed(client, demo, crm, task):
    client.force_login(demo["member1"])
    response = claim(client, crm, task, {"confirm": "yes"})
    task.refresh_from_db()
    assert response.status_code == 302
    assert task.status == Task.Status.CLAIMED
    assert task.progress == 100


def test_it_asks_in_chinese_too(client, demo, crm, task):
    client.force_login(demo["member1"])
    client.cookies["django_language"] = "zh-hans"
    text = claim(client, crm, task).content.decode()
    assert "进度设为 100 %" in text
