"""The reminder outbox: written with the change, sent exactly once, escalated up the
ladder, in the recipient's language; the dispatcher's queries grow with batches only."""

import io
import math
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from notifications.models import Notification, Reminder
from notifications.services.digests import email_digests_send
from notifications.services.notifications import notifications_mark_all_read
from notifications.services.reminders import NewReminder, reminders_dispatch, reminders_put
from notifications.services.sweep import reminders_sweep
from staffing.models import StaffingRequest
from tests.notifications.spare_keys import SPARE, spare_key
from tests.query_counts import exactly

pytestmark = pytest.mark.django_db


def put(demo, crm, count: int, recipient="member1") -> None:
    reminders_put(
        [
            NewReminder(
                key=spare_key(n),
                recipient_id=demo[recipient].pk,
                rollout_id=crm.pk,
                url="/",
                params={"task": f"Task {n}", "person": "x", "due": "2026-12-01"},
            )
            for n in range(count)
        ]
    )


def test_a_reminder_is_sent_once_however_often_the_dispatcher_runs(demo, crm):
    put(demo, crm, 3)
    first, second = reminders_dispatch(), reminders_dispatch()
    assert (first, second) == (3, 0)
    assert Notification.objects.filter(reminder__key__startswith=SPARE.prefix).count() == 3


def test_writing_the_same_reminder_twice_keeps_one(demo, crm):
    put(demo, crm, 2)
    put(demo, crm, 2)
    assert Reminder.objects.filter(key__startswith=SPARE.prefix).count() == 2


def test_a_reminder_not_yet_due_waits(demo, crm):
    later = spare_key(1)
    reminders_put(
        [
            NewReminder(
                later,
                demo["member1"].pk,
                crm.pk,
                "/",
                {},
                due_at=timezone.now() + timedelta(hours=1),
            )
        ]
    )
    reminders_dispatch()
    assert not Notification.objects.filter(reminder__key=later.key).exists()


@pytest.mark.parametrize("count", [10, 1000])
def test_the_dispatchers_queries_grow_with_batches_not_rows(demo, crm, count):
    reminders_dispatch()  # the demo's own reminders
    put(demo, crm, count)
    batch = 100  # small enough that SQLite does not split an insert (999 parameters)
    # Each batch: claim, insert, mark sent, and the hooks told of the batch (chat: which
    # channels take it, none here) (plus savepoints); one more to find nothing left.
    with exactly(4 * math.ceil(count / batch) + 1, savepoints=False):
        assert reminders_dispatch(batch=batch) == count


def test_the_text_is_in_the_recipients_language(demo, crm):
    put(demo, crm, 1, recipient="finance.manager")  # prefers zh-hans
    reminders_dispatch()
    text = Notification.objects.get(reminder__key=spare_key(0).key).text
    assert "任务" in text


def test_a_waiting_request_climbs_to_the_executive_after_the_escalation_days(demo, crm):
    finance = StaffingRequest.objects.get(rollout=crm, department__code="finance")
    StaffingRequest.objects.filter(pk=finance.pk).update(
        created_at=timezone.now() - timedelta(days=14)
    )
    reminders_sweep()
    assert Reminder.objects.get(key=f"request_waiting:{finance.pk}:L1").recipient == demo["ceo"]


def test_a_fresh_request_does_not_escalate(demo, crm):
    finance = StaffingRequest.objects.get(rollout=crm, department__code="finance")
    StaffingRequest.objects.filter(pk=finance.pk).update(created_at=timezone.now())
    Reminder.objects.filter(key__startswith=f"request_waiting:{finance.pk}:").delete()
    reminders_sweep()
    assert not Reminder.objects.filter(key=f"request_waiting:{finance.pk}:L1").exists()


def test_sweeping_twice_adds_nothing(demo):
    reminders_sweep()
    before = Reminder.objects.count()
    reminders_sweep()
    assert Reminder.objects.count() == before


def test_the_command_sweeps_and_sends_without_a_worker(demo, crm):
    put(demo, crm, 2)
    out = io.StringIO()
    call_command("dispatch_reminders", stdout=out)
    assert "sent" in out.getvalue()
    assert not Reminder.objects.filter(sent_at__isnull=True, due_at__lte=timezone.now()).exists()


def test_saves_work_with_the_broker_unreachable_and_the_reminder_goes_out_later(
    demo, crm, settings
):
    from tests.staffing.staffing_data import ask

    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens there
    request = ask(demo, crm, demo["sales.manager"].department, starts_in=0, ends_in=30)
    reminders_dispatch()
    reminders_dispatch()
    notes = Notification.objects.filter(reminder__key=f"request_waiting:{request.pk}:L0")
    assert notes.count() == 1


def test_a_digest_mails_each_person_once_in_their_language(demo, crm):
    put(demo, crm, 2, recipient="finance.manager")
    reminders_dispatch()
    mail.outbox.clear()
    email_digests_send(frequency="daily")
    email_digests_send(frequency="daily")
    mine = [m for m in mail.outbox if m.to == [demo["finance.manager"].email]]
    assert len(mine) == 1
    assert "提醒" in mine[0].subject


def test_no_mail_for_someone_who_turned_it_off(demo, crm):
    demo["member1"].email_reminders = False
    demo["member1"].save()
    put(demo, crm, 1)
    reminders_dispatch()
    mail.outbox.clear()
    email_digests_send(frequency="daily")
    assert all(m.to != [demo["member1"].email] for m in mail.outbox)


def test_marking_read_clears_the_bell(client, demo, crm):
    put(demo, crm, 2)
    reminders_dispatch()
    client.force_login(demo["member1"])
    assert client.get("/").context["unread_notifications"]() >= 2
    notifications_mark_all_read(user=demo["member1"])
    assert client.get("/").context["unread_notifications"]() == 0
