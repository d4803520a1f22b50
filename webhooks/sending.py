"""Posting the webhooks' outbox: each delivery due, signed at the moment it is sent, with no
transaction open (notifications.services.mail_outbox claims, retries with backoff and keeps
the reason of each failure for the administrators and the endpoints page).

2xx is delivered. Anything else is a failure with a reason a person reads ("HTTP 500: ..."),
tried again later: a redirect is not followed (the address to send to is the one the
executive gave), an address inside the network is refused (webhooks.addresses).

An endpoint that does not answer (refused, unreachable, timed out) is tried once a run: its
other deliveries fail at once with that reason, so a receiver away holds the worker for one
timeout, not one per delivery, and the other endpoints' deliveries still go. (The outbox's
own rule for a mail server away, ending the run, is kept away from here: the exceptions
raised below are none of its SERVER_AWAY.)"""

import json
import time
import urllib.request
from datetime import datetime
from email.message import Message
from typing import IO
from urllib.error import HTTPError, URLError

from django.conf import settings

from core.sealed import unseal
from notifications.services.mail_outbox import mail_outbox_send
from webhooks.addresses import AddressRefused, address_check
from webhooks.models import WebhookDelivery
from webhooks.signing import signature

USER_AGENT = "Rollout-Webhooks/1"
# What of a refusal's body is kept as its reason: enough to read the receiver's message.
BODY_SHOWN = 200


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


# No proxy from the environment either: the address checked is the one connected to.
_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirects)


def deliveries_send(now: datetime) -> int:
    """The webhooks' outbox, emptied by the notifications dispatcher (registered from
    WebhooksConfig.ready()); returns how many deliveries the receivers took."""
    away: set[int] = set()
    return mail_outbox_send(WebhookDelivery, lambda pk: delivery_post(pk, away=away), now=now)


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
    # The scheme is http or https: address_check above refused every other.
    request = urllib.request.Request(  # noqa: S310
        endpoint.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            "webhook-id": msg_id,
            "webhook-timestamp": str(timestamp),
            "webhook-signature": signature(
                secret=secret, msg_id=msg_id, timestamp=timestamp, body=body
            ),
        },
    )
    try:
        with _opener.open(request, timeout=settings.ROLLOUT_WEBHOOKS_TIMEOUT_SECONDS):
            return  # 2xx: urllib raises HTTPError for every other status
    except HTTPError as answer:
        raise WebhookRefused(f"HTTP {answer.code}: {_text(answer)}") from answer
    except (URLError, OSError) as error:
        away.add(endpoint.pk)
        cause = error.reason if isinstance(error, URLError) else error
        said = cause if isinstance(cause, str) else f"{type(cause).__name__}: {cause}"
        raise WebhookAway(f"No answer: {said}") from error


def _text(answer: HTTPError) -> str:
    try:
        shown = answer.read(BODY_SHOWN).decode(errors="replace")
    except OSError:
        shown = ""
    location = answer.headers.get("Location") if 300 <= answer.code < 400 else None
    if location:
        return f"redirects are not followed (Location: {location[:BODY_SHOWN]})"
    return " ".join(shown.split()) or str(answer.reason)
