"""The Risks page: the register by score, the article's starting entries offered on an empty
register, a refused form that keeps what was typed, the review, a risk's edit page, and an
exact number of queries whatever the number of risks."""

import pytest
from django.urls import reverse

from risks.models import Risk, RiskReview
from tests.query_counts import get_page
from tests.risks.risk_data import add_risk

pytestmark = pytest.mark.django_db

# The session and its person, the rollout and the person's rights on it, the risks with their
# owners, the latest review, the bell's and My work's counts, the owners to choose from.
REGISTER_QUERIES = 9


def page(client, person, rollout):
    client.force_login(person)
    return client.get(reverse("risks:risks", args=[rollout.pk]))


def test_the_register_lists_the_highest_score_first(client, demo, crm):
    text = page(client, demo["ceo"], crm).content.decode()
    # The demo: "resist" scores 16, "lends a name" 15, "price alone" 12.
    assert (
        text.index("Middle managers resist")
        < text.index("only lends a name")
        < text.index("price alone")
    )


def test_an_empty_register_offers_the_article_s_four_risks(client, demo, pilot):
    text = page(client, demo["pilot.lead"], pilot).content.decode()
    assert 'id="no-risks"' in text
    assert text.count('name="starters"') == 4


def test_a_member_sees_the_register_without_the_forms(client, demo, crm):
    text = page(client, demo["member1"], crm).content.decode()
    assert 'id="risk-register"' in text
    assert reverse("risks:risk_new", args=[crm.pk]) not in text
    assert reverse("risks:review_record", args=[crm.pk]) not in text


def test_a_refused_risk_keeps_what_was_typed(client, demo, crm):
    client.force_login(demo["ceo"])
    response = client.post(
        reverse("risks:risk_new", args=[crm.pk]),
        {
            "title": "Branch data late",
            "owner": demo["member1"].pk,
            "likelihood": "9",
            "impact": "3",
        },
    )
    assert response.status_code == 400
    assert 'value="Branch data late"' in response.content.decode()
    assert not Risk.objects.filter(title="Branch data late").exists()


def test_the_executive_adds_the_chosen_starting_entries(client, demo, pilot):
    client.force_login(demo["pilot.lead"])
    response = client.post(
        reverse("risks:starters_add", args=[pilot.pk]),
        {"starters": ["resisting_managers", "price_only_choice"]},
    )
    assert response.status_code == 302
    assert set(Risk.objects.filter(rollout=pilot).values_list("starter", flat=True)) == {
        "resisting_managers",
        "price_only_choice",
    }


def test_the_executive_marks_the_register_reviewed(client, demo, pilot):
    client.force_login(demo["pilot.lead"])
    client.post(reverse("risks:review_record", args=[pilot.pk]), {"note": "Nothing new."})
    assert RiskReview.objects.get(rollout=pilot).note == "Nothing new."


def test_the_owner_s_refused_edit_keeps_what_was_typed(client, demo, crm):
    risk = add_risk(crm, demo["ceo"], demo["member1"])
    client.force_login(demo["member1"])
    response = client.post(
        reverse("risks:risk_edit", args=[crm.pk, risk.pk]),
        {
            "title": risk.title,
            "owner": demo["member1"].pk,
            "likelihood": "3",
            "impact": "3",
            "status": "mitigated",
            "mitigation": "",
            "description": "Typed and kept",
        },
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "needs its mitigation" in text
    assert "Typed and kept" in text


def add_rows(rollout, person, count):
    Risk.objects.bulk_create(
        Risk(
            rollout=rollout,
            title=f"Risk {n}",
            owner=person,
            likelihood=1 + n % 5,
            impact=1 + (n // 5) % 5,
            created_by=person,
        )
        for n in range(count)
    )


def test_the_register_takes_the_same_queries_for_10_and_200_risks(client, demo, pilot):
    client.force_login(demo["pilot.lead"])
    url = reverse("risks:risks", args=[pilot.pk])
    add_rows(pilot, demo["pilot.member"], 10)
    get_page(client, url, REGISTER_QUERIES)
    add_rows(pilot, demo["pilot.member"], 190)
    get_page(client, url, REGISTER_QUERIES)


def test_the_owner_s_form_offers_no_other_owner(client, demo, crm):
    risk = add_risk(crm, demo["ceo"], demo["member1"])
    client.force_login(demo["member1"])
    form = client.get(reverse("risks:risk_edit", args=[crm.pk, risk.pk])).context["form"]
    assert list(form.fields["owner"].queryset) == [demo["member1"]]
    client.force_login(demo["ceo"])
    form = client.get(reverse("risks:risk_edit", args=[crm.pk, risk.pk])).context["form"]
    assert form.fields["owner"].queryset.count() > 1


def test_an_owner_posting_another_owner_is_refused(client, demo, crm):
    risk = add_risk(crm, demo["ceo"], demo["member1"])
    client.force_login(demo["member1"])
    response = client.post(
        reverse("risks:risk_edit", args=[crm.pk, risk.pk]),
        {"title": risk.title, "owner": demo["member2"].pk, "likelihood": "3", "impact": "3",
         "status": "open"},
    )  # fmt: skip
    assert response.status_code == 400  # not a choice on their form
    risk.refresh_from_db()
    assert risk.owner == demo["member1"]
