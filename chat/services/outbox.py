"""Sending the chat outbox: each robot's due messages, within the robot's rate limit,
exactly once, never dropped.

One dispatcher at a time sends to a robot: it takes the channel by a conditional UPDATE
(`sending_since`), so its count of the robot's requests in the last minute (and second)
holds across workers. It sends what the windows allow; when more is due than that, the
messages are packed into digests (as many as fit the platform's size limit), each row
marked sent by the one request that carried it. The rest waits for the next run (beat runs
the dispatcher every minute). Rows are claimed and marked like the e-mail outboxes
(notifications.services.mail_outbox): no transaction is open while a robot is asked.

A rate-limited answer puts the messages back for the next window (not an attempt); a
refusal no retry mends (bad signature, keyword missing, unknown webhook) gives up at once,
shown to administrators; any other failure is retried with the e-mail's backoff and given
up after MAX_ATTEMPTS.

Exactly once, as far as a robot lets us know: a request that failed before it was sent
(the name not found, the connection refused) is retried like any failure, but once it was
sent, only an answer tells whether the group has the message. `posted_at` is committed
before the request leaves; with no answer (a timeout, the connection broken) the message is
"in doubt", and so is one a later run finds with `posted_at` set, neither sent nor failed
(the dispatcher stopped between posting and recording: its claim expired). A message in doubt
is not posted again by itself; the administrators see it, with the reason, and may send it
again (chat_resend_in_doubt), knowing the group may see it twice.

Each request has one deadline from connecting to the last byte of the answer
(core.deadline_http): a robot's server answering a byte at a time holds the worker no longer
than TIMEOUT_SECONDS. What is kept of a failure never holds the robot's key, token, secret
or a signature (chat.robots.redacted)."""

import http.client
import json
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.db.models import F, Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from chat.models import ChatChannel, ChatMessage, ChatRequest
from chat.platforms import (
    ChatFailed,
    ChatInDoubt,
    ChatRateLimited,
    ChatRefused,
    Outgoing,
    Platform,
    Request,
)
from chat.robots import PLATFORMS, redacted, robot_url_problem
from core.deadline_http import deadline_connection
from core.sealed import SealBroken, unseal
from notifications.selectors import failed_mail
from notifications.services.mail_outbox import (
    CLAIM_EXPIRES,
    mail_claim,
    mail_due,
    mail_failure_reason,
    mail_retry_at,
)

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8  # about four hours of backoff (1, 2, 4 … minutes) before giving up
RATE_LIMITED_WAIT = timedelta(minutes=1)
# One request, from connecting to the last byte of the answer: a run sends at most twenty
# requests to a robot, so even all at the deadline stay well within CLAIM_EXPIRES.
TIMEOUT_SECONDS = 10.0
KEEP_REQUESTS = timedelta(hours=1)  # the longest window counted is a minute
# Room in the measured part for what is not the messages: the title (with the keyword),
# the JSON around them, Feishu's timestamp and signature.
ENVELOPE_BYTES = 400
SEPARATOR = "\n\n"
# What is read of a robot's answer (theirs are a few dozen bytes).
LONGEST_ANSWER = 65536


@dataclass(frozen=True)
class Pending:
    pk: int
    claimed_at: datetime | None
    attempts: int
    text: str
    mention: str


def chat_due(now: datetime) -> Q:
    return mail_due(now) & Q(
        gave_up_at__isnull=True, in_doubt_at__isnull=True, channel__active=True
    )


def chat_outbox_send(now: datetime) -> int:
    """Send what every robot may take at `now`; returns how many messages (rows) went."""
    _interrupted(now=now)
    channels = ChatChannel.objects.filter(
        pk__in=ChatMessage.objects.filter(chat_due(now)).values("channel_id")
    ).order_by("pk")
    sent = 0
    for channel in channels:
        stamp = max(now, timezone.now())
        free = Q(sending_since__isnull=True) | Q(sending_since__lt=stamp - CLAIM_EXPIRES)
        if not ChatChannel.objects.filter(free, pk=channel.pk).update(sending_since=stamp):
            continue  # another dispatcher is sending to this robot
        try:
            sent += _send_channel(channel, now=now, stamp=stamp)
        finally:
            ChatChannel.objects.filter(pk=channel.pk, sending_since=stamp).update(
                sending_since=None
            )
    return sent


def chat_allowance(channel: ChatChannel, *, now: datetime) -> int:
    """How many requests the robot takes at `now`: its tightest window's room."""
    platform = PLATFORMS[channel.platform]
    requests = ChatRequest.objects.filter(channel=channel, at__gt=now - timedelta(seconds=60))
    return min(
        limit - requests.filter(at__gt=now - timedelta(seconds=seconds)).count()
        for seconds, limit in platform.limits
    )


