"""The selection's rules: weights, the price cap, blind scoring, submissions, seats."""

from decimal import Decimal

import pytest

from selection import selectors, services
from selection.models import Recommendation, Score, Submission, Vendor, Weighting
from selection.services import SelectionError

pytestmark = pytest.mark.django_db


@pytest.fixture
def fresh(demo, crm):
    """The demo selection with the weights unlocked and nobody submitted, for rule tests."""
    Weighting.objects.filter(rollout=crm).update(locked_at=None, locked_by=None)
    Submission.objects.filter(rollout=crm).delete()
    Recommendation.objects.filter(rollout=crm).delete()
    return crm


WEIGHTS = {"company": 20, "product": 25, "implementation": 20, "service": 15, "price": 20}


def test_weights_must_add_up_to_100(demo, fresh):
    with pytest.raises(SelectionError, match="add up to 95 %; they must add up to 100 %"):
        services.weights_set(by=demo["sel.senior"], rollout=fresh, **{**WEIGHTS, "price": 15})


def test_the_price_weight_cannot_exceed_its_cap(demo, fresh):
    weights = {**WEIGHTS, "price": 35, "company": 5}
    with pytest.raises(SelectionError, match="over its cap of 30 %"):
        services.weights_set(by=demo["sel.senior"], rollout=fresh, **weights)
    assert Weighting.objects.get(rollout=fresh).price == 20


def test_only_the_senior_seat_sets_the_weights(demo, fresh):
    with pytest.raises(SelectionError, match="Only the senior"):
        services.weights_set(by=demo["sel.finance"], rollout=fresh, **WEIGHTS)


def test_the_weights_are_locked_once_scoring_opens(demo, fresh):
    services.scoring_open_now(by=demo["sel.senior"], rollout=fresh)
    assert Weighting.objects.get(rollout=fresh).locked_by == demo["sel.senior"]
    with pytest.raises(SelectionError, match="locked"):
        services.weights_set(by=demo["sel.senior"], rollout=fresh, **WEIGHTS)


def a_criterion(demo, crm, username):
    return services.criteria_for(demo[username], crm).first()


@pytest.mark.parametrize("score", [0, 6])
def test_a_score_outside_the_guide_is_refused(demo, fresh, score):
    services.scoring_open_now(by=demo["sel.senior"], rollout=fresh)
    vendor = Vendor.objects.filter(rollout=fresh).earliest("pk")
    with pytest.raises(SelectionError, match="from 1 to 5"):
        services.score_save(
            by=demo["sel.it"], vendor=vendor, criterion=a_criterion(demo, fresh, "sel.it"),
            score=score, comment="x",
        )  # fmt: skip


def test_each_score_needs_a_comment(demo, fresh):
    services.scoring_open_now(by=demo["sel.senior"], rollout=fresh)
    vendor = Vendor.objects.filter(rollout=fresh).earliest("pk")
    with pytest.raises(SelectionError, match="comment"):
        services.score_save(
            by=demo["sel.it"], vendor=vendor, criterion=a_criterion(demo, fresh, "sel.it"),
            score=3, comment=" ",
        )  # fmt: skip


def test_a_member_scores_only_their_seats_criteria(demo, fresh):
    services.scoring_open_now(by=demo["sel.senior"], rollout=fresh)
    vendor = Vendor.objects.filter(rollout=fresh).earliest("pk")
    with pytest.raises(SelectionError, match="your seat"):
        services.score_save(
            by=demo["sel.it"], vendor=vendor, criterion=a_criterion(demo, fresh, "sel.finance"),
            score=3, comment="x",
        )  # fmt: skip


def test_nobody_scores_before_scoring_opens(demo, fresh):
    vendor = Vendor.objects.filter(rollout=fresh).earliest("pk")
    with pytest.raises(SelectionError, match="not opened"):
        services.score_save(
            by=demo["sel.it"], vendor=vendor, criterion=a_criterion(demo, fresh, "sel.it"),
            score=3, comment="x",
        )  # fmt: skip


