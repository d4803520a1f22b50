"""The benchmark's yardstick: a minimal signed-in page rendering 50 rows of one table.
`make bench` measures every real page against it on the same machine and database.

It lists people without regard to rollouts, so it answers only where the bench turns it on
(ROLLOUT_REFERENCE_PAGE=true); everywhere else it is a 404 like any unknown page."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from roles.models import User


@require_GET
@login_required
def reference(request: HttpRequest) -> HttpResponse:
    if not settings.ROLLOUT_REFERENCE_PAGE:
        raise Http404
    rows = list(
        User.objects.order_by("pk").values("username", "display_name", "weekly_capacity_hours")[:50]
    )
    return render(request, "reference.html", {"rows": rows})
