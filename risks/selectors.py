"""Reads of the risk register: the register by score, the open high risks a gate lists, and
the reviews a gate's criterion looks for. A fixed number of queries each."""

from datetime import datetime

from django.db.models import F, QuerySet
from django.utils import timezone

from risks.models import Risk, RiskReview
from risks.policies import is_overdue, only_high
from rollout.models import Rollout


def register(*, rollout: Rollout) -> QuerySet[Risk]:
    """Every risk of the rollout, the highest score first, then the earliest due."""
    return (
        Risk.objects.filter(rollout=rollout)
        .select_related("owner")
        .annotate(rank=F("likelihood") * F("impact"))
        .order_by("-rank", F("due_date").asc(nulls_last=True), "pk")
    )


def open_high_risks(*, rollout: Rollout) -> list[Risk]:
    """The open risks at or above the high score (risks.policies), highest first."""
    return list(only_high(register(rollout=rollout).filter(status=Risk.Status.OPEN)))


def starters_taken(*, rollout: Rollout) -> set[str]:
    """The article's starting entries already in the register."""
    return set(
        Risk.objects.filter(rollout=rollout).exclude(starter="").values_list("starter", flat=True)
    )


def latest_review(*, rollout: Rollout) -> RiskReview | None:
    return RiskReview.objects.filter(rollout=rollout).select_related("reviewed_by").first()


def review_since(*, rollout: Rollout, since: datetime) -> RiskReview | None:
    """The latest review after `since` (the previous gate's decision), if there is one."""
    return (
        RiskReview.objects.filter(rollout=rollout, reviewed_at__gt=since)
        .select_related("reviewed_by")
        .first()
    )


def overdue_ids(risks: list[Risk]) -> set[int]:
    """Which of these risks are overdue today (risks.policies.is_overdue)."""
    today = timezone.localdate()
    return {
        risk.pk
        for risk in risks
        if is_overdue(status=risk.status, due_date=risk.due_date, today=today)
    }
