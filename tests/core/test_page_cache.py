"""The page cache (rollout/page_cache.py) is never stale: a write through a service shows on
the very next request, for this reader and for another one reading the cache another
request filled; with the cache server down the page is still served."""

import socket
from datetime import timedelta
from decimal import Decimal

import pytest
import redis
from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone, translation

from core.pagination import page_asked
from gates import services as gate_services
from gates.models import Gate
from rollout import page_cache
from staffing import services as staffing
from tests.query_counts import exactly
from tests.staffing.test_staffing_pages import HEATMAP_CACHED_QUERIES
from tests.work.test_work_pages_queries import BOARD_CACHED_QUERIES, PROGRESS_CACHED_QUERIES
from work import services as work
from work.board_figures import reader_key
from work.task_filters import TaskFilter

# The gate page from the cache for a middle manager: the page's own queries and the data
# version (tests.gates.test_gate_engagement counts the executive's, whose decision and
# criterion forms read their choices too).
GATE_CACHED_QUERIES_FOR_A_MANAGER = 11


@pytest.fixture
def gate(crm) -> Gate:
    return Gate.objects.get(rollout=crm, key="select")


def _log(demo, task, hours: str) -> None:
    work.task_log_create(
        by=demo["member1"],
        task=task,
        work_date=timezone.localdate(),
        hours=Decimal(hours),
        progress=10,
    )


def _logged_by_department(response, department_id: int) -> Decimal:
    rows = response.context["departments"]
    return Decimal(next(row.hours_logged for row in rows if row.department.pk == department_id))


def _fulfilment_logged(response) -> Decimal:
    return Decimal(response.context["pack"].fulfilment.rollout.total.logged)


def test_the_tests_share_a_redis_cache_as_nodes_do():
    """The freshness tests below are about the cache every node shares."""
    if not settings.CACHES["default"]["BACKEND"].endswith("RedisCache"):
        pytest.skip("REDIS_URL is not set: the cache is the process's own")
    cache.set("page-cache-probe", 1, 5)
    assert cache.get("page-cache-probe") == 1


def test_logged_hours_show_on_the_progress_page_at_once(client, demo, crm, member1_task):
    url = reverse("work:progress", args=[crm.pk])
    client.force_login(demo["ceo"])
    before = _logged_by_department(client.get(url), member1_task.department_id)
    client.get(url)  # now from the cache
    _log(demo, member1_task, "3")
    after = _logged_by_department(client.get(url), member1_task.department_id)
    assert after == before + Decimal("3")


def test_a_second_reader_is_served_from_the_cache_and_sees_the_write(
    client, demo, crm, member1_task
):
    """Two people, as on two nodes: the second reads what the first's request cached (in
    the cache's query count), and after a write both read the new figures."""
    url = reverse("work:progress", args=[crm.pk])
    other = Client()
    client.force_login(demo["ceo"])
    other.force_login(demo["sales.manager"])
    other.get(url)  # the session and content types, not the page's figures
    before = _logged_by_department(client.get(url), member1_task.department_id)
    with exactly(PROGRESS_CACHED_QUERIES):
        assert _logged_by_department(other.get(url), member1_task.department_id) == before
    _log(demo, member1_task, "2")
    assert _logged_by_department(other.get(url), member1_task.department_id) == before + 2
    assert _logged_by_department(client.get(url), member1_task.department_id) == before + 2


def test_a_recommendation_shows_on_the_gate_at_once(client, demo, crm, gate):
    url = reverse("gates:gate_detail", args=[crm.pk, gate.pk])
    client.force_login(demo["ceo"])
    client.get(url)
    assert "Ready when sales is" not in client.get(url).content.decode()
    gate_services.recommendation_add(
        by=demo["it.manager"], gate=gate, advice="go", reason="Ready when sales is"
    )
    assert "Ready when sales is" in client.get(url).content.decode()


def test_logged_hours_change_the_gates_fulfilment_for_another_reader(
    client, demo, crm, gate, member1_task
):
    url = reverse("gates:gate_detail", args=[crm.pk, gate.pk])
    other = Client()
    client.force_login(demo["ceo"])
    other.force_login(demo["it.manager"])
    other.get(url)
    before = _fulfilment_logged(client.get(url))
    with exactly(GATE_CACHED_QUERIES_FOR_A_MANAGER):
        assert _fulfilment_logged(other.get(url)) == before
    _log(demo, member1_task, "4")
    assert _fulfilment_logged(other.get(url)) == before + 4


def test_a_decision_shows_on_the_gate_and_moves_the_fingerprint(client, demo, crm, gate):
    url = reverse("gates:gate_detail", args=[crm.pk, gate.pk])
    client.force_login(demo["ceo"])
    first = client.get(url).context["pack"]
    criterion = gate.criteria.exclude(confirmer=None).first()
    assert criterion is not None
    gate_services.criterion_confirm(by=criterion.confirmer, criterion=criterion)
    second = client.get(url).context["pack"]
    assert second.fingerprint != first.fingerprint
    assert next(s.met for s in second.criteria if s.criterion.pk == criterion.pk)


