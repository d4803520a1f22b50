"""The success formula (right people + suitable system + fitting method): the panels' colours
by the stated thresholds, the figures read for a rollout, and the pages and brief showing
them in a fixed number of queries."""

import dataclasses
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from gates import success_formula as formula
from gates.selectors.success_figures import success_figures
from gates.success_formula import SuccessFigures, success_panels
from tests.query_counts import get_page
from tests.work.work_data import add_tasks

GOOD = SuccessFigures(
    fulfilment_percent=90,
    members_reviewed=4,
    members_meeting_qualities=4,
    managers_resisting=0,
    managers_in_friction=0,
    recommended_vendor="Acme",
    recommended_is_top=True,
    lead_points=Decimal("8.0"),
    open_conditions=0,
    overdue_conditions=0,
    core_verified_percent=60,
    other_verified_percent=40,
    unfinished_tasks=100,
    overdue_tasks=2,
    open_high_risks=0,
    overdue_mitigations=0,
)


def colours(**changes):
    return {p.key: p.colour for p in success_panels(dataclasses.replace(GOOD, **changes))}


def test_all_green_when_every_figure_is_within_its_threshold():
    assert colours() == {"people": "green", "system": "green", "method": "green"}


@pytest.mark.parametrize(
    ("changes", "panel", "colour"),
    [
        ({"fulfilment_percent": formula.FULFILMENT_GREEN - 1}, "people", "amber"),
        ({"fulfilment_percent": formula.FULFILMENT_GREEN}, "people", "green"),
        ({"fulfilment_percent": formula.FULFILMENT_RED - 1}, "people", "red"),
        ({"fulfilment_percent": None}, "people", "amber"),
        ({"managers_in_friction": 1}, "people", "amber"),
        ({"managers_resisting": 1}, "people", "red"),
        ({"members_meeting_qualities": 2}, "people", "amber"),  # 50 % < 75 %
        ({"members_reviewed": 0, "members_meeting_qualities": 0}, "people", "green"),
        ({"recommended_vendor": None, "lead_points": None}, "system", "amber"),
        ({"recommended_is_top": False}, "system", "red"),
        ({"lead_points": formula.LEAD_GREEN - Decimal("0.1")}, "system", "amber"),
        ({"open_conditions": 1}, "system", "amber"),
        ({"open_conditions": 1, "overdue_conditions": 1}, "system", "red"),
        ({"core_verified_percent": 30}, "method", "amber"),  # 10 points behind the rest
        ({"core_verified_percent": 10}, "method", "red"),  # 30 points behind
        ({"overdue_tasks": formula.OVERDUE_GREEN + 1}, "method", "amber"),
        ({"overdue_tasks": formula.OVERDUE_RED + 1}, "method", "red"),
        ({"open_high_risks": 1}, "method", "amber"),
        ({"overdue_mitigations": 1}, "method", "red"),
        ({"open_high_risks": None, "overdue_mitigations": None}, "method", "green"),
    ],
)
def test_each_threshold_moves_its_own_panel_only(changes, panel, colour):
    got = colours(**changes)
    assert got[panel] == colour
    assert all(c == "green" for key, c in got.items() if key != panel)


def test_the_figure_that_keeps_a_panel_from_green_is_marked():
    panels = success_panels(dataclasses.replace(GOOD, managers_in_friction=2))
    people = next(p for p in panels if p.key == "people")
    assert [f.concern for f in people.figures] == [False, False, True]


@pytest.mark.django_db
def test_the_figures_of_the_demo_rollout_come_from_its_data(demo, crm):
    from gates.models import Decision, DecisionCondition
    from selection.selectors import recommendation_for_rollout

    figures = success_figures(rollout=crm)
    recommendation = recommendation_for_rollout(rollout=crm)
    assert figures.recommended_vendor == (recommendation.vendor if recommendation else None)
    open_before = figures.open_conditions
    # A standing decision of the demo (the adoption gate's Go).
    decision = Decision.objects.filter(gate__rollout=crm, superseded_by__isnull=True).first()
    assert decision is not None
    DecisionCondition.objects.create(
        decision=decision, text="Train sales", owner=demo["sales.manager"], due_date="2020-01-01"
    )
    after = success_figures(rollout=crm)
    assert after.open_conditions == open_before + 1
    assert after.overdue_conditions >= 1
    assert next(p for p in success_panels(after) if p.key == "system").colour == "red"


@pytest.mark.django_db
@pytest.mark.parametrize("count", [10, 200])
def test_the_overview_shows_the_panels_in_a_fixed_number_of_queries(client, demo, crm, count):
    client.force_login(demo["member1"])
    add_tasks(crm, demo["member1"], count)
    url = reverse("gates:rollout_detail", args=[crm.pk])
    get_page(client, url, OVERVIEW_QUERIES)
    page = client.get(url).content.decode()
    for key in ("people", "system", "method"):
        assert f'data-panel="{key}"' in page


# The page's own 13 and the formula's figures read afresh: fulfilment (4), late work,
# stances, workstreams, the recommendation, the selection's results (4 when there is a
# recommendation), the open high risks, and in one query the open conditions, the
# four-qualities reviews, the overdue mitigations and the vendor chosen at the gate; the
# walls (3).
OVERVIEW_QUERIES = 27


@pytest.mark.django_db
def test_an_overdue_mitigation_turns_the_method_red(demo, crm):
    """The demo CRM holds an overdue risk (its register's own figures, not a copy)."""
    from risks.models import Risk
    from risks.policies import overdue

    figures = success_figures(rollout=crm)
    overdue_count = Risk.objects.filter(rollout=crm).filter(overdue(timezone.localdate())).count()
    assert figures.overdue_mitigations == overdue_count > 0
    assert next(p for p in success_panels(figures) if p.key == "method").colour == "red"


@pytest.mark.django_db
def test_only_each_members_latest_review_counts_for_the_qualities(demo, crm):
    """Reviewed: members with any review; meeting: those whose latest month shows every
    quality at the level or above, whatever their earlier months showed."""
    from work.models import QualityReview

    QualityReview.objects.filter(rollout=crm).delete()
    levels = {"enterprising": 4, "confidence": 4, "responsibility": 4, "meticulousness": 4}
    low = {**levels, "meticulousness": 2}
    reviewer = demo["sales.manager"]

    def review(member: str, month: int, **qualities: int) -> None:
        QualityReview.objects.create(
            rollout=crm,
            member=demo[member],
            reviewer=reviewer,
            period=f"2026-{month:02}-01",
            **qualities,
        )

    review("member1", 1, **levels)
    review("member1", 2, **low)  # fell below: not meeting now
    review("member2", 1, **low)
    review("member2", 2, **levels)  # rose: meeting
    review("member3", 3, **levels)
    figures = success_figures(rollout=crm)
    assert (figures.members_reviewed, figures.members_meeting_qualities) == (3, 2)
