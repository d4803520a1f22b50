"""My work's scorecards: a seat's scorecard waits on its holder while scoring is open and
they have not submitted; it leaves as soon as they submit, and waits again when reopened."""

import pytest

from core.waiting import waiting_for
from demo.keys import demo_rollout, demo_rollout_name
from selection import services as selection
from selection.models import Weighting
from tests.waiting_items import waiting

pytestmark = pytest.mark.django_db

SCORECARD = "Your scorecard"


@pytest.fixture
def mobile(demo):
    return demo_rollout("mobile")


def rollouts_scoring(person) -> list[str]:
    return [i.rollout_name for i in waiting_for(person) if i.kind == "scorecard"]


def test_a_scorecard_waits_on_the_seats_that_have_not_submitted(demo, mobile):
    assert rollouts_scoring(demo["sel.it"]) == [demo_rollout_name("mobile")]
    assert rollouts_scoring(demo["sel.finance"]) == []  # submitted on the CRM, no seat here
    assert rollouts_scoring(demo["member1"]) == []


def test_nothing_waits_before_scoring_opens(demo, mobile):
    Weighting.objects.filter(rollout=mobile).update(locked_at=None)
    assert waiting(demo["sel.it"], "scorecard") == []


def test_a_submitted_scorecard_leaves_at_once(demo, mobile):
    selection.scores_submit(by=demo["sel.it"], rollout=mobile)
    assert waiting(demo["sel.it"], "scorecard") == []


def test_a_reopened_scorecard_waits_again(demo, crm):
    selection.scores_reopen(by=demo["sel.senior"], rollout=crm, member=demo["sel.it"], reason="x")
    assert demo_rollout_name("crm") in rollouts_scoring(demo["sel.it"])