def _send_channel(channel: ChatChannel, *, now: datetime, stamp: datetime) -> int:
    ChatRequest.objects.filter(channel=channel, at__lt=now - KEEP_REQUESTS).delete()
    room = chat_allowance(channel, now=now)
    if room <= 0:
        return 0
    platform = PLATFORMS[channel.platform]
    pending = [
        Pending(*row)
        # One whose request began is never posted again here (see _interrupted).
        for row in ChatMessage.objects.filter(chat_due(now), channel=channel, posted_at=None)
        .order_by("pk")
        .values_list("pk", "claimed_at", "attempts", "text", "mention")[:2000]
    ]
    groups = [[p] for p in pending] if len(pending) <= room else _packed(pending, platform)
    sent = 0
    for group in groups[:room]:
        claimed = [
            p for p in group if mail_claim(ChatMessage, pk=p.pk, claimed_at=p.claimed_at, now=stamp)
        ]
        if not claimed:
            continue
        pks = [p.pk for p in claimed]
        # When it really leaves (a run sending twenty takes seconds), so the next run's
        # minute counts it as the platform will; a test's `now` ahead of the clock stands
        # for the clock.
        ChatRequest.objects.create(channel=channel, at=max(now, timezone.now()))
        # Committed before the request leaves (the dispatcher runs in autocommit, as the
        # claims do): whatever happens next, a later run knows the request may have gone.
        ChatMessage.objects.filter(pk__in=pks, claimed_at=stamp).update(posted_at=stamp)
        try:
            _post(channel, platform, claimed, now=now)
        except Exception as error:
            _failed(channel, claimed, error, now=now, stamp=stamp)
            break  # the robot will answer the rest alike: they wait for the next run
        chat_marked_sent(pks, now=now, stamp=stamp)
        sent += len(claimed)
    return sent


def chat_marked_sent(pks: list[int], *, now: datetime, stamp: datetime) -> None:
    """The robot took the request that carried `pks` (the first one's digest, if more)."""
    ChatMessage.objects.filter(pk__in=pks, claimed_at=stamp).update(
        sent_at=now, next_attempt_at=None
    )
    ChatMessage.objects.filter(pk__in=pks[1:]).update(digest_of_id=pks[0])


def _interrupted(*, now: datetime) -> None:
    """Messages whose request began and whose outcome was never recorded: the dispatcher
    stopped between the two, and its claim expired (they are due again). The robot may
    have posted them: in doubt, not posted again. One conditional UPDATE for every robot,
    before any is sent to: the expired claim, not the robot's, tells them, so a dispatcher
    still sending within its claim is not touched."""
    ChatMessage.objects.filter(chat_due(now), posted_at__isnull=False).update(
        claimed_at=None,
        failed_at=now,
        in_doubt_at=now,
        next_attempt_at=None,
        last_error=(
            "In doubt: the dispatcher stopped after its request to the robot began, before"
            " recording the answer; the robot may have posted it. Not sent again by itself."
        ),
    )


def _packed(pending: list[Pending], platform: Platform) -> list[list[Pending]]:
    """Consecutive messages in digests that keep within the platform's size limit, their
    @-mentions and the envelope counted (a message too long alone goes alone; the
    platform's answer tells)."""
    budget = platform.max_bytes - ENVELOPE_BYTES
    separator = platform.text_bytes(SEPARATOR)
    groups: list[list[Pending]] = []
    size = 0
    mentions: set[str] = set()
    for p in pending:
        text = platform.text_bytes(p.text) + separator
        mention = platform.mention_bytes(p.mention) + separator if p.mention else 0
        # A mention already in the digest is not written twice.
        length = text + (mention if p.mention not in mentions else 0)
        if groups and size + length <= budget:
            groups[-1].append(p)
            size += length
        else:
            # A new digest writes the message's mention whatever the last one held.
            groups.append([p])
            size = text + mention
            mentions = set()
        if p.mention:
            mentions.add(p.mention)
    return groups


def _request(
    channel: ChatChannel, platform: Platform, group: list[Pending], now: datetime
) -> Request:
    with translation.override(channel.language):
        title = (
            _("Rollout")
            if len(group) == 1
            else _("Rollout: %(count)d messages") % {"count": len(group)}
        )
    if channel.keyword and channel.keyword not in title:
        title = f"{channel.keyword} · {title}"
    outgoing = Outgoing(
        title=title,
        text=SEPARATOR.join(p.text for p in group),
        mentions=sorted({p.mention for p in group if p.mention}),
    )
    secret = unseal(channel.secret_sealed) if channel.secret_sealed else ""
    return platform.request(unseal(channel.webhook_sealed), secret, outgoing, now)


