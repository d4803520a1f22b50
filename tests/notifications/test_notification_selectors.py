"""What the bell's page lists: the person's own notifications, newest first, a page's worth."""

from datetime import timedelta

import pytest
from django.utils import timezone

from notifications.models import Notification
from notifications.selectors import notifications_of
from roles.models import User

pytestmark = pytest.mark.django_db


def notify(person: User, text: str, minutes_ago: int) -> Notification:
    notification = Notification.objects.create(recipient=person, text=text, url="/")
    # auto_now_add ignores a given time; the order under test needs distinct ones.
    Notification.objects.filter(pk=notification.pk).update(
        created_at=timezone.now() - timedelta(minutes=minutes_ago)
    )
    return notification


def test_a_person_sees_only_their_own_notifications(demo):
    mine = notify(demo["member1"], "mine", 1)
    theirs = notify(demo["member2"], "theirs", 1)
    shown = list(notifications_of(person=demo["member1"], limit=100))
    assert mine in shown
    assert theirs not in shown


def test_the_newest_come_first_and_no_more_than_the_limit(demo):
    person = demo["member1"]
    Notification.objects.filter(recipient=person).delete()
    # Created out of time order, so an id order would give a different answer.
    newest, _old, new = (
        notify(person, text, minutes)
        for text, minutes in (("newest", 10), ("old", 30), ("new", 20))
    )
    assert list(notifications_of(person=person, limit=2)) == [newest, new]
