"""Who reads which four-qualities reviews."""

from collections import defaultdict

from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.db.models import F, Q, QuerySet, Window
from django.db.models.functions import RowNumber

from roles import selectors as role_selectors
from roles.models import User
from rollout.models import Rollout
from work.models import QualityReview


def reviews_visible_to(
    *, user: AbstractUser | AnonymousUser, rollout: Rollout
) -> QuerySet[QualityReview]:
    """The executive reads every review; a manager those of their departments' members; a
    member only their own. Nobody else reads any."""
    reviews = QualityReview.objects.filter(rollout=rollout).select_related(
        "member", "member__department", "reviewer"
    )
    if not user.is_authenticated:
        return reviews.none()
    if user.has_perm("rollout.view_reviews", rollout):
        return reviews
    managed = role_selectors.managed_department_ids(user=user, rollout=rollout)
    return reviews.filter(Q(member_id=user.pk) | Q(member__department_id__in=managed))


# How many of a person's latest reviews the staffing answer form shows beside them.
LATEST_REVIEWS_SHOWN = 3


def latest_reviews_of(
    *, people: list[User], per_person: int = LATEST_REVIEWS_SHOWN
) -> dict[int, list[QualityReview]]:
    """Each person's latest four-qualities reviews on any rollout, newest first, for the
    manager choosing whom of their department to commit (the article's four qualities
    are meant to find the right implementers). One query whatever the number of people:
    the database keeps only the latest `per_person` of each."""
    ranked = (
        QualityReview.objects.filter(member__in=people)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("member_id")],
                order_by=[F("period").desc(), F("pk").desc()],
            )
        )
        .filter(rank__lte=per_person)
        .order_by("member_id", "-period", "-pk")
    )
    latest: dict[int, list[QualityReview]] = defaultdict(list)
    for review in ranked:
        latest[review.member_id].append(review)
    return latest
