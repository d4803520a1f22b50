"""What a decision records: the vendor chosen at the selection gate (the recommendation
unless another is chosen, with a reason), the approach of the contract or implementation
gate, and a Recycle that reopens exactly the tasks it names and tells only their
assignees."""

import uuid

import pytest
from django.db import IntegrityError, transaction

from gates import services
from gates.decision_records import RecordError, Records, check_records
from gates.models import Decision, Gate
from gates.selectors.evidence_pack import evidence_pack
from gates.services import GateError
from notifications.models import Notification
from tests.gates.decision_data import other_vendor, recommended_vendor_id
from work import selectors as work_selectors
from work.models import ImplementationApproach, Task, TaskChange

pytestmark = pytest.mark.django_db


def decide(by, gate, outcome="go", **extra):
    gate.refresh_from_db()
    pack = evidence_pack(gate=gate)
    fields = {
        "evidence_fingerprint": pack.fingerprint,
        "gate_version": gate.version,
        "submission": uuid.uuid4(),
        "reason": "Service compared this time",
    }
    fields.update(extra)
    return services.decision_record(by=by, gate=gate, outcome=outcome, **fields)


@pytest.fixture
def select(crm) -> Gate:
    return Gate.objects.get(rollout=crm, key="select")


@pytest.fixture
def contract(demo, crm, select) -> Gate:
    """The contract gate, waiting after the selection gate's Go."""
    decide(demo["ceo"], select)
    return Gate.objects.get(rollout=crm, key="contract")


# --- the vendor --------------------------------------------------------------------------


def test_it_names_the_recommended_vendor_when_none_is_chosen(demo, crm, select):
    decision = decide(demo["ceo"], select)
    assert decision.vendor_id == recommended_vendor_id(crm)
    assert decision.vendor_reason == ""


def test_it_refuses_another_vendor_without_a_reason(demo, crm, select):
    vendor = other_vendor(crm)
    with pytest.raises(GateError, match="give the reason for choosing differently"):
        decide(demo["ceo"], select, records=Records(vendor=vendor, vendor_reason="  "))
    assert not select.decisions.filter(outcome="go").exists()


def test_it_keeps_another_vendor_with_its_reason(demo, crm, select):
    vendor = other_vendor(crm)
    decision = decide(
        demo["ceo"], select, records=Records(vendor=vendor, vendor_reason="Local service team")
    )
    decision.refresh_from_db()
    assert (decision.vendor, decision.vendor_reason) == (vendor, "Local service team")


def test_it_refuses_a_vendor_of_another_rollout(demo, select, pilot_vendor):
    with pytest.raises(GateError, match="this rollout's vendors"):
        decide(demo["ceo"], select, records=Records(vendor=pilot_vendor, vendor_reason="x"))


def test_a_hold_names_no_vendor(demo, crm, select):
    from datetime import timedelta

    from django.utils import timezone

    decision = decide(
        demo["ceo"],
        select,
        outcome="hold",
        decide_again_on=timezone.localdate() + timedelta(days=5),
        records=Records(vendor=other_vendor(crm), vendor_reason="Ignored"),
    )
    assert decision.vendor is None


def test_only_the_selection_gate_names_a_vendor(crm, contract):
    with pytest.raises(RecordError, match="Only the selection gate"):
        check_records(
            gate=contract, outcome="go", records=Records(vendor=other_vendor(crm)), selection=None
        )


def test_the_database_refuses_a_vendor_reason_without_a_vendor(demo, select):
    decision = decide(demo["ceo"], select)
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.create(
            gate=select, decided_by=demo["ceo"], outcome="go", reason="r", vendor_reason="why",
            evidence_hash="x", gate_version=1, waited_from=decision.created_at,
        )  # fmt: skip


# --- the approach ------------------------------------------------------------------------


def test_the_contract_gate_records_the_approach_and_the_plan_shows_it(demo, crm, contract):
    sales = demo["sales.manager"].department
    decide(
        demo["ceo"],
        contract,
        records=Records(
            approach_style="pilot_then_phased",
            pilot_department=sales,
            vendor_method="Agile, 3 sprints",
        ),
    )
    approach = work_selectors.current_approach(rollout=crm)
    assert approach is not None
    assert (approach.style, approach.pilot_department, approach.vendor_method) == (
        "pilot_then_phased",
        sales,
        "Agile, 3 sprints",
    )
    assert contract.decisions.get().approach == approach


