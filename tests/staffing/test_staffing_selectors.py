"""Staffing reads behind the request page and the stance form: whom a manager may commit,
who is committed on a request, which managers the form offers."""

from decimal import Decimal

import pytest

from staffing import selectors
from staffing import services as staffing
from tests.factories import UserFactory
from tests.query_counts import exactly
from tests.staffing.staffing_data import new_request

pytestmark = pytest.mark.django_db


def test_only_the_requested_departments_active_people_may_be_committed(demo, crm):
    request = new_request(demo, crm)
    UserFactory.create(department=request.department, username="aaa.left", is_active=False)
    UserFactory.create(username="aaa.elsewhere")
    people = list(selectors.people_for_request(request=request))
    usernames = [p.username for p in people]
    assert {p.department_id for p in people} == {request.department_id}
    assert "aaa.left" not in usernames
    assert usernames == sorted(usernames)


def test_a_request_lists_only_its_own_commitments_by_person(demo, crm):
    request, other = new_request(demo, crm), new_request(demo, crm, hours="4", weeks_ahead=30)
    zed, abe, elsewhere = (
        UserFactory.create(department=request.department, username=name)
        for name in ("zed.sales", "abe.sales", "mid.sales")
    )
    manager = demo["sales.manager"]
    staffing.staffing_answer(
        by=manager, request=request, people=[(zed, Decimal("4")), (abe, Decimal("4"))]
    )
    staffing.staffing_answer(by=manager, request=other, people=[(elsewhere, Decimal("4"))])
    with exactly(1):  # the people come with their commitments
        names = [c.person.username for c in selectors.commitments_of_request(request=request)]
    assert names == ["abe.sales", "zed.sales"]


def test_the_stance_form_offers_exactly_the_given_managers(demo):
    offered = selectors.stance_managers(ids=[demo["sales.manager"].pk, demo["it.manager"].pk])
    assert set(offered) == {demo["sales.manager"], demo["it.manager"]}
