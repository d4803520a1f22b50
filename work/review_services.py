"""The four-qualities reviews written: once a member and month, by the member's manager."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.validation import saved
from roles import selectors as role_selectors
from roles.models import User
from rollout.models import Rollout
from work.models import QualityReview
from work.services import WorkError


@transaction.atomic
def quality_review_create(
    *,
    by: User,
    rollout: Rollout,
    member: User,
    period: date,
    enterprising: int,
    confidence: int,
    responsibility: int,
    meticulousness: int,
    comment: str = "",
) -> QualityReview:
    """A middle manager reviews one of their department's implementation members for a
    month. Written once: a second review for the same month is refused."""
    managed = role_selectors.managed_department_ids(user=by, rollout=rollout)
    if not by.has_perm("rollout.review_members", rollout) or member.department_id not in managed:
        raise WorkError(
            _("You can only review implementation members of the department you manage.")
        )
    if not role_selectors.is_active_member(person=member, rollout=rollout):
        raise WorkError(
            _("%(person)s is not an implementation member of this rollout.") % {"person": member}
        )
    month = period.replace(day=1)
    if month > timezone.localdate():
        raise WorkError(_("A month that has not started yet cannot be reviewed."))
    review = QualityReview(
        rollout=rollout,
        member=member,
        reviewer=by,
        period=month,
        enterprising=enterprising,
        confidence=confidence,
        responsibility=responsibility,
        meticulousness=meticulousness,
        comment=comment,
    )
    return saved(review, WorkError, clash=_("This member already has a review for that month."))
