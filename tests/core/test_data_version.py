"""Rollout.data_version changes in the same transaction as every write to a table whose rows
belong to a rollout (rollout/data_version.py), for that rollout only; a rolled-back write
leaves it. Each table's insert, update and delete go through the ORM on a row of the demo;
the rollout the row belongs to is found through the ORM's own relations, not through the
triggers' SQL."""

from collections import deque
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.apps import apps
from django.db import DatabaseError, connection, models, transaction
from django.db.models import F, Value
from django.db.models.functions import Concat
from django.utils import timezone

from demo.keys import demo_rollout
from roles.models import User
from rollout import data_version
from rollout.models import Rollout
from tests.test_security_settings import settings_with
from work.models import Task

OWNED_TABLES = [owned.table for owned in data_version.owned_tables()]
SKIPPED_APPS = {"admin", "auth", "contenttypes", "sessions", "guardian", "axes"}


def _models_by_table() -> dict[str, type[models.Model]]:
    return {
        model._meta.db_table: model
        for model in apps.get_models(include_auto_created=True)
        if not model._meta.proxy
    }


def _lookup_to_rollout(model: type[models.Model]) -> str | None:
    """The ORM lookup from `model` to its rollout's id ("log__task__rollout"), shortest
    first, along foreign keys that are not people, departments or calendars."""
    queue: deque[tuple[type[models.Model], str]] = deque([(model, "")])
    seen = {model}
    while queue:
        current, prefix = queue.popleft()
        for field in current._meta.concrete_fields:
            target = field.related_model
            if not field.many_to_one and not field.one_to_one:
                continue
            if target is Rollout:
                return prefix + field.name
            if not isinstance(target, type) or target in seen:
                continue
            if target._meta.app_label in SKIPPED_APPS | {"roles", "rollout"}:
                continue
            if target.__name__.startswith("Historical"):
                continue
            seen.add(target)
            queue.append((target, f"{prefix}{field.name}__"))
    return None


def _versions() -> dict[int, int]:
    return dict(Rollout.objects.values_list("pk", "data_version"))


def _changed(before: dict[int, int]) -> set[int]:
    after = _versions()
    return {pk for pk, version in after.items() if before.get(pk) != version}


def _first(model: type[models.Model], **where: object) -> Any:
    row = model._default_manager.filter(**where).order_by("pk").first()
    assert row is not None, f"the demo has no {model.__name__} where {where}"
    return row


def _make(table: str, crm: Rollout, by: User) -> None:
    """A row of the CRM rollout in a table the demo leaves empty."""
    from django.contrib.auth.models import Group, Permission

    from chat.models import ChatChannel, ChatPlatform
    from discussion.models import Comment, CommentTarget, Mention
    from gates.models import ConditionMet, Decision, DecisionCondition
    from rollout.models import RolloutGroupObjectPermission
    from selection.models import Criterion, ScoreChange, Submission, Vendor
    from sso.models import GRANTABLE_ROLES, DirectoryGroup, DirectorySource
    from staffing.models import CounterOfferReply, StaffingAnswer
    from webhooks.models import WebhookEndpoint
    from work.approach import ImplementationApproach, RolloutStyle
    from work.models import Evidence, Objective, TaskLog, Workstream
    from work.plan_changes import ObjectiveChange, ObjectiveField, WorkstreamChange, WorkstreamField

    now = timezone.now()
    task = _first(Task, rollout=crm)
    match table:
        case "rollout_rolloutgroupobjectpermission":
            RolloutGroupObjectPermission.objects.create(
                group=Group.objects.create(name="Directory group"),
                permission=Permission.objects.get(codename="log_work"),
                content_object=crm,
            )
        case "sso_directorygroup":
            DirectoryGroup.objects.create(
                source=DirectorySource.values[0], name="g", role=GRANTABLE_ROLES[0], rollout=crm
            )
        case "rollout_evidence":
            Evidence.objects.create(
                log=_first(TaskLog, task__rollout=crm),
                file="evidence/x.txt",
                original_name="x.txt",
                content_type="text/plain",
                size=1,
            )
        case "work_objectivechange":
            ObjectiveChange.objects.create(
                rollout=crm,
                objective=_first(Objective, rollout=crm),
                changed_by=by,
                changed_at=now,
                field=ObjectiveField.values[0],
                before="a",
                after="b",
            )
        case "work_workstreamchange":
            WorkstreamChange.objects.create(
                rollout=crm,
                workstream=_first(Workstream, rollout=crm),
                changed_by=by,
                changed_at=now,
                field=WorkstreamField.values[0],
                before="a",
                after="b",
            )
        case "work_implementationapproach":
            ImplementationApproach.objects.create(
                rollout=crm, style=RolloutStyle.ALL_AT_ONCE, vendor_method="m", decided_by=by
            )
        case "staffing_counterofferreply":
            CounterOfferReply.objects.create(
                answer=_first(StaffingAnswer, request__rollout=crm, reply=None),
                accepted=True,
                reason="",
                asked_hours=Decimal("1"),
                by=by,
            )
        case "selection_scorechange":
            ScoreChange.objects.create(
                reopening=_first(Submission, rollout=crm),
                vendor=_first(Vendor, rollout=crm),
                criterion=_first(Criterion, rollout=crm),
                changed_by=by,
                score_after=3,
                comment_before="",
                comment_after="x",
            )
        case "gates_decision_recycle_tasks":
            _first(Decision, gate__rollout=crm).recycle_tasks.add(task)
        case "rollout_conditionmet":
            ConditionMet.objects.create(
                condition=_first(DecisionCondition, decision__gate__rollout=crm, met=None),
                by=by,
                note="done",
            )
        case "discussion_comment" | "discussion_mention":
            comment = Comment.objects.create(
                rollout=crm, target_kind=CommentTarget.TASK, target_id=task.pk, author=by, body="x"
            )
            Mention.objects.create(comment=comment, person=by)
        case "chat_chatchannel":
            ChatChannel.objects.create(
                rollout=crm,
                platform=ChatPlatform.WECOM,
                name="c",
                webhook_sealed="x",
                webhook_hint="x",
                secret_sealed="",
                keyword="",
            )
        case "webhooks_webhookendpoint":
            WebhookEndpoint.objects.create(
                rollout=crm,
                url="https://example.com/hook",
                description="d",
                secret_sealed="x",
                created_by=by,
                on_decision=True,
            )


