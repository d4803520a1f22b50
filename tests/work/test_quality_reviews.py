"""Four-qualities reviews: a manager reviews their department's members; a member reads
only their own; other roles read none."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from work import review_services as services
from work.models import QualityReview
from work.services import WorkError

pytestmark = pytest.mark.django_db
SCORES = {"enterprising": 4, "confidence": 3, "responsibility": 5, "meticulousness": 2}


def this_month() -> date:
    return timezone.localdate().replace(day=1)


def review(by, crm, member, period=None, **scores):
    return services.quality_review_create(
        by=by, rollout=crm, member=member, period=period or this_month(), **{**SCORES, **scores}
    )


def test_a_manager_reviews_a_member_of_their_department(demo, crm):
    written = review(demo["sales.manager"], crm, demo["member2"], period=timezone.localdate())
    assert written.period == this_month()


def test_a_manager_cannot_review_another_departments_member(demo, crm):
    with pytest.raises(WorkError, match="department you manage"):
        review(demo["sales.manager"], crm, demo["member3"])


def test_the_executive_does_not_write_reviews(demo, crm):
    with pytest.raises(WorkError, match="department you manage"):
        review(demo["ceo"], crm, demo["member1"])


def test_a_second_review_for_the_same_month_is_refused(demo, crm):
    review(demo["sales.manager"], crm, demo["member1"])
    with pytest.raises(WorkError, match="already has a review"):
        review(demo["sales.manager"], crm, demo["member1"])


def test_a_score_outside_1_to_5_is_refused(demo, crm):
    with pytest.raises(WorkError, match="from 1 to 5"):
        review(demo["sales.manager"], crm, demo["member1"], confidence=6)
    assert not QualityReview.objects.filter(member=demo["member1"], period=this_month()).exists()


def test_a_future_month_is_refused(demo, crm):
    with pytest.raises(WorkError, match="not started"):
        review(
            demo["sales.manager"], crm, demo["member1"], period=this_month() + timedelta(days=40)
        )


def test_someone_who_is_not_a_member_is_refused(demo, crm):
    with pytest.raises(WorkError, match="not an implementation member"):
        review(demo["sales.manager"], crm, demo["sel.users"])  # sales, but a selector


def page(client, person, crm) -> str:
    client.force_login(person)
    response = client.get(reverse("work:quality_reviews", args=[crm.pk]))
    return str(response.content.decode())


def test_a_member_reads_their_own_review_and_not_a_colleagues(client, demo, crm):
    text = page(client, demo["member1"], crm)
    assert "Drives the clean-up" in text  # member1's
    assert "Careful and steady" not in text  # member2's


def test_the_executive_reads_every_review(client, demo, crm):
    text = page(client, demo["ceo"], crm)
    assert "Drives the clean-up" in text
    assert "SSO is late" in text


def test_a_manager_sees_the_task_record_beside_the_form(client, demo, crm):
    client.force_login(demo["sales.manager"])
    response = client.get(reverse("work:quality_reviews", args=[crm.pk]))
    members = {member.username for member, _record in response.context["members"]}
    assert members == {"member1", "member2"}


def test_the_review_form_saves_and_confirms(client, demo, crm):
    client.force_login(demo["sales.manager"])
    response = client.post(
        reverse("work:quality_review_new", args=[crm.pk]),
        {"member": demo["member2"].pk, "period": this_month().strftime("%Y-%m"), **SCORES},
        follow=True,
    )
    assert "saved" in response.content.decode()
    assert QualityReview.objects.filter(member=demo["member2"], period=this_month()).exists()


def test_a_bad_review_form_says_why_and_keeps_the_input(client, demo, crm):
    client.force_login(demo["sales.manager"])
    response = client.post(
        reverse("work:quality_review_new", args=[crm.pk]),
        {"member": demo["member2"].pk, "period": "not-a-month", "comment": "kept", **SCORES},
    )
    assert response.status_code == 400
    assert (
        'value="kept"' in response.content.decode()
        or "kept</textarea>" in response.content.decode()
    )
