"""The password-change page, with wrong current passwords counted: after
PASSWORD_CHANGE_FAILURE_LIMIT of them in a row the form refuses every attempt, right or
wrong, until PASSWORD_CHANGE_COOLOFF has passed, so a signed-in session cannot be used to
guess the password behind it."""

from typing import Any

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordChangeForm
from django.http import HttpRequest, HttpResponse
from django.urls import reverse_lazy
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from core.views import signed_in
from roles.models import User
from roles.selectors.passwords import password_change_paused_until
from roles.services.passwords import password_change_failed, password_change_succeeded


class PasswordChangeView(auth_views.PasswordChangeView):
    success_url = reverse_lazy("roles:password_change_done")  # Django's default has no namespace

    def _user(self) -> User:
        return signed_in(self.request)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        until = password_change_paused_until(user=self._user())
        if until is not None:
            context["paused"] = _(
                "Too many wrong current passwords. Changing your password is paused until "
                "%(time)s; try again then, or ask an administrator."
            ) % {"time": formats.time_format(timezone.localtime(until), "H:i")}
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if password_change_paused_until(user=self._user()) is None:
            return super().post(request, *args, **kwargs)
        # Paused: the password is not even checked, so guessing on teaches nothing.
        context = self.get_context_data(form=PasswordChangeForm(user=self._user()))
        return self.render_to_response(context, status=429)

    def form_valid(self, form: PasswordChangeForm) -> HttpResponse:
        password_change_succeeded(user=self._user())
        return super().form_valid(form)

    def form_invalid(self, form: PasswordChangeForm) -> HttpResponse:
        if form.has_error("old_password", "password_incorrect"):
            password_change_failed(user=self._user())
        return super().form_invalid(form)
