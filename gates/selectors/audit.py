"""The audit trail of a rollout: every change to it, its roles, commitments, tasks, gates
and working calendar (django-simple-history's tables), and the records written once that
have no history table because they never change: the executive's decisions with their
conditions, conditions met, recommendations.

Filters (kind, person, dates) go into the SQL, so an old change is found however many
newer ones there are. One query per source (fewer when a kind is chosen) and one for the
people, whatever the number of rows; diffs are computed in Python. Times are shown in the
site's time zone, in the same format everywhere."""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Model, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.localized import localized
from gates.models import ConditionMet, Decision, DecisionCondition, Gate, GateAdvice, GateCriterion
from roles.models import RoleAssignment, User
from rollout.models import CalendarDay, Rollout, WorkingCalendar
from staffing.models import Commitment
from work.models import Task

PER_SOURCE = 300
SKIPPED = {"history_id", "history_date", "history_user", "history_user_id", "history_type",
           "history_change_reason", "id", "version"}  # fmt: skip
TIME_FORMAT = "%Y-%m-%d %H:%M"
SECONDS_FORMAT = "%Y-%m-%d %H:%M:%S"

# The kinds a reader filters by, in the order the filter lists them.
KINDS = [
    ("rollout", gettext_lazy("The rollout")),
    ("roles", gettext_lazy("Roles")),
    ("commitments", gettext_lazy("Commitments")),
    ("tasks", gettext_lazy("Tasks")),
    ("gates", gettext_lazy("Gates and criteria")),
    ("decisions", gettext_lazy("Decisions and conditions")),
    ("recommendations", gettext_lazy("Recommendations")),
    ("calendar", gettext_lazy("Working calendar")),
]


@dataclass
class Change:
    field: str
    after: str
    before: str | None = None  # None: not a change but a fact of a new record


@dataclass
class AuditEntry:
    when: datetime
    who: str
    what: str
    subject: str
    action: str
    kind: str
    changes: list[Change] = field(default_factory=list)


@dataclass(frozen=True)
class AuditFilter:
    kind: str = ""
    person_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None

    def period(self, column: str) -> Q:
        """The dates, both included, as local days: from midnight to the next midnight."""
        query = Q()
        zone = timezone.get_current_timezone()
        if self.date_from:
            query &= Q(**{f"{column}__gte": datetime.combine(self.date_from, time(), zone)})
        if self.date_to:
            after = datetime.combine(self.date_to + timedelta(days=1), time(), zone)
            query &= Q(**{f"{column}__lt": after})
        return query

    def by(self, column: str) -> Q:
        return Q(**{column: self.person_id}) if self.person_id else Q()

    def wants(self, kind: str) -> bool:
        return not self.kind or self.kind == kind

    def matches(self, row: Any) -> bool:
        """The filters on a history row in Python (as period() and by() do in SQL)."""
        local_day = timezone.localdate(row.history_date)
        return (
            (not self.person_id or row.history_user_id == self.person_id)
            and (not self.date_from or local_day >= self.date_from)
            and (not self.date_to or local_day <= self.date_to)
        )


def people_in_history(*, rollout: Rollout) -> dict[int, User]:
    """Whoever can have changed something of the rollout: everyone who holds or held a role
    on it, and the administrators. The person filter's choices, and the names shown for
    people in a change ("ended by"). One query."""
    people = (
        User.objects.filter(Q(assignments__rollout=rollout) | Q(is_superuser=True))
        .distinct()
        .order_by("display_name", "username")
    )
    return {person.pk: person for person in people}


def audit_trail(
    *,
    rollout: Rollout,
    people: dict[int, User] | None = None,
    filters: AuditFilter | None = None,
) -> list[AuditEntry]:
    """Newest first: who changed what, when, and each field's before and after."""
    filters = filters or AuditFilter()
    people = people if people is not None else people_in_history(rollout=rollout)
    entries: list[AuditEntry] = []
    for kind, model, queryset, label in _history_sources(rollout):
        if not filters.wants(kind):
            continue
        rows = list(_with_previous_versions(queryset, filters))
        shown = {row.history_id for row in rows if filters.matches(row)}
        entries += _history_entries(model, kind, rows, shown, label, people)
    if filters.wants("decisions"):
        entries += _decisions(rollout, filters, people)
        entries += _conditions_met(rollout, filters)
    if filters.wants("recommendations"):
        entries += _recommendations(rollout, filters)
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries


Source = tuple[str, type[Model], QuerySet[Any], Callable[[Any], str]]


