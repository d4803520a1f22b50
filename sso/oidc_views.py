"""The two addresses of the OIDC sign-in: the start (off to the provider with state, nonce
and a PKCE challenge) and the provider's way back. Both answer 404 while OIDC is off.

The way back is a GET that signs a person in (and creates them on their first sign-in): the
code flow returns by redirect, which is a GET. Every refusal ends on the sign-in page with
a message saying why; nothing is created."""

from django.contrib import messages
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponseBase, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import activate
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from roles.views.people import with_language_cookie
from sso.oidc import oidc_enabled, refusal_of


class _SignInStart(OIDCAuthenticationRequestView):  # type: ignore[misc]  # untyped library
    pass


class _SignInCallback(OIDCAuthenticationCallbackView):  # type: ignore[misc]  # untyped library
    """mozilla-django-oidc's callback, ending on Rollout's sign-in page with the reason
    when refused, and in the person's language when signed in."""

    request: HttpRequest

    def get(self, request: HttpRequest) -> HttpResponseBase:
        try:
            response: HttpResponseBase = super().get(request)
        except SuspiciousOperation:
            # The state names no sign-in started in this browser: a forged or replayed answer.
            return self.login_failure()
        return response

    def login_failure(self) -> HttpResponseBase:
        # A client locked out by django-axes gets its page instead (AxesMiddleware) and no
        # message waiting for later.
        if not getattr(self.request, "axes_locked_out", False):
            messages.error(self.request, self._why_refused())
        return HttpResponseRedirect(reverse("roles:login"))

    def _why_refused(self) -> str:
        if recorded := refusal_of(self.request):
            return recorded
        if error := self.request.GET.get("error"):
            return _("The sign-in service did not sign you in (%(error)s). Please try again.") % {
                "error": error[:100]
            }
        return _(
            "This sign-in was not started in this browser, or it took too long. "
            "Please sign in again."
        )

    def login_success(self) -> HttpResponseBase:
        response: HttpResponseBase = super().login_success()
        language = self.user.preferred_language
        activate(language)
        return with_language_cookie(response, language)


_start = _SignInStart.as_view()
_callback = _SignInCallback.as_view()


@require_GET
def oidc_authenticate(request: HttpRequest) -> HttpResponseBase:
    if not oidc_enabled():
        raise Http404
    response: HttpResponseBase = _start(request)
    return response


@require_GET
def oidc_callback(request: HttpRequest) -> HttpResponseBase:
    if not oidc_enabled():
        raise Http404
    response: HttpResponseBase = _callback(request)
    return response
