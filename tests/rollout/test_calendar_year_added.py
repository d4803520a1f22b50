"""The issue's test of done: a rollout spanning 2026-2027 warns about the missing year
until the year is added, and its figures change when it is. On the pages themselves, on
Wednesday 10 February 2027 (Spring Festival week): the rollout page and the executive's
My work warn, the fulfilment page expects a full week of hours; the executive imports
Spring Festival 2027 from an .ics file and says the calendar knows 2027; the warnings are
gone and the same page expects no hours in the holiday week and more in the week with
the make-up Saturday, from the very next request (nothing cached)."""

import re
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from staffing.models import Commitment, StaffingRequest
from tests.rollout.test_calendar_ics import SPRING_FESTIVAL_2027
from tests.rollout.test_calendar_pages import WARNING
from tests.rollout.test_calendar_services import own_calendar
from work.models import Task

pytestmark = pytest.mark.django_db

SPRING_FESTIVAL_WEDNESDAY = datetime(2027, 2, 10, 10, tzinfo=ZoneInfo("Asia/Shanghai"))


def committed_hours(client, rollout, person) -> dict[str, str]:
    """The person's row of the fulfilment page: "logged / committed" by week shown."""
    text = client.get(reverse("staffing:fulfilment", args=[rollout.pk])).content.decode()
    weeks = re.findall(r'<th scope="col" class="text-nowrap">(\d\d-\d\d)</th>', text)
    row = text.split(f'data-person="{person.username}"', 1)[1].split("</tr>", 1)[0]
    cells = [
        " ".join(re.sub(r'<span class="visually-hidden">.*?</span>|<[^>]+>', "", cell).split())
        for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    ]
    return dict(zip(weeks, cells, strict=False))


def warned(client, rollout) -> tuple[bool, bool]:
    detail = client.get(reverse("gates:rollout_detail", args=[rollout.pk])).content.decode()
    home = client.get(reverse("gates:home")).content.decode()
    return WARNING in detail, WARNING in home


@time_machine.travel(SPRING_FESTIVAL_WEDNESDAY, tick=False)
def test_adding_2027_ends_the_warning_and_changes_the_figures(client, demo, crm):
    own_calendar(crm)  # known until 2026-12-31; the CRM's executive may change it
    Task.objects.filter(rollout=crm).update(due_date=date(2027, 6, 30))
    member = demo["member1"]
    Commitment.objects.filter(person=member).update(status=Commitment.Status.ENDED)
    Commitment.objects.create(
        request=StaffingRequest.objects.filter(rollout=crm).earliest("pk"),
        person=member,
        hours_per_week=Decimal("10"),
        start_date=date(2027, 1, 25),
        end_date=date(2027, 2, 21),
        status=Commitment.Status.CONFIRMED,
        committed_by=demo["sales.manager"],
    )
    client.force_login(demo["ceo"])
    assert warned(client, crm) == (True, True)
    before = committed_hours(client, crm, member)
    assert [before["02-01"], before["02-08"], before["02-15"]] == ["0 / 10", "0 / 10", "0 / 10"]

    upload = SimpleUploadedFile("2027.ics", SPRING_FESTIVAL_2027, content_type="text/calendar")
    response = client.post(reverse("rollout:calendar_import", args=[crm.pk]), {"file": upload})
    assert response.status_code == 200
    response = client.post(
        reverse("rollout:calendar_known_until", args=[crm.pk]), {"known_until": "2027-12-31"}
    )
    assert response.status_code == 302

    assert warned(client, crm) == (False, False)
    after = committed_hours(client, crm, member)
    # 1-5 February untouched; Monday 8 to Friday 12 off (nothing expected, shown "—");
    # the make-up Saturday 20 February makes that week six working days.
    assert [after["02-01"], after["02-08"], after["02-15"]] == ["0 / 10", "—", "0 / 12"]
