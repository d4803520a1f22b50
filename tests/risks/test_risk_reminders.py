"""Overdue mitigations are reminded through the outbox, once, and withdrawn when the risk is
mitigated; the owner finds them in My work until then."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.waiting import waiting_count
from notifications.models import Notification, Reminder
from notifications.services.reminders import reminders_dispatch
from notifications.services.sweep import reminders_sweep
from tests.risks.risk_data import add_risk, update
from tests.waiting_items import waiting

pytestmark = pytest.mark.django_db


@pytest.fixture
def overdue(demo, pilot):
    """An open risk of the pilot owned by its member, due yesterday (within the first rung of
    the ladder, so only the owner is reminded)."""
    yesterday = timezone.localdate() - timedelta(days=1)
    return add_risk(
        pilot, demo["pilot.lead"], demo["pilot.member"], title="Tickets lost", due_date=yesterday
    )


def risk_reminders(risk):
    return Reminder.objects.filter(kind="risk_overdue", key__startswith=f"risk_overdue:{risk.pk}:")


def test_an_overdue_open_risk_is_reminded_exactly_once(demo, overdue):
    reminders_sweep()
    reminders_sweep()  # a second sweep in the same period adds nothing
    assert list(risk_reminders(overdue).values_list("recipient__username", flat=True)) == [
        "pilot.member"
    ]


def test_a_risk_not_yet_due_is_not_reminded(demo, pilot):
    risk = add_risk(pilot, demo["pilot.lead"], demo["pilot.member"], due_date=timezone.localdate())
    reminders_sweep()
    assert not risk_reminders(risk).exists()


def test_mitigating_it_resolves_the_reminder_sent(demo, overdue):
    reminders_sweep()
    reminders_dispatch()
    notification = Notification.objects.get(reminder__in=risk_reminders(overdue))
    assert "Tickets lost" in notification.text
    update(overdue, demo["pilot.member"], status="mitigated", mitigation="Back-up inbox set up.")
    notification.refresh_from_db()
    assert notification.resolved_at is not None
    reminders_sweep()
    assert risk_reminders(overdue).count() == 1  # the sent one, resolved; nothing new


def test_mitigating_it_drops_a_reminder_not_yet_sent(demo, overdue):
    reminders_sweep()
    update(overdue, demo["pilot.member"], status="mitigated", mitigation="Back-up inbox set up.")
    assert not risk_reminders(overdue).exists()


def test_a_new_date_that_passes_reminds_again(demo, overdue):
    reminders_sweep()
    reminders_dispatch()
    update(overdue, demo["pilot.lead"], due_date=timezone.localdate() - timedelta(days=2))
    reminders_sweep()
    assert risk_reminders(overdue).count() == 2


def test_the_owner_finds_it_in_my_work_until_it_is_mitigated(demo, overdue):
    member = demo["pilot.member"]
    before = waiting_count(member)
    assert waiting(member, "risk") == ["Tickets lost"]
    update(overdue, member, status="mitigated", mitigation="Back-up inbox set up.")
    assert waiting(member, "risk") == []
    assert waiting_count(member) == before - 1


def test_a_manager_s_own_overdue_risk_climbs_to_the_executive_not_to_themselves(demo, crm):
    """Long overdue (three weeks: past both rungs whatever the holidays), owned by the Sales
    manager: the manager once, then the executive."""
    manager = demo["sales.manager"]
    long_ago = timezone.localdate() - timedelta(days=21)
    risk = add_risk(
        crm, demo["ceo"], manager, title="Branches keep their own lists", due_date=long_ago
    )
    reminders_sweep()
    recipients = risk_reminders(risk).order_by("level").values_list("recipient__username", "level")
    assert list(recipients) == [("sales.manager", 0), ("ceo", 2)]
