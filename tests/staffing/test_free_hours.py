"""Free hours a week on the staffing answer form: each person's capacity less what they are
already committed to on every rollout, in the busiest week of the request, computed in one
query and exactly what the capacity check then lets the manager commit."""

from decimal import Decimal

import pytest
from django.urls import reverse

from staffing import selectors
from staffing import services as staffing
from staffing.models import Commitment
from tests.factories import UserFactory
from tests.query_counts import exactly, get_page
from tests.staffing.staffing_data import new_request

pytestmark = pytest.mark.django_db


def commit(demo, crm, person, hours: str, *, weeks_ahead: int = 20) -> Commitment:
    """`person` committed for `hours` a week on another sales request of the same weeks."""
    other = new_request(demo, crm, hours=hours, weeks_ahead=weeks_ahead)
    staffing.staffing_answer(
        by=demo["sales.manager"], request=other, people=[(person, Decimal(hours))]
    )
    return Commitment.objects.get(request=other)


def free_of(request, person):
    return selectors.free_hours_per_week(
        people=[person], start=request.start_date, end=request.end_date
    )[person.pk]


def test_it_counts_what_is_committed_on_other_requests(demo, crm):
    request = new_request(demo, crm)
    commit(demo, crm, demo["member2"], "8")
    assert free_of(request, demo["member2"]).free == Decimal("32")  # 40 h capacity


def test_it_takes_the_busiest_week_of_the_request(demo, crm):
    request = new_request(demo, crm)  # three weeks, from week 20
    commit(demo, crm, demo["member2"], "8", weeks_ahead=20)
    commit(demo, crm, demo["member2"], "12", weeks_ahead=22)  # overlaps only the last week
    assert free_of(request, demo["member2"]).free == Decimal("20")


def test_it_ignores_commitments_in_conflict_and_other_weeks(demo, crm):
    request = new_request(demo, crm)
    commit(demo, crm, demo["member2"], "8", weeks_ahead=30)
    staffing.commitment_conflict(
        by=demo["member2"], commitment=commit(demo, crm, demo["member2"], "6"), reason="Leave"
    )
    assert free_of(request, demo["member2"]).free == Decimal("40")


def test_it_shows_none_free_when_overbooked(demo, crm):
    request = new_request(demo, crm)
    commit(demo, crm, demo["member2"], "30")
    demo["member2"].weekly_capacity_hours = Decimal("20")  # went part-time since
    room = free_of(request, demo["member2"])
    assert (room.free, room.overbooked) == (Decimal("0"), True)


def test_the_free_hours_are_exactly_what_may_be_committed(demo, crm):
    request = new_request(demo, crm)
    commit(demo, crm, demo["member2"], "8")
    free = free_of(request, demo["member2"]).free
    with pytest.raises(staffing.StaffingError, match="has only 32 of 40 hours free"):
        staffing.capacity_check(
            demo["member2"], request.start_date, request.end_date, free + Decimal("0.5")
        )
    staffing.capacity_check(demo["member2"], request.start_date, request.end_date, free)


def test_it_reads_every_person_in_one_query(demo, crm):
    request = new_request(demo, crm)
    people = UserFactory.create_batch(15, department=demo["sales.manager"].department)
    staffing.staffing_answer(
        by=demo["sales.manager"], request=request, people=[(p, Decimal("4")) for p in people]
    )
    with exactly(1):
        free = selectors.free_hours_per_week(
            people=people, start=request.start_date, end=request.end_date
        )
    assert {room.free for room in free.values()} == {Decimal("36")}


def test_the_answer_form_shows_free_hours_beside_each_person(client, demo, crm):
    request = new_request(demo, crm)
    commit(demo, crm, demo["member2"], "8")
    client.force_login(demo["sales.manager"])
    page = client.get(
        reverse("staffing:staffing_request", args=[crm.pk, request.pk])
    ).content.decode()
    row = page.split('data-person="member2"', 1)[1].split("</tr>", 1)[0]
    assert "32 of 40 h free" in row


