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
up after MAX_ATTEMPTS."""

import json
import logging
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import F, Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from chat.models import ChatChannel, ChatMessage, ChatRequest
from chat.platforms import (
    ChatFailed,
    ChatRateLimited,
    ChatRefused,
    Outgoing,
    Platform,
    dingtalk,
    feishu,
    wecom,
)
from core.sealed import unseal
from notifications.selectors import failed_mail
from notifications.services.mail_outbox import (
    CLAIM_EXPIRES,
    mail_claim,
    mail_due,
    mail_failure_reason,
    mail_retry_at,
)

log = logging.getLogger(__name__)

PLATFORMS: dict[str, Platform] = {
    ChatChannel.Platform.WECOM: wecom.PLATFORM,
    ChatChannel.Platform.DINGTALK: dingtalk.PLATFORM,
    ChatChannel.Platform.FEISHU: feishu.PLATFORM,
}
MAX_ATTEMPTS = 8  # about four hours of backoff (1, 2, 4 … minutes) before giving up
RATE_LIMITED_WAIT = timedelta(minutes=1)
TIMEOUT_SECONDS = 10
KEEP_REQUESTS = timedelta(hours=1)  # the longest window counted is a minute


@dataclass(frozen=True)
class Pending:
    pk: int
    claimed_at: datetime | None
    attempts: int
    text: str
    mention: str


def chat_due(now: datetime) -> Q:
    return mail_due(now) & Q(gave_up_at__isnull=True, channel__active=True)


def chat_outbox_send(now: datetime) -> int:
    """Send what every robot may take at `now`; returns how many messages (rows) went."""
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
        for row in ChatMessage.objects.filter(chat_due(now), channel=channel)
        .order_by("pk")
        .values_list("pk", "claimed_at", "attempts", "text", "mention")[:2000]
    ]
    groups = (
        [[p] for p in pending] if len(pending) <= room else _packed(pending, platform.max_bytes)
    )
    sent = 0
    for group in groups[:room]:
        claimed = [
            p for p in group if mail_claim(ChatMessage, pk=p.pk, claimed_at=p.claimed_at, now=stamp)
        ]
        if not claimed:
            continue
        # When it really leaves (a run sending twenty takes seconds), so the next run's
        # minute counts it as the platform will; a test's `now` ahead of the clock stands
        # for the clock.
        ChatRequest.objects.create(channel=channel, at=max(now, timezone.now()))
        try:
            _post(channel, platform, claimed, now=now)
        except Exception as error:
            _failed(channel, claimed, error, now=now, stamp=stamp)
            break  # the robot will answer the rest alike: they wait for the next run
        pks = [p.pk for p in claimed]
        ChatMessage.objects.filter(pk__in=pks, claimed_at=stamp).update(
            sent_at=now, next_attempt_at=None
        )
        ChatMessage.objects.filter(pk__in=pks[1:]).update(digest_of_id=pks[0])
        sent += len(claimed)
    return sent


def _packed(pending: list[Pending], max_bytes: int) -> list[list[Pending]]:
    """Consecutive messages in digests of at most `max_bytes` (a message too long alone
    goes alone; the platform's answer tells)."""
    groups: list[list[Pending]] = []
    size = 0
    for p in pending:
        length = len(p.text.encode()) + 4
        if groups and size + length <= max_bytes:
            groups[-1].append(p)
            size += length
        else:
            groups.append([p])
            size = length
    return groups


def _post(channel: ChatChannel, platform: Platform, group: list[Pending], *, now: datetime) -> None:
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
        text="\n\n".join(p.text for p in group),
        mentions=sorted({p.mention for p in group if p.mention}),
    )
    secret = unseal(channel.secret_sealed) if channel.secret_sealed else ""
    request = platform.request(unseal(channel.webhook_sealed), secret, outgoing, now)
    if not request.url.lower().startswith(("https://", "http://")):
        raise ChatRefused("The webhook URL is not an http(s) address.")
    # The scheme is checked just above (urlopen would open file: too).
    http = urllib.request.Request(  # noqa: S310
        request.url,
        data=json.dumps(request.body, ensure_ascii=False).encode(),
        headers={"Content-Type": "application/json; charset=utf-8"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(http, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            status, raw = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, raw = error.code, error.read()
    try:
        answer = json.loads(raw or b"{}")
    except ValueError:
        answer = {}
    platform.verdict(status, answer if isinstance(answer, dict) else {})


def _failed(
    channel: ChatChannel,
    group: list[Pending],
    error: Exception,
    *,
    now: datetime,
    stamp: datetime,
) -> None:
    rows = ChatMessage.objects.filter(pk__in=[p.pk for p in group], claimed_at=stamp)
    reason = mail_failure_reason(error)
    if isinstance(error, ChatRateLimited):
        # The robot's window, not the message: back for the next window, no attempt lost.
        rows.update(claimed_at=None, last_error=reason, next_attempt_at=now + RATE_LIMITED_WAIT)
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
    rows.update(
        claimed_at=None,
        attempts=F("attempts") + 1,
        failed_at=now,
        last_error=reason,
        next_attempt_at=mail_retry_at(attempts=attempts, now=now),
        gave_up_at=now if gives_up else None,
    )


def chat_retry_now(messages: "QuerySet[ChatMessage]") -> int:
    """The failed ones (given up or waiting) are due at once, for the next dispatch."""
    retried: int = messages.filter(failed_mail()).update(next_attempt_at=None, gave_up_at=None)
    return retried
