"""The rollout's chat robots, for its executive: list, add, change (the webhook URL and the
secret never shown again), delete, and a test message through the outbox."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from chat.forms import ChatChannelForm, ChatHandlesForm
from chat.models import ChatChannel
from chat.permissions import get_chat_channel_for_user, get_rollout_to_configure
from chat.selectors import channels_of_rollout, chat_handles_of
from chat.services.channels import (
    Secrets,
    chat_channel_delete,
    chat_channel_save,
    chat_channel_test,
    chat_handles_set,
)
from core.views import call_service, signed_in, submit_form
from rollout.models import Rollout


def _page(
    request: HttpRequest, rollout: Rollout, form: ChatChannelForm, status: int = 200
) -> HttpResponse:
    context = {"rollout": rollout, "channels": channels_of_rollout(rollout=rollout), "form": form}
    return render(request, "chat/channels.html", context, status=status)


def _saver(request: HttpRequest, form: ChatChannelForm) -> Any:
    def save(data: dict[str, Any]) -> ChatChannel:
        return chat_channel_save(
            by=signed_in(request),
            channel=form.instance,
            secrets=Secrets(data["webhook_url"], data["secret"]),
        )

    return save


@require_http_methods(["GET", "POST"])
@login_required
def chat_channels(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    rollout = get_rollout_to_configure(request, rollout_pk)
    if request.method == "GET":
        return _page(request, rollout, ChatChannelForm())
    form = ChatChannelForm(request.POST, instance=ChatChannel(rollout=rollout))
    return submit_form(
        request,
        form,
        _saver(request, form),
        done=_("The chat channel was added. Its webhook URL and secret are not shown again."),
        then=redirect("chat:channels", rollout.pk),
        refused=lambda refused: _page(request, rollout, refused, status=400),
    )


@require_http_methods(["GET", "POST"])
@login_required
def chat_channel_edit(request: HttpRequest, rollout_pk: int, pk: int) -> HttpResponse:
    rollout = get_rollout_to_configure(request, rollout_pk)
    channel = get_chat_channel_for_user(request.user, rollout, pk)

    def page(form: ChatChannelForm, status: int = 200) -> HttpResponse:
        context = {"rollout": rollout, "channel": channel, "form": form}
        return render(request, "chat/channel_edit.html", context, status=status)

    if request.method == "GET":
        return page(ChatChannelForm(instance=channel))
    form = ChatChannelForm(request.POST, instance=channel)
    return submit_form(
        request,
        form,
        _saver(request, form),
        done=_("The chat channel was saved."),
        then=redirect("chat:channels", rollout.pk),
        refused=lambda refused: page(refused, status=400),
    )


def _on_channel(
    request: HttpRequest, rollout_pk: int, pk: int, service: Any, done: str
) -> HttpResponse:
    """A POST on one channel: resolved for the executive, the service called, back to the list."""
    rollout = get_rollout_to_configure(request, rollout_pk)
    channel = get_chat_channel_for_user(request.user, rollout, pk)
    return call_service(
        request,
        lambda: service(by=signed_in(request), channel=channel),
        done=done,
        then=redirect("chat:channels", rollout.pk),
    )


@require_POST
@login_required
def chat_channel_remove(request: HttpRequest, rollout_pk: int, pk: int) -> HttpResponse:
    done = _("The chat channel was deleted.")
    return _on_channel(request, rollout_pk, pk, chat_channel_delete, done)


@require_POST
@login_required
def chat_channel_send_test(request: HttpRequest, rollout_pk: int, pk: int) -> HttpResponse:
    done = _("A test message will be sent by the next dispatch, within a minute.")
    return _on_channel(request, rollout_pk, pk, chat_channel_test, done)


@require_http_methods(["GET", "POST"])
@login_required
def chat_ids(request: HttpRequest) -> HttpResponse:
    """The person's own chat ids, so group reminders @-mention them."""
    user = signed_in(request)

    def page(form: ChatHandlesForm, status: int = 200) -> HttpResponse:
        return render(request, "chat/chat_ids.html", {"form": form}, status=status)

    if request.method == "GET":
        return page(ChatHandlesForm(initial=chat_handles_of(user_id=user.pk)))
    return submit_form(
        request,
        ChatHandlesForm(request.POST),
        lambda data: chat_handles_set(user=user, handles=data),
        done=_("Your chat ids are saved."),
        then=redirect("chat:chat_ids"),
        refused=lambda refused: page(refused, status=400),
    )
