"""Selection pages: messages for bad input, exports, and fixed query counts."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from selection.models import Vendor, Weighting

pytestmark = pytest.mark.django_db


def test_weights_not_summing_to_100_are_refused_with_the_figures(client, demo, crm):
    Weighting.objects.filter(rollout=crm).update(locked_at=None)
    client.force_login(demo["sel.senior"])
    response = client.post(
        reverse("selection_weights", args=[crm.pk]),
        {
            "company": 30,
            "product": 30,
            "implementation": 20,
            "service": 10,
            "price": 20,
            "price_cap": 30,
        },
    )
    assert response.status_code == 400
    assert "add up to 110 %" in response.content.decode()


def test_a_negative_cost_is_refused_with_a_message(client, demo, crm):
    vendor = Vendor.objects.filter(rollout=crm).earliest("pk")
    client.force_login(demo["sel.finance"])
    response = client.post(
        reverse("cost_benefit", args=[crm.pk]),
        {
            "vendor": vendor.pk,
            "years": 5,
            "discount_rate": 8,
            "training": -5,
            "hardware": 0,
            "yearly_benefit": 0,
        },
    )
    assert response.status_code == 400
    assert "cannot be negative" in response.content.decode()


def test_a_score_outside_the_guide_on_the_form_says_why(client, demo, crm):
    from selection import services

    services.scores_reopen(by=demo["sel.senior"], rollout=crm, member=demo["sel.it"], reason="x")
    criterion = services.criteria_for(demo["sel.it"], crm).earliest("pk")
    vendor = Vendor.objects.filter(rollout=crm).earliest("pk")
    client.force_login(demo["sel.it"])
    response = client.post(
        reverse("scorecard", args=[crm.pk]),
        {f"score_{vendor.pk}_{criterion.pk}": "9", f"comment_{vendor.pk}_{criterion.pk}": "x"},
    )
    assert response.status_code == 400
    assert "from 1 to 5" in response.content.decode()


def test_the_comparison_exports_as_xlsx_and_pdf(client, demo, crm):
    from openpyxl import load_workbook

    client.force_login(demo["ceo"])
    xlsx = client.get(reverse("selection_export", args=[crm.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.cell(row=2, column=1).value == "Huayun CRM · 华云CRM"
    pdf = client.get(reverse("selection_export", args=[crm.pk, "pdf"]))
    assert pdf.content.startswith(b"%PDF")


def test_results_keep_a_fixed_query_count_as_vendors_grow(client, demo, crm):
    url = reverse("selection_results", args=[crm.pk])
    client.force_login(demo["ceo"])

    def count() -> int:
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    before = count()
    template = Vendor.objects.filter(rollout=crm).earliest("pk")
    for n in range(5):
        template.pk = None
        template.name = f"Extra vendor {n}"
        template.save()
    assert count() == before


def test_a_field_the_scorecard_does_not_offer_is_not_found(client, demo, crm):
    client.force_login(demo["sel.it"])
    response = client.post(reverse("scorecard", args=[crm.pk]), {"score_": "3"})
    assert response.status_code == 404
