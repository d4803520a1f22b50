"""The bell's page: a person's notifications, marking them read, e-mail preferences."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.views import form_errors, posted_id, signed_in
from notifications import selectors
from notifications.forms import NotificationPreferencesForm
from notifications.permissions import get_notification_for_user
from notifications.services import notifications as services

SHOWN = 100


@require_GET
@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    context = {
        "notifications": list(selectors.notifications_of(person=user, limit=SHOWN)),
        "form": NotificationPreferencesForm(
            initial={"email_reminders": user.email_reminders, "email_digest": user.email_digest}
        ),
    }
    return render(request, "notifications/notifications.html", context)


@require_POST
@login_required
def notifications_read(request: HttpRequest) -> HttpResponse:
    """One notification, named by its id. Text that is no id, or the id of a notification
    that is not the person's, is a 404 and marks nothing."""
    pk = posted_id(request.POST.get("notification", ""))
    if pk is None:
        raise Http404
    notification = get_notification_for_user(request.user, pk)
    services.notification_mark_read(user=signed_in(request), notification=notification)
    messages.success(request, _("Marked as read."))
    return redirect("notifications:notifications")


@require_POST
@login_required
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Open what a notification points to, marked read on the way (My work's mentions open
    so): a POST, as no GET writes anything. Someone else's notification is a 404."""
    notification = get_notification_for_user(request.user, pk)
    services.notification_mark_read(user=signed_in(request), notification=notification)
    # The url is our own reverse(), stored; checked anyway, so a stored link can never
    # send anyone off the site.
    if url_has_allowed_host_and_scheme(
        notification.url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(notification.url)
    return redirect("notifications:notifications")


@require_POST
@login_required
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    count = services.notifications_mark_all_read(user=signed_in(request))
    messages.success(request, _("%(count)s marked as read.") % {"count": count})
    return redirect("notifications:notifications")


@require_POST
@login_required
def notification_preferences(request: HttpRequest) -> HttpResponse:
    form = NotificationPreferencesForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors(form))
    else:
        services.notification_preferences_set(user=signed_in(request), **form.cleaned_data)
        messages.success(request, _("Your e-mail preferences are saved."))
    return redirect("notifications:notifications")
