"""The rollout's webhooks, for its executive: the endpoints, adding one (its secret shown
on the answer to that POST, once), a new secret, off and on, removing one, a test event,
and the latest deliveries with how each went."""

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.errors import AppError
from core.views import call_service, not_allowed_as_403, signed_in
from rollout.models import Rollout
from rollout.permissions import get_rollout_for_user, permission_names
from webhooks import services
from webhooks.access import access_webhooks, get_endpoint_for_user
from webhooks.forms import EndpointForm
from webhooks.models import WebhookEndpoint
from webhooks.selectors import endpoints_of_rollout, recent_deliveries

if TYPE_CHECKING:
    from roles.models import User


def _page(
    request: HttpRequest,
    rollout: Rollout,
    *,
    form: EndpointForm | None = None,
    secret: tuple[WebhookEndpoint, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "rollout": rollout,
        "endpoints": endpoints_of_rollout(rollout=rollout),
        "deliveries": recent_deliveries(rollout=rollout),
        "form": form or EndpointForm(),
        # Shown on this one answer and kept nowhere else in plain text.
        "secret": secret,
    }
    return render(request, "webhooks/endpoints.html", context, status=status)


def _managed(request: HttpRequest, rollout_pk: int) -> Rollout:
    rollout = get_rollout_for_user(request.user, rollout_pk)
    return access_webhooks(request.user, rollout, permission_names(request, rollout))


def _back(rollout: Rollout) -> HttpResponse:
    return redirect("webhooks:endpoints", rollout_pk=rollout.pk)


@require_GET
@login_required
def endpoints(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    return _page(request, _managed(request, rollout_pk))


@require_POST
@login_required
def endpoint_new(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    """Answered with the page itself, not a redirect: the secret is on this answer alone
    and stored nowhere a later request could read it from (the page is never cached:
    core.middleware.NoStoreForSignedInMiddleware)."""
    rollout = _managed(request, rollout_pk)
    form = EndpointForm(request.POST)
    if form.is_valid():
        try:
            with not_allowed_as_403():
                made = services.endpoint_create(
                    by=signed_in(request), rollout=rollout, **form.cleaned_data
                )
        except AppError as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Endpoint added. Copy its signing secret now."))
            return _page(request, rollout, secret=made)
    return _page(request, rollout, form=form, status=400)


@require_POST
@login_required
def endpoint_rotate(request: HttpRequest, rollout_pk: int, pk: int) -> HttpResponse:
    """A new secret, shown on this answer once, as when the endpoint was added."""
    rollout = _managed(request, rollout_pk)
    endpoint = get_endpoint_for_user(request.user, rollout, pk)
    with not_allowed_as_403():
        secret = services.endpoint_secret_rotate(by=signed_in(request), endpoint=endpoint)
    messages.success(
        request, _("A new signing secret is made; the old one signs nothing from now on.")
    )
    return _page(request, rollout, secret=(endpoint, secret))


def _on_endpoint(
    request: HttpRequest,
    rollout_pk: int,
    pk: int,
    act: Callable[["User", WebhookEndpoint], object],
    done: str,
) -> HttpResponse:
    """One of the endpoint's buttons: `act` (a service) by the signed-in person, then back
    to the page with `done` (its "%(url)s" the endpoint's address) or the refusal."""
    rollout = _managed(request, rollout_pk)
    endpoint = get_endpoint_for_user(request.user, rollout, pk)
    return call_service(
        request,
        lambda: act(signed_in(request), endpoint),
        done=done % {"url": endpoint.url},
        then=_back(rollout),
    )


@require_POST
@login_required
def endpoint_active(request: HttpRequest, rollout_pk: int, pk: int) -> HttpResponse:
    active = request.POST.get("active") == "on"
    return _on_endpoint(
        request, rollout_pk, pk,
        lambda by, endpoint: services.endpoint_active_set(by=by, endpoint=endpoint, active=active),
        _("%(url)s is switched on: it is sent the events again.") if active
        else _("%(url)s is switched off: it is sent no new events."),
    )  # fmt: skip


@require_POST
@login_required
def endpoint_delete(request: HttpRequest, rollout_pk: int, pk: int) -> HttpResponse:
    return _on_endpoint(
        request, rollout_pk, pk,
        lambda by, endpoint: services.endpoint_delete(by=by, endpoint=endpoint),
        _("%(url)s is removed, with its deliveries."),
    )  # fmt: skip


@require_POST
@login_required
def endpoint_test(request: HttpRequest, rollout_pk: int, pk: int) -> HttpResponse:
    return _on_endpoint(
        request, rollout_pk, pk,
        lambda by, endpoint: services.endpoint_test_send(by=by, endpoint=endpoint),
        _("A test event is queued for %(url)s: the next dispatch, within a minute, sends it."),
    )  # fmt: skip
