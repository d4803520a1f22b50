"""A refused form on the task pages stays open with what was typed: 400 (422 for htmx, which
swaps it in) with the values back in the inputs, never a redirect that drops them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from demo.keys import demo_task
from work.models import TaskLog, TaskReview

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
NOTE = "Mapped the fields with the sales team"


def refused_log(client, crm, task, **extra):
    data = {"work_date": timezone.localdate().isoformat(), "hours": "30", "progress": "40",
            "note": NOTE, **extra}  # fmt: skip
    return client.post(reverse("work:task_log", args=[crm.pk, task.pk]), data)


def test_it_keeps_what_was_typed_in_a_refused_log_from_the_list(client, demo, crm, member1_task):
    client.force_login(demo["member1"])
    data = {"work_date": "2020-01-01", "hours": "30", "progress": "40", "note": NOTE}
    response = client.post(reverse("work:task_log", args=[crm.pk, member1_task.pk]), data, **HTMX)
    text = response.content.decode()
    assert response.status_code == 422
    assert 'value="30"' in text
    assert 'value="40"' in text
    assert f'value="{NOTE}"' in text
    assert 'value="2020-01-01"' in text


def test_it_keeps_what_was_typed_in_a_refused_log_without_javascript(
    client, demo, crm, member1_task
):
    client.force_login(demo["member1"])
    response = refused_log(client, crm, member1_task)
    text = response.content.decode()
    assert response.status_code == 400
    assert f'id="log-error-{member1_task.pk}"' in text
    assert f'value="{NOTE}"' in text
    assert not TaskLog.objects.filter(task=member1_task).exists()


def test_it_keeps_what_was_typed_in_a_refused_log_on_the_task_page(client, demo, crm, member1_task):
    client.force_login(demo["member1"])
    response = refused_log(client, crm, member1_task, next="detail")
    text = response.content.decode()
    assert response.status_code == 400
    assert response.templates[0].name == "work/task_detail.html"
    assert 'value="30"' in text
    assert f'value="{NOTE}"' in text
    assert "A day has at most 24 hours." in text


def test_it_asks_for_the_files_again_after_a_refused_log(client, demo, crm, member1_task):
    client.force_login(demo["member1"])
    upload = SimpleUploadedFile("notes.txt", b"met the sales team")
    text = refused_log(client, crm, member1_task, evidence=upload).content.decode()
    assert "Choose the evidence files again." in text


def test_it_keeps_the_reason_of_a_refused_send_back_open_on_the_task_page(client, demo, crm):
    task = demo_task(crm, "cleanup_batch1")
    client.force_login(demo["sales.manager"])
    reason = "x" * 2001  # one character too many
    response = client.post(
        reverse("work:task_send_back", args=[crm.pk, task.pk]), {"reason": reason}
    )
    text = response.content.decode()
    assert response.status_code == 400
    assert f">{reason}</textarea>" in text
    assert 'aria-invalid="true"' in text
    assert not TaskReview.objects.filter(task=task).exists()


def test_it_keeps_a_refused_correction_in_its_row(client, demo, crm):
    task = demo_task(crm, "train_sales")
    entry = TaskLog.objects.get(task=task)
    client.force_login(demo["member1"])
    data = {"hours_change": "-20", "reason": "Counted the whole week twice"}
    response = client.post(reverse("work:log_correct", args=[crm.pk, entry.pk]), data)
    text = response.content.decode()
    assert response.status_code == 400
    assert f'id="correct-error-{entry.pk}"' in text
    assert 'value="-20"' in text
    assert 'value="Counted the whole week twice"' in text
