"""The uploader's file name is kept with the evidence: a name longer than the column keeps
its extension (it lost it, issue #11)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from work.models import Evidence
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
    task = member1_task
    client.force_login(demo["member1"])
    client.post(
        reverse("task_log", args=[crm.pk, task.pk]),
        {"work_date": timezone.localdate().isoformat(), "hours": "1", "progress": "10",
         "evidence": SimpleUploadedFile(LONG, b"met the sales team")},
    )  # fmt: skip
    evidence = Evidence.objects.get(log__task=task)
    assert evidence.original_name.endswith(".txt")
    response = client.get(reverse("evidence_download", args=[crm.pk, evidence.pk]))
    assert ".txt" in response["Content-Disposition"]