def test_a_second_submission_is_refused_and_scores_are_final(demo, crm):
    # In the demo every seat has submitted already.
    with pytest.raises(SelectionError, match="already submitted"):
        services.scores_submit(by=demo["sel.it"], rollout=crm)
    score = Score.objects.filter(member=demo["sel.it"]).earliest("pk")
    with pytest.raises(SelectionError, match="final"):
        services.score_save(
            by=demo["sel.it"], vendor=score.vendor, criterion=score.criterion, score=1, comment="x"
        )


def test_the_senior_seat_reopens_with_a_recorded_reason(demo, crm):
    submission = services.scores_reopen(
        by=demo["sel.senior"], rollout=crm, member=demo["sel.it"], reason="Missed a demo"
    )
    assert (submission.reopened_by, submission.reopen_reason) == (
        demo["sel.senior"],
        "Missed a demo",
    )
    assert not services.has_submitted(demo["sel.it"], crm)


def test_an_incomplete_scorecard_cannot_be_submitted(demo, fresh):
    Score.objects.filter(member=demo["sel.it"]).delete()
    with pytest.raises(SelectionError, match="Score every vendor"):
        services.scores_submit(by=demo["sel.it"], rollout=fresh)


def test_nobody_sees_results_before_submitting_their_own(demo, crm):
    services.scores_reopen(by=demo["sel.senior"], rollout=crm, member=demo["sel.it"], reason="x")
    assert not selectors.may_see_results(demo["sel.it"], crm)
    assert selectors.may_see_results(demo["sel.users"], crm)  # submitted
    assert not selectors.may_see_results(demo["member1"], crm)  # scoring not closed now


def test_no_recommendation_before_every_seat_submitted(demo, crm):
    services.scores_reopen(by=demo["sel.senior"], rollout=crm, member=demo["sel.it"], reason="x")
    vendor = Vendor.objects.filter(rollout=crm).earliest("pk")
    with pytest.raises(SelectionError, match="every seat"):
        services.recommend(by=demo["sel.senior"], rollout=crm, vendor=vendor, reasoning="Fit")


def test_only_finance_edits_the_cost_benefit_and_no_cost_is_negative(demo, crm):
    vendor = Vendor.objects.filter(rollout=crm).earliest("pk")
    with pytest.raises(SelectionError, match="Only the finance"):
        services.cost_benefit_save(by=demo["sel.it"], vendor=vendor, training=Decimal("1"))
    with pytest.raises(SelectionError, match="cannot be negative"):
        services.cost_benefit_save(by=demo["sel.finance"], vendor=vendor, training=Decimal("-1"))


def test_only_negotiators_keep_the_log(demo, crm):
    vendor = Vendor.objects.filter(rollout=crm).earliest("pk")
    with pytest.raises(SelectionError, match="Only the negotiator"):
        services.negotiation_add(by=demo["sel.finance"], vendor=vendor, kind="offer", text="x")


def test_the_final_offer_feeds_the_cost_benefit(demo, crm):
    rows = {r.vendor.name: r for r in selectors.cost_benefit_rows(rollout=crm)}
    huayun = rows["Huayun CRM · 华云CRM"]
    assert huayun.final_offer
    assert huayun.yearly_cost == Decimal("1620") * 80


def test_the_ranking_is_not_the_price_ranking(crm):
    ranking = [r.vendor.name for r in selectors.results(rollout=crm).vendors]
    assert ranking[0] == "Huayun CRM · 华云CRM"
    assert ranking[-1] == "QuickCRM · 快客CRM"  # the cheapest, weak on service


def test_the_sensitivity_says_how_far_the_price_weight_must_move(crm):
    assert "would have to rise by" in selectors.results(rollout=crm).sensitivity


def test_the_spread_shows_where_members_disagree(crm):
    top = selectors.results(rollout=crm).disagreements[0]
    assert top.spread >= 1


def test_the_recommendation_reaches_the_selection_gate(crm):
    from rollout.models import Gate
    from rollout.selectors.evidence import evidence_pack

    pack = evidence_pack(gate=Gate.objects.get(rollout=crm, key="select"))
    assert pack.selection is not None
    assert pack.selection.vendor == "Huayun CRM · 华云CRM"
