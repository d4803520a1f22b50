"""Administrators see the e-mails that failed, with the server's answer: a note on the
admin's index page (in their language) and the outbox's list, filtered to the failed."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gates.models import DecisionMailing
from notifications.models import DigestMailing

pytestmark = pytest.mark.django_db

REASON = "554 5.7.1 Relaying denied for rollout@localhost"


def a_failed_decision_mail() -> DecisionMailing:
    mailing = DecisionMailing.objects.earliest("pk")
    now = timezone.now()
    DecisionMailing.objects.filter(pk=mailing.pk).update(
        sent_at=None, attempts=3, failed_at=now, last_error=REASON,
        next_attempt_at=now + timedelta(minutes=4),
    )  # fmt: skip
    return mailing


def test_the_admin_lists_a_failed_decision_mail_with_its_reason(client, demo):
    failed = a_failed_decision_mail()
    client.force_login(demo["admin"])
    response = client.get(reverse("admin:gates_decisionmailing_changelist"), {"state": "failed"})
    assert [m.pk for m in response.context["cl"].result_list] == [failed.pk]
    assert REASON in response.content.decode()


@pytest.mark.parametrize(
    ("language", "note"),
    [
        ("en", "1 e-mail could not be sent (decision e-mails); it is retried."),
        ("zh-hans", "1 封邮件未能发出（决策邮件），系统会重试。"),
    ],
)
def test_the_admins_index_says_mail_failed_in_their_language(client, demo, language, note):
    a_failed_decision_mail()
    client.force_login(demo["admin"])
    client.cookies["django_language"] = language
    page = client.get(reverse("admin:index")).content.decode()
    assert note in page
    assert reverse("admin:gates_decisionmailing_changelist") + "?state=failed" in page


def test_no_note_when_nothing_failed(client, demo):
    client.force_login(demo["admin"])
    assert "could not be sent" not in client.get(reverse("admin:index")).content.decode()


def test_the_admin_tries_a_failed_mail_again_at_once(client, demo):
    failed = a_failed_decision_mail()
    client.force_login(demo["admin"])
    response = client.post(
        reverse("admin:gates_decisionmailing_changelist"),
        {"action": "retry_now", "_selected_action": [failed.pk]},
    )
    assert response.status_code == 302
    failed.refresh_from_db()
    assert (failed.next_attempt_at, failed.attempts) == (None, 3)


def test_the_digest_outbox_has_its_admin_list(client, demo):
    DigestMailing.objects.create(
        recipient=demo["member1"], frequency="daily", failed_at=timezone.now(), last_error=REASON
    )
    client.force_login(demo["admin"])
    response = client.get(reverse("admin:notifications_digestmailing_changelist"))
    assert REASON in response.content.decode()