def _with_previous_versions(history: QuerySet[Any], filters: AuditFilter) -> QuerySet[Any]:
    """The newest rows the filters match and, for each, the version before it (whoever
    wrote it and whenever): without it a filtered row could not show what it changed.
    Still one query: both sets are subqueries of the one read."""
    matched = history.filter(filters.period("history_date"), filters.by("history_user_id"))
    newest = matched.order_by("-history_id").values("history_id")[:PER_SOURCE]
    previous = Subquery(
        history.model.objects.filter(id=OuterRef("id"), history_id__lt=OuterRef("history_id"))
        .order_by("-history_id")
        .values("history_id")[:1]
    )
    before_them = (
        matched.annotate(previous_id=previous)
        .order_by("-history_id")
        .values("previous_id")[:PER_SOURCE]
    )
    return (
        history.filter(Q(history_id__in=newest) | Q(history_id__in=before_them))
        .select_related("history_user")
        .order_by("-history_id")
    )


def _history_sources(rollout: Rollout) -> list[Source]:
    calendar = rollout.calendar_id or 0
    return [
        ("rollout", Rollout, Rollout.history.filter(id=rollout.pk), lambda row: row.name),
        (
            "roles",
            RoleAssignment,
            RoleAssignment.history.filter(rollout_id=rollout.pk).select_related(
                "person", "department"
            ),
            lambda row: f"{row.person} · {row.role}",
        ),
        (
            "commitments",
            Commitment,
            Commitment.history.filter(request__rollout_id=rollout.pk).select_related("person"),
            lambda row: (
                _("%(person)s · %(hours)s h/week")
                % {"person": row.person, "hours": _text(row.hours_per_week)}
            ),
        ),
        ("tasks", Task, Task.history.filter(rollout_id=rollout.pk), lambda row: row.title),
        (
            "gates",
            Gate,
            Gate.history.filter(rollout_id=rollout.pk),
            lambda row: localized(row.name_en, row.name_zh_hans),
        ),
        (
            "gates",
            GateCriterion,
            GateCriterion.history.filter(gate__rollout_id=rollout.pk),
            lambda row: localized(row.text_en, row.text_zh_hans),
        ),
        (
            "calendar",
            CalendarDay,
            CalendarDay.history.filter(calendar_id=calendar),
            lambda row: f"{row.date:%Y-%m-%d} · {localized(row.name_en, row.name_zh_hans)}",
        ),
        (
            "calendar",
            WorkingCalendar,
            WorkingCalendar.history.filter(id=calendar),
            lambda row: row.name,
        ),
    ]


def _history_entries(
    model: type[Model],
    kind: str,
    rows: list[Any],
    shown: set[int],
    label: Callable[[Any], str],
    people: dict[int, User],
) -> list[AuditEntry]:
    """Each object's versions, oldest first, each compared with the one before; only the
    rows in `shown` become entries (the others are there to be compared with)."""
    actions = {"+": _("created"), "~": _("changed"), "-": _("deleted")}
    fields = [f for f in model._meta.concrete_fields if f.attname not in SKIPPED]
    by_object: dict[int, list[Any]] = defaultdict(list)
    for row in reversed(rows):
        by_object[row.id].append(row)
    out: list[AuditEntry] = []
    for versions in by_object.values():
        previous: Any = None
        for row in versions:
            before, previous = previous, row
            if row.history_id not in shown:
                continue
            changes = [] if before is None else _changes(fields, before, row, people)
            if before is not None and not changes and row.history_type == "~":
                continue  # saved without a change: nothing to read
            out.append(
                AuditEntry(
                    when=row.history_date,
                    who=str(row.history_user) if row.history_user else _("the system"),
                    what=str(model._meta.verbose_name),
                    subject=label(row),
                    action=actions.get(row.history_type, row.history_type),
                    kind=kind,
                    changes=changes,
                )
            )
    return out


def _changes(fields: list[Any], previous: Any, row: Any, people: dict[int, User]) -> list[Change]:
    out = []
    for f in fields:
        before, after = getattr(previous, f.attname, None), getattr(row, f.attname, None)
        if before != after:
            out.append(_change(f, before, after, people))
    return out


