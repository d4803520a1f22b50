"""The selection pages' reads: a vendor only through its own rollout, a member's own scores
only, the negotiation log in a fixed number of queries."""

from decimal import Decimal

import pytest
from django.http import Http404

from selection import selectors, services
from selection.models import Criterion, Score, Vendor

pytestmark = pytest.mark.django_db


@pytest.fixture
def pilot_vendor(pilot):
    """A vendor of the other demo rollout, to show it never leaks into the CRM's pages."""
    services.selection_setup(rollout=pilot)
    return Vendor.objects.create(
        rollout=pilot,
        name="Elsewhere Ltd.",
        price_per_user_year=Decimal("100"),
        implementation_fee=Decimal("0"),
    )


def test_it_returns_a_vendor_of_the_rollout(demo, crm):
    vendor = Vendor.objects.filter(rollout=crm).earliest("pk")
    assert selectors.get_vendor_for_user(demo["sel.finance"], crm, str(vendor.pk)) == vendor


def test_another_rollouts_vendor_is_a_404(demo, crm, pilot_vendor):
    with pytest.raises(Http404):
        selectors.get_vendor_for_user(demo["sel.finance"], crm, pilot_vendor.pk)


@pytest.mark.parametrize("posted", ["", "abc", "-1", "1.0"])
def test_posted_text_that_is_no_id_is_a_404_without_a_query(
    demo, crm, posted, django_assert_num_queries
):
    with django_assert_num_queries(0), pytest.raises(Http404):
        selectors.get_vendor_for_user(demo["sel.finance"], crm, posted)


def test_the_vendor_list_leaves_out_other_rollouts(crm, pilot_vendor):
    vendors = list(selectors.vendors_of_rollout(rollout=crm))
    assert vendors
    assert pilot_vendor not in vendors


def test_a_member_reads_only_their_own_scores_on_this_rollout(demo, crm, pilot_vendor):
    member = demo["sel.it"]
    criterion = Criterion.objects.filter(rollout=pilot_vendor.rollout).earliest("pk")
    Score.objects.create(
        vendor=pilot_vendor, criterion=criterion, member=member, score=3, comment="elsewhere"
    )
    # Others have scored the CRM too, so leaving them out is the selector's doing.
    assert Score.objects.filter(vendor__rollout=crm).exclude(member=member).exists()
    mine = list(selectors.scores_of_member(member=member, rollout=crm).select_related("vendor"))
    assert mine
    assert {s.member_id for s in mine} == {member.pk}
    assert {s.vendor.rollout_id for s in mine} == {crm.pk}


def test_the_negotiation_log_and_its_authors_come_in_three_queries(
    demo, crm, django_assert_num_queries
):
    vendor = Vendor.objects.filter(rollout=crm).earliest("pk")
    services.negotiation_add(by=demo["sel.negotiator"], vendor=vendor, kind="term", text="first")
    with django_assert_num_queries(3):  # vendors, their entries, the entries' authors
        vendors = list(selectors.vendors_with_negotiation(rollout=crm))
        authors = {entry.by.username for v in vendors for entry in v.negotiation.all()}
    assert "sel.negotiator" in authors


def test_an_unknown_person_is_none(demo):
    assert selectors.person_by_pk(pk=max(u.pk for u in demo.values()) + 1) is None
