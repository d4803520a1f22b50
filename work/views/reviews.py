"""The four-qualities reviews: a manager reviews their department's implementation
members beside each one's task record; a member reads their own reviews."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.views import signed_in, submit_form
from roles import selectors
from roles.models import User
from rollout.models import Rollout
from rollout.permissions import get_rollout_for_user, permission_names
from work import review_selectors, review_services
from work.access import access_reviews
from work.forms import QualityReviewForm
from work.qualities import LEVELS, QUALITIES
from work.selectors import task_record_by_member


def _reviewable_members(user: User, rollout: Rollout) -> Any:
    managed = selectors.managed_department_ids(user=user, rollout=rollout)
    return selectors.members_of_rollout(rollout=rollout).filter(department_id__in=managed)


def _page(
    request: HttpRequest, rollout: Rollout, form: QualityReviewForm | None = None, status: int = 200
) -> HttpResponse:
    user = signed_in(request)
    may_review = "review_members" in permission_names(request, rollout)
    members = list(_reviewable_members(user, rollout)) if may_review else []
    records = task_record_by_member(rollout=rollout, member_ids=[m.pk for m in members])
    context = {
        "rollout": rollout,
        "reviews": list(review_selectors.reviews_visible_to(user=user, rollout=rollout)),
        "members": [(m, records[m.pk]) for m in members],
        "qualities": QUALITIES,
        "levels": LEVELS,
        "form": (form or QualityReviewForm(members=_reviewable_members(user, rollout)))
        if members
        else None,
    }
    return render(request, "work/quality_reviews.html", context, status=status)


@require_GET
@login_required
def quality_reviews(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    rollout = get_rollout_for_user(request.user, rollout_pk)
    access_reviews(signed_in(request), rollout, permission_names(request, rollout))
    return _page(request, rollout)


@require_POST
@login_required
def quality_review_new(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    rollout = get_rollout_for_user(request.user, rollout_pk, "rollout.review_members")
    return submit_form(
        request,
        QualityReviewForm(request.POST, members=_reviewable_members(signed_in(request), rollout)),
        lambda data: review_services.quality_review_create(
            by=signed_in(request), rollout=rollout, **data
        ),
        done=lambda review: (
            _("Review of %(person)s for %(month)s saved.")
            % {"person": review.member, "month": review.period.strftime("%Y-%m")}
        ),
        then=redirect("work:quality_reviews", rollout_pk=rollout.pk),
        refused=lambda form: _page(request, rollout, form=form, status=400),
    )
