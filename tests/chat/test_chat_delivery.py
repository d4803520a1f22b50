"""Reminders to WeCom, DingTalk and Feishu robots on a loopback server that checks each
platform's signature, keyword and rate limit: each arrives once, within the limits, and a
refusal is reported, not retried for ever. Time is passed in and moved, never waited."""

import re
from datetime import timedelta
from functools import partial

import pytest
from django.conf import settings
from django.utils import timezone, translation

from chat.models import ChatHandle, ChatMessage
from chat.platforms import dingtalk, feishu
from chat.services.messages import chat_test_put
from chat.services.outbox import chat_outbox_send, chat_retry_now
from notifications.models import Reminder
from notifications.reminder_texts import reminder_text
from notifications.services.reminders import NewReminder, reminders_dispatch, reminders_put
from tests.chat.conftest import ahead_of_the_clock, send_at
from tests.notifications.spare_keys import SPARE, spare_key
from tests.races import run_together

ROBOTS = [("wecom", "we1", ""), ("dingtalk", "ding1", "SECding"), ("feishu", "fei1", "fsecret")]


def _hundred_reminders(demo, crm) -> list[int]:
    reminders_dispatch(now=timezone.now())  # the demo's own reminders, out of the way
    ChatMessage.objects.all().delete()
    reminders_put(
        [
            NewReminder(
                spare_key(n), demo["member1"].pk, crm.pk, "/", {"task": f"T{n}", "due": "x"}
            )
            for n in range(100)
        ]
    )
    reminders_dispatch(now=timezone.now())
    return sorted(
        Reminder.objects.filter(key__startswith=SPARE.prefix).values_list("pk", flat=True)
    )


def _received(server, name) -> list[int]:
    return sorted(int(pk) for text in server.texts(name) for pk in re.findall(r"`#(\d+)`", text))


def test_it_signs_as_each_platform_checks():
    # The documented examples' shape: DingTalk signs the message with the secret as key,
    # Feishu signs nothing with the message as key; both base64.
    assert dingtalk.signature(1577262236757, "SEC1") != feishu.signature(1577262236, "SEC1")
    assert len(dingtalk.signature(1, "s")) == len(feishu.signature(1, "s")) == 44


@pytest.mark.django_db
def test_a_hundred_reminders_due_at_once_arrive_once_each_within_the_limits(
    chat_server, make_channel, demo, crm
):
    for platform, name, secret in ROBOTS:
        make_channel(platform, name, secret=secret, keyword="报警")
    expected = _hundred_reminders(demo, crm)
    now = ahead_of_the_clock()
    for minute in range(5):  # more runs than needed: a run with nothing due sends nothing
        send_at(chat_server, now + timedelta(minutes=minute))
    for _platform, name, _secret in ROBOTS:
        assert _received(chat_server, name) == expected
        assert chat_server.most_in_any_window(name, 60) <= (100 if name == "fei1" else 20)
    assert chat_server.most_in_any_window("fei1", 1) <= 5
    assert chat_server.refusals == []
    assert not ChatMessage.objects.filter(sent_at__isnull=True).exists()


@pytest.mark.django_db
def test_what_the_minute_does_not_allow_waits_for_the_next(chat_server, make_channel, demo):
    channel = make_channel("dingtalk", "ding1", secret="SECding")
    now = ahead_of_the_clock()
    for n in range(25):  # one test message at a time, each run in the same minute
        chat_test_put(by=demo["ceo"], channel=channel)
        send_at(chat_server, now + timedelta(seconds=n))
    assert len(chat_server.robots["ding1"].taken) == 20
    send_at(chat_server, now + timedelta(seconds=61))
    assert sum(text.count("A test message") for text in chat_server.texts("ding1")) == 25
    assert chat_server.most_in_any_window("ding1", 60) <= 20


@pytest.mark.django_db
def test_feishu_gets_at_most_five_a_second(chat_server, make_channel, demo):
    channel = make_channel("feishu", "fei1", secret="fsecret")
    now = ahead_of_the_clock()
    for _n in range(8):
        chat_test_put(by=demo["ceo"], channel=channel)
        send_at(chat_server, now)
    assert len(chat_server.robots["fei1"].taken) == 5
    send_at(chat_server, now + timedelta(seconds=1))
    assert sum(text.count("A test message") for text in chat_server.texts("fei1")) == 8