def _post(channel: ChatChannel, platform: Platform, group: list[Pending], *, now: datetime) -> None:
    """Raises ChatInDoubt when the request was sent and no answer came, ChatFailed (or one
    of its kinds) for an answer that is not "taken" or a request that could not be sent."""
    url = unseal(channel.webhook_sealed)
    problem = robot_url_problem(channel.platform, url)
    if problem is not None:
        # Stored before the hosts were checked, or the setting was turned off since.
        raise ChatRefused(f"Not sent: {problem}")
    request = _request(channel, platform, group, now)
    body = json.dumps(request.body, ensure_ascii=False).encode()
    status, raw = _exchange(request.url, body)
    if status == 504 and not raw.strip():
        # A relay (ROLLOUT_CHAT_ALLOW_ANY_HOST) that gave up waiting on the robot.
        raise ChatInDoubt("In doubt: HTTP 504 from a gateway after the message was sent.")
    try:
        answer = json.loads(raw or b"{}")
    except ValueError:
        answer = {}
    platform.verdict(status, answer if isinstance(answer, dict) else {})


def _exchange(url: str, body: bytes) -> tuple[int, bytes]:
    """POST `body` to `url` within TIMEOUT_SECONDS in all: the answer's status and body."""
    parts = urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    headers = {"Content-Type": "application/json; charset=utf-8"}
    try:
        connection = deadline_connection(url, timeout=TIMEOUT_SECONDS)
    except (ValueError, http.client.HTTPException) as error:
        raise ChatRefused(f"Not sent: {type(error).__name__}: {error}") from error
    try:
        try:
            # Connecting (the name looked up, the TLS handshake) and sending: a failure here
            # leaves the robot without the whole request, so nothing was posted.
            connection.request("POST", target, body=body, headers=headers)
        except (OSError, http.client.HTTPException) as error:
            raise ChatFailed(f"Not sent: {type(error).__name__}: {error}") from error
        try:
            response = connection.getresponse()
            return response.status, response.read(LONGEST_ANSWER)
        except Exception as error:  # whatever it is, the request is out: the group may have it
            raise ChatInDoubt(
                f"In doubt: no answer after the message was sent ({type(error).__name__}:"
                f" {error}); the robot may have posted it. Not sent again by itself."
            ) from error
    finally:
        connection.close()


def _failed(
    channel: ChatChannel,
    group: list[Pending],
    error: Exception,
    *,
    now: datetime,
    stamp: datetime,
) -> None:
    rows = ChatMessage.objects.filter(pk__in=[p.pk for p in group], claimed_at=stamp)
    reason = _reason(channel, error)
    if isinstance(error, ChatInDoubt):
        log.warning("chat channel %s: %s message(s) %s", channel.pk, len(group), reason)
        rows.update(
            claimed_at=None,
            failed_at=now,
            in_doubt_at=now,
            last_error=reason,
            next_attempt_at=None,
        )
        return
    if isinstance(error, ChatRateLimited):
        # The robot's window, not the message: back for the next window, no attempt lost.
        rows.update(
            claimed_at=None,
            posted_at=None,
            last_error=reason,
            next_attempt_at=now + RATE_LIMITED_WAIT,
        )
        return
    attempts = max(p.attempts for p in group) + 1
    gives_up = isinstance(error, ChatRefused) or attempts >= MAX_ATTEMPTS
    log.log(
        logging.WARNING if isinstance(error, (ChatFailed, OSError)) else logging.ERROR,
        "chat channel %s: %s message(s) not sent (attempt %s%s): %s",
        channel.pk,
        len(group),
        attempts,
        ", gave up" if gives_up else "",
        reason,
        exc_info=not isinstance(error, (ChatFailed, OSError)),
    )
    # The robot answered, or never had the whole request: not posted.
    rows.update(
        claimed_at=None,
        posted_at=None,
        attempts=F("attempts") + 1,
        failed_at=now,
        last_error=reason,
        next_attempt_at=mail_retry_at(attempts=attempts, now=now),
        gave_up_at=now if gives_up else None,
    )


def _reason(channel: ChatChannel, error: Exception) -> str:
    """The failure as administrators read it, without the robot's key, token, secret or a
    signature (an error or an answer may quote the URL)."""
    try:
        url = unseal(channel.webhook_sealed)
        secret = unseal(channel.secret_sealed) if channel.secret_sealed else ""
    except SealBroken:  # the patterns in `redacted` still hide what a URL would carry
        url = secret = ""
    return redacted(mail_failure_reason(error), url=url, secret=secret)


def chat_retry_now(messages: "QuerySet[ChatMessage]") -> int:
    """The failed ones (given up or waiting, not those in doubt) are due at once, for the
    next dispatch."""
    retried: int = messages.filter(failed_mail(), in_doubt_at__isnull=True).update(
        next_attempt_at=None, gave_up_at=None
    )
    return retried


def chat_resend_in_doubt(messages: "QuerySet[ChatMessage]") -> int:
    """The ones in doubt are posted again by the next dispatch: an administrator's choice,
    knowing the group may already have them."""
    resent: int = messages.filter(in_doubt_at__isnull=False, sent_at__isnull=True).update(
        in_doubt_at=None, posted_at=None, gave_up_at=None, next_attempt_at=None
    )
    return resent
