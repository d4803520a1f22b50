"""Exactly once, as far as a robot lets us know: a request sent without an answer (a
timeout, a connection broken after sending), or one whose outcome a stopped dispatcher never
recorded, leaves its message "in doubt", never posted again by itself; an administrator may
send it again. A request that could not be sent (the connection refused) is retried with
backoff. Each request has one deadline, however slowly the robot's server answers. The
robots run on a loopback server; time is passed in and moved."""

import socket
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from chat.models import ChatChannel, ChatMessage, ChatState
from chat.services import outbox
from chat.services.channels import Secrets, chat_channel_save
from chat.services.messages import chat_test_put
from chat.services.outbox import chat_resend_in_doubt, chat_retry_now
from notifications.services.mail_outbox import CLAIM_EXPIRES
from tests.chat.conftest import ahead_of_the_clock, send_at
from tests.chat_server import HANG_UP, STALL
from tests.webhooks.raw_server import raw_server, trickle

pytestmark = pytest.mark.django_db

DEADLINE = 0.5


@pytest.fixture
def short_deadline(monkeypatch):
    monkeypatch.setattr(outbox, "TIMEOUT_SECONDS", DEADLINE)


@pytest.mark.parametrize("answer", [STALL, HANG_UP], ids=["no answer in time", "hung up"])
def test_no_answer_after_sending_leaves_the_message_in_doubt_and_not_sent_again(
    chat_server, make_channel, demo, short_deadline, answer
):
    channel = make_channel("wecom", "we1")
    chat_server.robots["we1"].forced.append(answer)
    message = chat_test_put(by=demo["ceo"], channel=channel)
    now = ahead_of_the_clock()
    for hours in range(0, 48, 6):  # backoff would have retried within these two days
        send_at(chat_server, now + timedelta(hours=hours))
    message.refresh_from_db()
    assert message.chat_state == ChatState.IN_DOUBT
    assert message.last_error.startswith(
        "ChatInDoubt: In doubt: no answer after the message was sent"
    )
    assert len(chat_server.robots["we1"].requests) == 1


def test_an_administrator_sends_a_message_in_doubt_again(
    chat_server, make_channel, demo, short_deadline
):
    channel = make_channel("wecom", "we1")
    chat_server.robots["we1"].forced.append(HANG_UP)
    message = chat_test_put(by=demo["ceo"], channel=channel)
    now = ahead_of_the_clock()
    send_at(chat_server, now)
    messages = ChatMessage.objects.filter(pk=message.pk)
    assert chat_retry_now(messages) == 0  # "try again" is for the failed, not the doubtful
    assert chat_resend_in_doubt(messages) == 1
    assert send_at(chat_server, now + timedelta(minutes=1)) == 1
    assert len(chat_server.robots["we1"].requests) == 2


def _closed_port() -> int:
    with socket.create_server(("127.0.0.1", 0)) as listener:
        port: int = listener.getsockname()[1]
    return port  # closed on leaving: nothing listens there


@pytest.mark.parametrize(
    ("host", "reason"),
    [
        ("127.0.0.1:{port}", "ChatFailed: Not sent: ConnectionRefusedError"),
        ("robot.invalid", "ChatFailed: Not sent: gaierror"),  # RFC 6761: never resolves
    ],
    ids=["connection refused", "name not found"],
)
def test_a_request_that_could_not_be_sent_is_retried_with_backoff(demo, crm, host, reason):
    url = f"http://{host.format(port=_closed_port())}/cgi-bin/webhook/send?key=gone"
    channel = chat_channel_save(
        by=demo["ceo"],
        channel=ChatChannel(platform="wecom", rollout=crm, name="gone"),
        secrets=Secrets(url),
    )
    message = chat_test_put(by=demo["ceo"], channel=channel)
    now = ahead_of_the_clock()
    outbox.chat_outbox_send(now)
    message.refresh_from_db()
    assert (message.chat_state, message.attempts, message.posted_at) == (ChatState.FAILED, 1, None)
    assert message.next_attempt_at == now + timedelta(minutes=1)
    assert message.last_error.startswith(reason)


class Crash(BaseException):
    """The worker stops (killed, the machine gone) between the robot's answer and the
    recording of it."""


def test_a_dispatcher_stopped_after_posting_is_not_followed_by_a_second_post(
    chat_server, make_channel, demo, monkeypatch
):
    channel = make_channel("dingtalk", "ding1", secret="SECding")
    message = chat_test_put(by=demo["ceo"], channel=channel)
    now = ahead_of_the_clock()

    def crash(*args, **kwargs):
        raise Crash

    monkeypatch.setattr(outbox, "chat_marked_sent", crash)
    with pytest.raises(Crash):
        send_at(chat_server, now)
    monkeypatch.undo()
    assert len(chat_server.robots["ding1"].taken) == 1
    # The run again: at once (its claim still holds), and once the claim has expired.
    send_at(chat_server, now + timedelta(minutes=1))
    send_at(chat_server, now + CLAIM_EXPIRES + timedelta(minutes=1))
    send_at(chat_server, now + CLAIM_EXPIRES + timedelta(hours=6))
    assert len(chat_server.robots["ding1"].requests) == 1
    message.refresh_from_db()
    assert message.chat_state == ChatState.IN_DOUBT
    assert "the dispatcher stopped after its request to the robot began" in message.last_error


def test_one_update_puts_the_interrupted_messages_of_every_robot_in_doubt(
    chat_server, make_channel, demo
):
    channels = [make_channel("wecom", "we1"), make_channel("wecom", "we2")]
    messages = [chat_test_put(by=demo["ceo"], channel=channel) for channel in channels]
    now = ahead_of_the_clock()
    # A dispatcher stopped after posting both, its claims long expired.
    ChatMessage.objects.filter(pk__in=[m.pk for m in messages]).update(
        posted_at=now - CLAIM_EXPIRES * 2, claimed_at=now - CLAIM_EXPIRES * 2
    )
    with CaptureQueriesContext(connection) as queries:
        assert send_at(chat_server, now) == 0
    marking = [q["sql"] for q in queries if '"in_doubt_at" = ' in q["sql"].split("WHERE")[0]]
    assert len(marking) == 1, marking
    states = {m.chat_state for m in ChatMessage.objects.filter(pk__in=[m.pk for m in messages])}
    assert states == {ChatState.IN_DOUBT}
    assert chat_server.robots["we1"].requests == chat_server.robots["we2"].requests == []


def test_a_robot_trickling_its_answer_is_given_up_on_at_the_deadline(demo, crm, short_deadline):
    # A byte every tenth of the deadline, for forty deadlines: per read, never too slow.
    head = b"HTTP/1.1 200 OK\r\nX-Slow: "
    with raw_server(trickle(head, every=DEADLINE / 10, lasting=DEADLINE * 40)) as slow:
        channel = chat_channel_save(
            by=demo["ceo"],
            channel=ChatChannel(platform="wecom", rollout=crm, name="slow"),
            secrets=Secrets(slow.url("/cgi-bin/webhook/send?key=slowkey")),
        )
        message = chat_test_put(by=demo["ceo"], channel=channel)
        assert outbox.chat_outbox_send(ahead_of_the_clock()) == 0
    message.refresh_from_db()
    assert message.chat_state == ChatState.IN_DOUBT
    assert "no answer after the message was sent (TimeoutError: timed out" in message.last_error
