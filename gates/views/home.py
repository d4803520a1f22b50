"""The home page, My work: what waits on the person across all their rollouts, a short
"your role" panel (open on the first visit, closed after), then every rollout they are in
with the gates waiting for a decision and, to whoever answers for it, a calendar that stops
too soon."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.views import is_htmx, signed_in
from gates.selectors.home import home_cards_for_user
from gates.selectors.my_work_figures import my_work_figures

# The "your role" panel opens on the first visit only. Remembered in a signed cookie
# holding the person's id, not in the session: no GET writes a row (DESIGN.md), and a
# second person signing in on the same browser still sees theirs open once.
ROLE_PANEL_COOKIE = "role_panel_seen"
ROLE_PANEL_SALT = "gates.home.role_panel"
ROLE_PANEL_MAX_AGE = 365 * 24 * 3600


@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    seen = request.get_signed_cookie(ROLE_PANEL_COOKIE, default="", salt=ROLE_PANEL_SALT)
    # A closed panel's people are loaded when it is opened (role_panel below): on the bench's
    # data they were a third of the page's time, for a panel most visits never open.
    figures = my_work_figures(user=user, with_team=seen != str(user.pk))
    rows, cards = figures.rows, figures.cards
    context = {
        "rows": rows,
        "waiting_count": len(rows),
        "cards": cards,
        "has_roles": any(card.roles for card in cards),  # an administrator may hold none
        "role_panel_open": seen != str(user.pk),
    }
    response = render(request, "gates/home.html", context)
    if seen != str(user.pk):
        response.set_signed_cookie(
            ROLE_PANEL_COOKIE,
            str(user.pk),
            salt=ROLE_PANEL_SALT,
            max_age=ROLE_PANEL_MAX_AGE,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
    return response


@require_GET
@login_required
def role_panel(request: HttpRequest) -> HttpResponse:
    """The "your role" panel's people: into the closed panel when opened (htmx), or a page of
    its own (without JavaScript, the panel's link)."""
    cards = home_cards_for_user(user=signed_in(request))
    template = (
        "gates/partials/role_panel_body.html" if is_htmx(request) else "gates/role_panel.html"
    )
    return render(request, template, {"cards": cards})
