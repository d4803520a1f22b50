"""Ids posted outside a form go through the one parser (`posted_id`): text that is no id
is refused without a server error, and never widens what is acted on (marking one
notification read once marked them all on any text that was not a number)."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from notifications.models import Notification
from roles.models import User
from rollout.models import Rollout

pytestmark = pytest.mark.django_db


def notify(person: User, text: str = "A task is due.") -> Notification:
    return Notification.objects.create(recipient=person, text=text, url="/")


def unread(person: User) -> set[int]:
    return set(
        Notification.objects.filter(recipient=person, read_at__isnull=True).values_list(
            "pk", flat=True
        )
    )


def test_it_refuses_a_blocker_in_superscript_digits_with_a_message(
    client, demo, crm: Rollout, member1_task
):
    task = member1_task
    client.force_login(demo["sales.manager"])
    response = client.post(reverse("work:task_depend", args=[crm.pk, task.pk]), {"blocker": "²"})
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Choose the task it waits for."
    ]
    assert not task.blocked_by.exists()


def test_it_marks_only_the_named_notification_read(client, demo):
    first, second = notify(demo["member1"]), notify(demo["member1"])
    client.force_login(demo["member1"])
    response = client.post(
        reverse("notifications:notifications_read"), {"notification": str(first.pk)}
    )
    assert response.status_code == 302
    assert first.pk not in unread(demo["member1"])
    assert second.pk in unread(demo["member1"])


@pytest.mark.parametrize("text", ["", "all", "²", " 1", "-1", "1.0", str(2**63)])
def test_it_answers_404_and_marks_nothing_for_text_that_is_no_id(client, demo, text):
    notify(demo["member1"])
    before = unread(demo["member1"])
    client.force_login(demo["member1"])
    response = client.post(reverse("notifications:notifications_read"), {"notification": text})
    assert response.status_code == 404
    assert unread(demo["member1"]) == before


def test_it_answers_404_for_someone_elses_notification(client, demo):
    theirs = notify(demo["member2"])
    client.force_login(demo["member1"])
    response = client.post(
        reverse("notifications:notifications_read"), {"notification": str(theirs.pk)}
    )
    assert response.status_code == 404
    assert theirs.pk in unread(demo["member2"])


def test_it_marks_all_read_on_its_own_url(client, demo):
    notify(demo["member1"]), notify(demo["member1"])
    client.force_login(demo["member1"])
    assert client.post(reverse("notifications:notifications_read_all")).status_code == 302
    assert unread(demo["member1"]) == set()


def test_the_page_posts_mark_all_to_its_own_url_and_each_one_with_its_id(client, demo):
    mine = notify(demo["member1"])
    client.force_login(demo["member1"])
    page = client.get(reverse("notifications:notifications")).content.decode()
    assert f'action="{reverse("notifications:notifications_read_all")}"' in page
    assert f'name="notification" value="{mine.pk}"' in page