@pytest.mark.parametrize(
    ("style", "pilot", "message"),
    [
        ("", "sales", "Choose how the rollout goes"),
        ("pilot_then_phased", None, "needs its pilot department"),
        ("all_at_once", "sales", "has no pilot department"),
        ("phased", "legal", "pilot department of this rollout"),
    ],
)
def test_it_refuses_an_approach_that_does_not_hold(demo, contract, style, pilot, message):
    from roles.models import Department

    department = Department.objects.get(code=pilot) if pilot else None
    with pytest.raises(GateError, match=message):
        decide(
            demo["ceo"],
            contract,
            records=Records(approach_style=style, pilot_department=department, vendor_method="m"),
        )
    assert not ImplementationApproach.objects.exists()


def test_the_selection_gate_records_no_approach(crm, select):
    with pytest.raises(RecordError, match="contract or implementation gate"):
        check_records(
            gate=select, outcome="go", records=Records(approach_style="phased"), selection=None
        )


def test_the_database_refuses_a_pilot_style_without_a_pilot(demo, crm):
    with pytest.raises(IntegrityError), transaction.atomic():
        ImplementationApproach.objects.create(
            rollout=crm, style="pilot_then_phased", decided_by=demo["ceo"]
        )


# --- recycle -----------------------------------------------------------------------------


def done_tasks(crm) -> list[Task]:
    return list(
        Task.objects.filter(rollout=crm, status__in=["claimed", "verified"])
        .exclude(assignees=None)
        .order_by("pk")
    )


def test_a_recycle_reopens_exactly_the_named_tasks_and_tells_only_their_assignees(
    demo, crm, select
):
    done = done_tasks(crm)
    assert len(done) >= 3  # the demo has claimed and verified work
    named, untouched = done[:2], done[2:]
    last = Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    decision = decide(
        demo["ceo"], select, outcome="recycle", reason="Redo the demos", recycle_work="",
        records=Records(recycle_tasks=named, recycle_phase=select),
    )  # fmt: skip
    statuses = dict(Task.objects.filter(rollout=crm).values_list("pk", "status"))
    assert [statuses[t.pk] for t in named] == ["open", "open"]
    assert [statuses[t.pk] for t in untouched] == [t.status for t in untouched]
    assignees = {p.pk for t in named for p in t.assignees.all()} - {demo["ceo"].pk}
    told = set(Notification.objects.filter(pk__gt=last).values_list("recipient_id", flat=True))
    assert told == assignees
    assert set(decision.recycle_tasks.all()) == set(named)


def test_a_recycle_keeps_the_reason_in_each_tasks_history(demo, crm, select):
    named = done_tasks(crm)[:1]
    before = named[0].status
    decide(demo["ceo"], select, outcome="recycle", reason="Redo the demos", records=Records(
        recycle_tasks=named))  # fmt: skip
    change = TaskChange.objects.get(task=named[0], field="status")
    assert (change.before, change.after, change.reason) == (before, "open", "Redo the demos")


def test_a_recycle_names_its_work_from_the_tasks_when_not_written(demo, crm, select):
    named = done_tasks(crm)[:1]
    decision = decide(demo["ceo"], select, outcome="recycle", records=Records(recycle_tasks=named))
    assert named[0].title in decision.recycle_work


def test_a_recycle_refuses_a_task_not_done(demo, crm, select):
    open_task = Task.objects.filter(rollout=crm, status="open").first()
    assert open_task is not None
    with pytest.raises(GateError, match="Only work claimed or verified done"):
        decide(demo["ceo"], select, outcome="recycle", recycle_work="x",
               records=Records(recycle_tasks=[open_task]))  # fmt: skip
    assert not TaskChange.objects.filter(field="status").exists()


def test_a_recycle_refuses_a_task_of_another_rollout(demo, select, pilot_task):
    with pytest.raises(GateError, match="only tasks of this rollout"):
        decide(demo["ceo"], select, outcome="recycle", recycle_work="x",
               records=Records(recycle_tasks=[pilot_task]))  # fmt: skip


def test_a_recycle_refuses_a_later_phase(demo, crm, select):
    later = Gate.objects.get(rollout=crm, key="go_live")
    with pytest.raises(GateError, match="an earlier one"):
        decide(demo["ceo"], select, outcome="recycle", recycle_work="x",
               records=Records(recycle_phase=later))  # fmt: skip


def test_a_recycle_without_work_is_refused(demo, select):
    with pytest.raises(GateError, match="Name the work to redo"):
        decide(demo["ceo"], select, outcome="recycle", recycle_work=" ")


def test_each_assignee_is_told_in_their_language(demo, crm, select):
    task = done_tasks(crm)[0]
    reader = task.assignees.all()[0]
    reader.preferred_language = "zh-hans"
    reader.save(update_fields=["preferred_language"])
    decide(demo["ceo"], select, outcome="recycle", reason="Redo it",
           records=Records(recycle_tasks=[task]))  # fmt: skip
    notice = Notification.objects.filter(recipient=reader).latest("pk")
    assert f"您的任务“{task.title}”退回重做：Redo it" in notice.text
