"""The Walls page and its forms, the overview's walls, and the go-live gate's evidence and
brief: what each person sees, a refused form keeping what was typed, and fixed query counts
at 10 and 200 hand-offs and old ways."""

import pytest
from django.urls import reverse
from django.utils import timezone

from gates.brief import brief_html
from gates.models import Gate
from gates.selectors.evidence_pack import evidence_pack
from gates.selectors.gate_figures import gate_figures
from roles.models import Department
from tests.query_counts import get_cached_page, get_page
from tests.work.walls_data import add_walls, lead_to_order
from work.walls import Handoff, HandoffState, OldWayRetirement

pytestmark = pytest.mark.django_db

# The Walls page: the session, its user, the rollout and its access check, the person's
# permissions and managed departments, and four for the workstreams with their departments,
# hand-offs and old ways. The overview: 10 before the walls, 3 for them (two counts and the
# overdue list). The go-live gate: 5 for the walls still standing. Both also show the
# success formula (14 on the overview, read afresh; 5 beside the gate's evidence pack) and
# the gate the risk register's 3.
WALLS_PAGE_QUERIES = 11
OVERVIEW_QUERIES = 27
# + the rollout's data version, which keys the page cache; from the cache, only the page's
# own queries and the version are left.
GO_LIVE_EVIDENCE_QUERIES = 38
GO_LIVE_EVIDENCE_CACHED_QUERIES = 12


def walls_url(rollout) -> str:
    return reverse("work:walls", args=[rollout.pk])


def test_a_member_reads_the_walls_without_the_forms(client, demo, crm):
    client.force_login(demo["member1"])
    text = client.get(walls_url(crm)).content.decode()
    assert "The hand-filled paper order form" in text
    assert reverse("work:handoff_new", args=[crm.pk, lead_to_order(crm).pk]) not in text


def test_a_manager_of_a_crossed_department_gets_the_forms(client, demo, crm):
    client.force_login(demo["sales.manager"])
    text = client.get(walls_url(crm)).content.decode()
    assert reverse("work:handoff_new", args=[crm.pk, lead_to_order(crm).pk]) in text


def test_a_refused_handoff_keeps_what_was_typed(client, demo, crm):
    sales = Department.objects.get(code="sales")
    client.force_login(demo["sales.manager"])
    response = client.post(
        reverse("work:handoff_new", args=[crm.pk, lead_to_order(crm).pk]),
        {
            "from_department": sales.pk,
            "to_department": sales.pk,
            "what": "Typed by the manager",
            "owner": demo["member1"].pk,
            "state": "planned",
        },
    )
    text = response.content.decode()
    assert response.status_code == 400
    assert "A hand-off goes from one department to another." in text
    assert 'value="Typed by the manager"' in text


def test_the_state_picker_moves_a_handoff(client, demo, crm):
    handoff = Handoff.objects.get(workstream=lead_to_order(crm), state=HandoffState.PLANNED)
    client.force_login(demo["sales.manager"])
    url = reverse("work:handoff_state", args=[crm.pk, handoff.pk])
    assert client.post(url, {"state": "agreed"}).status_code == 302
    handoff.refresh_from_db()
    assert handoff.state == HandoffState.AGREED


def test_the_overview_counts_the_walls_and_names_the_overdue_old_way(client, demo, crm):
    client.force_login(demo["member1"])
    text = client.get(reverse("gates:rollout_detail", args=[crm.pk])).content.decode()
    overdue = text[text.index('id="overdue-old-ways"') :]
    assert "Hand-offs running in the CRM: <strong>1</strong> of 3" in text
    assert "Old ways retired: <strong>1</strong> of 4" in text
    assert "Finance re-keying confirmed orders into the ERP" in overdue.split("</ul>")[0]


def go_live(rollout) -> Gate:
    return Gate.objects.get(rollout=rollout, key="go_live")


def test_the_go_live_evidence_lists_the_walls_still_standing(crm):
    pack = evidence_pack(gate=go_live(crm))
    assert pack.walls is not None
    assert {h.state for h in pack.walls.handoffs} == {"planned", "agreed"}
    assert len(pack.walls.old_ways) == 3  # four, one retired


def test_other_gates_leave_the_walls_out(crm):
    assert evidence_pack(gate=Gate.objects.get(rollout=crm, key="select")).walls is None


def test_a_handoff_that_starts_running_changes_the_fingerprint(crm):
    before = evidence_pack(gate=go_live(crm)).fingerprint
    Handoff.objects.filter(workstream=lead_to_order(crm)).update(state=HandoffState.RUNNING)
    after = evidence_pack(gate=go_live(crm))
    assert after.walls is not None
    assert (after.walls.handoffs, after.fingerprint != before) == ([], True)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_brief_lists_the_walls_still_standing(crm, language):
    figures = gate_figures(gate=go_live(crm))
    html = brief_html(
        pack=figures.pack, language=language, fingerprint="f", as_of=timezone.now(),
        figures=figures.success,
    )  # fmt: skip
    heading = {"en": "Walls still standing", "zh-hans": "尚未拆除的墙"}[language]
    assert heading in html
    assert "Each salesperson&#x27;s Excel customer list" in html
    assert "Credit approvals signed on paper" not in html  # retired


def test_the_walls_page_keeps_a_fixed_query_count(client, demo, crm):
    client.force_login(demo["sales.manager"])
    add_walls(crm, demo["member1"], 10)
    get_page(client, walls_url(crm), WALLS_PAGE_QUERIES)
    add_walls(crm, demo["member1"], 190)
    assert OldWayRetirement.objects.filter(workstream__rollout=crm).count() > 200
    get_page(client, walls_url(crm), WALLS_PAGE_QUERIES)


def test_the_overview_keeps_a_fixed_query_count(client, demo, crm):
    url = reverse("gates:rollout_detail", args=[crm.pk])
    client.force_login(demo["ceo"])
    add_walls(crm, demo["member1"], 10)
    get_page(client, url, OVERVIEW_QUERIES)
    add_walls(crm, demo["member1"], 190)
    get_page(client, url, OVERVIEW_QUERIES)


def test_the_go_live_evidence_keeps_a_fixed_query_count(client, demo, crm):
    url = reverse("gates:gate_detail", args=[crm.pk, go_live(crm).pk])
    client.force_login(demo["ceo"])
    counts = {"fresh": GO_LIVE_EVIDENCE_QUERIES, "cached": GO_LIVE_EVIDENCE_CACHED_QUERIES}
    add_walls(crm, demo["member1"], 10)
    get_cached_page(client, url, rollout_id=crm.pk, **counts)
    add_walls(crm, demo["member1"], 190)
    get_cached_page(client, url, rollout_id=crm.pk, **counts)
