"""The audit trail of a rollout, from django-simple-history's tables: one query per
tracked model (the latest rows of each), diffs computed in Python."""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _

from roles.models import Commitment, RoleAssignment
from rollout.models import Gate, GateCriterion, Rollout, Task

PER_MODEL = 300
SKIPPED = {"history_id", "history_date", "history_user", "history_user_id", "history_type",
           "history_change_reason", "id", "version"}  # fmt: skip


@dataclass
class Change:
    field: str
    before: str
    after: str


@dataclass
class AuditEntry:
    when: datetime
    who: str
    what: str
    subject: str
    kind: str
    changes: list[Change] = field(default_factory=list)


def _sources(rollout: Rollout) -> list[tuple[type[Model], QuerySet[Any], Callable[[Any], str]]]:
    history = {
        Rollout: Rollout.history.filter(id=rollout.pk),
        RoleAssignment: RoleAssignment.history.filter(rollout_id=rollout.pk).select_related(
            "person", "department"
        ),
        Commitment: Commitment.history.filter(request__rollout_id=rollout.pk).select_related(
            "person"
        ),
        Task: Task.history.filter(rollout_id=rollout.pk),
        Gate: Gate.history.filter(rollout_id=rollout.pk),
        GateCriterion: GateCriterion.history.filter(gate__rollout_id=rollout.pk),
    }
    labels: dict[type[Model], Callable[[Any], str]] = {
        Rollout: lambda row: row.name,
        RoleAssignment: lambda row: f"{row.person} · {row.role}",
        Commitment: lambda row: f"{row.person} · {row.hours_per_week} h",
        Task: lambda row: row.title,
        Gate: lambda row: row.name_en,
        GateCriterion: lambda row: row.text_en,
    }
    return [
        (model, qs.select_related("history_user"), labels[model]) for model, qs in history.items()
    ]


def audit_trail(*, rollout: Rollout) -> list[AuditEntry]:
    """Newest first: who changed what, when, and each field's before and after."""
    entries: list[AuditEntry] = []
    kinds = {"+": _("created"), "~": _("changed"), "-": _("deleted")}
    for model, queryset, label in _sources(rollout):
        rows = list(queryset.order_by("-history_date", "-history_id")[:PER_MODEL])
        by_object: dict[int, list[Any]] = defaultdict(list)
        for row in reversed(rows):
            by_object[row.id].append(row)
        fields = [f for f in model._meta.concrete_fields if f.attname not in SKIPPED]
        for versions in by_object.values():
            entries += _entries(model, versions, fields, label, kinds)
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries


def _entries(
    model: type[Model],
    versions: list[Any],
    fields: list[Any],
    label: Callable[[Any], str],
    kinds: dict[str, str],
) -> list[AuditEntry]:
    """One object's versions, oldest first, each compared with the one before."""
    out: list[AuditEntry] = []
    previous: Any = None
    for row in versions:
        changes: list[Change] = []
        if previous is not None:
            for f in fields:
                before = getattr(previous, f.attname, None)
                after = getattr(row, f.attname, None)
                if before != after:
                    changes.append(Change(str(f.verbose_name), _text(before), _text(after)))
        out.append(
            AuditEntry(
                when=row.history_date,
                who=str(row.history_user) if row.history_user else _("the system"),
                what=str(model._meta.verbose_name),
                subject=label(row),
                kind=kinds.get(row.history_type, row.history_type),
                changes=changes,
            )
        )
        previous = row
    return out


def _text(value: object) -> str:
    return "—" if value is None or value == "" else str(value)
