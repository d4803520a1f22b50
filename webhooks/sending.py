"""Posting the webhooks' outbox: each delivery due, signed at the moment it is sent, with no
transaction open (notifications.services.mail_outbox claims, retries with backoff and keeps
the reason of each failure for the administrators and the endpoints page).

2xx is delivered. Anything else is a failure with a reason a person reads ("HTTP 500: ..."),
tried again later: a redirect is not followed (the address to send to is the one the
executive gave), an address inside the network is refused (webhooks.addresses).

An answer that is not HTTP (a malformed status line, a connection hung up without an
answer) is a refusal like any other, and so is an address that cannot be sent to.

One delivery takes at most ROLLOUT_WEBHOOKS_TIMEOUT_SECONDS from connecting to the last byte
read of the answer, however slowly the receiver answers (webhooks.transport), and never more
than LONGEST_DELIVERY, well under the outbox's claim (CLAIM_EXPIRES), so no other dispatcher
takes a delivery still being sent. An endpoint that does not answer in that time (or
refuses the connection, or is unreachable) is tried once a run: its other deliveries fail
at once with that reason, so a receiver away holds the worker for one deadline, not one per
delivery, and the other endpoints' deliveries still go. (The outbox's own rule for a mail
server away, ending the run, is kept away from here: the exceptions raised below are none of
its SERVER_AWAY.)

Only the deliveries of endpoints switched on are due: those of an endpoint switched off
wait, neither sent nor failed, and go when it is switched on again."""

import http.client
import json
import time
import urllib.request
from datetime import datetime
from email.message import Message
from typing import IO
from urllib.error import HTTPError, URLError

from django.conf import settings
from django.db.models import Q

from core.sealed import unseal
from notifications.services.mail_outbox import CLAIM_EXPIRES, mail_outbox_send
from webhooks.addresses import AddressRefused, address_check
from webhooks.models import WebhookDelivery
from webhooks.signing import signature
from webhooks.transport import CheckedHTTPHandler, CheckedHTTPSHandler

USER_AGENT = "Rollout-Webhooks/1"
# What of a refusal's body is kept as its reason: enough to read the receiver's message.
BODY_SHOWN = 200
# The longest one delivery may take, whatever the setting says: a small part of the claim's
# life, so a delivery is never claimed again while it is still being sent.
LONGEST_DELIVERY = CLAIM_EXPIRES.total_seconds() / 15


class WebhookRefused(OSError):
    """The receiver answered, and not with 2xx (or the address is refused)."""


class WebhookAway(OSError):
    """The receiver did not answer: its endpoint is not tried again in this run."""


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: Message,
        newurl: str,
    ) -> None:
        return None  # urllib then raises the 3xx as an HTTPError: a failure with its reason


# No proxy from the environment either: the address checked is the one connected to. The
# connections keep one deadline for the whole exchange and check the address they reached.
_opener = urllib.request.build_opener(
    urllib.request.ProxyHandler({}), _NoRedirects, CheckedHTTPHandler, CheckedHTTPSHandler
)


def delivery_timeout() -> float:
    """The deadline of one delivery, from connecting to the last byte read of the answer."""
    return min(float(settings.ROLLOUT_WEBHOOKS_TIMEOUT_SECONDS), LONGEST_DELIVERY)


def deliveries_send(now: datetime) -> int:
    """The webhooks' outbox, emptied by the notifications dispatcher (registered from
    WebhooksConfig.ready()); returns how many deliveries the receivers took."""
    away: set[int] = set()
    return mail_outbox_send(
        WebhookDelivery,
        lambda pk: delivery_post(pk, away=away),
        now=now,
        where=Q(endpoint__active=True),
    )


def delivery_post(pk: int, *, away: set[int]) -> None:
    """Post one delivery; raises with the reason when the receiver did not take it. `away`
    holds the endpoints that did not answer earlier in the run, and gains this one if it
    does not."""
    delivery = WebhookDelivery.objects.select_related("endpoint").get(pk=pk)
    endpoint = delivery.endpoint
    if not endpoint.active:
        raise WebhookRefused("Not sent: the endpoint is switched off.")
    if endpoint.pk in away:
        raise WebhookAway("Not tried: the endpoint did not answer earlier in this run.")
    try:
        address_check(endpoint.url, resolve=True)
    except AddressRefused as refusal:
        raise WebhookRefused(f"Address refused: {refusal}") from refusal
    body = json.dumps(delivery.payload, ensure_ascii=False, separators=(",", ":")).encode()
    msg_id = str(delivery.event_id)
    timestamp = int(time.time())
    secret = unseal(endpoint.secret_sealed)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "webhook-id": msg_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signature(
            secret=secret, msg_id=msg_id, timestamp=timestamp, body=body
        ),
    }
    # The scheme is http or https: address_check above refused every other.
    request = urllib.request.Request(  # noqa: S310
        endpoint.url, data=body, method="POST", headers=headers
    )
    try:
        with _opener.open(request, timeout=delivery_timeout()):
            return  # 2xx (its body is not read): urllib raises HTTPError for every other status
    except HTTPError as answer:
        raise WebhookRefused(f"HTTP {answer.code}: {_text(answer)}") from answer
    except (AddressRefused, http.client.InvalidURL) as refusal:
        # The address connected to is inside the network (webhooks.transport), or urllib
        # cannot make a connection of the address.
        raise WebhookRefused(f"Address refused: {refusal}") from refusal
    except http.client.HTTPException as error:
        # The receiver answered something that is not HTTP, or hung up without answering
        # (RemoteDisconnected, an OSError too, is one of these).
        raise WebhookRefused(f"Not an HTTP answer: {type(error).__name__}: {error}") from error
    except (URLError, OSError) as error:
        away.add(endpoint.pk)
        cause = error.reason if isinstance(error, URLError) else error
        said = cause if isinstance(cause, str) else f"{type(cause).__name__}: {cause}"
        raise WebhookAway(f"No answer: {said}") from error


def _text(answer: HTTPError) -> str:
    """The first BODY_SHOWN characters of the refusal's body (read within the deadline)."""
    try:
        shown = answer.read(BODY_SHOWN).decode(errors="replace")
    except (OSError, ValueError, http.client.HTTPException):  # slow, cut or malformed
        shown = ""
    location = answer.headers.get("Location") if 300 <= answer.code < 400 else None
    if location:
        return f"redirects are not followed (Location: {location[:BODY_SHOWN]})"
    return " ".join(shown.split()) or str(answer.reason)
