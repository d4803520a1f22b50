"""Selection's part of My work (core.waiting): a seat's scorecard to fill and submit while
scoring is open. Registered from SelectionConfig.ready(). One query, however many
rollouts."""

from django.db.models import Exists, F, OuterRef, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from core.waiting import WaitingItem, register_waiting
from roles.models import Role, User
from roles.selectors.people import holds_role
from rollout.models import Rollout
from selection.models import Submission


def scorecards_to_fill(person: User) -> QuerySet[Rollout]:
    """Rollouts where the person holds a selection seat, scoring is open (the weights are
    locked) and they have no standing submission (selection.services.has_submitted)."""
    submitted = Submission.objects.filter(
        rollout_id=OuterRef("pk"), member_id=person.pk, reopened_at__isnull=True
    )
    return (
        Rollout.objects.filter(weighting__locked_at__isnull=False)
        .filter(holds_role(person, Role.SELECTOR, rollout_field="pk"))
        .exclude(Exists(submitted))
    )


def _scorecard_items(ids: list[int]) -> list[WaitingItem]:
    return [
        WaitingItem(
            kind="scorecard",
            action=_("Score the vendors and submit your scorecard"),
            subject=_("Your scorecard"),
            rollout_name=rollout.name,
            since=rollout.scoring_opened_at,
            url=reverse("selection:scorecard", args=[rollout.pk]) + "#scorecard",
        )
        for rollout in Rollout.objects.filter(pk__in=ids).annotate(
            scoring_opened_at=F("weighting__locked_at")
        )
    ]


def waiting_register() -> None:
    """Called from SelectionConfig.ready()."""
    register_waiting("scorecard", _scorecard_items, pending=scorecards_to_fill)
