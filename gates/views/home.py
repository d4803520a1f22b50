"""The home page (My work): every rollout the person is in, with their roles, the gates
waiting for a decision and, to whoever answers for it, a calendar that stops too soon."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.views import signed_in
from gates.selectors.home import home_cards_for_user


@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    cards = home_cards_for_user(user=signed_in(request))
    return render(request, "gates/home.html", {"cards": cards})
