"""The person's own API tokens (HTML): the list, making one (shown once, on the answer to
the form, and never again), revoking one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from api.forms import ApiTokenForm
from api.permissions import get_token_for_user
from api.selectors import api_tokens_of
from api.services import NewToken, api_token_create, api_token_revoke
from core.errors import AppError
from core.views import call_service, not_allowed_as_403, signed_in


def _page(
    request: HttpRequest,
    form: ApiTokenForm | None = None,
    new: NewToken | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "tokens": list(api_tokens_of(person=signed_in(request))),
        "form": form or ApiTokenForm(),
        "new": new,
    }
    return render(request, "api/tokens.html", context, status=status)


@require_GET
@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    return _page(request)


@never_cache
@require_POST
@login_required
def token_create(request: HttpRequest) -> HttpResponse:
    """The new token is on this answer only, never kept: no redirect, which would need it
    stored somewhere until the next page."""
    form = ApiTokenForm(request.POST)
    if form.is_valid():
        try:
            with not_allowed_as_403():
                new = api_token_create(
                    by=signed_in(request),
                    name=form.cleaned_data["name"],
                    days=form.cleaned_data["days"],
                )
        except AppError as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Token made. Copy it now: it is shown only this once."))
            return _page(request, new=new)
    return _page(request, form=form, status=400)


@require_POST
@login_required
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_token_for_user(signed_in(request), pk)
    return call_service(
        request,
        lambda: api_token_revoke(by=signed_in(request), token=token),
        done=_("Token “%(name)s” revoked: it no longer works.") % {"name": token.name},
        then=redirect("api:tokens"),
    )
