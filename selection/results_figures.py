"""The selection results page's figures as one value, kept in the page cache
(rollout/page_cache.py): the ranking, each seat's view, the spread, the price sensitivity,
the reopenings with their score changes, and the weights they were weighed by. Keyed by
the rollout's data version, so the next request after any write to what they read (a
score, a submission or its reopening, a vendor, a criterion, the weights, a seat's
assignment, a person's name) reads them afresh.

The reader's key is "all": the figures hold nothing about who reads them. Nobody sees a
score before scoring has closed, and then everyone who may open the results sees the same
ones (selectors.may_see_results); the view checks that before it asks for the figures,
so a reader who may not see them is refused whatever the cache holds."""

from dataclasses import dataclass

from rollout import page_cache
from rollout.models import Rollout
from selection import selectors
from selection.models import Submission, Weighting

PART = "selection-results"


@dataclass
class ResultsFigures:
    results: selectors.Results
    reopenings: list[Submission]
    weighting: Weighting


def _compute(rollout: Rollout) -> ResultsFigures:
    return ResultsFigures(
        results=selectors.results(rollout=rollout),
        reopenings=list(selectors.reopenings_of_rollout(rollout=rollout)),
        weighting=selectors.weighting_of_rollout(rollout=rollout),
    )


def results_figures(*, rollout: Rollout) -> ResultsFigures:
    return page_cache.cached(rollout, PART, reader_key="all", compute=lambda: _compute(rollout))
