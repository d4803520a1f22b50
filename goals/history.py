"""Every change of the goal, newest first, for the Goal page: its words (the rollout's own
history), its targets and their actual values (django-simple-history's tables). Each row
is compared with the version before it, which the same query reads alongside (a subquery
per field), so the page costs the same few queries however long the history is."""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db.models import F, OuterRef, QuerySet, Subquery
from django.utils.translation import gettext as _

from goals.models import GoalTarget, TargetActual, plain
from roles.models import User
from rollout.models import Rollout

LISTED = 40
TARGET_FIELDS = ("measure", "unit", "baseline", "target", "due_date", "owner_id")


@dataclass
class Change:
    field: str
    after: str
    before: str | None = None  # None: a fact of a new record, not a change


@dataclass
class GoalChange:
    when: datetime
    who: str
    subject: str
    action: str
    changes: list[Change] = field(default_factory=list)


def _with_previous(
    history: QuerySet[Any], fields: tuple[str, ...], *, changed: str = ""
) -> QuerySet[Any]:
    """The newest rows, each with the fields of the version before it (prev_<field>); with
    `changed`, only the rows where that field differs from the version before."""
    model = history.model
    previous = {
        f"prev_{name}": Subquery(
            model.objects.filter(id=OuterRef("id"), history_id__lt=OuterRef("history_id"))
            .order_by("-history_id")
            .values(name)[:1]
        )
        for name in fields
    }
    rows = history.annotate(**previous)
    if changed:
        rows = rows.exclude(**{changed: F(f"prev_{changed}")})
    newest: QuerySet[Any] = rows.select_related("history_user").order_by("-history_id")
    return newest[:LISTED]


def _who(row: Any) -> str:
    return str(row.history_user) if row.history_user else _("the system")


def _text(value: Any) -> str:
    if isinstance(value, Decimal):
        return plain(value)
    if hasattr(value, "strftime"):
        return f"{value:%Y-%m-%d}"
    return "" if value is None else str(value)


def goal_history(*, rollout: Rollout) -> list[GoalChange]:
    out = _goal_text(rollout) + _targets(rollout) + _actuals(rollout)
    out.sort(key=lambda change: change.when, reverse=True)
    return out[:LISTED]


def _goal_text(rollout: Rollout) -> list[GoalChange]:
    rows = _with_previous(Rollout.history.filter(id=rollout.pk), ("goal",), changed="goal")
    return [
        GoalChange(
            when=row.history_date,
            who=_who(row),
            subject=_("The goal"),
            action=_("written") if not row.prev_goal else _("changed"),
            changes=[Change(_("goal"), row.goal, row.prev_goal or None)],
        )
        for row in rows
        if row.goal or row.prev_goal  # a rollout created without a goal: nothing to say
    ]


def _targets(rollout: Rollout) -> list[GoalChange]:
    rows = list(_with_previous(GoalTarget.history.filter(rollout_id=rollout.pk), TARGET_FIELDS))
    ids = {row.owner_id for row in rows} | {row.prev_owner_id for row in rows}
    people = {p.pk: str(p) for p in User.objects.filter(pk__in=ids - {None})}
    labels = {
        "measure": _("measure"), "unit": _("unit"), "baseline": _("baseline"),
        "target": _("target value"), "due_date": _("due date"), "owner_id": _("owner"),
    }  # fmt: skip
    out = []
    for row in rows:
        new = row.history_type == "+"

        def shown(name: str, value: Any) -> str:
            return people.get(value, "") if name == "owner_id" else _text(value)

        changes = [
            Change(
                labels[name],
                shown(name, getattr(row, name)),
                None if new else shown(name, getattr(row, f"prev_{name}")),
            )
            for name in TARGET_FIELDS
            if new or getattr(row, name) != getattr(row, f"prev_{name}")
        ]
        if changes:
            out.append(
                GoalChange(
                    when=row.history_date,
                    who=_who(row),
                    subject=row.measure,
                    action={"+": _("target set"), "-": _("target removed")}.get(
                        row.history_type, _("target changed")
                    ),
                    changes=changes,
                )
            )
    return out


def _actuals(rollout: Rollout) -> list[GoalChange]:
    history = TargetActual.history.filter(
        target_id__in=GoalTarget.objects.filter(rollout=rollout).values("pk")
    )
    rows = _with_previous(history.select_related("target"), ("value",))
    return [
        GoalChange(
            when=row.history_date,
            who=_who(row),
            subject=row.target.measure if row.target else "",
            action=_("value recorded") if row.prev_value is None else _("value corrected"),
            changes=[
                Change(
                    _("value on %(day)s") % {"day": _text(row.as_of)},
                    _text(row.value),
                    None if row.prev_value is None else _text(row.prev_value),
                )
            ],
        )
        for row in rows
        if row.history_type != "-"
    ]
