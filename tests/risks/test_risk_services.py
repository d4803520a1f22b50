"""The register's services: who may add, edit and review, what bad input is refused with,
the starting entries in both languages, and the one rule of what is high."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from risks import selectors, services
from risks.models import Risk, RiskReview
from risks.policies import HIGH_SCORE, is_high, only_high
from risks.services import RiskError, RiskNotAllowed
from tests.factories import UserFactory
from tests.risks.risk_data import add_risk, update

pytestmark = pytest.mark.django_db


# --- adding ---------------------------------------------------------------------------------


def test_it_lets_the_executive_and_a_manager_add_a_risk(demo, crm):
    add_risk(crm, demo["ceo"], demo["member1"])
    add_risk(crm, demo["sales.manager"], demo["sales.manager"], title="Branches resist")
    assert (
        Risk.objects.filter(
            rollout=crm, created_by__in=[demo["ceo"], demo["sales.manager"]]
        ).count()
        >= 2
    )


@pytest.mark.parametrize("who", ["member1", "sel.it"])
def test_it_refuses_a_risk_added_by_someone_else(demo, crm, who):
    with pytest.raises(RiskNotAllowed):
        add_risk(crm, demo[who], demo[who])


def test_it_refuses_an_owner_outside_the_rollout(demo, crm):
    with pytest.raises(RiskError, match="must hold a role"):
        add_risk(crm, demo["ceo"], UserFactory.create())


@pytest.mark.parametrize(("likelihood", "impact"), [(0, 3), (6, 3), (3, 0), (3, 6)])
def test_it_refuses_a_rating_outside_one_to_five(demo, crm, likelihood, impact):
    with pytest.raises(RiskError, match="from 1 to 5"):
        add_risk(crm, demo["ceo"], demo["ceo"], likelihood=likelihood, impact=impact)


def test_it_refuses_a_risk_without_a_title(demo, crm):
    with pytest.raises(RiskError, match="Say what the risk is"):
        add_risk(crm, demo["ceo"], demo["ceo"], title="   ")


def test_the_database_refuses_a_rating_outside_the_scale(demo, crm):
    risk = add_risk(crm, demo["ceo"], demo["ceo"])
    with pytest.raises(IntegrityError), transaction.atomic():
        Risk.objects.filter(pk=risk.pk).update(impact=9)


def test_the_database_refuses_an_unknown_status(demo, crm):
    risk = add_risk(crm, demo["ceo"], demo["ceo"])
    with pytest.raises(IntegrityError), transaction.atomic():
        Risk.objects.filter(pk=risk.pk).update(status="forgotten")


# --- the article's starting entries ---------------------------------------------------------


def test_the_starting_entries_are_added_in_both_languages(demo, pilot):
    (risk,) = services.risks_add_starters(
        by=demo["pilot.lead"], rollout=pilot, keys=["missing_part_time_staff"]
    )
    with translation.override("zh-hans"):
        assert risk.shown_title == "部门兼职人员不到位"
    with translation.override("en"):
        assert risk.shown_title == "Departments do not release their part-time staff"
    assert risk.owner == demo["pilot.lead"]


def test_a_starting_entry_is_not_added_twice(demo, pilot):
    services.risks_add_starters(by=demo["pilot.lead"], rollout=pilot, keys=["price_only_choice"])
    with pytest.raises(RiskError, match="already in the register"):
        services.risks_add_starters(
            by=demo["pilot.lead"], rollout=pilot, keys=["price_only_choice"]
        )
    assert selectors.starters_taken(rollout=pilot) == {"price_only_choice"}


@pytest.mark.parametrize(
    ("keys", "message"), [([], "Choose at least one"), (["nope"], "no starting entry")]
)
def test_it_refuses_no_choice_or_an_unknown_entry(demo, pilot, keys, message):
    with pytest.raises(RiskError, match=message):
        services.risks_add_starters(by=demo["pilot.lead"], rollout=pilot, keys=keys)


def test_a_member_cannot_add_the_starting_entries(demo, pilot):
    with pytest.raises(RiskNotAllowed):
        services.risks_add_starters(
            by=demo["pilot.member"], rollout=pilot, keys=["price_only_choice"]
        )


# --- editing --------------------------------------------------------------------------------


def test_the_owner_records_the_mitigation(demo, crm):
    risk = add_risk(crm, demo["ceo"], demo["member1"])
    saved = update(risk, demo["member1"], mitigation="Trained a stand-in.", status="mitigated")
    assert (saved.status, saved.mitigation) == ("mitigated", "Trained a stand-in.")


def test_someone_else_cannot_edit_the_risk(demo, crm):
    risk = add_risk(crm, demo["ceo"], demo["member1"])
    with pytest.raises(RiskNotAllowed):
        update(risk, demo["member2"], mitigation="Not mine.")


def test_only_the_executive_hands_a_risk_to_another_owner(demo, crm):
    risk = add_risk(crm, demo["ceo"], demo["member1"])
    with pytest.raises(RiskNotAllowed, match="hands a risk"):
        update(risk, demo["member1"], owner=demo["member2"])
    assert update(risk, demo["ceo"], owner=demo["member2"]).owner == demo["member2"]


@pytest.mark.parametrize("status", ["mitigated", "accepted"])
def test_a_risk_mitigated_or_accepted_says_how(demo, crm, status):
    risk = add_risk(crm, demo["ceo"], demo["member1"])
    with pytest.raises(RiskError, match="needs its mitigation"):
        update(risk, demo["member1"], status=status, mitigation="  ")


def test_an_edited_title_drops_the_other_language(demo, pilot):
    (risk,) = services.risks_add_starters(
        by=demo["pilot.lead"], rollout=pilot, keys=["price_only_choice"]
    )
    # The Chinese form posts the Chinese title back unchanged: both texts stay.
    kept = update(risk, demo["pilot.lead"], title="只凭价格选择系统")
    assert (kept.title, kept.title_zh_hans) == (
        "The system is chosen on price alone",
        "只凭价格选择系统",
    )
    changed = update(risk, demo["pilot.lead"], title="Chosen on the lowest bid")
    assert (changed.title, changed.title_zh_hans) == ("Chosen on the lowest bid", "")


# --- reviews --------------------------------------------------------------------------------


def test_the_executive_records_a_review(demo, crm):
    review = services.risk_review_record(by=demo["ceo"], rollout=crm, note="Gone through.")
    assert selectors.latest_review(rollout=crm) == review


@pytest.mark.parametrize("who", ["sales.manager", "member1", "sel.senior"])
def test_nobody_else_records_a_review(demo, crm, who):
    with pytest.raises(RiskNotAllowed):
        services.risk_review_record(by=demo[who], rollout=crm)
    assert not RiskReview.objects.filter(reviewed_by=demo[who]).exists()


def test_a_review_since_counts_only_what_came_after(demo, crm):
    review = services.risk_review_record(by=demo["ceo"], rollout=crm)
    assert (
        selectors.review_since(rollout=crm, since=review.reviewed_at - timedelta(seconds=1))
        == review
    )
    assert selectors.review_since(rollout=crm, since=review.reviewed_at) is None


# --- what is high ---------------------------------------------------------------------------


@pytest.mark.parametrize(("likelihood", "impact"), [(3, 5), (5, 3), (4, 4), (3, 4), (2, 5), (5, 5)])
def test_high_is_one_rule_in_python_and_in_the_database(demo, pilot, likelihood, impact):
    risk = add_risk(
        pilot, demo["pilot.lead"], demo["pilot.lead"], likelihood=likelihood, impact=impact
    )
    in_database = only_high(Risk.objects.filter(pk=risk.pk)).exists()
    assert (
        is_high(likelihood=likelihood, impact=impact)
        == in_database
        == (likelihood * impact >= HIGH_SCORE)
    )


def test_the_open_high_risks_leave_out_low_and_mitigated_ones(demo, pilot):
    lead = demo["pilot.lead"]
    high = add_risk(pilot, lead, lead, title="High", likelihood=4, impact=4)
    add_risk(pilot, lead, lead, title="Low", likelihood=2, impact=2)
    done = add_risk(pilot, lead, lead, title="Done", likelihood=5, impact=5)
    update(done, lead, status="mitigated", mitigation="Handled.")
    assert selectors.open_high_risks(rollout=pilot) == [high]


def test_the_register_is_sorted_by_score_then_due_date(demo, pilot):
    lead, today = demo["pilot.lead"], timezone.localdate()
    later = add_risk(
        pilot, lead, lead, title="Later", likelihood=3, impact=4, due_date=today + timedelta(days=9)
    )
    top = add_risk(pilot, lead, lead, title="Top", likelihood=5, impact=4)
    sooner = add_risk(pilot, lead, lead, title="Sooner", likelihood=4, impact=3, due_date=today)
    assert list(selectors.register(rollout=pilot)) == [top, sooner, later]
