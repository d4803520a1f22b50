"""The timeline page: phases and gates with their dates and waiting, tasks with their
"waits for" links and the critical path, in the drawing and in the table; a fixed number
of queries at 10 and 200 tasks; in Chinese too."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from demo.keys import demo_task
from gates.selectors.timeline import LISTED, bar_start, rollout_timeline
from tests.work.work_data import add_tasks, same_queries_at_10_and_200_tasks
from work import services as work

pytestmark = pytest.mark.django_db

TIMELINE_QUERIES = 10  # with My work's count in the navigation bar


def timeline(client, person, rollout):
    client.force_login(person)
    return client.get(reverse("gates:timeline", args=[rollout.pk]))


def between(html: str, start: str, end: str) -> str:
    return html.split(start, 1)[1].split(end, 1)[0]


def test_it_is_the_same_number_of_queries_for_10_and_200_tasks(client, demo, crm):
    client.force_login(demo["member1"])
    url = reverse("gates:timeline", args=[crm.pk])
    same_queries_at_10_and_200_tasks(client, crm, demo["member1"], url, TIMELINE_QUERIES)


def test_the_demo_waiting_for_links_make_the_critical_path(client, demo, crm):
    batch1, batch2 = demo_task(crm, "cleanup_batch1"), demo_task(crm, "cleanup_batch2")
    plan = rollout_timeline(rollout=crm)
    assert [t.pk for t in plan.path_tasks] == [batch1.pk, batch2.pk]  # 24 + 24 hours
    html = timeline(client, demo["member1"], crm).content.decode()
    row = between(html, f'<tr data-task="{batch2.pk}"', "</tr>")
    assert batch1.title in between(row, 'class="waits-for"', "</td>")


def test_the_critical_path_is_marked_in_the_drawing_and_the_table(client, demo, crm):
    member1 = demo["member1"]
    first, second, lone = add_tasks(crm, member1, 3)
    for task, hours in ((first, 30), (second, 30), (lone, 1)):
        type(task).objects.filter(pk=task.pk).update(estimate_hours=Decimal(hours * 10))
    work.task_dependency_add(by=demo["ceo"], task=second, blocker=first)
    html = timeline(client, member1, crm).content.decode()
    assert f'class="task-bar critical" data-task="{first.pk}"' in html
    assert f'class="task-bar critical" data-task="{second.pk}"' in html
    assert f'class="task-bar" data-task="{lone.pk}"' in html
    assert "Yes" in between(html, f'<tr data-task="{second.pk}"', "</tr>")
    path = between(html, 'id="critical-path"', "</p>")
    assert path.index(first.title) < path.index(second.title)


def test_a_waiting_gate_shows_since_when_and_for_how_many_days(client, demo, crm):
    html = timeline(client, demo["ceo"], crm).content.decode()
    row = between(html, '<tr data-gate="select"', "</tr>")  # the demo opened it 3 days ago
    since = (timezone.localdate() - timedelta(days=3)).isoformat()
    assert f"waiting since {since}" in row
    assert re.search(r'class="waiting">3 days\s*<', row)
    assert "waited" in between(html, '<tr data-gate="adopt"', "</tr>")  # decided: how long


def test_the_phase_after_a_decided_gate_starts_on_its_decision(client, demo, crm):
    plan = rollout_timeline(rollout=crm)
    adopt, select = plan.phases[0], plan.phases[1]
    assert adopt.ends is not None and select.starts == adopt.ends
    assert select.ends is None  # still waiting: the phase goes on
    assert all(p.starts is None for p in plan.phases[2:])


def test_a_bar_is_as_long_as_the_estimate_at_8_hours_a_day():
    due = timezone.localdate()
    assert bar_start(due, Decimal("8")) == due
    assert bar_start(due, Decimal("2")) == due
    assert bar_start(due, Decimal("17")) == due - timedelta(days=2)


def test_a_big_rollout_draws_the_first_tasks_and_says_how_many(client, demo, crm):
    add_tasks(crm, demo["member1"], LISTED + 5)
    html = timeline(client, demo["member1"], crm).content.decode()
    assert html.count('<g class="task-bar') == LISTED
    assert "tasks shown: the critical path first" in between(html, 'id="tasks-shown"', "</p>")


def test_the_page_is_in_chinese(client, demo, crm):
    client.force_login(demo["member1"])
    response = client.get(reverse("gates:timeline", args=[crm.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans")
    html = response.content.decode()
    assert "关键路径" in html
    assert "Critical path" not in html


def test_the_tab_leads_to_the_timeline(client, demo, crm):
    client.force_login(demo["member1"])
    html = client.get(reverse("gates:rollout_detail", args=[crm.pk])).content.decode()
    assert reverse("gates:timeline", args=[crm.pk]) in between(html, "rollout-tabs", "</ul>")


def test_labels_sit_at_their_fractional_positions_not_cut_to_integers(client, demo, crm):
    """Each month's label is 2 to the right of its line, today's 3 (the template writes
    positions computed in Python: its add filter would drop their fractions). Among a dozen
    lines at least one falls between whole pixels, so the old template fails this."""
    html = timeline(client, demo["member1"], crm).content.decode()
    ticks = re.findall(r'<line x1="([\d.]+)" y1="14"[^>]*#dee2e6"/>\s*<text x="([\d.]+)"', html)
    today = re.search(r'<line x1="([\d.]+)"[^>]*#6f42c1"[^>]*/>\s*<text x="([\d.]+)"', html)
    assert today is not None
    pairs = [(float(line), float(label), 2) for line, label in ticks]
    pairs.append((float(today[1]), float(today[2]), 3))
    assert len(pairs) > 2
    assert any(line != int(line) for line, _label, _offset in pairs)
    for line, label, offset in pairs:
        assert label == pytest.approx(line + offset)