def test_with_the_cache_server_down_the_page_is_served(client, demo, crm, gate, member1_task):
    down = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        }
    }
    url = reverse("gates:gate_detail", args=[crm.pk, gate.pk])
    client.force_login(demo["ceo"])
    with override_settings(CACHES=down):
        with pytest.raises(redis.exceptions.ConnectionError):
            cache.get("anything")
        before = _fulfilment_logged(client.get(url))
        _log(demo, member1_task, "1")
        response = client.get(url)
    assert response.status_code == 200
    assert _fulfilment_logged(response) == before + 1


def test_a_cache_server_that_never_answers_does_not_hold_the_page(client, demo, crm):
    """A socket that takes the connection and says nothing: the client's timeout gives up
    on it and the page is computed (the settings make that a second; not asserted here,
    since a test must not depend on how busy the machine is)."""
    if not settings.CACHES["default"]["BACKEND"].endswith("RedisCache"):
        pytest.skip("REDIS_URL is not set: the cache is the process's own")
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        port = silent.getsockname()[1]
        hanging = {
            "default": {**settings.CACHES["default"], "LOCATION": f"redis://127.0.0.1:{port}/0"}
        }
        client.force_login(demo["ceo"])
        with override_settings(CACHES=hanging):
            response = client.get(reverse("work:progress", args=[crm.pk]))
    assert response.status_code == 200
    assert response.context["departments"]


def test_the_key_holds_the_version_the_reader_the_language_and_the_day(crm, time_machine):
    keys = {page_cache.cache_key(crm.pk, 1, "progress", "all")}
    keys.add(page_cache.cache_key(crm.pk, 2, "progress", "all"))
    keys.add(page_cache.cache_key(crm.pk, 1, "progress", "person-7"))
    with translation.override("zh-hans"):
        keys.add(page_cache.cache_key(crm.pk, 1, "progress", "all"))
    time_machine.move_to(timezone.now() + timedelta(days=1))
    keys.add(page_cache.cache_key(crm.pk, 1, "progress", "all"))
    assert len(keys) == 5
    assert all(key.endswith(page_cache.code_version()) for key in keys)


def _claims_and_status(response, task) -> tuple[int, str]:
    shown = {t.pk: t.status for t in response.context["tasks"]}
    return response.context["claims_count"], shown[task.pk]


def test_a_claim_shows_on_the_board_at_once(client, demo, crm, member1_task):
    url = reverse("work:board", args=[crm.pk])
    client.force_login(demo["sales.manager"])
    claims, status = _claims_and_status(client.get(url), member1_task)
    with exactly(BOARD_CACHED_QUERIES):
        client.get(url)  # now from the cache
    assert status != "claimed"
    work.task_claim_done(by=demo["member1"], task=member1_task)
    assert _claims_and_status(client.get(url), member1_task) == (claims + 1, "claimed")


def test_a_second_reader_of_the_board_is_served_from_the_cache_and_sees_the_write(
    client, demo, crm, member1_task
):
    """The same manager on two nodes (two sessions): the second reads the board the
    first's request cached, in the cache's query count; after a claim both see it."""
    url = reverse("work:board", args=[crm.pk])
    other = Client()
    client.force_login(demo["sales.manager"])
    other.force_login(demo["sales.manager"])
    other.get(reverse("work:progress", args=[crm.pk]))  # the session, not the board
    claims, _ = _claims_and_status(client.get(url), member1_task)
    with exactly(BOARD_CACHED_QUERIES):
        assert _claims_and_status(other.get(url), member1_task)[0] == claims
    work.task_claim_done(by=demo["member1"], task=member1_task)
    assert _claims_and_status(other.get(url), member1_task) == (claims + 1, "claimed")
    assert _claims_and_status(client.get(url), member1_task) == (claims + 1, "claimed")


def test_the_boards_key_holds_the_departments_the_filters_and_the_page(demo):
    sales = demo["member1"].department
    keys = {
        reader_key(department_ids={1, 2}, filters=TaskFilter(), kanban=False, page=None),
        reader_key(department_ids={1}, filters=TaskFilter(), kanban=False, page=None),
        reader_key(
            department_ids={1, 2}, filters=TaskFilter(status="open"), kanban=False, page=None
        ),
        reader_key(
            department_ids={1, 2}, filters=TaskFilter(department=sales), kanban=False, page=None
        ),
        reader_key(department_ids={1, 2}, filters=TaskFilter(sort="due"), kanban=False, page=None),
        reader_key(department_ids={1, 2}, filters=TaskFilter(), kanban=True, page=None),
        reader_key(department_ids={1, 2}, filters=TaskFilter(), kanban=False, page="2"),
    }
    assert len(keys) == 7
    # what the filters ignored, and the order the departments came in, do not matter
    assert reader_key(
        department_ids={2, 1}, filters=TaskFilter(ignored=["status"]), kanban=False, page=None
    ) == reader_key(department_ids={1, 2}, filters=TaskFilter(), kanban=False, page=None)


