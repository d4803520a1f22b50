"""Writing, editing and removing comments, and the mentions they carry."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import IntegrityError
from django.db.models import QuerySet
from django.utils import timezone

from core.errors import NotAllowed
from discussion import services
from discussion.models import BODY_MAX, Comment, Mention
from discussion.services import EDIT_WINDOW, DiscussionError
from notifications.models import Notification
from notifications.services.digests import email_digests_send
from tests.discussion.discussion_data import target_for
from tests.query_counts import exactly

pytestmark = pytest.mark.django_db


def mentions_told() -> "QuerySet[Notification]":
    """The notifications mentions sent (the demo has reminders' own)."""
    return Notification.objects.filter(mention__isnull=False)


@pytest.fixture
def task_target(demo, crm, member1_task):
    return target_for(demo["sales.manager"], crm, "task", member1_task.pk)


def write(demo, target, body, **kwargs):
    return services.comment_create(by=demo["sales.manager"], target=target, body=body, **kwargs)


def test_it_keeps_the_text_as_written(demo, task_target):
    comment = write(demo, task_target, "  Ready for review?  ")
    assert Comment.objects.get(pk=comment.pk).body == "Ready for review?"


def test_it_refuses_an_empty_comment(demo, task_target):
    with pytest.raises(DiscussionError, match="Write something"):
        write(demo, task_target, " \n ")


def test_it_refuses_a_comment_over_the_limit_and_says_how_long(demo, task_target):
    with pytest.raises(DiscussionError, match=f"at most {BODY_MAX} characters; this one has"):
        write(demo, task_target, "x" * (BODY_MAX + 1))
    assert not Comment.objects.exists()


def test_the_database_refuses_a_body_over_the_limit(demo, crm, member1_task):
    with pytest.raises(IntegrityError):
        Comment.objects.create(
            rollout=crm, target_kind="task", target_id=member1_task.pk,
            author=demo["member1"], body="x" * (BODY_MAX + 1),
        )  # fmt: skip


def test_the_database_refuses_an_unknown_target_kind(demo, crm):
    with pytest.raises(IntegrityError):
        Comment.objects.create(
            rollout=crm, target_kind="vendor", target_id=1, author=demo["member1"], body="hi"
        )


def test_a_mention_of_someone_on_the_rollout_notifies_them(demo, task_target):
    comment = write(demo, task_target, "@member1 can you check the fields?")
    notification = mentions_told().get(recipient=demo["member1"])
    assert notification.url.endswith(f"#comment-{comment.pk}")
    assert notification.text == (
        "Li Na (李娜) mentioned you in a comment on the task "
        "“Define the customer fields · 确定客户字段”."
    )


def test_the_notification_is_in_the_readers_language(demo, crm):
    # finance.manager reads Chinese; the task is the finance department's.
    target = target_for(demo["ceo"], crm, "gate", crm.gates.get(key="select").pk)
    services.comment_create(by=demo["ceo"], target=target, body="@finance.manager 请看一下")
    text = mentions_told().get(recipient=demo["finance.manager"]).text
    assert text.startswith("Wang Jianguo (王建国) 在关口")
    assert "提到了你" in text


def test_the_mention_goes_out_in_the_readers_digest(demo, crm):
    target = target_for(demo["ceo"], crm, "gate", crm.gates.get(key="select").pk)
    reader = demo["finance.manager"]
    Notification.objects.filter(recipient=reader).update(emailed_at=timezone.now())
    services.comment_create(by=demo["ceo"], target=target, body="@finance.manager 预算？")
    mail.outbox.clear()
    email_digests_send(frequency=reader.email_digest)
    (digest,) = [m for m in mail.outbox if m.to == [reader.email]]
    assert "在关口“系统选型”的评论中提到了你" in digest.body


def test_a_mention_of_someone_outside_the_rollout_is_refused_and_names_them(demo, task_target):
    with pytest.raises(DiscussionError, match=r"@pilot\.member: not on this rollout"):
        write(demo, task_target, "@member1 and @pilot.member, look")
    assert not Comment.objects.exists()
    assert not mentions_told().exists()


def test_a_mention_in_chinese_text_without_spaces_notifies(demo, task_target):
    write(demo, task_target, "请@member1看一下字段")
    assert mentions_told().get().recipient == demo["member1"]


def test_an_ascii_name_is_never_taken_for_a_shorter_one(demo, task_target):
    with pytest.raises(DiscussionError, match="@member10: not on this rollout"):
        write(demo, task_target, "@member10 look")


def test_a_mention_of_nobody_is_refused(demo, task_target):
    with pytest.raises(DiscussionError, match="@nobody: not on this rollout"):
        write(demo, task_target, "@nobody look")


def test_an_email_address_is_no_mention(demo, task_target):
    write(demo, task_target, "Write to member1@example.com")
    assert not Mention.objects.exists()


def test_mentioning_oneself_tells_nobody(demo, task_target):
    write(demo, task_target, "Note to self, @sales.manager.")
    assert not mentions_told().exists()


def test_answering_on_the_thread_settles_ones_mentions_there(demo, crm, task_target):
    write(demo, task_target, "@member1 please look")
    member_target = target_for(demo["member1"], crm, "task", task_target.pk)
    services.comment_create(by=demo["member1"], target=member_target, body="Done.")
    notification = mentions_told().get(recipient=demo["member1"])
    assert notification.resolved_at is not None


def test_the_author_edits_within_the_window(demo, task_target):
    written = timezone.now() - timedelta(hours=1)
    comment = write(demo, task_target, "Frist", now=written)
    services.comment_edit(
        by=demo["sales.manager"], comment=comment, target=task_target, body="First",
        now=written + EDIT_WINDOW,
    )  # fmt: skip
    comment.refresh_from_db()
    assert (comment.body, comment.edited_at) == ("First", written + EDIT_WINDOW)


def test_an_edit_after_the_window_is_refused_with_the_reason(demo, task_target):
    written = timezone.now() - timedelta(hours=1)
    comment = write(demo, task_target, "Frist", now=written)
    late = written + EDIT_WINDOW + timedelta(seconds=1)
    with pytest.raises(DiscussionError, match="can be edited for 15 minutes"):
        services.comment_edit(
            by=demo["sales.manager"], comment=comment, target=task_target, body="First", now=late
        )
    assert Comment.objects.get(pk=comment.pk).body == "Frist"


def test_only_the_author_edits(demo, crm, task_target):
    comment = write(demo, task_target, "Mine")
    other = target_for(demo["member1"], crm, "task", task_target.pk)
    with pytest.raises(NotAllowed, match="Only the author"):
        services.comment_edit(by=demo["member1"], comment=comment, target=other, body="Yours")


def test_an_edit_tells_only_the_newly_mentioned(demo, task_target):
    comment = write(demo, task_target, "@member1 look")
    services.comment_edit(
        by=demo["sales.manager"], comment=comment, target=task_target, body="@member1 @member2 look"
    )
    recipients = mentions_told().values_list("recipient__username", flat=True)
    assert sorted(recipients) == ["member1", "member2"]


def test_removing_leaves_a_mark_and_settles_its_mentions(demo, task_target):
    comment = write(demo, task_target, "@member1 oops, wrong task")
    services.comment_remove(by=demo["sales.manager"], comment=comment, target=task_target)
    comment.refresh_from_db()
    assert (comment.body, comment.is_removed) == ("", True)
    assert mentions_told().get(recipient=demo["member1"]).resolved_at is not None


def test_only_the_author_removes(demo, crm, task_target):
    comment = write(demo, task_target, "Mine")
    other = target_for(demo["member1"], crm, "task", task_target.pk)
    with pytest.raises(NotAllowed, match="Only the author"):
        services.comment_remove(by=demo["member1"], comment=comment, target=other)


def test_a_removed_comment_cannot_be_edited(demo, task_target):
    comment = write(demo, task_target, "Gone soon")
    services.comment_remove(by=demo["sales.manager"], comment=comment, target=task_target)
    with pytest.raises(DiscussionError, match="was removed"):
        services.comment_edit(
            by=demo["sales.manager"], comment=comment, target=task_target, body="Back"
        )


def test_a_target_resolved_for_someone_else_is_refused(demo, task_target):
    with pytest.raises(NotAllowed):
        services.comment_create(by=demo["member1"], target=task_target, body="Hello")


# The body's rules are checked once, in the service (no full_clean() asking the database
# the CheckConstraints' questions again, one query each, nor reading back the foreign keys).
COMMENT_WRITE_QUERIES = 2
COMMENT_EDIT_QUERIES = 2
COMMENT_REMOVE_QUERIES = 3


def test_writing_editing_and_removing_a_comment_cost_a_fixed_number_of_queries(demo, task_target):
    with exactly(COMMENT_WRITE_QUERIES, savepoints=False):
        comment = write(demo, task_target, "Ready for review?")
    with exactly(COMMENT_EDIT_QUERIES, savepoints=False):
        services.comment_edit(
            by=demo["sales.manager"], comment=comment, target=task_target, body="Ready now?"
        )
    with exactly(COMMENT_REMOVE_QUERIES, savepoints=False):
        services.comment_remove(by=demo["sales.manager"], comment=comment, target=task_target)
