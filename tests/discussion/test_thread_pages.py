"""The thread on the task, gate and staffing request pages: posting (htmx and plain),
refusals that keep the text, another rollout's ids, and fixed query counts."""

import pytest
from django.urls import reverse
from django.utils import timezone

from discussion import services
from discussion.models import Comment
from gates.models import Gate
from tests.discussion.discussion_data import add_comments, target_for
from tests.gates.test_gate_engagement import EVIDENCE_PACK_CACHED_QUERIES, EVIDENCE_PACK_QUERIES
from tests.query_counts import get_cached_page, get_page
from tests.staffing.staffing_data import new_request
from tests.staffing.test_free_hours import REQUEST_PAGE_QUERIES

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
# The demo task's page (the pinned TASK_PAGE_QUERIES is for a task of tests/work/work_data.py,
# with evidence to list); the thread's own part is two queries.
# + the task's edits (a source of its thread), My work's count in the bar
TASK_PAGE_QUERIES = 21


def comment_url(crm, kind, pk):
    return reverse("discussion:comment_new", args=[crm.pk, kind, pk])


def test_an_htmx_comment_comes_back_in_the_thread(client, demo, crm, member1_task):
    client.force_login(demo["sales.manager"])
    url = comment_url(crm, "task", member1_task.pk)
    response = client.post(url, {"body": "Ready <b>soon</b>?"}, **HTMX)
    text = response.content.decode()
    assert response.status_code == 200
    assert 'id="thread"' in text
    assert "Ready &lt;b&gt;soon&lt;/b&gt;?" in text


def test_a_plain_comment_goes_back_to_it_on_the_page(client, demo, crm, member1_task):
    client.force_login(demo["sales.manager"])
    response = client.post(comment_url(crm, "task", member1_task.pk), {"body": "Noted."})
    comment = Comment.objects.get()
    task_page = reverse("work:task_detail", args=[crm.pk, member1_task.pk])
    assert response["Location"] == f"{task_page}#comment-{comment.pk}"


def test_a_refused_mention_keeps_the_text_and_says_why(client, demo, crm, member1_task):
    client.force_login(demo["sales.manager"])
    body = "@pilot.member please have a look at the fields"
    response = client.post(comment_url(crm, "task", member1_task.pk), {"body": body})
    text = response.content.decode()
    assert response.status_code == 400
    assert "@pilot.member: not on this rollout" in text
    assert f">{body}</textarea>" in text


def test_a_refused_htmx_comment_keeps_the_text_in_the_thread(client, demo, crm, member1_task):
    client.force_login(demo["sales.manager"])
    body = "@nobody look"
    response = client.post(comment_url(crm, "task", member1_task.pk), {"body": body}, **HTMX)
    assert response.status_code == 422
    assert f">{body}</textarea>" in response.content.decode()


def test_the_thread_merges_the_history_and_the_comments_in_time_order(
    client, demo, crm, member1_task
):
    target = target_for(demo["member1"], crm, "task", member1_task.pk)
    add_comments(target, demo["member1"], 1)  # an hour ago, after the demo's logs
    client.force_login(demo["member1"])
    page = client.get(reverse("work:task_detail", args=[crm.pk, member1_task.pk]))
    entries = page.context["thread"].entries
    assert [e.at for e in entries] == sorted(e.at for e in entries)
    assert (entries[0].text, entries[0].comment) == ("Task created", None)
    assert entries[-1].comment is not None


def test_a_late_edit_is_refused_on_the_page_with_the_reason(client, demo, crm, member1_task):
    target = target_for(demo["member1"], crm, "task", member1_task.pk)
    add_comments(target, demo["member1"], 1)
    comment = Comment.objects.get()
    client.force_login(demo["member1"])
    url = reverse("discussion:comment_edit", args=[crm.pk, comment.pk])
    response = client.post(url, {"body": "Changed my mind"}, **HTMX)
    text = response.content.decode()
    assert response.status_code == 422
    assert "can be edited for 15 minutes" in text
    assert ">Changed my mind</textarea>" in text


def test_a_removed_comment_leaves_a_mark(client, demo, crm, member1_task):
    target = target_for(demo["member1"], crm, "task", member1_task.pk)
    add_comments(target, demo["member1"], 1)
    comment = Comment.objects.get()
    client.force_login(demo["member1"])
    client.post(reverse("discussion:comment_remove", args=[crm.pk, comment.pk]))
    page = client.get(reverse("work:task_detail", args=[crm.pk, member1_task.pk]))
    assert "This comment was removed." in page.content.decode()


