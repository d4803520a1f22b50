"""Who reads which four-qualities reviews."""

from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.db.models import Q, QuerySet

from roles import selectors as role_selectors
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
