"""Calendar feeds: the secret addresses, what each feed lists, read back by two iCalendar
libraries (icalendar, which wrote them, and ics), in the reader's language."""

from datetime import date, datetime, timedelta

import ics
import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from feeds.models import FeedKey
from feeds.selectors import decide_by
from feeds.services import feed_key_regenerate
from gates.models import Gate
from rollout.models import Rollout
from tests.database_writes import nothing_written
from tests.query_counts import get_page
from tests.work.work_data import add_tasks
from work.models import Task, TaskStatus

pytestmark = pytest.mark.django_db


def feed(client, url: str) -> Calendar:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events(calendar: Calendar) -> dict[str, dict[str, object]]:
    return {
        str(e["uid"]): {"summary": str(e["summary"]), "start": e.decoded("dtstart")}
        for e in calendar.walk("VEVENT")
    }


def person_url(person) -> str:
    return reverse("feeds:person_feed", args=[feed_key_regenerate(person=person).key])


def test_the_page_offers_to_make_the_addresses_and_writes_nothing_on_get(client, demo):
    client.force_login(demo["member1"])
    with nothing_written("the feeds page"):
        page = client.get(reverse("feeds:feeds")).content.decode()
    assert "Make my calendar addresses" in page
    assert not FeedKey.objects.filter(person=demo["member1"]).exists()
    response = client.post(reverse("feeds:feeds_regenerate"), follow=True)
    key = FeedKey.objects.get(person=demo["member1"]).key
    page = response.content.decode()
    assert "Your calendar addresses are ready" in page
    assert f"/feeds/{key}/me.ics" in page


def test_a_members_feed_shows_their_next_due_task_in_both_libraries(client, demo, crm):
    member = demo["member1"]
    open_tasks = Task.objects.filter(assignees=member).exclude(status=TaskStatus.VERIFIED)
    nearest = open_tasks.order_by("due_date", "pk").first()
    assert nearest is not None
    verified = Task.objects.filter(assignees=member, status=TaskStatus.VERIFIED).first()
    url = person_url(member)
    found = events(feed(client, url))
    assert found[f"task-{nearest.pk}-due@rollout.calendar"] == {
        "summary": f"Due: {nearest.title}",
        "start": nearest.due_date,
    }
    if verified is not None:
        assert f"task-{verified.pk}-due@rollout.calendar" not in found
    assert len([uid for uid in found if uid.startswith("task-")]) == open_tasks.count()
    # A second library reads the same events, on the same days.
    second = ics.Calendar(client.get(url).content.decode())
    by_uid = {e.uid: e for e in second.events}
    assert set(by_uid) == set(found)
    assert by_uid[f"task-{nearest.pk}-due@rollout.calendar"].begin.date() == nearest.due_date


def test_the_executives_feed_shows_the_next_gate_on_the_day_its_decision_is_due(client, demo, crm):
    waiting = Gate.objects.filter(rollout=crm, status=Gate.Status.PENDING).first()
    assert waiting is not None and waiting.opened_at is not None
    due = decide_by([waiting]).get(waiting.pk)
    assert due is not None and due > timezone.localdate(waiting.opened_at)
    found = events(feed(client, person_url(demo["ceo"])))
    assert found[f"gate-{waiting.pk}-decide@rollout.calendar"] == {
        "summary": f"Decide at the gate: {waiting.name}",
        "start": due,
    }
    # A middle manager advises at the same gate: the same day, their own wording.
    advice = events(feed(client, person_url(demo["sales.manager"])))
    assert advice[f"gate-{waiting.pk}-decide@rollout.calendar"]["summary"] == (
        f"Recommend at the gate: {waiting.name}"
    )


def test_the_decide_by_day_counts_working_days_only():
    rollout = Rollout(calendar=None, decision_limit_working_days=5)
    gate = Gate(pk=1, rollout=rollout, status=Gate.Status.PENDING)
    gate.opened_at = timezone.make_aware(datetime(2026, 12, 4, 10))  # a Friday
    assert decide_by([gate]) == {1: date(2026, 12, 11)}  # five weekdays on: the next Friday
    gate.status, gate.decide_again_on = Gate.Status.HELD, date(2027, 1, 5)
    assert decide_by([gate]) == {1: date(2027, 1, 5)}


