"""Every write about a rollout's webhook endpoints, by its executive: add one (its signing
secret is made here and returned once, to show), make a new secret, switch it off or on,
remove it, and send it a test event through the outbox."""

import uuid
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.checked import was_checked
from core.errors import AppError, NotAllowed
from core.sealed import seal
from core.validation import saved
from rollout.models import Rollout
from rollout.permissions import rollout_permission_names
from webhooks.access import MANAGE
from webhooks.addresses import AddressRefused, address_check
from webhooks.emission import envelope
from webhooks.models import WebhookDelivery, WebhookEndpoint, WebhookEvent
from webhooks.payloads import person_data
from webhooks.policies import manages_webhooks
from webhooks.signing import secret_new

if TYPE_CHECKING:
    from roles.models import User


class WebhookError(AppError):
    """A webhook rule was broken; the message is meant for the person who tried."""


class WebhookNotAllowed(WebhookError, NotAllowed):
    """The person sees the rollout but does not manage its webhooks: 403."""


def _require_manager(by: "User", rollout: Rollout) -> None:
    if not was_checked(rollout, by.pk, MANAGE) and not manages_webhooks(
        rollout_permission_names(by, rollout)
    ):
        raise WebhookNotAllowed(_("Only the rollout's executive manages its webhooks."))


@transaction.atomic
def endpoint_create(
    *,
    by: "User",
    rollout: Rollout,
    url: str,
    description: str = "",
    on_decision: bool = True,
    on_task_verified: bool = True,
    on_commitment_changed: bool = True,
) -> tuple[WebhookEndpoint, str]:
    """The endpoint and its signing secret, in plain text for this once (it is kept sealed)."""
    _require_manager(by, rollout)
    try:
        address_check(url, resolve=False)
    except AddressRefused as refusal:
        raise WebhookError(str(refusal)) from refusal
    secret = secret_new()
    endpoint = WebhookEndpoint(
        rollout=rollout,
        url=url.strip(),
        description=description.strip(),
        secret_sealed=seal(secret),
        on_decision=on_decision,
        on_task_verified=on_task_verified,
        on_commitment_changed=on_commitment_changed,
        created_by=by,
    )
    return saved(endpoint, WebhookError), secret


@transaction.atomic
def endpoint_secret_rotate(*, by: "User", endpoint: WebhookEndpoint) -> str:
    """A new signing secret, returned once; the old one signs nothing from now on
    (deliveries still waiting are signed when sent, so with the new one)."""
    _require_manager(by, endpoint.rollout)
    secret = secret_new()
    endpoint.secret_sealed = seal(secret)
    endpoint.secret_rotated_at = timezone.now()
    endpoint.save(update_fields=["secret_sealed", "secret_rotated_at"])
    return secret


@transaction.atomic
def endpoint_active_set(*, by: "User", endpoint: WebhookEndpoint, active: bool) -> None:
    """Switched off, an endpoint is sent no new events; those already queued wait (the
    dispatcher passes them by, neither sent nor failed). Switched on, they are due at once,
    whatever backoff an earlier failure left them in: the next dispatch sends them."""
    _require_manager(by, endpoint.rollout)
    endpoint.active = active
    endpoint.save(update_fields=["active"])
    if active:
        WebhookDelivery.objects.filter(
            endpoint=endpoint, sent_at__isnull=True, next_attempt_at__isnull=False
        ).update(next_attempt_at=None)


@transaction.atomic
def endpoint_delete(*, by: "User", endpoint: WebhookEndpoint) -> None:
    """The endpoint and its deliveries, sent or not, are gone."""
    _require_manager(by, endpoint.rollout)
    # Its row first: an event being put for it (webhooks.emission locks the endpoints it
    # writes to) commits its delivery before the deliveries are gathered to go with it, and
    # one put after this finds the endpoint gone.
    list(WebhookEndpoint.objects.select_for_update().filter(pk=endpoint.pk).values_list("pk"))
    endpoint.delete()


@transaction.atomic
def endpoint_test_send(*, by: "User", endpoint: WebhookEndpoint) -> WebhookDelivery:
    """A test event for this endpoint alone, sent by the next dispatch like any other."""
    _require_manager(by, endpoint.rollout)
    if not endpoint.active:
        raise WebhookError(_("Switch the endpoint on before sending it a test event."))
    event_id = uuid.uuid4()
    payload = envelope(
        event=WebhookEvent.TEST,
        event_id=event_id,
        rollout=endpoint.rollout,
        data={"sent_by": person_data(by)},
    )
    delivery = WebhookDelivery(
        endpoint=endpoint,
        key=f"test:{event_id}",
        event_id=event_id,
        event=WebhookEvent.TEST,
        payload=payload,
    )
    return saved(delivery, WebhookError)
