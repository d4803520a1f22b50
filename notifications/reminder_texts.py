"""What each kind of reminder says, in the recipient's language (the caller activates it).
Params are plain values stored on the reminder: names, titles, hours, dates as text."""

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _

from core.localized import localized


def reminder_text(kind: str, level: int, params: dict[str, Any], *, to_them: bool = False) -> str:
    """`to_them`: the person the reminder names (who is to act, or whose work it is) is the
    one reading it, so it speaks to them ("you"), not of them."""
    text = (_to_them(kind, params) if to_them else None) or _base(kind, params)
    if level >= 1:
        text = _("Escalated, still not done after %(days)s working days: %(text)s") % {
            "days": params.get("days", "?"),
            "text": text,
        }
    return text


def _to_them(kind: str, p: dict[str, Any]) -> str | None:
    texts = {
        "request_waiting": lambda: _(
            "You have not answered the request to %(department)s for %(hours)s h/week "
            "(%(purpose)s) sent %(since)s."
        ),
        "commitment_to_confirm": lambda: _(
            "You have not confirmed %(hours)s h/week from %(start)s to %(end)s."
        ),
        "commitment_conflict": lambda: _(
            "You raised a conflict with the commitment of %(hours)s h/week: %(reason)s"
        ),
        "commitment_starts": lambda: _("Your commitment of %(hours)s h/week starts on %(start)s."),
        "commitment_ends": lambda: _("Your commitment of %(hours)s h/week ends on %(end)s."),
        "under_fulfilled": lambda: _(
            "In the week of %(week)s you worked %(logged)s of %(committed)s committed hours."
        ),
        "task_due": lambda: _("Your task “%(task)s” is due on %(due)s."),
        "task_overdue": lambda: _("Your task “%(task)s” was due on %(due)s."),
        "gate_waiting": lambda: _(
            "The gate “%(gate)s” has waited since %(since)s for your decision."
        ),
        "gate_decide_again": lambda: _(
            "You are to decide again on the gate “%(gate)s” on hold on %(due)s."
        ),
        "condition_due": lambda: _("Your condition “%(task)s” is due on %(due)s."),
        "condition_overdue": lambda: _("Your condition “%(task)s” was due on %(due)s."),
        "risk_overdue": lambda: _(
            "The mitigation of your risk “%(risk)s” was due on %(due)s: record it or set "
            "a new date."
        ),
        "improvement_overdue": lambda: _(
            "Your improvement “%(task)s” for %(department)s was due on %(due)s: finish it, "
            "drop it with the reason, or ask for a new date."
        ),
    }
    template = texts.get(kind)
    return None if template is None else template() % _values(p)


def _base(kind: str, p: dict[str, Any]) -> str:
    texts = {
        "request_waiting": lambda: _(
            "%(department)s has not answered the request for %(hours)s h/week (%(purpose)s) "
            "sent %(since)s."
        ),
        "commitment_to_confirm": lambda: _(
            "%(person)s has not confirmed %(hours)s h/week from %(start)s to %(end)s."
        ),
        "commitment_conflict": lambda: _(
            "%(person)s raised a conflict with the commitment of %(hours)s h/week: %(reason)s"
        ),
        "commitment_starts": lambda: _(
            "%(person)s's commitment of %(hours)s h/week starts on %(start)s."
        ),
        "commitment_ends": lambda: _(
            "%(person)s's commitment of %(hours)s h/week ends on %(end)s."
        ),
        "under_fulfilled": lambda: _(
            "In the week of %(week)s %(person)s worked %(logged)s of %(committed)s committed hours."
        ),
        "task_due": lambda: _("The task “%(task)s” of %(person)s is due on %(due)s."),
        "task_overdue": lambda: _("The task “%(task)s” of %(person)s was due on %(due)s."),
        "gate_waiting": lambda: _(
            "The gate “%(gate)s” has waited since %(since)s for the executive's decision."
        ),
        "gate_decide_again": lambda: _(
            "The gate “%(gate)s” on hold is to be decided again on %(due)s."
        ),
        "condition_due": lambda: _("The condition “%(task)s” of %(person)s is due on %(due)s."),
        "condition_overdue": lambda: _(
            "The condition “%(task)s” of %(person)s was due on %(due)s."
        ),
        "risk_overdue": lambda: _(
            "The mitigation of the risk “%(risk)s” owned by %(person)s was due on %(due)s."
        ),
        "improvement_overdue": lambda: _(
            "The improvement “%(task)s” for %(department)s owned by %(person)s was due on %(due)s."
        ),
    }
    template = texts.get(kind)
    if template is None:
        return _("Something in the rollout needs your attention.")
    return template() % _values(p)


def _values(p: dict[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {key: p.get(key, "") for key in _NAMES}
    # Names stored in both languages, and choice codes, are resolved in the reader's one.
    if "department_en" in p:
        values["department"] = localized(p["department_en"], p.get("department_zh_hans", ""))
    if "gate_en" in p:
        values["gate"] = localized(p["gate_en"], p.get("gate_zh_hans", ""))
    if "risk_en" in p:
        values["risk"] = localized(p["risk_en"], p.get("risk_zh_hans", ""))
    for name, label in _choice_labels.items():
        if name in p and (text := label(p[name])) is not None:
            values[name] = text
    return values


# Choice codes stored in params (staffing's purpose), read out by the app that owns the
# choices: it registers from its AppConfig.ready(), so this module never imports it. A
# label gives None for a code it does not know, which is then shown as stored.
ChoiceLabel = Callable[[Any], str | None]
_choice_labels: dict[str, ChoiceLabel] = {}


def choice_label_register(param: str, label: ChoiceLabel) -> None:
    _choice_labels[param] = label


_NAMES = (
    "department",
    "hours",
    "purpose",
    "since",
    "person",
    "start",
    "end",
    "reason",
    "week",
    "logged",
    "committed",
    "task",
    "due",
    "gate",
    "risk",
)
