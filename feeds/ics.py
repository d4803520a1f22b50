"""Events as an iCalendar file (RFC 5545), written with the icalendar package. Every event
is all-day: the dates Rollout keeps (due dates, commitments' weeks, a gate's decide-by day,
holidays) are days in the rollout's time zone, not moments, so a calendar shows them on
that day wherever it is read."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

PRODUCT = "-//Rollout//Calendar feed//EN"
# UIDs name the record, never the server or the feed: the same task in the person's feed
# and in the rollout's, or read through another node, is one event to the calendar, which
# updates it instead of adding a copy.
UID_DOMAIN = "rollout.calendar"


@dataclass(frozen=True)
class FeedEvent:
    uid: str  # "task-12-due": made unique by UID_DOMAIN
    summary: str
    start: date
    last: date | None = None  # the last day, for events over several days
    description: str = ""
    url: str = ""


def feed_ics(*, name: str, events: list[FeedEvent], now: datetime | None = None) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = (now or timezone.now()).astimezone(UTC)
    for item in events:
        event = Event()
        event.add("uid", f"{item.uid}@{UID_DOMAIN}")
        event.add("dtstamp", stamp)
        event.add("summary", item.summary)
        event.add("dtstart", item.start)
        # DTEND of an all-day event is the day after its last (exclusive).
        event.add("dtend", (item.last or item.start) + timedelta(days=1))
        event.add("transp", "TRANSPARENT")  # a due date does not make the person busy
        if item.description:
            event.add("description", item.description)
        if item.url:
            event.add("url", item.url)
        calendar.add_component(event)
    return bytes(calendar.to_ical())
