"""The Goal page: what each person sees and may do, forms refused with what was typed, the
chart and the history, Chinese, and a fixed number of queries at 10 and 200 targets."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from goals.models import GoalTarget, TargetActual
from tests.goals.goal_data import lead_to_order
from tests.query_counts import get_page

pytestmark = pytest.mark.django_db


def goal_url(rollout) -> str:
    return reverse("goals:goal", args=[rollout.pk])


def text_of(client, person, url, **headers) -> str:
    client.force_login(person)
    response = client.get(url, **headers)
    assert response.status_code == 200
    return str(response.content.decode())


def test_every_person_of_the_rollout_reads_the_targets_and_their_values(client, demo, crm):
    text = text_of(client, demo["member1"], goal_url(crm))
    assert "Lead-to-order time" in text
    assert 'class="chart-dot"' in text
    assert "lower is better" in text
    assert 'id="target-form"' not in text  # only the executive sets targets
    assert "actual-form" not in text  # member1 owns no target


def test_the_owner_gets_a_form_for_their_own_target_only(client, demo, crm):
    text = text_of(client, demo["sales.manager"], goal_url(crm))
    own = lead_to_order(crm)
    assert reverse("goals:actual_new", args=[crm.pk, own.pk]) in text
    assert text.count('class="actual-form"') == 1


def test_the_executive_gets_every_form(client, demo, crm):
    text = text_of(client, demo["ceo"], goal_url(crm))
    assert 'id="goal-form"' in text and 'id="target-form"' in text
    assert text.count('class="actual-form"') == 3


def test_the_tab_is_in_every_persons_rollout_navigation(client, demo, crm):
    text = text_of(client, demo["sel.it"], reverse("gates:rollout_detail", args=[crm.pk]))
    assert f'href="{goal_url(crm)}"' in text


def test_the_executive_changes_the_goal_and_the_history_shows_both(client, demo, crm):
    client.force_login(demo["ceo"])
    old = crm.goal
    response = client.post(
        reverse("goals:goal_text", args=[crm.pk]), {"goal": "Ten-day lead-to-order."}
    )
    assert response.status_code == 302
    text = text_of(client, demo["ceo"], goal_url(crm))
    assert "Ten-day lead-to-order." in text
    assert f"<del>{old[:20]}" in text


def test_a_refused_target_keeps_what_was_typed(client, demo, crm):
    client.force_login(demo["ceo"])
    typed = {
        "measure": "Quote turnaround",
        "unit": "hours",
        "baseline": "48",
        "target": "48",
        "due_date": (timezone.localdate() + timedelta(days=30)).isoformat(),
        "owner": demo["member2"].pk,
    }
    response = client.post(reverse("goals:target_new", args=[crm.pk]), typed)
    text = response.content.decode()
    assert response.status_code == 400
    assert "The target value equals the baseline" in text
    assert 'value="Quote turnaround"' in text
    assert not GoalTarget.objects.filter(measure="Quote turnaround").exists()


def test_a_refused_value_keeps_what_was_typed_in_its_own_row(client, demo, crm):
    target = lead_to_order(crm)
    client.force_login(demo["sales.manager"])
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(
        reverse("goals:actual_new", args=[crm.pk, target.pk]),
        {f"t{target.pk}-as_of": tomorrow, f"t{target.pk}-value": "12.5"},
    )
    text = response.content.decode()
    assert response.status_code == 400
    assert "The date is in the future" in text
    assert f'value="{tomorrow}"' in text and 'value="12.5"' in text


def test_a_recorded_value_shows_in_the_table_and_the_chart(client, demo, crm):
    target = lead_to_order(crm)
    client.force_login(demo["sales.manager"])
    day = timezone.localdate().isoformat()
    response = client.post(
        reverse("goals:actual_new", args=[crm.pk, target.pk]),
        {f"t{target.pk}-as_of": day, f"t{target.pk}-value": "13.5"},
    )
    assert response.status_code == 302
    text = text_of(client, demo["sales.manager"], goal_url(crm))
    assert f"<title>{day}: 13.5</title>" in text
    assert "68 %" in text  # 7.5 of the 11 days from 21 to 10


def test_the_edit_page_changes_the_target(client, demo, crm):
    target = lead_to_order(crm)
    url = reverse("goals:target_edit", args=[crm.pk, target.pk])
    assert 'value="21"' in text_of(client, demo["ceo"], url)
    data = {
        "measure": target.measure,
        "unit": target.unit,
        "baseline": "21",
        "target": "9",
        "due_date": target.due_date.isoformat(),
        "owner": target.owner_id,
    }
    assert client.post(url, data).status_code == 302
    assert GoalTarget.objects.get(pk=target.pk).target == Decimal("9")


def test_the_page_is_in_chinese_for_a_chinese_reader(client, demo, crm):
    text = text_of(client, demo["ceo"], goal_url(crm), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "可衡量的指标" in text and "越低越好" in text
    assert "Measurable targets" not in text


def many_targets(demo, crm, count: int) -> None:
    """`count` targets in all, each with three values."""
    GoalTarget.objects.filter(rollout=crm).delete()
    due = timezone.localdate() + timedelta(days=200)
    targets = GoalTarget.objects.bulk_create(
        GoalTarget(
            rollout=crm, measure=f"Measure {n}", unit="%", baseline=Decimal(10), target=Decimal(50),
            due_date=due, owner=demo["sales.manager"],
        )
        for n in range(count)
    )  # fmt: skip
    TargetActual.objects.bulk_create(
        TargetActual(
            target=target, value=Decimal(10 + k), as_of=due - timedelta(days=300 - k),
            recorded_by=demo["sales.manager"],
        )
        for target in targets
        for k in range(3)
    )  # fmt: skip


# The session and its user, the rollout and the person's permissions on it (the tabs share
# them), the targets and their values, the history's four reads (the goal's words,
# targets, values, the owners named), the unread notifications and My work's count in the
# navigation bar, and the people of the new-target form.
GOAL_PAGE_QUERIES = 13


@pytest.mark.parametrize("count", [10, 200])
def test_the_page_costs_the_same_queries_for_10_or_200_targets(client, demo, crm, count):
    many_targets(demo, crm, count)
    client.force_login(demo["ceo"])
    get_page(client, goal_url(crm), GOAL_PAGE_QUERIES)