def test_the_page_asked_is_keyed_as_the_paginator_reads_it(db):
    """Junk page numbers share page 1's entry (and those below 1 the last page's), so they
    do not each keep a copy; what each one is shown is what the paginator gives it."""
    paginator = Paginator(list(range(100)), 25)
    for asked in [None, "", "abc", "1", "01", "2", "0", "-3", "9"]:
        key = page_asked(asked)
        shown = paginator.get_page(asked).number
        assert shown == (paginator.num_pages if key == "last" else min(int(key), 4))
    assert len({page_asked(p) for p in [None, "", "abc", "1", "01"]}) == 1


def test_a_manager_never_reads_the_board_another_department_cached(client, demo, crm):
    """The executive's board (every department) is cached first; the sales manager's is
    their department's own."""
    url = reverse("work:board", args=[crm.pk])
    client.force_login(demo["ceo"])
    everyone = {t.department_id for t in client.get(url).context["tasks"]}
    client.force_login(demo["sales.manager"])
    mine = {t.department_id for t in client.get(url).context["tasks"]}
    assert len(everyone) > 1
    assert mine == {demo["sales.manager"].department_id}


def _committed_this_week(response, person) -> Decimal:
    row = next(r for r in response.context["rows"] if r.person.pk == person.pk)
    return Decimal(row.cells[0].committed)


@pytest.fixture
def pilot(demo, pilot):
    """The pilot, where the head of Sales is named its manager too (by an administrator),
    so Sales is asked for people in two rollouts."""
    from roles import services as roles
    from roles.models import Role

    sales = demo["sales.manager"].department
    roles.role_assign(
        by=demo["admin"], rollout=pilot, person=demo["sales.manager"], role=Role.MANAGER,
        department=sales,
    )  # fmt: skip
    return pilot


def _commit_this_week(demo, rollout, executive: str, hours: str) -> None:
    """Sales is asked for hours from today in `rollout` by its executive; its manager
    names member1."""
    today = timezone.localdate()
    request = staffing.staffing_request_create(
        by=demo[executive], rollout=rollout, department=demo["sales.manager"].department,
        purpose="testing", hours_per_week=Decimal(hours), start_date=today,
        end_date=today + timedelta(days=30),
    )  # fmt: skip
    staffing.staffing_answer(
        by=demo["sales.manager"], request=request, people=[(demo["member1"], Decimal(hours))]
    )


def test_a_commitment_in_another_rollout_shows_on_the_heatmap_at_once(client, demo, crm, pilot):
    """The heatmap counts hours committed in every rollout: a commitment made in the pilot
    shows on the CRM's heatmap on the very next request."""
    url = reverse("staffing:capacity", args=[crm.pk])
    client.force_login(demo["sales.manager"])
    before = _committed_this_week(client.get(url), demo["member1"])
    with exactly(HEATMAP_CACHED_QUERIES):
        client.get(url)  # now from the cache
    _commit_this_week(demo, pilot, "pilot.lead", "3")
    assert _committed_this_week(client.get(url), demo["member1"]) == before + 3


def test_a_second_reader_of_the_heatmap_is_served_from_the_cache_and_sees_the_write(
    client, demo, crm, pilot
):
    """The executive reads the sales heatmap through the CRM, the sales manager (another
    node) through the pilot: the same figures, so the second reads what the first cached;
    a commitment in the CRM then shows on the pilot's heatmap too."""
    sales = demo["sales.manager"].department
    on_crm = reverse("staffing:capacity", args=[crm.pk]) + f"?department={sales.pk}"
    on_pilot = reverse("staffing:capacity", args=[pilot.pk]) + f"?department={sales.pk}"
    other = Client()
    client.force_login(demo["ceo"])
    other.force_login(demo["sales.manager"])
    other.get(reverse("gates:home"))  # its session, on a page that fills no heatmap entry
    before = _committed_this_week(client.get(on_crm), demo["member1"])
    with exactly(HEATMAP_CACHED_QUERIES):
        assert _committed_this_week(other.get(on_pilot), demo["member1"]) == before
    _commit_this_week(demo, crm, "ceo", "2")
    assert _committed_this_week(other.get(on_pilot), demo["member1"]) == before + 2
    assert _committed_this_week(client.get(on_crm), demo["member1"]) == before + 2


def test_every_version_changes_with_any_rollout(crm, pilot):
    from django.db.models import F

    from rollout.models import Rollout

    first = page_cache.every_version()
    assert page_cache.every_version() == first
    Rollout.objects.filter(pk=pilot.pk).update(updated_at=F("updated_at"))
    second = page_cache.every_version()
    assert second != first
    Rollout.objects.filter(pk=crm.pk).update(updated_at=F("updated_at"))
    assert page_cache.every_version() not in {first, second}
