"""The e-mail outbox's retries: the next attempt after each failure, the entries due, the
reason kept as the server said it; a digest sent with no transaction open. (Against a real
SMTP server: tests/mail.)"""

import smtplib
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from notifications.models import DigestMailing, MailState, Notification
from notifications.services import mail_outbox
from notifications.services.digests import email_digests_send
from notifications.services.mail_outbox import (
    LONGEST_WAIT,
    mail_failure_reason,
    mail_outbox_send,
    mail_retry_at,
)


@pytest.mark.parametrize(
    ("attempts", "wait"),
    [
        (1, timedelta(minutes=1)),
        (2, timedelta(minutes=2)),
        (3, timedelta(minutes=4)),
        (9, timedelta(minutes=256)),
        (10, LONGEST_WAIT),
        (500, LONGEST_WAIT),
    ],
)
def test_each_failure_doubles_the_wait_up_to_six_hours(attempts, wait):
    now = timezone.now()
    assert mail_retry_at(attempts=attempts, now=now) - now == wait


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (smtplib.SMTPDataError(554, b"5.7.1 Relaying denied"), "554 5.7.1 Relaying denied"),
        (
            smtplib.SMTPRecipientsRefused({"a@corp.example": (550, b"5.1.1 No such user")}),
            "Every recipient refused: a@corp.example: 550 5.1.1 No such user",
        ),
        (ConnectionRefusedError(111, "Connection refused"),
         "ConnectionRefusedError: [Errno 111] Connection refused"),
        (TimeoutError("timed out"), "TimeoutError: timed out"),
    ],
)  # fmt: skip
def test_the_reason_is_what_the_server_answered(error, reason):
    assert mail_failure_reason(error) == reason


def refused(pk: int) -> None:
    raise smtplib.SMTPDataError(451, b"4.3.0 Try again later")


@pytest.mark.django_db
def test_a_failed_entry_waits_for_its_next_attempt_then_is_sent(demo):
    entry = DigestMailing.objects.create(recipient=demo["member1"], frequency="daily")
    now = timezone.now()
    assert mail_outbox_send(DigestMailing, refused, now=now) == 0
    entry.refresh_from_db()
    assert (entry.state, entry.attempts, entry.last_error, entry.next_attempt_at) == (
        MailState.FAILED, 1, "451 4.3.0 Try again later", now + timedelta(minutes=1)
    )  # fmt: skip
    sent: list[int] = []
    assert mail_outbox_send(DigestMailing, sent.append, now=now + timedelta(seconds=59)) == 0
    assert mail_outbox_send(DigestMailing, sent.append, now=now + timedelta(minutes=1)) == 1
    entry.refresh_from_db()
    assert (sent, entry.state) == ([entry.pk], MailState.SENT)


@pytest.mark.django_db
def test_a_second_failure_waits_twice_as_long(demo):
    entry = DigestMailing.objects.create(recipient=demo["member1"], frequency="daily")
    now = timezone.now()
    mail_outbox_send(DigestMailing, refused, now=now)
    later = now + timedelta(minutes=1)
    mail_outbox_send(DigestMailing, refused, now=later)
    entry.refresh_from_db()
    assert (entry.attempts, entry.next_attempt_at) == (2, later + timedelta(minutes=2))


def a_daily_notification(demo) -> Notification:
    Notification.objects.update(emailed_at=timezone.now())  # the demo's are out of the way
    return Notification.objects.create(recipient=demo["finance.manager"], text="Due", url="/")


@pytest.mark.django_db(transaction=True)
def test_a_digest_is_sent_with_no_transaction_open(demo, monkeypatch):
    """A transaction held while the mail server answers (or times out) would block the
    other writers (on SQLite, every one)."""
    a_daily_notification(demo)
    seen: list[bool] = []
    send = mail_outbox.mail_outbox_send

    def watched(model, sender, *, now):
        def watching(pk):
            seen.append(connection.in_atomic_block)
            sender(pk)

        return send(model, watching, now=now)

    monkeypatch.setattr("notifications.services.digests.mail_outbox_send", watched)
    email_digests_send(frequency="daily")
    assert seen == [False]


def unmakeable(pk: int) -> None:
    raise ValueError("the brief could not be rendered")


@pytest.mark.django_db
def test_a_mail_that_cannot_be_made_is_kept_failed_and_the_others_still_go(demo):
    broken, fine = (
        DigestMailing.objects.create(recipient=demo[name], frequency="daily")
        for name in ("member1", "member2")
    )
    sent: list[int] = []

    def send(pk: int) -> None:
        (unmakeable if pk == broken.pk else sent.append)(pk)

    assert mail_outbox_send(DigestMailing, send, now=timezone.now()) == 1
    broken.refresh_from_db()
    assert (sent, broken.last_error) == ([fine.pk], "ValueError: the brief could not be rendered")


@pytest.mark.django_db
def test_a_run_slower_than_a_claims_life_does_not_let_another_dispatcher_send_its_mail(demo):
    """A run that began long ago (200 digests to a slow server) claims each entry when it
    reaches it: a dispatcher started meanwhile sees a live claim, not an expired one."""
    first, second = (
        DigestMailing.objects.create(recipient=demo[name], frequency="daily")
        for name in ("member1", "member2")
    )
    began = timezone.now() - mail_outbox.CLAIM_EXPIRES - timedelta(minutes=5)
    sent: list[int] = []
    others: list[int] = []

    def slow(pk: int) -> None:
        sent.append(pk)
        if pk == second.pk:  # claimed by this run, not yet sent: another dispatcher starts
            mail_outbox_send(DigestMailing, others.append, now=timezone.now())

    assert mail_outbox_send(DigestMailing, slow, now=began) == 2
    assert (sent, others) == ([first.pk, second.pk], [])


def server_away(pk: int) -> None:
    raise ConnectionRefusedError(111, "Connection refused")


@pytest.mark.django_db
def test_a_server_that_is_away_stops_the_run_and_the_rest_stay_due(demo):
    """Each mail would wait out the timeout for the same answer: the first one's failure
    ends the run; the others are neither tried nor marked, and go when the server is back."""
    first, second = (
        DigestMailing.objects.create(recipient=demo[name], frequency="daily")
        for name in ("member1", "member2")
    )
    now = timezone.now()
    assert mail_outbox_send(DigestMailing, server_away, now=now) == 0
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.state, second.state, second.attempts) == (MailState.FAILED, MailState.WAITING, 0)
    sent: list[int] = []
    assert mail_outbox_send(DigestMailing, sent.append, now=now + timedelta(minutes=1)) == 2
    assert sorted(sent) == sorted([first.pk, second.pk])
