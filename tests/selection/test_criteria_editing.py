"""The senior seat edits the selection criteria until the weights lock: rename, reweight,
add and remove, each kept in the history; refused after the lock with the reason."""

import pytest
from django.urls import reverse

from selection import criteria_services, policies, selectors
from selection.models import Criterion, CriterionChange, Weighting
from selection.services import SelectionError, SelectionNotAllowed
from tests.query_counts import get_page

pytestmark = pytest.mark.django_db

NEW = {
    "dimension": "service", "seat": "it", "text_en": "Answers within a day",
    "text_zh_hans": "一天内答复", "guide_en": "1 a week · 3 two days · 5 same day",
    "guide_zh_hans": "1 一周 · 3 两天 · 5 当天", "weight": 2,
}  # fmt: skip


@pytest.fixture
def open_crm(demo, crm):
    """The demo selection with the weights not yet locked."""
    Weighting.objects.filter(rollout=crm).update(locked_at=None, locked_by=None)
    return crm


def first(crm, **lookups) -> Criterion:
    return Criterion.objects.filter(rollout=crm, **lookups).earliest("pk")


def test_the_lock_rule_is_the_weightings_lock():
    assert (policies.weights_locked(None), policies.weights_locked(Weighting())) == (False, False)


def test_a_rename_and_reweight_is_kept_before_and_after(demo, open_crm):
    criterion = first(open_crm, seat="it")
    criteria_services.criterion_change(
        by=demo["sel.senior"], criterion=criterion, text_en="Runs in our cloud", weight=3
    )
    change = CriterionChange.objects.filter(rollout=open_crm).latest("pk")
    assert (change.kind, change.after.split(" / ")[0]) == ("changed", "Runs in our cloud")
    assert change.before.endswith("×1") and change.after.endswith("×3")


def test_an_edit_that_changes_nothing_leaves_no_history(demo, open_crm):
    criterion = first(open_crm)
    before = CriterionChange.objects.count()
    criteria_services.criterion_change(
        by=demo["sel.senior"], criterion=criterion, text_en=criterion.text_en
    )
    assert CriterionChange.objects.count() == before


def test_a_weight_outside_1_to_10_is_refused(demo, open_crm):
    with pytest.raises(SelectionError, match="weight is from 1 to 10"):
        criteria_services.criterion_change(
            by=demo["sel.senior"], criterion=first(open_crm), weight=11
        )


def test_a_criterion_added_then_removed_stays_in_the_history(demo, open_crm):
    added = criteria_services.criterion_add(by=demo["sel.senior"], rollout=open_crm, **NEW)
    criteria_services.criterion_remove(by=demo["sel.senior"], criterion=added)
    newest = list(CriterionChange.objects.all()[:2])
    # Newest first; the criterion's row is gone, its texts stay.
    assert [(c.kind, c.criterion_id) for c in newest] == [("removed", None), ("added", None)]
    assert newest[0].before.startswith("Answers within a day")


@pytest.mark.parametrize(
    ("field", "value", "elsewhere", "message"),
    [
        ("seat", "negotiator", "senior", "keeps at least one criterion to score"),
        ("dimension", "service", "product", "Service keeps at least one criterion"),
    ],
)
def test_the_last_criterion_of_a_seat_or_dimension_cannot_go(
    demo, open_crm, field, value, elsewhere, message
):
    criteria = list(Criterion.objects.filter(rollout=open_crm, **{field: value}))
    Criterion.objects.filter(pk__in=[c.pk for c in criteria[1:]]).update(**{field: elsewhere})
    with pytest.raises(SelectionError, match=message):
        criteria_services.criterion_remove(by=demo["sel.senior"], criterion=criteria[0])


def test_only_the_senior_seat_edits_the_criteria(demo, open_crm):
    with pytest.raises(SelectionNotAllowed):
        criteria_services.criterion_add(by=demo["sel.it"], rollout=open_crm, **NEW)


def test_after_the_lock_every_edit_is_refused_with_the_reason(demo, crm):
    criterion = first(crm)
    for attempt in (
        lambda: criteria_services.criterion_add(by=demo["sel.senior"], rollout=crm, **NEW),
        lambda: criteria_services.criterion_change(
            by=demo["sel.senior"], criterion=criterion, weight=2
        ),
        lambda: criteria_services.criterion_remove(by=demo["sel.senior"], criterion=criterion),
    ):
        with pytest.raises(SelectionError, match="weights locked when scoring opened"):
            attempt()
    assert Criterion.objects.get(pk=criterion.pk).weight == 1


