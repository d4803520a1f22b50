"""A refused vendor stays open with what was typed: its "Add a vendor" section was a
closed <details> on the page shown again, so the reason and the input were out of sight."""

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse

from selection.forms import VendorForm
from selection.models import Vendor

pytestmark = pytest.mark.django_db


def test_it_opens_the_refused_vendor_form_with_what_was_typed(client, demo, crm):
    vendor = Vendor.objects.filter(rollout=crm).earliest("pk")
    data = {**model_to_dict(vendor, fields=list(VendorForm.base_fields)), "name": "Late CRM"}
    client.force_login(demo["sel.senior"])
    response = client.post(
        reverse("selection:vendor_new", args=[crm.pk]),
        {k: ("" if v is None else v) for k, v in data.items()},
    )
    text = response.content.decode()
    assert response.status_code == 400
    assert '<details id="add-vendor" open>' in text
    assert 'value="Late CRM"' in text
