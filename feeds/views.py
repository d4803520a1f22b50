"""The feeds page (the person's secret addresses, to copy or replace) and the feeds
themselves, which a calendar program reads without signing in: the key in the address
stands for the person, and the person's access decides what a feed shows."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from core.views import call_service, signed_in
from feeds.ics import feed_ics
from feeds.models import FeedKey
from feeds.selectors import Url, person_events, rollout_events
from feeds.services import feed_key_regenerate
from roles.models import User
from rollout.permissions import get_rollout_for_user, rollouts_for_user


@require_GET
@login_required
def feeds_page(request: HttpRequest) -> HttpResponse:
    person = signed_in(request)
    key = FeedKey.objects.filter(person=person).first()
    rollouts = list(rollouts_for_user(person).order_by("name")) if key else []
    context = {
        "key": key,
        "person_url": request.build_absolute_uri(reverse("feeds:person_feed", args=[key.key]))
        if key
        else "",
        "rollout_urls": [
            (
                rollout,
                request.build_absolute_uri(
                    reverse("feeds:rollout_feed", args=[key.key, rollout.pk])
                ),
            )
            for rollout in rollouts
        ]
        if key
        else [],
    }
    return render(request, "feeds/feeds.html", context)


@require_POST
@login_required
def feeds_regenerate(request: HttpRequest) -> HttpResponse:
    had_one = FeedKey.objects.filter(person=signed_in(request)).exists()
    return call_service(
        request,
        lambda: feed_key_regenerate(person=signed_in(request)),
        done=_(
            "New addresses made: the old ones no longer work. Give the new one to your calendar."
        )
        if had_one
        else _("Your calendar addresses are ready. Copy one into your calendar."),
        then=redirect("feeds:feeds"),
    )


def _person(key: str) -> User:
    """The person the key stands for; 404 for a key replaced, unknown, or of a disabled
    account (its feed stops with the account)."""
    found = FeedKey.objects.filter(key=key, person__is_active=True).select_related("person").first()
    if found is None:
        raise Http404
    return found.person


def _url(request: HttpRequest) -> Url:
    return lambda name, args: request.build_absolute_uri(reverse(name, args=args))


def _ics(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
@never_cache
def person_feed(request: HttpRequest, key: str) -> HttpResponse:
    person = _person(key)
    with translation.override(person.preferred_language):
        name = _("Rollout: %(person)s") % {"person": person}
        return _ics(feed_ics(name=name, events=person_events(person, _url(request))), "rollout.ics")


@require_GET
@never_cache
def rollout_feed(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    person = _person(key)
    rollout = get_rollout_for_user(person, pk)  # 404 for a rollout the person has no role in
    with translation.override(person.preferred_language):
        name = _("Rollout: %(rollout)s") % {"rollout": rollout.name}
        events = rollout_events(rollout, _url(request))
        return _ics(feed_ics(name=name, events=events), f"rollout-{rollout.pk}.ics")
