"""The selection's rules: weights, the price cap, blind scoring, submissions, seats."""

from decimal import Decimal

import pytest
from django.db import DatabaseError, IntegrityError, transaction

from selection import selectors, services
from selection.models import Recommendation, Score, ScoreChange, Submission, Vendor, Weighting
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
    services.scoring_open(by=demo["sel.senior"], rollout=fresh)
    assert Weighting.objects.get(rollout=fresh).locked_by == demo["sel.senior"]
    with pytest.raises(SelectionError, match="locked"):
        services.weights_set(by=demo["sel.senior"], rollout=fresh, **WEIGHTS)


def a_criterion(demo, crm, username):
    return services.criteria_for(demo[username], crm).first()


def save_one(by, vendor, criterion, score, comment):
    entry = services.ScoreEntry(vendor, criterion, score, comment)
    return services.scores_save(by=by, rollout=vendor.rollout, entries=[entry])


@pytest.mark.parametrize("score", [0, 6])
def test_a_score_outside_the_guide_is_refused(demo, fresh, score):
    services.scoring_open(by=demo["sel.senior"], rollout=fresh)
    vendor = Vendor.objects.filter(rollout=fresh).earliest("pk")
    with pytest.raises(SelectionError, match="from 1 to 5"):
        save_one(demo["sel.it"], vendor, a_criterion(demo, fresh, "sel.it"), score, "x")


def test_each_score_needs_a_comment(demo, fresh):
    services.scoring_open(by=demo["sel.senior"], rollout=fresh)
    vendor = Vendor.objects.filter(rollout=fresh).earliest("pk")
    with pytest.raises(SelectionError, match="comment"):
        save_one(demo["sel.it"], vendor, a_criterion(demo, fresh, "sel.it"), 3, " ")


def test_a_member_scores_only_their_seats_criteria(demo, fresh):
    services.scoring_open(by=demo["sel.senior"], rollout=fresh)
    vendor = Vendor.objects.filter(rollout=fresh).earliest("pk")
    with pytest.raises(SelectionError, match="your seat"):
        save_one(demo["sel.it"], vendor, a_criterion(demo, fresh, "sel.finance"), 3, "x")


def test_nobody_scores_before_scoring_opens(demo, fresh):
    vendor = Vendor.objects.filter(rollout=fresh).earliest("pk")
    with pytest.raises(SelectionError, match="not opened"):
        save_one(demo["sel.it"], vendor, a_criterion(demo, fresh, "sel.it"), 3, "x")


def test_a_second_submission_is_refused_and_scores_are_final(demo, crm):
    # In the demo every seat has submitted already.
    with pytest.raises(SelectionError, match="already submitted"):
        services.scores_submit(by=demo["sel.it"], rollout=crm)
    score = Score.objects.filter(member=demo["sel.it"]).earliest("pk")
    with pytest.raises(SelectionError, match="final"):
        save_one(demo["sel.it"], score.vendor, score.criterion, 1, "x")


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


@pytest.mark.parametrize("username", ["sel.it", "sel.users", "sel.senior", "ceo", "member1"])
def test_nobody_sees_results_until_every_seat_has_submitted(demo, crm, username):
    """Not even a seat that has submitted (sel.users) or the senior seat: one who saw the
    results could have a colleague's scores reopened to move them."""
    services.scores_reopen(by=demo["sel.senior"], rollout=crm, member=demo["sel.it"], reason="x")
    assert not selectors.may_see_results(demo[username], crm)
    services.scores_submit(by=demo["sel.it"], rollout=crm)
    assert selectors.may_see_results(demo[username], crm)


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
    from gates.models import Gate
    from gates.selectors.evidence_pack import evidence_pack

    pack = evidence_pack(gate=Gate.objects.get(rollout=crm, key="select"))
    assert pack.selection is not None
    assert pack.selection.vendor == "Huayun CRM · 华云CRM"


def test_a_scorecard_is_saved_whole(demo, fresh):
    services.scoring_open(by=demo["sel.senior"], rollout=fresh)
    member = demo["sel.it"]
    cells = [
        services.ScoreEntry(vendor, criterion, 2, f"{vendor} {criterion}")
        for vendor in Vendor.objects.filter(rollout=fresh)
        for criterion in services.criteria_for(member, fresh)
    ]
    services.scores_save(by=member, rollout=fresh, entries=cells)
    saved = Score.objects.filter(member=member, vendor__rollout=fresh)
    assert (saved.count(), {s.score for s in saved}) == (len(cells), {2})


def test_one_refused_entry_saves_nothing(demo, fresh):
    services.scoring_open(by=demo["sel.senior"], rollout=fresh)
    member = demo["sel.it"]
    before = {s.pk: (s.score, s.comment) for s in Score.objects.filter(member=member)}
    vendors = list(Vendor.objects.filter(rollout=fresh))
    criterion = a_criterion(demo, fresh, "sel.it")
    entries = [
        services.ScoreEntry(vendors[0], criterion, 1, "changed"),
        services.ScoreEntry(vendors[1], criterion, 1, " "),  # no comment
    ]
    with pytest.raises(SelectionError) as refused:
        services.scores_save(by=member, rollout=fresh, entries=entries)
    assert refused.value.messages == [
        f"{vendors[1]} · {criterion}: " + "Say why, in a comment, for each score."
    ]
    after = {s.pk: (s.score, s.comment) for s in Score.objects.filter(member=member)}
    assert after == before