def test_a_new_address_makes_the_old_one_answer_404_at_once(client, demo):
    old = person_url(demo["member1"])
    assert client.get(old).status_code == 200
    client.force_login(demo["member1"])
    response = client.post(reverse("feeds:feeds_regenerate"), follow=True)
    assert "the old ones no longer work" in response.content.decode()
    assert client.get(old).status_code == 404
    new = reverse("feeds:person_feed", args=[FeedKey.objects.get(person=demo["member1"]).key])
    assert new != old and client.get(new).status_code == 200


def test_an_unknown_key_or_a_disabled_account_answers_404(client, demo):
    assert client.get(reverse("feeds:person_feed", args=["x" * 43])).status_code == 404
    url = person_url(demo["member2"])
    demo["member2"].is_active = False
    demo["member2"].save()
    assert client.get(url).status_code == 404


def test_the_uids_stay_the_same_so_calendars_update_instead_of_adding(client, demo, crm):
    url = person_url(demo["member1"])
    first = set(events(feed(client, url)))
    task = Task.objects.filter(assignees=demo["member1"]).exclude(status="verified").first()
    assert task is not None
    Task.objects.filter(pk=task.pk).update(due_date=task.due_date + timedelta(days=3))
    again = events(feed(client, url))
    assert set(again) == first
    assert again[f"task-{task.pk}-due@rollout.calendar"]["start"] == task.due_date + timedelta(
        days=3
    )


def test_a_rollout_feed_lists_phases_gates_and_holidays_in_the_readers_language(client, demo, crm):
    ceo = demo["ceo"]
    ceo.preferred_language = "zh-hans"
    ceo.save()
    key = feed_key_regenerate(person=ceo).key
    calendar = feed(client, reverse("feeds:rollout_feed", args=[key, crm.pk]))
    summaries = [str(e["summary"]) for e in calendar.walk("VEVENT")]
    assert any(s.startswith("节假日：") or s.startswith("节假日:") for s in summaries), summaries[
        :5
    ]
    assert any(s.startswith("阶段") for s in summaries)
    holiday = next(e for e in calendar.walk("VEVENT") if "春节" in str(e["summary"]))
    assert holiday.decoded("dtstart").year >= 2026
    assert str(calendar["x-wr-timezone"]) == "Asia/Shanghai"


def test_a_rollout_the_person_has_no_role_in_answers_404(client, demo, crm, pilot):
    key = feed_key_regenerate(person=demo["pilot.member"]).key
    assert client.get(reverse("feeds:rollout_feed", args=[key, crm.pk])).status_code == 404
    assert client.get(reverse("feeds:rollout_feed", args=[key, pilot.pk])).status_code == 200


@pytest.mark.parametrize("count", [10, 200])
def test_a_persons_feed_reads_a_fixed_number_of_queries(client, demo, crm, count):
    member = demo["member1"]
    add_tasks(crm, member, count)
    get_page(client, person_url(member), PERSON_FEED_QUERIES)


# The key and its person; the tasks; the commitments; the gates decided and advised on (2);
# the conditions owned. (A person with waiting gates: one more, their calendars' days.)
PERSON_FEED_QUERIES = 6


def test_a_person_removed_from_a_rollout_no_longer_sees_its_dates(client, demo, crm):
    """Their tasks there stay assigned (the history keeps them), but the feed, like the
    pages, shows only the rollouts they can still see: here every grant on the CRM gone
    (their roles ended, no commitment left)."""
    from rollout.models import RolloutUserObjectPermission

    member = demo["member1"]
    url = person_url(member)
    crm_tasks = {
        f"task-{pk}-due@rollout.calendar"
        for pk in Task.objects.filter(rollout=crm).values_list("pk", flat=True)
    }
    assert crm_tasks & set(events(feed(client, url)))
    RolloutUserObjectPermission.objects.filter(user=member, content_object=crm).delete()
    assert not crm_tasks & set(events(feed(client, url)))
