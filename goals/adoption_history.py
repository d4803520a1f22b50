"""Every change of the adoption measures and their values, newest first, for the After
go-live page: read as the goal's history is (goals.history), each row beside the version
before it in the same query, so the page costs the same few queries however long it is."""

from django.utils.translation import gettext as _

from goals.history import LISTED, Change, GoalChange, _text, _who, _with_previous
from goals.models import AdoptionMeasure, AdoptionValue
from rollout.models import Rollout


def adoption_history(*, rollout: Rollout) -> list[GoalChange]:
    out = _measures(rollout) + _values(rollout)
    out.sort(key=lambda change: change.when, reverse=True)
    return out[:LISTED]


def _measures(rollout: Rollout) -> list[GoalChange]:
    rows = _with_previous(AdoptionMeasure.history.filter(rollout_id=rollout.pk), ("target",))
    return [
        GoalChange(
            when=row.history_date,
            who=_who(row),
            subject=row.name,
            action=_("measure defined") if row.history_type == "+" else _("measure changed"),
            changes=[Change(_("target value"), f"{_text(row.target)} {row.unit}")],
        )
        for row in rows
        if row.history_type != "-"
    ]


def _values(rollout: Rollout) -> list[GoalChange]:
    history = AdoptionValue.history.filter(
        measure_id__in=AdoptionMeasure.objects.filter(rollout=rollout).values("pk")
    )
    rows = _with_previous(history.select_related("measure", "department"), ("value",))
    return [
        GoalChange(
            when=row.history_date,
            who=_who(row),
            subject=f"{row.measure.name if row.measure else ''} · {row.department or ''}",
            action=_("value recorded") if row.prev_value is None else _("value corrected"),
            changes=[
                Change(
                    _("value of %(month)s") % {"month": f"{row.month:%Y-%m}"},
                    _text(row.value),
                    None if row.prev_value is None else _text(row.prev_value),
                )
            ],
        )
        for row in rows
        if row.history_type != "-"
    ]