def test_another_rollouts_vendor_is_not_scored(demo, fresh, pilot):
    services.scoring_open(by=demo["sel.senior"], rollout=fresh)
    services.selection_setup(rollout=pilot)
    elsewhere = Vendor.objects.create(
        rollout=pilot, name="Elsewhere", price_per_user_year=1, implementation_fee=1
    )
    entry = services.ScoreEntry(elsewhere, a_criterion(demo, fresh, "sel.it"), 3, "x")
    with pytest.raises(SelectionError, match="another rollout"):
        services.scores_save(by=demo["sel.it"], rollout=fresh, entries=[entry])
    assert not Score.objects.filter(vendor=elsewhere).exists()


def test_the_same_cell_twice_counts_once_the_last(demo, fresh):
    services.scoring_open(by=demo["sel.senior"], rollout=fresh)
    vendor = Vendor.objects.filter(rollout=fresh).earliest("pk")
    criterion = a_criterion(demo, fresh, "sel.it")
    entries = [
        services.ScoreEntry(vendor, criterion, 1, "first"),
        services.ScoreEntry(vendor, criterion, 5, "second"),
    ]
    services.scores_save(by=demo["sel.it"], rollout=fresh, entries=entries)
    score = Score.objects.get(member=demo["sel.it"], vendor=vendor, criterion=criterion)
    assert (score.score, score.comment) == (5, "second")


def test_a_rate_is_validated_before_it_is_saved(demo, crm):
    department = demo["sel.finance"].department_id
    with pytest.raises(SelectionError, match="hourly rate cannot be negative"):
        services.rate_set(
            by=demo["sel.finance"], rollout=crm, department_id=department,
            hourly_rate=Decimal("-1"),
        )  # fmt: skip
    with pytest.raises(SelectionError, match="no part in this rollout"):
        services.rate_set(
            by=demo["sel.finance"], rollout=crm, department_id=10**9, hourly_rate=Decimal("1")
        )


def test_a_negative_negotiated_price_is_refused_with_a_message(demo, crm):
    vendor = Vendor.objects.filter(rollout=crm).earliest("pk")
    with pytest.raises(SelectionError, match="Prices cannot be negative"):
        services.negotiation_add(
            by=demo["sel.negotiator"], vendor=vendor, kind="offer", text="x",
            price_per_user_year=Decimal("-1"),
        )  # fmt: skip


def test_a_scored_vendor_or_criterion_cannot_be_deleted(crm):
    from django.db.models import ProtectedError

    score = (
        Score.objects.filter(vendor__rollout=crm)
        .select_related("vendor", "criterion")
        .earliest("pk")
    )
    with pytest.raises(ProtectedError):
        score.vendor.delete()
    with pytest.raises(ProtectedError):
        score.criterion.delete()


def test_the_criteria_are_read_only_in_the_admin(rf, demo):
    from django.contrib import admin

    from selection.models import Criterion

    request = rf.get("/")
    request.user = demo["ceo"]
    criteria = admin.site._registry[Criterion]
    assert not criteria.has_add_permission(request)
    assert not criteria.has_change_permission(request)
    assert not criteria.has_delete_permission(request)


# --- submitting what is on the screen ---------------------------------------------------


@pytest.fixture
def reopened(demo, crm):
    """sel.it's submitted scores reopened by the senior seat."""
    services.scores_reopen(
        by=demo["sel.senior"], rollout=crm, member=demo["sel.it"], reason="Missed a demo"
    )
    return crm


def whole_card(demo, crm, score=2, comment="Seen again"):
    member = demo["sel.it"]
    return [
        services.ScoreEntry(vendor, criterion, score, f"{comment}: {vendor} {criterion}")
        for vendor in Vendor.objects.filter(rollout=crm)
        for criterion in services.criteria_for(member, crm)
    ]


def card_of(member, crm):
    return {
        (s.vendor_id, s.criterion_id): (s.score, s.comment)
        for s in Score.objects.filter(member=member, vendor__rollout=crm)
    }


def test_it_submits_the_card_it_is_given_saved_in_the_same_call(demo, reopened):
    card = whole_card(demo, reopened, score=2)
    services.scores_submit(by=demo["sel.it"], rollout=reopened, entries=card)
    assert card_of(demo["sel.it"], reopened) == {
        (e.vendor.pk, e.criterion.pk): (e.score, e.comment) for e in card
    }
    assert services.has_submitted(demo["sel.it"], reopened)


