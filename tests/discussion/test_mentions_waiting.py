"""My work's mentions: the person's unread ones, each linking to its comment, in one query."""

import pytest

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
    assert items[0].url.startswith(f"{target.url}#comment-")


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
