"""My work's mentions: the person's unread ones in one query, each opening its comment and
marked read on the way."""

import pytest
from django.urls import reverse

from core.waiting import waiting_kinds
from discussion import services
from discussion.waiting import mentions_unread, mentions_waiting
from notifications.models import Notification
from tests.discussion.discussion_data import target_for
from tests.query_counts import exactly
from tests.waiting_items import waiting

pytestmark = pytest.mark.django_db


def mention_member1(demo, target, times):
    for n in range(times):
        services.comment_create(by=demo["sales.manager"], target=target, body=f"@member1 {n}")


def test_mentions_are_a_kind_of_my_work():
    assert "mention" in waiting_kinds()


@pytest.mark.parametrize("times", [1, 30])
def test_it_reads_the_mentions_in_one_query(demo, crm, member1_task, times):
    target = target_for(demo["sales.manager"], crm, "task", member1_task.pk)
    mention_member1(demo, target, times)
    ids = list(mentions_unread(demo["member1"]).values_list("pk", flat=True))
    with exactly(1):
        items = mentions_waiting(ids)
    assert len(items) == times
    notification = Notification.objects.filter(recipient=demo["member1"]).latest("pk")
    assert items[-1].url == reverse("notifications:notification_open", args=[notification.pk])
    assert items[-1].post


def test_opening_a_mention_from_my_work_marks_it_read_and_shows_the_comment(
    client, demo, crm, member1_task
):
    target = target_for(demo["sales.manager"], crm, "task", member1_task.pk)
    mention_member1(demo, target, 1)
    client.force_login(demo["member1"])
    row = next(r for r in client.get(reverse("gates:home")).context["rows"] if r.item.post)
    response = client.post(row.item.url)
    notification = Notification.objects.get(recipient=demo["member1"], mention__isnull=False)
    assert response["Location"] == notification.url
    assert notification.url.startswith(f"{target.url}#comment-")
    assert notification.read_at is not None
    assert waiting(demo["member1"], "mention") == []


def test_someone_elses_notification_is_not_opened(client, demo, crm, member1_task):
    target = target_for(demo["sales.manager"], crm, "task", member1_task.pk)
    mention_member1(demo, target, 1)
    notification = Notification.objects.get(recipient=demo["member1"], mention__isnull=False)
    client.force_login(demo["member2"])
    url = reverse("notifications:notification_open", args=[notification.pk])
    assert client.post(url).status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_a_stored_link_off_the_site_is_not_followed(client, demo):
    notification = Notification.objects.create(
        recipient=demo["member1"], text="x", url="https://example.com/"
    )
    client.force_login(demo["member1"])
    response = client.post(reverse("notifications:notification_open", args=[notification.pk]))
    assert response["Location"] == reverse("notifications:notifications")


def test_a_read_mention_leaves_my_work(demo, crm, member1_task):
    target = target_for(demo["sales.manager"], crm, "task", member1_task.pk)
    mention_member1(demo, target, 1)
    Notification.objects.filter(mention__isnull=False).update(read_at="2026-01-01T00:00Z")
    assert waiting(demo["member1"], "mention") == []


def test_a_removed_comment_leaves_my_work(demo, crm, member1_task):
    target = target_for(demo["sales.manager"], crm, "task", member1_task.pk)
    comment = services.comment_create(by=demo["sales.manager"], target=target, body="@member1")
    services.comment_remove(by=demo["sales.manager"], comment=comment, target=target)
    assert waiting(demo["member1"], "mention") == []
