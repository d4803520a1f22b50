"""A digest the mail server refused keeps its notifications unmailed, is not doubled by
the next digest run, and goes once when the server takes it (a real SMTP server on loopback)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from notifications.models import DigestMailing, Notification
from notifications.services.digests import digest_mailings_send, email_digests_send


def a_daily_notification(demo) -> Notification:
    Notification.objects.update(emailed_at=timezone.now())  # the demo's are out of the way
    return Notification.objects.create(recipient=demo["finance.manager"], text="Due", url="/")


@pytest.mark.django_db
def test_a_digest_that_failed_keeps_its_notifications_unmailed_and_sends_them_later(
    demo, smtp_server
):
    notification = a_daily_notification(demo)
    now = timezone.now()
    smtp_server.handler.refuse("451 4.3.0 Try again later")
    assert email_digests_send(frequency="daily", now=now) == 0
    notification.refresh_from_db()
    assert notification.emailed_at is None
    smtp_server.handler.refuse(None)
    # The next digest run does not put it in a second digest; the retry sends the first.
    assert email_digests_send(frequency="daily", now=now + timedelta(minutes=1)) == 1
    notification.refresh_from_db()
    assert (len(smtp_server.messages), notification.emailed_at is not None) == (1, True)
    assert DigestMailing.objects.count() == 1


@pytest.mark.django_db
def test_a_notification_resolved_while_its_digest_waited_is_not_mailed(demo, smtp_server):
    notification = a_daily_notification(demo)
    now = timezone.now()
    smtp_server.handler.refuse("451 4.3.0 Try again later")
    email_digests_send(frequency="daily", now=now)
    Notification.objects.filter(pk=notification.pk).update(resolved_at=now)
    smtp_server.handler.refuse(None)
    digest_mailings_send(now + timedelta(minutes=1))
    notification.refresh_from_db()
    assert (smtp_server.messages, notification.emailed_at is not None) == ([], True)