@pytest.mark.django_db
@pytest.mark.parametrize("platform", ["dingtalk", "feishu"])
def test_a_bad_signature_is_reported_and_not_retried(chat_server, make_channel, demo, platform):
    channel = make_channel(platform, "bot", secret="right", wrong_secret="wrong")
    message = chat_test_put(by=demo["ceo"], channel=channel)
    now = ahead_of_the_clock()
    for hours in range(0, 48, 6):
        send_at(chat_server, now + timedelta(hours=hours))
    message.refresh_from_db()
    assert message.gave_up_at is not None and message.sent_at is None
    assert "19021" in message.last_error or "sign not match" in message.last_error
    assert len(chat_server.robots["bot"].requests) == 1


@pytest.mark.django_db
def test_a_missing_keyword_is_reported(chat_server, make_channel, demo):
    channel = make_channel("feishu", "bot", secret="s", keyword="报警")
    channel.keyword = ""  # the robot asks for it, the channel forgot it
    channel.save(update_fields=["keyword"])
    message = chat_test_put(by=demo["ceo"], channel=channel)
    send_at(chat_server, timezone.now())
    message.refresh_from_db()
    assert message.gave_up_at is not None
    assert "19024" in message.last_error


@pytest.mark.django_db
def test_a_message_given_up_goes_once_tried_again(chat_server, make_channel, demo):
    channel = make_channel("dingtalk", "bot", secret="right", wrong_secret="wrong")
    message = chat_test_put(by=demo["ceo"], channel=channel)
    now = ahead_of_the_clock()
    send_at(chat_server, now)
    chat_server.robots["bot"].secret = "wrong"  # the administrator mended the robot's side
    assert chat_retry_now(ChatMessage.objects.filter(pk=message.pk)) == 1
    send_at(chat_server, now + timedelta(minutes=1))
    message.refresh_from_db()
    assert message.sent_at is not None


@pytest.mark.django_db
def test_a_rate_limited_answer_is_retried_in_the_next_window(chat_server, make_channel, demo):
    channel = make_channel("wecom", "we1")
    chat_server.robots["we1"].forced.append({"errcode": 45009, "errmsg": "api freq out of limit"})
    message = chat_test_put(by=demo["ceo"], channel=channel)
    now = ahead_of_the_clock()
    assert send_at(chat_server, now) == 0
    assert send_at(chat_server, now + timedelta(seconds=30)) == 0  # still waiting
    assert send_at(chat_server, now + timedelta(seconds=61)) == 1
    message.refresh_from_db()
    assert (message.attempts, message.gave_up_at) == (0, None)


@pytest.mark.django_db
def test_a_server_error_is_retried_with_backoff(chat_server, make_channel, demo):
    channel = make_channel("wecom", "we1")
    chat_server.robots["we1"].forced.append({"errcode": -1, "errmsg": "system busy"})
    message = chat_test_put(by=demo["ceo"], channel=channel)
    now = ahead_of_the_clock()
    send_at(chat_server, now)
    message.refresh_from_db()
    assert (message.attempts, message.gave_up_at) == (1, None)
    assert send_at(chat_server, now + timedelta(minutes=1)) == 1


@pytest.mark.django_db
def test_the_group_reads_its_language_and_the_person_is_mentioned(
    chat_server, make_channel, demo, crm
):
    make_channel("wecom", "we1", language="zh-hans")
    make_channel("dingtalk", "ding1", secret="s")
    ChatHandle.objects.create(user=demo["member1"], platform="wecom", handle="liuyang")
    ChatHandle.objects.create(user=demo["member1"], platform="dingtalk", handle="ding-liu")
    reminders_dispatch(now=timezone.now())
    ChatMessage.objects.all().delete()
    reminders_put(
        [NewReminder(spare_key(1), demo["member1"].pk, crm.pk, "/", {"task": "T1", "due": "x"})]
    )
    reminders_dispatch(now=timezone.now())
    send_at(chat_server, timezone.now())
    with translation.override("zh-hans"):
        chinese = reminder_text("task_due", 0, {"task": "T1", "due": "x"})
    assert chinese in chat_server.texts("we1")[0]
    assert "<@liuyang>" in chat_server.texts("we1")[0]
    assert chat_server.robots["ding1"].taken[0]["at"]["atUserIds"] == ["ding-liu"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="row locks need PostgreSQL (CI runs these on it)",
)
def test_two_dispatchers_at_once_send_each_reminder_once(chat_server, make_channel, demo, crm):
    for platform, name, secret in ROBOTS:
        make_channel(platform, name, secret=secret)
    expected = _hundred_reminders(demo, crm)
    now = ahead_of_the_clock()
    chat_server.now = now
    for minute in range(3):
        at = now + timedelta(minutes=minute)
        chat_server.now = at
        run_together(partial(chat_outbox_send, at), partial(chat_outbox_send, at))
    for _platform, name, _secret in ROBOTS:
        assert _received(chat_server, name) == expected
