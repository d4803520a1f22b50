"""Administrators see the chat messages a robot refused, with its answer and that the
dispatcher gave up, and send them again once the robot is mended; they add a department's
robot with the URL and secret sealed."""

import pytest
from django.urls import reverse
from django.utils import timezone

from chat.models import ChatChannel, ChatMessage
from core.sealed import seal, unseal
from roles.models import Department

pytestmark = pytest.mark.django_db

REASON = "DingTalk 310000: sign not match"


def a_refused_message(crm) -> ChatMessage:
    channel = ChatChannel.objects.create(
        rollout=crm, platform="dingtalk", name="CRM", webhook_sealed=seal("https://x.test/")
    )
    now = timezone.now()
    return ChatMessage.objects.create(
        channel=channel, key="test:1", text="- hello", attempts=1, failed_at=now,
        last_error=REASON, gave_up_at=now,
    )  # fmt: skip


def test_the_admin_lists_a_refused_message_with_the_robots_answer(client, demo, crm):
    refused = a_refused_message(crm)
    client.force_login(demo["admin"])
    response = client.get(reverse("admin:chat_chatmessage_changelist"), {"state": "failed"})
    assert [m.pk for m in response.context["cl"].result_list] == [refused.pk]
    assert REASON in response.content.decode()


@pytest.mark.parametrize(
    ("state", "keys"),
    [
        ("waiting", ["waiting"]),
        ("failed", ["gave_up", "in_doubt", "retried"]),
        ("gave_up", ["gave_up"]),
        ("in_doubt", ["in_doubt"]),
        ("sent", ["sent"]),
        ("", ["gave_up", "in_doubt", "retried", "sent", "waiting"]),
    ],
)
def test_each_state_lists_its_messages_only(client, demo, crm, state, keys):
    """An e-mail's states (the outboxes' shared filter) and the two only chat knows."""
    channel = a_refused_message(crm).channel
    ChatMessage.objects.all().delete()
    now = timezone.now()
    for key, dates in {
        "waiting": {},
        "retried": {"failed_at": now},
        "gave_up": {"failed_at": now, "gave_up_at": now},
        "in_doubt": {"failed_at": now, "in_doubt_at": now, "posted_at": now},
        "sent": {"sent_at": now},
    }.items():
        ChatMessage.objects.create(channel=channel, key=key, text="-", **dates)
    client.force_login(demo["admin"])
    response = client.get(reverse("admin:chat_chatmessage_changelist"), {"state": state})
    assert sorted(m.key for m in response.context["cl"].result_list) == keys


def test_trying_again_now_makes_it_due_for_the_next_dispatch(client, demo, crm):
    refused = a_refused_message(crm)
    client.force_login(demo["admin"])
    client.post(
        reverse("admin:chat_chatmessage_changelist"),
        {"action": "retry_now", "_selected_action": [refused.pk]},
    )
    refused.refresh_from_db()
    assert (refused.gave_up_at, refused.next_attempt_at) == (None, None)


def test_an_administrator_adds_a_departments_robot_sealed(client, demo):
    client.force_login(demo["admin"])
    sales = Department.objects.get(code="sales")
    response = client.post(
        reverse("admin:chat_chatchannel_add"),
        {
            "department": sales.pk, "name": "Sales", "platform": "feishu", "language": "zh-hans",
            "webhook_url": "https://open.feishu.cn/open-apis/bot/v2/hook/abcd", "secret": "s3",
            "send_reminders": "on", "active": "on",
        },
    )  # fmt: skip
    assert response.status_code == 302
    channel = ChatChannel.objects.get(department=sales)
    assert unseal(channel.secret_sealed) == "s3" and channel.webhook_hint == "abcd"


def test_a_robot_of_both_a_rollout_and_a_department_is_refused(client, demo, crm):
    client.force_login(demo["admin"])
    response = client.post(
        reverse("admin:chat_chatchannel_add"),
        {
            "rollout": crm.pk, "department": Department.objects.get(code="sales").pk,
            "name": "Both", "platform": "wecom", "language": "en",
            "webhook_url": "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k",
        },
    )  # fmt: skip
    assert response.status_code == 200
    assert not ChatChannel.objects.exists()


def a_message_in_doubt(crm) -> ChatMessage:
    channel = ChatChannel.objects.create(
        rollout=crm, platform="wecom", name="CRM", webhook_sealed=seal("https://x.test/")
    )
    now = timezone.now()
    return ChatMessage.objects.create(
        channel=channel, key="test:2", text="- hello", failed_at=now, posted_at=now,
        in_doubt_at=now, last_error=IN_DOUBT,
    )  # fmt: skip


IN_DOUBT = "ChatInDoubt: In doubt: no answer after the message was sent (TimeoutError: timed out)"


@pytest.mark.parametrize(
    ("language", "note", "state"),
    [
        (
            "en",
            "1 chat message was not sent (chat messages): refused, retried, or in doubt",
            "In doubt: the robot may have posted it",
        ),
        (
            "zh-hans",
            "1 条聊天消息未发出（聊天消息）：被拒绝、将重试或结果不明",
            "结果不明：机器人可能已发出",
        ),
    ],
)
def test_a_message_in_doubt_is_shown_to_administrators_with_its_reason(
    client, demo, crm, language, note, state
):
    in_doubt = a_message_in_doubt(crm)
    client.force_login(demo["admin"])
    client.cookies["django_language"] = language
    index = client.get(reverse("admin:index")).content.decode()
    assert note in index
    assert "e-mail could not be sent (chat messages)" not in index
    changelist = reverse("admin:chat_chatmessage_changelist")
    response = client.get(changelist, {"state": "in_doubt"})
    assert [m.pk for m in response.context["cl"].result_list] == [in_doubt.pk]
    assert IN_DOUBT in response.content.decode() and state in response.content.decode()


def test_an_administrator_chooses_to_send_a_message_in_doubt_again(client, demo, crm):
    in_doubt = a_message_in_doubt(crm)
    client.force_login(demo["admin"])
    changelist = reverse("admin:chat_chatmessage_changelist")
    client.post(changelist, {"action": "retry_now", "_selected_action": [in_doubt.pk]})
    assert ChatMessage.objects.get(pk=in_doubt.pk).in_doubt_at is not None  # not by "retry"
    client.post(changelist, {"action": "resend_in_doubt", "_selected_action": [in_doubt.pk]})
    in_doubt.refresh_from_db()
    assert (in_doubt.in_doubt_at, in_doubt.posted_at, in_doubt.next_attempt_at) == (
        None,
        None,
        None,
    )