def test_a_refused_answer_still_shows_the_free_hours(client, demo, crm):
    request = new_request(demo, crm, hours="50")
    commit(demo, crm, demo["member2"], "8")
    client.force_login(demo["sales.manager"])
    response = client.post(
        reverse("staffing:staffing_answer", args=[crm.pk, request.pk]),
        {f"hours_{demo['member2'].pk}": "50"},
    )
    row = response.content.decode().split('data-person="member2"', 1)[1].split("</tr>", 1)[0]
    assert response.status_code == 400
    assert "32 of 40 h free" in row and 'value="50"' in row


# The request page as its manager sees it: session, user, rollout, request, their grants
# (one read: 18 before, when has_perm asked twice) and the managed departments (may
# answer), the commitments, the department's people, their free hours (the one query the
# free-hours column added: 13 before), the answers, the history, their latest
# four-qualities reviews (one query: 17 before), the bell, what waits on them (My work's
# count), the rollout's tabs; the thread's comments and the rollout's people to mention (2).
REQUEST_PAGE_QUERIES = 17


def test_the_request_page_runs_a_fixed_number_of_queries(client, demo, crm):
    request = new_request(demo, crm)
    client.force_login(demo["sales.manager"])
    url = reverse("staffing:staffing_request", args=[crm.pk, request.pk])
    get_page(client, url, REQUEST_PAGE_QUERIES)
    people = UserFactory.create_batch(20, department=demo["sales.manager"].department)
    commit_many = new_request(demo, crm, hours="2")
    staffing.staffing_answer(
        by=demo["sales.manager"], request=commit_many, people=[(p, Decimal("2")) for p in people]
    )
    get_page(client, url, REQUEST_PAGE_QUERIES)


def review(demo, crm, person, month, scores=(4, 3, 5, 2)):
    from work.models import QualityReview

    return QualityReview.objects.create(
        rollout=crm, member=person, reviewer=demo["sales.manager"], period=month,
        enterprising=scores[0], confidence=scores[1], responsibility=scores[2],
        meticulousness=scores[3],
    )  # fmt: skip


def test_the_answer_form_shows_each_persons_latest_four_qualities(client, demo, crm, pilot):
    from datetime import date

    from work.models import QualityReview

    person = demo["member2"]
    QualityReview.objects.filter(member=person).delete()
    for month in (1, 2, 3, 4):
        review(demo, crm, person, date(2026, month, 1), scores=(month, 3, 5, 2))
    review(demo, pilot, person, date(2026, 5, 1), scores=(5, 5, 5, 5))
    request = new_request(demo, crm)
    client.force_login(demo["sales.manager"])
    page = client.get(reverse("staffing:staffing_request", args=[crm.pk, request.pk])).content
    cell = page.decode().split('data-person="member2"', 1)[1].split("</tr>", 1)[0]
    cell = cell.split('class="qualities', 1)[1].split("</td>", 1)[0]
    # The three latest, newest first, on any rollout (the pilot's named only as another).
    lines = cell.split('<div class="text-nowrap">')[1:]
    assert [line.split(":")[0].split()[0] for line in lines] == ["2026-05", "2026-04", "2026-03"]
    assert "another rollout" in cell and "2026-02" not in cell


def test_a_person_never_reviewed_says_so(client, demo, crm):
    from work.models import QualityReview

    QualityReview.objects.filter(member=demo["member2"]).delete()
    request = new_request(demo, crm)
    client.force_login(demo["sales.manager"])
    page = client.get(reverse("staffing:staffing_request", args=[crm.pk, request.pk])).content
    row = page.decode().split('data-person="member2"', 1)[1].split("</tr>", 1)[0]
    assert "not reviewed yet" in row


@pytest.mark.parametrize("count", [10, 200])
def test_the_request_page_keeps_its_count_with_many_reviewed_candidates(client, demo, crm, count):
    from datetime import date

    from work.models import QualityReview

    people = UserFactory.create_batch(count, department=demo["sales.manager"].department)
    QualityReview.objects.bulk_create(
        QualityReview(
            rollout=crm, member=p, reviewer=demo["sales.manager"], period=date(2026, m, 1),
            enterprising=3, confidence=3, responsibility=3, meticulousness=3,
        )
        for p in people
        for m in (1, 2, 3, 4)
    )  # fmt: skip
    request = new_request(demo, crm)
    client.force_login(demo["sales.manager"])
    url = reverse("staffing:staffing_request", args=[crm.pk, request.pk])
    get_page(client, url, REQUEST_PAGE_QUERIES)