def _a_row(table: str) -> tuple[type[models.Model], models.Model, int]:
    model = _models_by_table()[table]
    lookup = _lookup_to_rollout(model)
    assert lookup is not None, table
    row = model._default_manager.filter(**{f"{lookup}__isnull": False}).order_by("pk").first()
    if row is None:
        _make(table, demo_rollout("crm"), User.objects.get(username="ceo"))
        row = _first(model, **{f"{lookup}__isnull": False})
    rollout_id = model._default_manager.filter(pk=row.pk).values_list(lookup, flat=True).get()
    return model, row, rollout_id


def _refused(write: Callable[[], object]) -> bool:
    """Runs `write` in a savepoint; True when the database refused it because the table's
    rows are written once (any other error, such as a broken trigger, fails the test)."""
    refusal = ""
    try:
        with transaction.atomic():
            write()
    except DatabaseError as error:
        refusal = str(error)
    assert refusal == "" or "are written once" in refusal, refusal
    return refusal != ""


def _reaching_and_declared() -> tuple[set[str], set[str]]:
    declared = {o.table for o in data_version.owned_tables()} | set(data_version.not_page_content())
    reaching = {
        table
        for table, model in _models_by_table().items()
        if model._meta.app_label not in SKIPPED_APPS
        and not model.__name__.startswith("Historical")
        and model is not Rollout
        and _lookup_to_rollout(model) is not None
    }
    return reaching, declared


def test_every_table_that_reaches_a_rollout_is_declared(db):
    reaching, declared = _reaching_and_declared()
    assert reaching - declared == set()
    assert declared - reaching == set()


def test_a_table_its_app_does_not_declare_is_found(db, monkeypatch):
    chat = apps.get_app_config("chat")
    monkeypatch.setattr(chat, "data_version_owned", ())
    reaching, declared = _reaching_and_declared()
    assert reaching - declared == {"chat_chatchannel"}


def test_each_app_declares_only_its_own_tables():
    models_by_table = _models_by_table()
    foreign = {
        (config.label, table)
        for config in apps.get_app_configs()
        for table in [o.table for o in getattr(config, "data_version_owned", ())]
        + list(getattr(config, "data_version_not_page_content", ()))
        if models_by_table[table]._meta.app_label != config.label
    }
    assert foreign == set()


def test_a_new_rollout_starts_at_a_random_version(db):
    first = Rollout.objects.create(name="A", company="C")
    second = Rollout.objects.create(name="B", company="C")
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.data_version != second.data_version
    assert 0 <= first.data_version < 2**60


def test_a_version_uses_all_60_bits(db):
    """Not a double's 52 bits scaled up (which leaves the low bits zero), nor a small range."""
    rollout = Rollout.objects.create(name="A", company="C")
    versions = []
    for _ in range(32):  # all 32 below 2**59: odds of 2**-32
        Rollout.objects.filter(pk=rollout.pk).update(name="A")
        versions.append(_versions()[rollout.pk])
    assert any(version & 0xFF for version in versions)
    assert any(version >= 2**59 for version in versions)


def test_saving_a_rollout_read_before_a_write_takes_a_new_version(demo, crm, member1_task):
    """An edit through the ORM writes back the version it read; the trigger replaces it,
    or the rollout would go back to a version caches hold older data under."""
    stale = Rollout.objects.get(pk=crm.pk)
    Task.objects.filter(pk=member1_task.pk).update(title="Renamed")
    after_write = _versions()[crm.pk]
    stale.save()
    assert _versions()[crm.pk] not in {stale.data_version, after_write}


