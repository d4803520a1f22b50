"""The company's mail server refusing mail (5xx, 4xx) or down loses nothing: each e-mail
stays in its outbox as failed, with the server's answer, and goes exactly once when the
server takes mail again and the next attempt has come. Time is moved, never waited for."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from gates.models import DecisionMailing
from notifications.models import DigestMailing, MailState, Notification
from notifications.services.digests import email_digests_collect
from tests.mail.mail_data import (
    a_decision,
    a_notification,
    dispatch,
    nothing_else_waiting,
    readers_by_language,
)
from tests.smtp_server import SmtpServer

pytestmark = pytest.mark.django_db


def a_decision_and_a_digest_waiting(demo, crm, now: datetime) -> int:
    """How many messages they make: one per language of the decision's readers, one digest."""
    nothing_else_waiting()
    a_decision(demo, crm)
    a_notification(demo["finance.manager"])
    email_digests_collect(frequency="daily", now=now)
    return len(readers_by_language(crm)) + 1


def failed_reasons() -> list[str]:
    mailings = [*DecisionMailing.objects.all(), *DigestMailing.objects.all()]
    return [m.last_error for m in mailings if m.state == MailState.FAILED]


@pytest.mark.parametrize(
    "answer",
    ["554 5.7.1 Relaying denied for the test", "451 4.3.0 Mail server busy, try again later"],
)
def test_a_refused_mail_stays_failed_with_the_answer_and_goes_once_when_taken(
    demo, crm, smtp_server: SmtpServer, answer
):
    now = timezone.now()
    expected = a_decision_and_a_digest_waiting(demo, crm, now)
    smtp_server.handler.refuse(answer)
    assert dispatch(now) == 0
    assert failed_reasons() == [answer, answer]
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 1  # not lost
    smtp_server.handler.refuse(None)
    assert dispatch(now + timedelta(seconds=30)) == 0  # the next attempt has not come
    assert dispatch(now + timedelta(minutes=1)) == 2
    assert dispatch(now + timedelta(hours=1)) == 0
    assert (len(smtp_server.messages), failed_reasons()) == (expected, [])


def test_mail_waits_while_the_server_is_down_and_goes_once_when_it_is_back(
    demo, crm, smtp_server: SmtpServer
):
    now = timezone.now()
    expected = a_decision_and_a_digest_waiting(demo, crm, now)
    smtp_server.stop()
    for minutes in (0, 1, 3):  # three failed attempts, 1 and 2 minutes apart; the next in 4
        assert dispatch(now + timedelta(minutes=minutes)) == 0
    assert [m.attempts for m in DecisionMailing.objects.filter(sent_at__isnull=True)] == [3]
    assert all("Connection refused" in reason for reason in failed_reasons())
    smtp_server.start()  # on the same port
    assert dispatch(now + timedelta(minutes=6)) == 0  # four minutes after the third failure
    assert dispatch(now + timedelta(minutes=7)) == 2
    assert dispatch(now + timedelta(hours=1)) == 0
    assert len(smtp_server.messages) == expected
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()


def test_a_language_the_server_took_is_not_sent_again_when_the_next_one_failed(
    demo, crm, smtp_server: SmtpServer
):
    now = timezone.now()
    nothing_else_waiting()
    a_decision(demo, crm)
    smtp_server.handler.refuse("452 4.3.1 Insufficient system storage", after=1)
    dispatch(now)
    mailing = DecisionMailing.objects.get(sent_at__isnull=True)
    assert (len(mailing.languages_sent), mailing.state) == (1, MailState.FAILED)
    smtp_server.handler.refuse(None)
    dispatch(now + timedelta(minutes=1))
    languages = [m.subject.startswith("Rollout decision") for m in smtp_server.messages]
    assert sorted(languages) == [False, True]  # each language once: the English and the Chinese
