"""A notification speaks to its reader: when the person a reminder names is the one who
receives it, it says "you" (您), in the reader's language; others read the name."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from notifications.models import Notification, Reminder
from notifications.reminder_texts import reminder_text
from notifications.services.reminders import NewReminder, reminders_dispatch, reminders_put
from notifications.services.sweep import reminders_sweep
from tests.notifications.spare_keys import spare_key
from tests.staffing.staffing_data import ask, commit_member1

pytestmark = pytest.mark.django_db

NAME = "Xu Tao (徐涛)"
PARAMS = {
    "person": NAME, "department_en": "Sales", "department_zh_hans": "销售部", "hours": "8",
    "purpose": "training", "since": "2026-03-02", "start": "2026-03-09", "end": "2026-04-30",
    "reason": "On leave", "week": "2026-03-02", "logged": "4", "committed": "8",
    "task": "Map the fields", "due": "2026-03-20", "gate_en": "Select", "gate_zh_hans": "选型",
    "risk_en": "Managers resist", "risk_zh_hans": "中层阻力",
}  # fmt: skip


@pytest.mark.parametrize("kind", Reminder.Kind.values)
@pytest.mark.parametrize(("language", "you"), [("en", "you"), ("zh-hans", "您")])
def test_every_kind_speaks_to_the_person_it_names(kind, language, you):
    with translation.override(language):
        text = reminder_text(kind, 0, PARAMS, to_them=True)
    assert you in text.lower()
    assert NAME not in text


@pytest.mark.parametrize("kind", Reminder.Kind.values)
def test_to_anyone_else_it_speaks_of_the_person(kind):
    text = reminder_text(kind, 0, PARAMS)
    assert " you" not in text.lower()
    assert "You" not in text


def text_of(key: str) -> str:
    return Notification.objects.get(reminder__key=key).text


def test_the_person_asked_to_confirm_reads_you(demo, crm):
    commitment = commit_member1(demo, crm, "1")
    reminders_dispatch()
    text = text_of(f"commitment_to_confirm:{commitment.pk}:L0")
    assert text.startswith("You have not confirmed 1 h/week")
    assert str(demo["member1"]) not in text


def test_their_manager_reads_their_name_when_it_climbs(demo, crm):
    commitment = commit_member1(demo, crm, "1")
    later = timezone.now() + timedelta(days=30)
    reminders_sweep(now=later)
    reminders_dispatch(now=later)
    text = text_of(f"commitment_to_confirm:{commitment.pk}:L1")
    assert f"{demo['member1']} has not confirmed" in text


def test_a_manager_who_prefers_chinese_reads_you_in_chinese(demo, crm):
    assert demo["finance.manager"].preferred_language == "zh-hans"
    request = ask(demo, crm, demo["finance.manager"].department)
    reminders_dispatch()
    assert text_of(f"request_waiting:{request.pk}:L0").startswith("您尚未答复")


def test_a_reminder_written_before_it_carried_the_persons_id_matches_the_name(demo, crm):
    member1 = demo["member1"]
    params = {"task": "Map the fields", "person": str(member1), "due": "2026-03-20"}
    old = spare_key(1)
    reminders_put([NewReminder(old, member1.pk, crm.pk, "/", params)])
    reminders_dispatch()
    assert text_of(old.key) == "Your task “Map the fields” is due on 2026-03-20."
