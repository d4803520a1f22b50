"""work.services: the rules of logging, claiming and verifying work."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from demo.keys import demo_task
from tests.work.work_data import log_work as log
from work import services as work
from work.models import Evidence, Task, TaskLog
from work.services import WorkError

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


@pytest.fixture
def fields_task(crm) -> Task:
    """Open, assigned to member1, sales."""
    return demo_task(crm, "customer_fields")


def test_it_logs_work_and_moves_the_task_in_progress(demo, fields_task):
    log(demo["member1"], fields_task)
    fields_task.refresh_from_db()
    assert (fields_task.status, fields_task.progress) == ("in_progress", 60)


@pytest.mark.parametrize("hours", ["0", "-1"])
def test_it_refuses_hours_that_are_not_positive(demo, fields_task, hours):
    with pytest.raises(WorkError, match="more than 0"):
        log(demo["member1"], fields_task, hours=hours)
    assert not TaskLog.objects.filter(task=fields_task).exists()


def test_it_refuses_more_than_24_hours_in_a_day_across_tasks(demo, crm, fields_task):
    other = demo_task(crm, "train_sales")
    log(demo["member1"], other, hours="20")
    with pytest.raises(WorkError, match="You have 4 hours left"):
        log(demo["member1"], fields_task, hours="5")
    assert not TaskLog.objects.filter(task=fields_task).exists()


def test_it_refuses_a_log_on_someone_elses_task(demo, fields_task):
    with pytest.raises(WorkError, match="assigned to you"):
        log(demo["member2"], fields_task)


def test_it_refuses_a_day_that_has_not_come(demo, fields_task):
    with pytest.raises(WorkError, match="not come yet"):
        log(demo["member1"], fields_task, work_date=TODAY() + timedelta(days=1))


def test_it_refuses_progress_over_100(demo, fields_task):
    with pytest.raises(WorkError, match="0 to 100"):
        log(demo["member1"], fields_task, progress=101)


def test_it_refuses_logs_on_a_verified_task(demo, crm):
    verified = demo_task(crm, "map_lead_to_order")
    with pytest.raises(WorkError, match="verified done"):
        log(demo["member1"], verified)


def test_it_keeps_a_real_pdf_as_evidence_under_a_generated_name(demo, fields_task):
    pdf = SimpleUploadedFile("minutes.pdf", b"%PDF-1.7 minutes", content_type="application/pdf")
    entry = log(demo["member1"], fields_task, evidence=[pdf])
    stored = Evidence.objects.get(log=entry)
    assert stored.original_name == "minutes.pdf"
    assert "minutes" not in stored.file.name


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("page.html", b"<html><script>alert(1)</script></html>"),
        ("photo.png", b"<html><script>alert(1)</script></html>"),  # disguised
        ("notes.txt", b"<!DOCTYPE html><script>alert(1)</script>"),
        ("empty.pdf", b""),
    ],
)
def test_it_refuses_unsafe_evidence_and_writes_nothing(demo, fields_task, name, content):
    upload = SimpleUploadedFile(name, content)
    with pytest.raises(WorkError, match=name):
        log(demo["member1"], fields_task, evidence=[upload])
    assert not TaskLog.objects.filter(task=fields_task).exists()


def test_it_refuses_more_than_five_files(demo, fields_task):
    files = [SimpleUploadedFile(f"n{i}.txt", b"notes") for i in range(6)]
    with pytest.raises(WorkError, match="at most 5"):
        log(demo["member1"], fields_task, evidence=files)


def test_a_correction_is_a_new_entry_and_the_original_stays(demo, fields_task):
    original = log(demo["member1"], fields_task, hours="3")
    work.task_log_correct(
        by=demo["member1"], log=original, hours_change=Decimal("-1"), reason="Typed 3, was 2"
    )
    hours = sorted(TaskLog.objects.filter(task=fields_task).values_list("hours", flat=True))
    assert hours == [Decimal("-1"), Decimal("3")]


def test_a_correction_cannot_remove_more_than_the_entry(demo, fields_task):
    original = log(demo["member1"], fields_task, hours="2")
    with pytest.raises(WorkError, match="cannot lose more"):
        work.task_log_correct(
            by=demo["member1"], log=original, hours_change=Decimal("-3"), reason="x"
        )


def test_only_the_author_corrects_an_entry(demo, fields_task):
    original = log(demo["member1"], fields_task)
    with pytest.raises(WorkError, match="your own"):
        work.task_log_correct(
            by=demo["member2"], log=original, hours_change=Decimal("1"), reason="x"
        )


def test_a_correction_needs_a_reason(demo, fields_task):
    original = log(demo["member1"], fields_task)
    with pytest.raises(WorkError, match="what the correction"):
        work.task_log_correct(
            by=demo["member1"], log=original, hours_change=Decimal("1"), reason=" "
        )


def test_claiming_done_is_a_claim(demo, fields_task):
    work.task_claim_done(by=demo["member1"], task=fields_task)
    fields_task.refresh_from_db()
    assert (fields_task.status, fields_task.verified_at) == ("claimed", None)


def test_a_task_waiting_for_another_cannot_be_claimed(demo, crm):
    batch2 = demo_task(crm, "cleanup_batch2")
    with pytest.raises(WorkError, match="still waits for"):
        work.task_claim_done(by=demo["member2"], task=batch2)


def test_the_departments_manager_verifies_a_claim(demo, crm):
    claimed = demo_task(crm, "cleanup_batch1")
    work.task_verify(by=demo["sales.manager"], task=claimed)
    claimed.refresh_from_db()
    assert claimed.status == "verified"
    assert claimed.verified_at is not None


@pytest.mark.parametrize("username", ["it.manager", "ceo", "member1", "admin"])
def test_nobody_else_verifies(demo, crm, username):
    claimed = demo_task(crm, "cleanup_batch1")
    with pytest.raises(WorkError, match="middle manager of the task's department"):
        work.task_verify(by=demo[username], task=claimed)


def test_sending_back_needs_a_reason_and_the_member_sees_it(demo, crm):
    from work.selectors import tasks_for_member

    claimed = demo_task(crm, "cleanup_batch1")
    with pytest.raises(WorkError, match="Say why"):
        work.task_send_back(by=demo["sales.manager"], task=claimed, reason="  ")
    work.task_send_back(by=demo["sales.manager"], task=claimed, reason="Merge the Beijing branch")
    mine = tasks_for_member(user=demo["member1"], rollout=crm).get(pk=claimed.pk)
    reason = mine.send_back_reason  # type: ignore[attr-defined]  # an annotation of the selector
    assert (mine.status, reason) == ("sent_back", "Merge the Beijing branch")


def test_only_a_claim_can_be_verified(demo, fields_task):
    with pytest.raises(WorkError, match="Only a task claimed done"):
        work.task_verify(by=demo["sales.manager"], task=fields_task)


def test_a_dependency_cycle_is_refused(demo, crm):
    batch1 = demo_task(crm, "cleanup_batch1")
    batch2 = demo_task(crm, "cleanup_batch2")  # waits for batch 1
    with pytest.raises(WorkError, match="cycle"):
        work.task_dependency_add(by=demo["ceo"], task=batch1, blocker=batch2)


def test_a_longer_cycle_is_refused(demo, crm, fields_task):
    batch1 = demo_task(crm, "cleanup_batch1")
    batch2 = demo_task(crm, "cleanup_batch2")
    work.task_dependency_add(by=demo["ceo"], task=fields_task, blocker=batch2)
    with pytest.raises(WorkError, match="cycle"):
        work.task_dependency_add(by=demo["ceo"], task=batch1, blocker=fields_task)


def test_a_task_cannot_wait_for_itself(demo, fields_task):
    with pytest.raises(WorkError, match="cycle"):
        work.task_dependency_add(by=demo["ceo"], task=fields_task, blocker=fields_task)


def create(by, crm, **overrides):
    fields = {
        "rollout": crm,
        "title": "Import legacy contacts",
        "workstream": crm.workstreams.order_by("pk").first(),
        "department_id": by.department_id if by.department_id else crm.tasks.first().department_id,
        "assignees": [],
        "due_date": TODAY() + timedelta(days=10),
        "estimate_hours": Decimal("8"),
    }
    fields.update(overrides)
    return work.task_create(by=by, **fields)


def test_a_manager_plans_a_task_for_their_department(demo, crm):
    task = create(demo["sales.manager"], crm, assignees=[demo["member1"]])
    assert list(task.assignees.all()) == [demo["member1"]]


def test_a_manager_cannot_plan_for_another_department(demo, crm):
    with pytest.raises(WorkError, match="department you manage"):
        create(
            demo["sales.manager"],
            crm,
            assignees=[demo["member3"]],
            department_id=demo["it.manager"].department_id,
        )


def test_a_task_needs_implementation_members_as_assignees(demo, crm):
    with pytest.raises(WorkError, match="Not implementation members"):
        create(demo["sales.manager"], crm, assignees=[demo["sel.it"]])


def test_a_task_needs_a_positive_estimate(demo, crm):
    with pytest.raises(WorkError, match="more than 0 hours"):
        create(demo["sales.manager"], crm, assignees=[demo["member1"]], estimate_hours=Decimal("0"))


def test_a_member_cannot_plan(demo, crm):
    with pytest.raises(WorkError, match="Only the executive and middle managers"):
        create(demo["member1"], crm, assignees=[demo["member1"]])


def test_a_workstream_of_another_rollout_is_refused(demo, crm, pilot):
    other = work.workstream_create(by=demo["pilot.lead"], rollout=pilot, name="Tickets")
    with pytest.raises(WorkError, match="another rollout"):
        create(demo["ceo"], crm, assignees=[demo["member1"]], workstream=other)


def test_an_objective_must_be_of_the_tasks_department(demo, crm):
    it_objective = crm.objectives.get(department=demo["it.manager"].department)
    with pytest.raises(WorkError, match="another department"):
        create(demo["sales.manager"], crm, assignees=[demo["member1"]], objective=it_objective)


def test_a_manager_sets_an_objective_for_their_department_only(demo, crm):
    sales = demo["sales.manager"].department
    it = demo["it.manager"].department
    objective = work.objective_create(
        by=demo["sales.manager"],
        rollout=crm,
        department_id=sales.pk,
        title="Quotes in the CRM",
        target="All quotes issued from the CRM",
        due_date=TODAY() + timedelta(days=30),
    )
    assert objective.pk
    with pytest.raises(WorkError, match="department you manage"):
        work.objective_create(
            by=demo["sales.manager"],
            rollout=crm,
            department_id=it.pk,
            title="Servers",
            target="x",
            due_date=TODAY(),
        )
