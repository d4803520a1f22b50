"""The selection journey: the IT seat scores the three vendors without seeing anyone's
scores, changes a score and submits straight away (the changed score is the one
submitted), sees the ranking, the spread and the changes after the reopening; the senior
seat recommends; the executive sees the recommendation at the selection gate."""

import re

import pytest
from playwright.sync_api import Page, expect

from roles.models import User
from selection import services
from selection.models import Recommendation, Score
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


def test_score_submit_see_results_recommend_and_see_it_at_the_gate(page: Page, site):
    # The demo has every seat submitted; reopen IT's scores and take back the
    # recommendation, so this journey makes them.
    rollout_pk = Recommendation.objects.get().rollout_id
    services.scores_reopen(
        by=User.objects.get(username="sel.senior"),
        rollout=Recommendation.objects.get().rollout,
        member=User.objects.get(username="sel.it"),
        reason="Redo after the second demo",
    )
    Recommendation.objects.all().delete()

    sign_in(page, site, "sel.it")
    page.goto(f"{site}/rollouts/{rollout_pk}/selection/results/")
    expect(page.get_by_role("heading", name="Not allowed")).to_be_visible()  # blind until submitted
    page.goto(f"{site}/rollouts/{rollout_pk}/selection/scorecard/")
    # Only the IT seat's own criteria; nothing another seat scored.
    expect(page.locator("body")).not_to_contain_text("Most cost-effective over five years")
    for select in page.locator("select[name^=score_]").all():
        select.select_option("4")
    for comment in page.locator("input[name^=comment_]").all():
        comment.fill("Checked in our test environment")
    page.get_by_role("button", name="Save scores").click()
    expect(page.get_by_role("status")).to_contain_text("Scores saved")
    # A second thought, and Submit straight away, without Save: the 2 on the screen is
    # what is submitted, not the 4 saved before.
    changed = page.locator("select[name^=score_]").first
    cell = changed.get_attribute("name")
    changed.select_option("2")
    # Final, so it asks first.
    page.locator("#submit-scores > summary").click()
    page.get_by_role("button", name="Yes, submit my scores (final)").click()
    expect(page.get_by_role("status")).to_contain_text("submitted and final")
    _, vendor_pk, criterion_pk = str(cell).split("_")
    submitted = Score.objects.get(
        member__username="sel.it", vendor_id=vendor_pk, criterion_id=criterion_pk
    )
    assert submitted.score == 2
    # Every seat has submitted now, so the results open, with the changes after the
    # reopening beside them: the 4 saved, then the 2 submitted.
    expect(page.locator("#ranking tbody tr")).to_have_count(3)
    changes = page.locator("#reopenings .score-changes tbody tr[data-vendor]")
    expect(changes).not_to_have_count(0)
    expect(changes.last.locator("td.before")).to_contain_text("4")
    expect(changes.last.locator("td.after")).to_contain_text("2")
    # Real spread rows (the table's "nobody disagrees" row has no vendor), largest first,
    # and none where the members agree.
    spread = page.locator("#spread tbody tr[data-vendor]")
    expect(spread).not_to_have_count(0)
    expect(spread.last.locator("td.spread")).not_to_have_text("0.00")
    expect(page.locator("#spread")).not_to_contain_text("No members disagree")
    page.get_by_role("button", name="Log out").click()

    sign_in(page, site, "sel.senior")
    page.goto(f"{site}/rollouts/{rollout_pk}/selection/")
    page.get_by_label("Recommended vendor").select_option(label="Huayun CRM · 华云CRM")
    page.get_by_label("Reasoning").fill("Best fit for lead-to-order, with local service.")
    page.get_by_role("button", name="Recommend", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Recommendation recorded")
    page.get_by_role("button", name="Log out").click()

    sign_in(page, site, "ceo")
    page.locator(".pending-gate").get_by_role("link", name=re.compile("Select the system")).click()
    expect(page.get_by_text("Selection team's recommendation:")).to_contain_text("Huayun CRM")
    expect(page.locator("#criteria")).to_contain_text("The selection team recommends a vendor")