def test_a_refused_cell_neither_saves_nor_submits_the_card(demo, reopened):
    before = card_of(demo["sel.it"], reopened)
    card = whole_card(demo, reopened, score=2)
    card[-1] = card[-1]._replace(comment=" ")
    with pytest.raises(SelectionError, match="Say why"):
        services.scores_submit(by=demo["sel.it"], rollout=reopened, entries=card)
    assert card_of(demo["sel.it"], reopened) == before
    assert not services.has_submitted(demo["sel.it"], reopened)


def test_a_card_with_a_cell_left_blank_is_not_submitted_though_one_was_saved(demo, reopened):
    """What is on the screen counts: a cell emptied there is not submitted with the score
    saved before."""
    before = card_of(demo["sel.it"], reopened)
    card = whole_card(demo, reopened)
    with pytest.raises(SelectionError, match=rf"first \({len(card) - 1} of {len(card)}\)"):
        services.scores_submit(by=demo["sel.it"], rollout=reopened, entries=card[:-1])
    assert card_of(demo["sel.it"], reopened) == before
    assert not services.has_submitted(demo["sel.it"], reopened)


# --- blind scoring: reopening and its trace ---------------------------------------------


def test_nobody_reopens_their_own_scores(demo, crm):
    with pytest.raises(SelectionError, match="Nobody reopens their own scores"):
        services.scores_reopen(
            by=demo["sel.senior"], rollout=crm, member=demo["sel.senior"], reason="Second look"
        )
    assert services.has_submitted(demo["sel.senior"], crm)


def test_every_score_changed_after_a_reopening_is_kept(demo, reopened):
    member = demo["sel.it"]
    old = Score.objects.filter(member=member, vendor__rollout=reopened).earliest("pk")
    unchanged = (
        Score.objects.filter(member=member, vendor__rollout=reopened).exclude(pk=old.pk).first()
    )
    assert unchanged is not None
    new_score = 1 if old.score != 1 else 5
    services.scores_save(
        by=member,
        rollout=reopened,
        entries=[
            services.ScoreEntry(old.vendor, old.criterion, new_score, "Their demo failed"),
            services.ScoreEntry(
                unchanged.vendor, unchanged.criterion, unchanged.score, unchanged.comment
            ),
        ],
    )
    change = ScoreChange.objects.get()
    reopening = Submission.objects.get(rollout=reopened, member=member)
    assert (change.reopening, change.changed_by, change.vendor, change.criterion) == (
        reopening, member, old.vendor, old.criterion,
    )  # fmt: skip
    assert (change.score_before, change.comment_before) == (old.score, old.comment)
    assert (change.score_after, change.comment_after) == (new_score, "Their demo failed")


def test_each_save_after_a_reopening_is_kept_from_what_it_replaced(demo, reopened):
    member = demo["sel.it"]
    cell = Score.objects.filter(member=member, vendor__rollout=reopened).earliest("pk")
    for score, comment in ((1, "first"), (5, "second")):
        save_one(member, cell.vendor, cell.criterion, score, comment)
    trail = [(c.score_before, c.score_after) for c in ScoreChange.objects.order_by("pk")]
    assert trail == [(cell.score, 1), (1, 5)]


def test_scores_saved_before_any_submission_leave_no_trace(demo, fresh):
    services.scoring_open(by=demo["sel.senior"], rollout=fresh)
    services.scores_save(by=demo["sel.it"], rollout=fresh, entries=whole_card(demo, fresh))
    assert not ScoreChange.objects.exists()


def test_a_refused_save_after_a_reopening_keeps_no_change(demo, reopened):
    card = whole_card(demo, reopened)
    card[-1] = card[-1]._replace(score=9)
    with pytest.raises(SelectionError):
        services.scores_save(by=demo["sel.it"], rollout=reopened, entries=card)
    assert not ScoreChange.objects.exists()


def a_change(demo, crm, **fields):
    score = Score.objects.filter(member=demo["sel.it"], vendor__rollout=crm).earliest("pk")
    values = {
        "reopening": Submission.objects.get(rollout=crm, member=demo["sel.it"]),
        "vendor": score.vendor, "criterion": score.criterion, "changed_by": demo["sel.it"],
        "score_before": 2, "score_after": 4, "comment_before": "a", "comment_after": "b",
        **fields,
    }  # fmt: skip
    return ScoreChange(**values)


@pytest.mark.parametrize(
    "fields",
    [
        {"score_after": 6},
        {"score_before": 0},
        {"score_before": 3, "score_after": 3, "comment_before": "same", "comment_after": "same"},
    ],
    ids=["after-off-the-guide", "before-off-the-guide", "nothing-changed"],
)
def test_the_database_refuses_a_change_that_is_no_change_or_off_the_guide(demo, reopened, fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        a_change(demo, reopened, **fields).save()


def test_a_kept_change_cannot_be_rewritten_even_in_sql(demo, reopened):
    change = a_change(demo, reopened)
    change.save()
    with pytest.raises(DatabaseError), transaction.atomic():
        ScoreChange.objects.filter(pk=change.pk).update(score_before=4)
    assert ScoreChange.objects.get(pk=change.pk).score_before == 2