def _decisions(rollout: Rollout, filters: AuditFilter, people: dict[int, User]) -> list[AuditEntry]:
    """Each decision with everything it said: the outcome, the reason, the date to decide
    again, the work to redo (phase, tasks), the vendor, the approach, the decision it
    replaces and its conditions. Three queries."""
    decisions = (
        Decision.objects.filter(
            filters.period("created_at"), filters.by("decided_by_id"), gate__rollout=rollout
        )
        .select_related("gate", "decided_by", "supersedes", "vendor", "approach__pilot_department")
        .select_related("recycle_phase")
        .prefetch_related(
            Prefetch(
                "conditions",
                queryset=DecisionCondition.objects.select_related("owner").order_by("pk"),
            ),
            Prefetch("recycle_tasks", queryset=Task.objects.order_by("title")),
        )
        .order_by("-created_at", "-pk")[:PER_SOURCE]
    )
    out = []
    for decision in decisions:
        changes = [Change(_("reason"), decision.reason)]
        if decision.decide_again_on:
            changes.append(Change(_("decide again on"), _text(decision.decide_again_on)))
        if decision.recycle_work:
            changes.append(Change(_("work to redo"), decision.recycle_work))
        changes += _records(decision)
        if decision.supersedes:
            replaced = decision.supersedes
            changes.append(
                Change(
                    _("replaces"),
                    f"{replaced.get_outcome_display()} ({_text(replaced.created_at)})",
                )
            )
        for condition in decision.conditions.all():
            changes.append(
                Change(
                    _("condition"),
                    _("%(text)s — %(owner)s, due %(due)s")
                    % {
                        "text": condition.text,
                        "owner": condition.owner,
                        "due": _text(condition.due_date),
                    },
                )
            )
        out.append(
            AuditEntry(
                when=decision.created_at,
                who=str(decision.decided_by),
                what=_("decision"),
                subject=decision.gate.name,
                action=decision.get_outcome_display(),
                kind="decisions",
                changes=changes,
            )
        )
    return out


def _records(decision: Decision) -> list[Change]:
    """What the decision recorded beyond its outcome (gates.decision_records)."""
    changes = []
    if decision.vendor:
        changes.append(Change(_("vendor chosen"), decision.vendor.name))
    if decision.vendor_reason:
        changes.append(Change(_("why not the recommended vendor"), decision.vendor_reason))
    if decision.approach:
        approach = decision.approach
        changes.append(Change(_("implementation approach"), approach.get_style_display()))
        if approach.pilot_department:
            changes.append(Change(_("pilot department"), str(approach.pilot_department)))
        if approach.vendor_method:
            changes.append(Change(_("the vendor's method"), approach.vendor_method))
    if decision.recycle_phase:
        changes.append(Change(_("phase to redo"), decision.recycle_phase.name))
    titles = [task.title for task in decision.recycle_tasks.all()]
    if titles:
        changes.append(Change(_("tasks reopened"), ", ".join(titles)))
    return changes


def _recent(rows: QuerySet[Any], filters: AuditFilter, *related: str) -> QuerySet[Any]:
    """The latest rows of a source that says when (created_at) and who (by), filtered."""
    return (
        rows.filter(filters.period("created_at"), filters.by("by_id"))
        .select_related("by", *related)
        .order_by("-created_at", "-pk")[:PER_SOURCE]
    )


def _by_row(row: Any, **what: Any) -> AuditEntry:
    return AuditEntry(when=row.created_at, who=str(row.by), **what)


def _conditions_met(rollout: Rollout, filters: AuditFilter) -> list[AuditEntry]:
    met = ConditionMet.objects.filter(condition__decision__gate__rollout=rollout)
    return [
        _by_row(
            row,
            what=_("condition"),
            subject=row.condition.text,
            action=_("met"),
            kind="decisions",
            changes=[
                Change(_("gate"), row.condition.decision.gate.name),
                *([Change(_("note"), row.note)] if row.note else []),
            ],
        )
        for row in _recent(met, filters, "condition__decision__gate")
    ]


def _recommendations(rollout: Rollout, filters: AuditFilter) -> list[AuditEntry]:
    advice = GateAdvice.objects.filter(gate__rollout=rollout)
    return [
        _by_row(
            row,
            what=_("recommendation"),
            subject=row.gate.name,
            action=row.get_advice_display(),
            kind="recommendations",
            changes=[Change(_("as"), row.as_role), Change(_("reason"), row.reason)],
        )
        for row in _recent(advice, filters, "gate")
    ]


def _change(model_field: Any, before: object, after: object, people: dict[int, User]) -> Change:
    shown = (_value(model_field, before, people), _value(model_field, after, people))
    if shown[0] == shown[1] and isinstance(after, datetime):
        # Two times within the same minute: the seconds tell them apart.
        shown = (_text(before, SECONDS_FORMAT), _text(after, SECONDS_FORMAT))
    return Change(str(model_field.verbose_name), shown[1], before=shown[0])


def _value(model_field: Any, value: object, people: dict[int, User]) -> str:
    """A stored value as a person reads it: a choice's label, a person's name, a local
    time without seconds."""
    if value is None or value == "":
        return "—"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    related = getattr(model_field, "related_model", None)
    if related is not None and isinstance(value, int):
        if related is User and value in people:
            return str(people[value])
        return f"#{value}"
    return _text(value)


def _text(value: object, time_format: str = TIME_FORMAT) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime(time_format)
    if isinstance(value, date):
        return f"{value:%Y-%m-%d}"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return str(value)
