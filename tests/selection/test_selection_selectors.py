"""The selection pages' reads: a vendor only through its own rollout, a member's own scores
only, the negotiation log in a fixed number of queries."""

from decimal import Decimal

import pytest
from django.http import Http404
from django.utils import timezone

from roles.models import RoleAssignment
from selection import selectors, services
from selection.models import Criterion, Score, Vendor
from tests.query_counts import exactly

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


# "²" is a digit to str.isdigit() but no number to int(); the last is beyond any id.
@pytest.mark.parametrize("posted", ["", "abc", "-1", "1.0", "0", "²", "١", str(2**63)])
def test_posted_text_that_is_no_id_is_a_404_without_a_query(demo, crm, posted):
    with exactly(0), pytest.raises(Http404):
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


def test_the_negotiation_log_and_its_authors_come_in_three_queries(demo, crm):
    vendor = Vendor.objects.filter(rollout=crm).earliest("pk")
    services.negotiation_add(by=demo["sel.negotiator"], vendor=vendor, kind="term", text="first")
    with exactly(3):  # vendors, their entries, the entries' authors
        vendors = list(selectors.vendors_with_negotiation(rollout=crm))
        authors = {entry.by.username for v in vendors for entry in v.negotiation.all()}
    assert "sel.negotiator" in authors


def test_it_finds_a_seat_holder_to_reopen(demo, crm):
    person = demo["sel.it"]
    assert selectors.get_scorer_for_user(demo["sel.senior"], crm, str(person.pk)) == person


def test_it_finds_a_former_seat_holder_with_a_submission(demo, crm):
    person = demo["sel.it"]
    RoleAssignment.objects.filter(rollout=crm, person=person).update(ended_at=timezone.now())
    assert selectors.get_scorer_for_user(demo["sel.senior"], crm, str(person.pk)) == person


@pytest.mark.parametrize("username", ["pilot.member", "member1", "ceo"])
def test_a_person_without_a_seat_or_submission_is_a_404(demo, crm, username):
    """Outside the rollout, a member without a seat, the executive: none scores."""
    with pytest.raises(Http404):
        selectors.get_scorer_for_user(demo["sel.senior"], crm, str(demo[username].pk))


@pytest.mark.parametrize("posted", ["", "abc", "²", str(2**63)])
def test_text_that_is_no_person_id_is_a_404_without_a_query(demo, crm, posted):
    with exactly(0), pytest.raises(Http404):
        selectors.get_scorer_for_user(demo["sel.senior"], crm, posted)


def test_the_spread_leaves_out_what_members_agree_on(crm):
    """The demo's members agree on some vendors and dimensions and not on others."""
    disagreements = selectors.results(rollout=crm).disagreements
    assert disagreements
    assert all(d.high > d.low for d in disagreements)
