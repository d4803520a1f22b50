"""The selection results from the page cache (selection/results_figures.py) are never stale:
a write that changes them shows on the very next request, for this reader and for another
who reads what the first one's request cached; and the cache never lets in a reader the
results are closed to. Scoring has closed on the demo CRM, so the weights, the criteria
and the vendors are locked to the services: the vendor and criterion writes below are an
administrator's corrections (the admin, raw SQL), which change the data version all the
same (rollout/data_version.py)."""

from collections import defaultdict

import pytest
from django.test import Client
from django.urls import reverse

from selection import selectors, services
from selection.models import Criterion, Score, Vendor
from selection.results_figures import PART
from tests.query_counts import exactly
from tests.selection.test_selection_pages import RESULTS_CACHED_QUERIES

pytestmark = pytest.mark.django_db


def _url(rollout) -> str:
    return reverse("selection:selection_results", args=[rollout.pk])


def _shown(client, rollout) -> selectors.Results:
    response = client.get(_url(rollout))
    assert response.status_code == 200
    results: selectors.Results = response.context["results"]
    return results


def _two_readers(demo, crm) -> tuple[Client, Client]:
    """The executive, whose request fills the cache, and a seat who reads what it holds."""
    first, second = Client(), Client()
    first.force_login(demo["ceo"])
    second.force_login(demo["sel.finance"])
    second.get(_url(crm))  # the session and content types, not the page's figures
    return first, second


def _resubmit(demo, crm, username: str) -> None:
    """The member's scorecard reopened and submitted again with every score moved."""
    member = demo[username]
    services.scores_reopen(by=demo["sel.senior"], rollout=crm, member=member, reason="x")
    entries = [
        services.ScoreEntry(s.vendor, s.criterion, s.score % 5 + 1, s.comment)
        for s in Score.objects.filter(member=member, vendor__rollout=crm).order_by("pk")
    ]
    services.scores_submit(by=member, rollout=crm, entries=entries)


def _criterion_weighing_on_a_mean(rollout) -> int:
    """A criterion scored differently from another of its dimension for the same vendor
    (by the same members), so a heavier weight moves that vendor's mean."""
    cells: dict[tuple[int, str], dict[int, set[int]]] = defaultdict(lambda: defaultdict(set))
    for s in Score.objects.filter(vendor__rollout=rollout).select_related("criterion"):
        cells[(s.vendor_id, s.criterion.dimension)][s.criterion_id].add(s.score)
    for _cell, criteria in sorted(cells.items()):
        if len({frozenset(scores) for scores in criteria.values()}) > 1:
            return min(criteria)
    raise AssertionError("every criterion scored as the others of its dimension")


def test_the_results_are_kept_under_their_own_part_for_every_reader(demo, crm, monkeypatch):
    """Nothing about the reader is in the figures: one entry for all (access first)."""
    asked = []

    def cached(rollout, part, *, reader_key, compute):
        asked.append((part, reader_key))
        return compute()

    monkeypatch.setattr("rollout.page_cache.cached", cached)
    client = Client()
    for username in ("ceo", "sel.senior", "it.manager"):
        client.force_login(demo[username])
        assert client.get(_url(crm)).status_code == 200
    assert asked == [(PART, "all")] * 3


def test_a_resubmitted_score_shows_at_once_for_both_readers(demo, crm):
    first, second = _two_readers(demo, crm)
    before = _shown(first, crm)
    with exactly(RESULTS_CACHED_QUERIES):
        assert _shown(second, crm) == before
    _resubmit(demo, crm, "sel.it")
    after = selectors.results(rollout=crm)
    assert after != before
    assert _shown(second, crm) == after
    assert _shown(first, crm) == after


def test_a_vendor_added_and_removed_shows_at_once(demo, crm):
    first, second = _two_readers(demo, crm)
    _shown(first, crm)
    vendor = Vendor.objects.create(
        rollout=crm, name="Late entrant", price_per_user_year=1, implementation_fee=1
    )
    assert "Late entrant" in {r.vendor.name for r in _shown(second, crm).vendors}
    assert "Late entrant" in {r.vendor.name for r in _shown(first, crm).vendors}
    vendor.delete()
    assert "Late entrant" not in {r.vendor.name for r in _shown(first, crm).vendors}
    assert "Late entrant" not in {r.vendor.name for r in _shown(second, crm).vendors}


def test_a_criterion_weight_changed_shows_at_once(demo, crm):
    first, second = _two_readers(demo, crm)
    before = _shown(first, crm)
    assert _shown(second, crm) == before
    Criterion.objects.filter(pk=_criterion_weighing_on_a_mean(crm)).update(weight=10)
    after = selectors.results(rollout=crm)
    assert after != before
    assert _shown(second, crm) == after
    assert _shown(first, crm) == after


@pytest.mark.parametrize("username", ["ceo", "sel.senior"])
def test_a_reader_the_results_close_to_never_gets_the_cached_entry(demo, crm, username):
    """The entry stays in the cache under the old version; a reopening closes the
    results to everyone (and moves the version), so nobody reads it."""
    client = Client()
    client.force_login(demo[username])
    _shown(client, crm)
    _shown(client, crm)  # from the cache
    services.scores_reopen(by=demo["sel.senior"], rollout=crm, member=demo["sel.it"], reason="x")
    assert client.get(_url(crm)).status_code == 403


def test_someone_outside_the_rollout_never_gets_the_cached_entry(demo, crm):
    insider = Client()
    insider.force_login(demo["ceo"])
    _shown(insider, crm)
    outsider = Client()
    outsider.force_login(demo["pilot.member"])
    assert outsider.get(_url(crm)).status_code == 404