def test_the_mark_is_in_the_readers_language(client, settings, demo, crm, member1_task):
    target = target_for(demo["member1"], crm, "task", member1_task.pk)
    add_comments(target, demo["member1"], 1)
    services.comment_remove(by=demo["member1"], comment=Comment.objects.get(), target=target)
    client.force_login(demo["member1"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    page = client.get(reverse("work:task_detail", args=[crm.pk, member1_task.pk]))
    assert "此评论已被删除。" in page.content.decode()


def test_a_task_of_another_rollout_is_not_found(client, demo, crm, pilot_task):
    client.force_login(demo["ceo"])  # executive of both rollouts
    response = client.post(comment_url(crm, "task", pilot_task.pk), {"body": "Hello"})
    assert response.status_code == 404
    assert not Comment.objects.exists()


def test_a_comment_of_another_rollout_is_not_found(client, demo, crm, pilot, pilot_task):
    target = target_for(demo["pilot.member"], pilot, "task", pilot_task.pk)
    add_comments(target, demo["pilot.member"], 1)
    comment = Comment.objects.get()
    client.force_login(demo["pilot.member"])
    url = reverse("discussion:comment_remove", args=[crm.pk, comment.pk])
    assert client.post(url).status_code == 404
    assert not Comment.objects.get().is_removed


def test_a_comment_moved_to_another_rollout_by_its_url_is_not_found(
    client, demo, crm, pilot, member1_task
):
    """The pilot's id in the CRM's URL and the CRM's comment in the pilot's: both 404."""
    target = target_for(demo["ceo"], crm, "task", member1_task.pk)
    add_comments(target, demo["ceo"], 1)
    comment = Comment.objects.get()
    client.force_login(demo["ceo"])
    url = reverse("discussion:comment_edit", args=[pilot.pk, comment.pk])
    assert client.post(url, {"body": "x"}).status_code == 404


@pytest.mark.parametrize("count", [10, 200])
def test_the_task_page_keeps_its_query_count(client, demo, crm, member1_task, count):
    target = target_for(demo["member1"], crm, "task", member1_task.pk)
    add_comments(target, demo["sales.manager"], count)
    client.force_login(demo["member1"])
    get_page(client, reverse("work:task_detail", args=[crm.pk, member1_task.pk]), TASK_PAGE_QUERIES)


@pytest.mark.parametrize("count", [10, 200])
def test_the_gate_page_keeps_its_query_count(client, demo, crm, count):
    gate = Gate.objects.get(rollout=crm, key="select")
    add_comments(target_for(demo["ceo"], crm, "gate", gate.pk), demo["member1"], count)
    client.force_login(demo["ceo"])
    get_cached_page(
        client,
        reverse("gates:gate_detail", args=[crm.pk, gate.pk]),
        rollout_id=crm.pk,
        fresh=EVIDENCE_PACK_QUERIES,
        cached=EVIDENCE_PACK_CACHED_QUERIES,
    )


@pytest.mark.parametrize("count", [10, 200])
def test_the_request_page_keeps_its_query_count(client, demo, crm, count):
    request = new_request(demo, crm)
    target = target_for(demo["ceo"], crm, "staffing_request", request.pk)
    add_comments(target, demo["sales.manager"], count)
    client.force_login(demo["sales.manager"])
    url = reverse("staffing:staffing_request", args=[crm.pk, request.pk])
    get_page(client, url, REQUEST_PAGE_QUERIES)


def test_the_mentioned_person_sees_it_under_the_bell(client, demo, crm, member1_task):
    client.force_login(demo["sales.manager"])
    client.post(comment_url(crm, "task", member1_task.pk), {"body": "@member1 look"})
    client.force_login(demo["member1"])
    page = client.get(reverse("notifications:notifications")).content.decode()
    assert "Li Na (李娜) mentioned you in a comment on the task" in page


def test_the_edit_window_is_offered_only_while_open(client, demo, crm, member1_task):
    target = target_for(demo["member1"], crm, "task", member1_task.pk)
    add_comments(target, demo["member1"], 2)
    Comment.objects.filter(pk=Comment.objects.latest("pk").pk).update(created_at=timezone.now())
    client.force_login(demo["member1"])
    page = client.get(reverse("work:task_detail", args=[crm.pk, member1_task.pk]))
    shown = [e.comment for e in page.context["thread"].entries if e.comment]
    assert [s.may_edit for s in shown] == [False, True]
