"""The task pages: log from the list in one step (htmx), claim, send back, see why."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from demo.keys import demo_task
from work.models import Evidence, Task, TaskLog

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def post_log(client, crm, task, **data):
    fields = {"work_date": timezone.localdate().isoformat(), "hours": "2.5", "progress": "60"}
    return client.post(reverse("work:task_log", args=[crm.pk, task.pk]), {**fields, **data}, **HTMX)


def test_logging_from_the_list_returns_the_updated_row(client, demo, crm):
    task = demo_task(crm, "customer_fields")
    client.force_login(demo["member1"])
    response = post_log(client, crm, task)
    text = response.content.decode()
    assert response.status_code == 200
    assert f'id="task-{task.pk}"' in text
    assert "Logged 2.5 h" in text


def test_a_refused_log_from_the_list_says_why_with_422(client, demo, crm):
    task = demo_task(crm, "customer_fields")
    client.force_login(demo["member1"])
    response = post_log(client, crm, task, hours="-2")
    assert response.status_code == 422
    assert "Hours must be more than 0." in response.content.decode()
    assert not TaskLog.objects.filter(task=task).exists()


def test_a_log_on_someone_elses_task_is_forbidden(client, demo, crm):
    task = demo_task(crm, "customer_fields")
    client.force_login(demo["member2"])
    assert post_log(client, crm, task).status_code == 403


def test_an_html_file_is_refused_with_a_message_and_nothing_is_written(client, demo, crm):
    task = demo_task(crm, "customer_fields")
    client.force_login(demo["member1"])
    upload = SimpleUploadedFile("report.html", b"<html><script>x</script></html>")
    response = post_log(client, crm, task, evidence=upload)
    assert "report.html: this type of file is not accepted" in response.content.decode()
    assert not TaskLog.objects.filter(task=task).exists()


def test_evidence_downloads_as_an_attachment(client, demo, crm):
    task = demo_task(crm, "customer_fields")
    client.force_login(demo["member1"])
    post_log(client, crm, task, evidence=SimpleUploadedFile("notes.txt", b"met the sales team"))
    evidence = Evidence.objects.get(log__task=task)
    client.force_login(demo["sel.it"])  # anyone in the rollout may read the task's evidence
    response = client.get(reverse("work:evidence_download", args=[crm.pk, evidence.pk]))
    assert response["Content-Disposition"].startswith('attachment; filename="notes.txt"')
    assert b"".join(response.streaming_content) == b"met the sales team"


def test_claiming_from_the_list_shows_the_claim(client, demo, crm):
    task = demo_task(crm, "train_sales")
    client.force_login(demo["member1"])
    response = client.post(
        reverse("work:task_claim", args=[crm.pk, task.pk]), {"confirm": "yes"}, **HTMX
    )
    assert "Claimed done" in response.content.decode()


def test_the_board_puts_claims_first(client, demo, crm):
    client.force_login(demo["sales.manager"])
    tasks = client.get(reverse("work:board", args=[crm.pk])).context["tasks"]
    assert tasks[0].status == "claimed"
    assert {t.department.code for t in tasks} == {"sales"}


def test_the_manager_sends_back_and_the_member_sees_the_reason(client, demo, crm):
    task = demo_task(crm, "cleanup_batch1")
    client.force_login(demo["sales.manager"])
    client.post(
        reverse("work:task_send_back", args=[crm.pk, task.pk]), {"reason": "Merge branches"}
    )
    client.force_login(demo["member1"])
    assert "Merge branches" in client.get(reverse("work:my_tasks", args=[crm.pk])).content.decode()


def test_a_send_back_without_reason_is_refused_with_a_message(client, demo, crm):
    task = demo_task(crm, "cleanup_batch1")
    client.force_login(demo["sales.manager"])
    response = client.post(reverse("work:task_send_back", args=[crm.pk, task.pk]), {}, follow=True)
    assert "Say why the task is sent back" in response.content.decode()
    task.refresh_from_db()
    assert task.status == "claimed"


def test_the_progress_page_counts_only_verified_hours(client, demo, crm):
    client.force_login(demo["ceo"])
    response = client.get(reverse("work:progress", args=[crm.pk]))
    sales = next(d for d in response.context["departments"] if d.department.code == "sales")
    verified = sum(
        t.estimate_hours
        for t in Task.objects.filter(rollout=crm, department=sales.department, status="verified")
    )
    assert sales.verified_estimate == verified == Decimal("22")


def test_the_progress_page_lists_core_workstreams_first(client, demo, crm):
    client.force_login(demo["ceo"])
    workstreams = client.get(reverse("work:progress", args=[crm.pk])).context["workstreams"]
    flags = [w.is_core for w in workstreams]
    assert flags == sorted(flags, reverse=True)


def test_the_burn_up_is_also_a_table(client, demo, crm):
    client.force_login(demo["ceo"])
    text = client.get(reverse("work:progress", args=[crm.pk])).content.decode()
    assert 'id="burn-up-table"' in text
    assert "<polyline" in text


def test_a_correction_from_the_task_page(client, demo, crm):
    task = demo_task(crm, "train_sales")
    entry = TaskLog.objects.get(task=task)
    client.force_login(demo["member1"])
    response = client.post(
        reverse("work:log_correct", args=[crm.pk, entry.pk]),
        {"hours_change": "-0.5", "reason": "Half an hour was a break"},
        follow=True,
    )
    assert "Correction recorded" in response.content.decode()
    assert TaskLog.objects.filter(corrects=entry).count() == 1


# batch2 already waits for batch1 in the demo: batch1 waiting for batch2 would be a cycle.
@pytest.mark.parametrize(
    ("waiting", "blocker", "said", "linked"),
    [
        ("customer_fields", "cleanup_batch1", "now waits for", True),
        ("cleanup_batch1", "cleanup_batch2", "would make a cycle", False),
    ],
    ids=["added", "a cycle is refused with a message"],
)
def test_a_planner_adds_a_dependency_from_the_task_page(
    client, demo, crm, waiting, blocker, said, linked
):
    task, blocking = demo_task(crm, waiting), demo_task(crm, blocker)
    client.force_login(demo["sales.manager"])
    response = client.post(
        reverse("work:task_depend", args=[crm.pk, task.pk]), {"blocker": blocking.pk}, follow=True
    )
    assert said in response.content.decode()
    assert list(task.blocked_by.all()) == ([blocking] if linked else [])
