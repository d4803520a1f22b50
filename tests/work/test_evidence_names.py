"""The uploader's file name is kept with the evidence: a name longer than the column keeps
its extension (it lost it, issue #11)."""

import pytest
from django.urls import reverse

from tests.work.work_data import log_with_evidence
from work.upload_checks import MAX_NAME_LENGTH, evidence_name

pytestmark = pytest.mark.django_db
LONG = "会议纪要-" + "m" * 240 + ".txt"


def test_a_long_name_keeps_its_extension():
    name = evidence_name(LONG)
    assert len(name) == MAX_NAME_LENGTH
    assert name.endswith(".txt")
    assert name.startswith("会议纪要-mmm")


def test_a_short_name_is_kept_as_it_is():
    assert evidence_name("minutes.docx") == "minutes.docx"


def test_a_long_name_without_an_extension_is_cut():
    assert evidence_name("x" * 300) == "x" * MAX_NAME_LENGTH


def test_a_long_uploaded_name_downloads_with_its_extension(client, demo, crm, member1_task):
    evidence = log_with_evidence(client, demo["member1"], member1_task, LONG)
    assert evidence.original_name.endswith(".txt")
    response = client.get(reverse("work:evidence_download", args=[crm.pk, evidence.pk]))
    assert ".txt" in response["Content-Disposition"]