def test_a_criterions_weight_counts_within_its_dimension(demo, crm):
    before = {r.vendor.pk: r.by_dimension for r in selectors.results(rollout=crm).vendors}
    # The demo's negotiator scores the second vendor's company one point above the senior
    # seat: counted ten times, its criterion pulls the company's mean towards it.
    Criterion.objects.filter(rollout=crm, dimension="company", seat="negotiator").update(weight=10)
    after = {r.vendor.pk: r.by_dimension for r in selectors.results(rollout=crm).vendors}
    assert sorted(after[v]["company"] - before[v]["company"] for v in before)[-1] > 0
    assert all(after[v]["product"] == before[v]["product"] for v in before)


def test_the_page_offers_the_forms_to_the_senior_seat_while_open(client, demo, open_crm):
    client.force_login(demo["sel.senior"])
    page = client.get(reverse("selection:criteria", args=[open_crm.pk])).content.decode()
    assert (
        'action="' + reverse("selection:criterion_remove", args=[open_crm.pk, first(open_crm).pk])
        in page
    )


def test_the_page_says_why_the_criteria_are_fixed_after_the_lock(client, demo, crm):
    client.force_login(demo["sel.senior"])
    page = client.get(reverse("selection:criteria", args=[crm.pk])).content.decode()
    assert "The criteria are fixed" in page and "criterion_remove" not in page
    assert "/remove/" not in page


def test_a_refused_edit_keeps_what_was_typed_and_says_why(client, demo, open_crm):
    client.force_login(demo["sel.senior"])
    criterion = first(open_crm)
    response = client.post(
        reverse("selection:criterion_edit", args=[open_crm.pk, criterion.pk]),
        {**{k: v for k, v in NEW.items() if k not in ("dimension", "seat")}, "weight": 0},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert 'value="Answers within a day"' in page and "weight is from 1 to 10" in page


def test_an_edit_through_the_page_is_saved_and_shown_in_the_history(client, demo, open_crm):
    client.force_login(demo["sel.senior"])
    criterion = first(open_crm)
    fields = {k: v for k, v in NEW.items() if k not in ("dimension", "seat")}
    response = client.post(
        reverse("selection:criterion_edit", args=[open_crm.pk, criterion.pk]), fields, follow=True
    )
    assert Criterion.objects.get(pk=criterion.pk).text_en == "Answers within a day"
    assert "Answers within a day / 一天内答复 · ×2" in response.content.decode()


def test_another_rollouts_criterion_is_not_found(client, demo, open_crm, pilot):
    client.force_login(demo["sel.senior"])
    other = Criterion.objects.filter(rollout=pilot).earliest("pk")
    response = client.post(reverse("selection:criterion_remove", args=[open_crm.pk, other.pk]))
    assert response.status_code == 404


# Session, user, rollout and its access, the weighting, the seats, the criteria, the
# history, and the base page's own (the bell, My work's count, the rollout's tabs).
CRITERIA_PAGE_QUERIES = 10


@pytest.mark.parametrize("count", [10, 200])
def test_the_criteria_page_runs_a_fixed_number_of_queries(client, demo, open_crm, count):
    template = first(open_crm)
    Criterion.objects.bulk_create(
        Criterion(
            rollout=open_crm, dimension="product", seat="it", text_en=f"Extra {n}",
            text_zh_hans=f"额外{n}", guide_en="g", guide_zh_hans="g", order=100 + n,
        )
        for n in range(count)
    )  # fmt: skip
    CriterionChange.objects.bulk_create(
        CriterionChange(rollout=open_crm, criterion=template, kind="changed", before="a",
                        after="b", changed_by=demo["sel.senior"])
        for _n in range(count)
    )  # fmt: skip
    client.force_login(demo["sel.senior"])
    get_page(client, reverse("selection:criteria", args=[open_crm.pk]), CRITERIA_PAGE_QUERIES)


def test_a_scored_criterion_is_never_removed(demo, open_crm):
    scored = Criterion.objects.filter(rollout=open_crm, scores__isnull=False).first()
    assert scored is not None
    with pytest.raises(SelectionError, match="has been scored"):
        criteria_services.criterion_remove(by=demo["sel.senior"], criterion=scored)
