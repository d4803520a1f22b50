"""The benchmark's yardstick: a minimal signed-in page rendering 50 rows of one table.
`make bench` measures every real page against it on the same machine and database."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from roles.models import User


@require_GET
@login_required
def reference(request: HttpRequest) -> HttpResponse:
    rows = list(User.objects.order_by("pk").values("username", "display_name", "email")[:50])
    return render(request, "reference.html", {"rows": rows})
