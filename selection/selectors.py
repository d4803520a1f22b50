"""Reads of the selection app. The selection issue (#6) records the selection team's
recommendation; until then there is none to show at the selection gate."""

from dataclasses import dataclass

from rollout.models import Rollout


@dataclass(frozen=True)
class SelectionRecommendation:
    vendor: str
    reasoning: str
    recommended_by: str


def recommendation_for_rollout(*, rollout: Rollout) -> SelectionRecommendation | None:
    return None
