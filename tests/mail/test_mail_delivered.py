"""A decision's e-mail and a daily digest reach a real SMTP server (aiosmtpd on loopback,
Django's SMTP backend) with the right recipients, language, subject and attachment."""

import pytest
from django.utils import timezone

from notifications.services.digests import email_digests_send
from tests.mail.mail_data import (
    a_decision,
    a_notification,
    dispatch,
    nothing_else_waiting,
    readers_by_language,
)

pytestmark = pytest.mark.django_db

SUBJECTS = {
    "en": "Rollout decision: Select the system — Go",
    "zh-hans": "上线项目决策：系统选型 — 通过",
}
ATTACHED = {"en": "The decision brief is attached.", "zh-hans": "决策简报见附件。"}


def test_a_decisions_mail_reaches_each_languages_readers_with_its_brief(demo, crm, smtp_server):
    nothing_else_waiting()
    decision = a_decision(demo, crm)
    readers = readers_by_language(crm)
    assert dispatch(timezone.now()) == 1
    received = {tuple(sorted(m.recipients)): m for m in smtp_server.messages}
    assert sorted(received) == sorted(tuple(sorted(r)) for r in readers.values())
    for language, people in readers.items():
        message = received[tuple(sorted(people))]
        assert message.message["To"] is None  # bcc: no reader sees the others' addresses
        assert (message.subject, ATTACHED[language] in message.body()) == (
            SUBJECTS[language],
            True,
        )
        (pdf,) = message.attachments()
        assert pdf.get_content_type() == "application/pdf"
        assert pdf.get_filename() == f"decision-{decision.gate.key}.pdf"
        assert pdf.get_content().startswith(b"%PDF")


def test_a_daily_digest_reaches_its_reader_in_her_language(demo, crm, smtp_server):
    nothing_else_waiting()
    reader = demo["finance.manager"]  # reads Chinese, takes the daily digest
    a_notification(reader, "任务“客户字段”周五到期")
    assert email_digests_send(frequency="daily") == 1
    (message,) = smtp_server.messages
    assert message.recipients == [reader.email]
    assert message.message["To"] == reader.email
    assert message.subject == "Rollout：您有 1 条提醒"
    assert "任务“客户字段”周五到期" in message.body()