@pytest.mark.parametrize("table", OWNED_TABLES)
def test_an_update_changes_its_rollouts_version_only(demo, table):
    model, row, rollout_id = _a_row(table)
    before = _versions()
    pk = model._meta.pk.attname
    refused = _refused(lambda: model._default_manager.filter(pk=row.pk).update(**{pk: F(pk)}))
    assert _changed(before) == (set() if refused else {rollout_id})


@pytest.mark.parametrize("table", OWNED_TABLES)
def test_a_delete_and_an_insert_change_its_rollouts_version_only(demo, table):
    """The row is deleted, then put back as it was: no constraint of the table can refuse
    the insert. (Foreign keys are checked at commit in PostgreSQL; the test's transaction
    never commits.)"""
    model, row, rollout_id = _a_row(table)
    before = _versions()
    rows = model._default_manager.filter(pk=row.pk)
    if _refused(lambda: rows._raw_delete(connection.alias)):
        # Written once: the refused delete left the version; the insert is a copy.
        assert _changed(before) == set()
        row.pk = None
        for field in model._meta.concrete_fields:
            if field.unique and not field.primary_key and field.has_default():
                setattr(row, field.attname, field.get_default())
        model._default_manager.bulk_create([row])
        assert _changed(before) == {rollout_id}
        return
    assert _changed(before) == {rollout_id}
    after_delete = _versions()
    model._default_manager.bulk_create([row])
    assert _changed(after_delete) == {rollout_id}


def test_a_rolled_back_write_leaves_the_version(demo, crm, member1_task):
    before = _versions()
    inside: set[int] = set()

    def write_then_fail() -> None:
        with transaction.atomic():
            Task.objects.filter(pk=member1_task.pk).update(estimate_hours=Decimal("99"))
            inside.update(_changed(before))
            raise RuntimeError

    with pytest.raises(RuntimeError):
        write_then_fail()
    assert inside == {crm.pk}
    assert _changed(before) == set()


def test_a_bulk_update_of_many_rows_changes_the_version_of_each_rollout(crm, pilot, pilot_task):
    before = _versions()
    Task.objects.filter(rollout__in=[crm, pilot]).update(title=F("title"))
    assert _changed(before) == {crm.pk, pilot.pk}


def test_signing_in_changes_no_version_and_a_new_name_changes_every_one(demo):
    person = demo["member1"]
    before = _versions()
    type(person).objects.filter(pk=person.pk).update(last_login=F("date_joined"))
    assert _changed(before) == set()
    type(person).objects.filter(pk=person.pk).update(display_name="Someone else")
    assert _changed(before) == set(before)


def _rollout_rows_updated() -> int:
    """Rows of rollout_rollout updated so far in this transaction (the test's own)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT n_tup_upd FROM pg_stat_xact_user_tables WHERE relname = %s",
            [data_version.ROLLOUT_TABLE],
        )
        row = cursor.fetchone()
    return int(row[0]) if row else 0


def test_a_statement_renaming_many_people_changes_each_version_once(demo):
    """A directory sync: one UPDATE of many people updates each rollout once, not once
    a person."""
    people = User.objects.filter(pk__in=[person.pk for person in demo.values()])
    assert people.count() > 10
    before, updated = _versions(), _rollout_rows_updated()
    people.update(display_name=Concat(F("display_name"), Value(" (synced)")))
    assert _changed(before) == set(before)
    assert _rollout_rows_updated() - updated == len(before)


def test_a_statement_changing_only_what_pages_do_not_show_changes_no_version(demo):
    people = User.objects.filter(pk__in=[person.pk for person in demo.values()])
    before, updated = _versions(), _rollout_rows_updated()
    people.update(last_login=F("date_joined"))
    assert _changed(before) == set()
    assert _rollout_rows_updated() == updated


SQLITE_WRITES = """
from django.core.management import call_command
call_command('migrate', verbosity=0)
from rollout.models import Rollout
from roles.models import Department
from work.models import Workstream
def versions():
    return dict(Rollout.objects.values_list('pk', 'data_version'))
mine = Rollout.objects.create(name='Mine', company='C')
other = Rollout.objects.create(name='Other', company='C')
department = Department.objects.create(code='sales', name_en='Sales')
start = versions()
workstream = Workstream.objects.create(rollout=mine, name='Leads')
direct = versions()
workstream.departments.add(department)
through_parent = versions()
Department.objects.filter(pk=department.pk).update(name_en='Sales and service')
shared = versions()
print(start[mine.pk] != direct[mine.pk], start[other.pk] == direct[other.pk],
      direct[mine.pk] != through_parent[mine.pk], direct[other.pk] == through_parent[other.pk],
      shared[mine.pk] != through_parent[mine.pk], shared[other.pk] != through_parent[other.pk])
"""


def test_the_embedded_sqlite_database_keeps_the_version_too(migrated_sqlite):
    out = settings_with(
        {"DATABASE_URL": migrated_sqlite},
        "exec(" + repr(SQLITE_WRITES) + ")",
    )
    assert out.splitlines()[-1] == "True True True True True True"
