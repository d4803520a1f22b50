"""The interactive docs at /api/: Swagger UI from drf-spectacular-sidecar's vendored files
(no CDN), on a page of our own whose only script is a file, as the CSP asks."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
@login_required
def docs(request: HttpRequest) -> HttpResponse:
    return render(request, "api/docs.html")
