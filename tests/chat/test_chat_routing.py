"""Which robots a reminder or a decision goes to: the rollout's and the recipient's
department's, by kind (reminders, escalations, decisions), once each however often it is
written."""

import pytest
from django.utils import timezone

from chat.models import ChatChannel, ChatMessage
from chat.services.messages import chat_decision_put
from core.sealed import seal
from gates.models import Gate
from notifications.models import Reminder
from notifications.services.reminders import NewReminder, reminders_dispatch, reminders_put
from tests.gates.test_gates import decide
from tests.notifications.spare_keys import spare_key

pytestmark = pytest.mark.django_db


def _channel(**fields) -> ChatChannel:
    return ChatChannel.objects.create(
        platform="wecom", name=str(fields), webhook_sealed=seal("https://x.test/"), **fields
    )


def _dispatch(demo, crm, level=Reminder.Level.PERSON, person="member1") -> None:
    reminders_dispatch(now=timezone.now())  # the demo's own first
    ChatMessage.objects.all().delete()
    reminders_put([NewReminder(spare_key(1), demo[person].pk, crm.pk, "/", {}, level=level)])
    reminders_dispatch(now=timezone.now())


def test_a_reminder_goes_to_its_rollouts_and_its_recipients_departments_robots(demo, crm, pilot):
    ours = _channel(rollout=crm)
    sales = _channel(department=demo["member1"].department)
    _channel(rollout=pilot)
    _channel(department=demo["member3"].department)  # IT: not the recipient's
    _dispatch(demo, crm)
    assert set(ChatMessage.objects.values_list("channel", flat=True)) == {ours.pk, sales.pk}


def test_an_escalation_goes_only_where_escalations_are_wanted(demo, crm):
    _channel(rollout=crm, send_escalations=False)
    wants = _channel(rollout=crm, send_reminders=False)
    _dispatch(demo, crm, level=Reminder.Level.MANAGER)
    assert list(ChatMessage.objects.values_list("channel", flat=True)) == [wants.pk]


def test_an_inactive_robot_gets_nothing(demo, crm):
    _channel(rollout=crm, active=False)
    _dispatch(demo, crm)
    assert not ChatMessage.objects.exists()


def test_a_decision_goes_once_to_the_robots_that_take_decisions(demo, crm):
    takes = _channel(rollout=crm, language="zh-hans")
    _channel(rollout=crm, send_decisions=False)
    for _twice in range(2):
        chat_decision_put(decision_pk=7, rollout_pk=crm.pk, gate="G1", outcome="Go", reason="ok")
    message = ChatMessage.objects.get()
    assert (message.channel_id, message.key) == (takes.pk, "decision:7")
    assert "关口" in message.text


def test_a_decision_recorded_on_a_gate_is_told_to_the_rollouts_robot(demo, crm):
    robot = _channel(rollout=crm, language="zh-hans")
    gate = Gate.objects.get(rollout=crm, key="select")
    decision = decide(demo["ceo"], gate)  # asked in English
    message = ChatMessage.objects.get(channel=robot)
    assert message.key == f"decision:{decision.pk}"
    assert gate.name_zh_hans and gate.name_zh_hans in message.text
    assert "Compared on service now" in message.text
