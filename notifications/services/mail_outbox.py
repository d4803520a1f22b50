"""Sending what an e-mail outbox holds (MailOutboxEntry: the decisions', the digests'),
exactly once as far as the mail server lets us know, and never lost.

Each entry due is claimed by one conditional UPDATE in autocommit (a second dispatcher's
UPDATE matches no row), sent with no transaction open (a mail server may take seconds, or
the timeout, to answer; on SQLite an open transaction is the one write lock of the whole
database), then marked sent. When the server refuses the mail, is down or does not answer,
the entry is released with the reason and a next attempt later each time (1, 2, 4 ... minutes,
at most 6 hours): the dispatcher, run every minute by beat, sends it again when it is due.
The time is passed in (`now`), so tests move it instead of waiting."""

import logging
import smtplib
import socket
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from notifications.models import MailOutboxEntry
from notifications.selectors import failed_mail

log = logging.getLogger(__name__)

# A claim not followed by "sent" or "failed" within this time belongs to a worker that
# died while sending: another dispatcher takes the entry again.
CLAIM_EXPIRES = timedelta(minutes=15)
FIRST_RETRY = timedelta(minutes=1)
LONGEST_WAIT = timedelta(hours=6)
# What a mail server (or the way to it) answers when it will not take a mail: SMTP's own
# refusals (5xx, 4xx, a dropped connection) and the network's (refused, unreachable,
# timed out, a TLS handshake that failed: all OSError).
SEND_ERRORS: tuple[type[BaseException], ...] = (smtplib.SMTPException, OSError)

# The server (or the way to it) is away, not refusing one mail: trying the next is pointless.
SERVER_AWAY: tuple[type[BaseException], ...] = (
    ConnectionError,
    TimeoutError,
    smtplib.SMTPConnectError,
    smtplib.SMTPServerDisconnected,
    socket.gaierror,
)

# Sends the entry with this id; raises one of SEND_ERRORS when the server did not take it.
Send = Callable[[int], None]


def mail_retry_at(*, attempts: int, now: datetime) -> datetime:
    """When to try again after the `attempts`-th failure in a row: doubling from a minute,
    so a server back after a short outage gets its mail soon, and one down for a day is
    not knocked at every minute."""
    wait = FIRST_RETRY * (1 << min(max(attempts, 1) - 1, 20))
    return now + min(wait, LONGEST_WAIT)


def mail_due(now: datetime) -> Q:
    """The entries to send at `now`: unsent, not claimed by a live dispatcher, and not
    waiting for the next attempt after a failure."""
    return (
        Q(sent_at__isnull=True)
        & (Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - CLAIM_EXPIRES))
        & (Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
    )


def mail_outbox_send(
    model: type[MailOutboxEntry], send: Send, *, now: datetime, where: Q | None = None
) -> int:
    """Send every entry of `model` due at `now` (and matching `where`: an outbox whose
    entries wait on something of their own, as the webhooks' on an endpoint switched off);
    returns how many were sent here."""
    pending = list(
        model._default_manager.filter(mail_due(now) & (where or Q()))
        .order_by("pk")
        .values_list("pk", "claimed_at", "attempts")
    )
    sent = 0
    for pk, claimed_at, attempts in pending:
        # Each claim is stamped when it is made, not when the run began: a run slower than
        # CLAIM_EXPIRES (many mails to a slow server) would otherwise claim its last entries
        # with a stamp already expired, and the next dispatcher would send them too. (A
        # test's `now` ahead of the clock stands for the clock.)
        stamp = max(now, timezone.now())
        if not mail_claim(model, pk=pk, claimed_at=claimed_at, now=stamp):
            continue  # another dispatcher took it between the read and the claim
        try:
            send(pk)
        except Exception as error:
            # A refusal, the server down, or a mail that could not be made (a brief that
            # failed to render): kept as failed with its reason, for the administrators to
            # see, and tried again later; the other entries still go.
            _failed(model, pk=pk, error=error, attempts=attempts + 1, now=now, stamp=stamp)
            if isinstance(error, SERVER_AWAY):
                # The server is not there: the rest would each wait out the timeout for the
                # same answer, holding the worker. They stay due, for the next run.
                break
            continue
        model._default_manager.filter(pk=pk, claimed_at=stamp).update(
            sent_at=timezone.now(), next_attempt_at=None
        )
        sent += 1
    return sent


def mail_claim(
    model: type[MailOutboxEntry], *, pk: int, claimed_at: datetime | None, now: datetime
) -> bool:
    """One UPDATE in autocommit: true for exactly one of the dispatchers that try (the
    claim seen when reading must still be there; `claimed_at=None` is IS NULL)."""
    claimed: int = model._default_manager.filter(
        pk=pk, sent_at__isnull=True, claimed_at=claimed_at
    ).update(claimed_at=now)
    return claimed == 1


def _failed(
    model: type[MailOutboxEntry],
    *,
    pk: int,
    error: BaseException,
    attempts: int,
    now: datetime,
    stamp: datetime,
) -> None:
    reason = mail_failure_reason(error)
    # The server's answer is news enough; anything else is a fault of ours: its traceback.
    log.log(
        logging.WARNING if isinstance(error, SEND_ERRORS) else logging.ERROR,
        "%s %s not sent (attempt %s): %s",
        model.__name__,
        pk,
        attempts,
        reason,
        exc_info=not isinstance(error, SEND_ERRORS),
    )
    model._default_manager.filter(pk=pk, claimed_at=stamp).update(
        claimed_at=None,
        attempts=F("attempts") + 1,
        failed_at=now,
        last_error=reason,
        next_attempt_at=mail_retry_at(attempts=attempts, now=now),
    )


def mail_failure_reason(error: BaseException) -> str:
    """What the server answered, as an administrator reads it ("554 5.7.1 Refused", not
    "(554, b'5.7.1 Refused')")."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        answers = [
            f"{address}: {code} {_text(message)}"
            for address, (code, message) in error.recipients.items()
        ]
        return ("Every recipient refused: " + "; ".join(answers))[:2000]
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{error.smtp_code} {_text(error.smtp_error)}"[:2000]
    return f"{type(error).__name__}: {error}"[:2000]


def _text(message: bytes | str) -> str:
    return message.decode(errors="replace") if isinstance(message, bytes) else message


def mail_retry_now(entries: "QuerySet[Any]") -> int:
    """The failed ones of `entries` are due at once (the next dispatch sends them), keeping
    their count of attempts; returns how many."""
    retried: int = entries.filter(failed_mail()).update(next_attempt_at=None)
    return retried
