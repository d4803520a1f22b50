"""The article's formula, live: success = the right people + a suitable system + a fitting
method. Three panels, each green, amber or red by the thresholds below (shown on the page,
so nobody has to guess why a panel is red), with the figures behind it.

Pure rules over figures read elsewhere (gates.selectors.success_figures): no query here."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Final, Literal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

Colour = Literal["green", "amber", "red"]

# The thresholds, in one place (the page prints them from here).
FULFILMENT_GREEN: Final = 80  # % of committed hours logged, last four weeks
FULFILMENT_RED: Final = 50
QUALITIES_GREEN: Final = 75  # % of reviewed members at 3 or more on all four qualities
LEAD_GREEN: Final = Decimal(5)  # points (of 100) between the recommended vendor and the next
OVERDUE_GREEN: Final = 5  # % of unfinished tasks overdue
OVERDUE_RED: Final = 20
CORE_BEHIND_RED: Final = 20  # points by which core work may trail the rest before red


@dataclass(frozen=True)
class SuccessFigures:
    """What the three panels are judged on, for one rollout."""

    fulfilment_percent: int | None  # None: nothing committed in the four weeks
    members_reviewed: int
    members_meeting_qualities: int
    managers_resisting: int
    managers_in_friction: int
    recommended_vendor: str | None  # the vendor chosen at the selection gate, else recommended
    recommended_is_top: bool
    lead_points: Decimal | None  # over the runner-up; None with fewer than two scored
    open_conditions: int
    overdue_conditions: int
    core_verified_percent: int | None  # share of core estimate verified
    other_verified_percent: int | None
    unfinished_tasks: int
    overdue_tasks: int
    open_high_risks: int | None = None  # None where the rollout keeps no risk register
    overdue_mitigations: int | None = None


@dataclass(frozen=True)
class Figure:
    label: Promise | str
    value: str
    concern: bool  # this figure is what keeps the panel from green


@dataclass(frozen=True)
class Panel:
    key: str
    title: Promise | str
    colour: Colour
    figures: list[Figure]
    rule: Promise | str

    @property
    def colour_label(self) -> Promise | str:
        return {"green": _("On track"), "amber": _("Watch"), "red": _("Act now")}[self.colour]


def success_panels(f: SuccessFigures) -> list[Panel]:
    return [right_people(f), suitable_system(f), fitting_method(f)]


def _percent(value: int | None) -> str:
    return "—" if value is None else f"{value} %"


def _worst(red: bool, amber: bool) -> Colour:
    return "red" if red else "amber" if amber else "green"


def right_people(f: SuccessFigures) -> Panel:
    fulfilment = f.fulfilment_percent
    qualities = (
        round(f.members_meeting_qualities * 100 / f.members_reviewed)
        if f.members_reviewed
        else None
    )
    short = fulfilment is None or fulfilment < FULFILMENT_GREEN
    weak = qualities is not None and qualities < QUALITIES_GREEN
    red = (fulfilment is not None and fulfilment < FULFILMENT_RED) or f.managers_resisting > 0
    amber = short or weak or f.managers_in_friction > 0
    return Panel(
        key="people",
        title=_("The right people"),
        colour=_worst(red, amber),
        figures=[
            Figure(_("Committed hours logged (four weeks)"), _percent(fulfilment), short),
            Figure(
                _("Reviewed members showing the four qualities"),
                f"{f.members_meeting_qualities} / {f.members_reviewed}",
                weak,
            ),
            Figure(
                _("Managers resisting / in friction"),
                f"{f.managers_resisting} / {f.managers_in_friction}",
                bool(f.managers_resisting or f.managers_in_friction),
            ),
        ],
        rule=_(
            "Green: at least %(green)s %% of committed hours logged, at least %(qualities)s %% "
            "of reviewed members at 3 or more on all four qualities, no manager in friction or "
            "resisting. Red: under %(red)s %% logged, or a manager resisting."
        )
        % {"green": FULFILMENT_GREEN, "qualities": QUALITIES_GREEN, "red": FULFILMENT_RED},
    )


def suitable_system(f: SuccessFigures) -> Panel:
    chosen = f.recommended_vendor is not None
    close = f.lead_points is not None and f.lead_points < LEAD_GREEN
    red = (chosen and not f.recommended_is_top) or f.overdue_conditions > 0
    amber = not chosen or close or f.open_conditions > 0
    lead = "—" if f.lead_points is None else str(f.lead_points)
    return Panel(
        key="system",
        title=_("A suitable system"),
        colour=_worst(red, amber),
        figures=[
            Figure(
                _("Vendor chosen, or else recommended"),
                f.recommended_vendor or str(_("not yet")),
                not chosen or not f.recommended_is_top,
            ),
            Figure(_("Lead over the next vendor (points of 100)"), lead, close),
            Figure(
                _("Conditions of a Go still open / overdue"),
                f"{f.open_conditions} / {f.overdue_conditions}",
                f.open_conditions > 0,
            ),
        ],
        rule=_(
            "Green: a vendor chosen at the gate (or else recommended by the team), the top of "
            "the weighted scores by at least %(lead)s points, no condition of a Go open. Red: "
            "that vendor is not the top score, or a condition is overdue."
        )
        % {"lead": LEAD_GREEN},
    )


def fitting_method(f: SuccessFigures) -> Panel:
    overdue = round(f.overdue_tasks * 100 / f.unfinished_tasks) if f.unfinished_tasks else 0
    core, other = f.core_verified_percent, f.other_verified_percent
    gap = other - core if core is not None and other is not None else 0
    behind, far_behind = gap > 0, gap > CORE_BEHIND_RED
    risks_known = f.open_high_risks is not None
    risky = bool(f.open_high_risks) or bool(f.overdue_mitigations)
    red = far_behind or overdue > OVERDUE_RED or bool(f.overdue_mitigations)
    amber = behind or overdue > OVERDUE_GREEN or risky
    figures = [
        Figure(
            _("Core work verified / other work verified"),
            f"{_percent(core)} / {_percent(other)}",
            behind,
        ),
        Figure(
            _("Unfinished tasks overdue"),
            _("%(overdue)s of %(count)s (%(share)s %%)")
            % {"overdue": f.overdue_tasks, "count": f.unfinished_tasks, "share": overdue},
            overdue > OVERDUE_GREEN,
        ),
    ]
    if risks_known:
        figures.append(
            Figure(
                _("Open high risks / mitigations overdue"),
                f"{f.open_high_risks} / {f.overdue_mitigations or 0}",
                risky,
            )
        )
    return Panel(
        key="method",
        title=_("A fitting method"),
        colour=_worst(red, amber),
        figures=figures,
        rule=_(
            "Green: core work verified at least as far as the rest, at most %(green)s %% of "
            "unfinished tasks overdue, no open high risk. Red: core work more than %(behind)s "
            "points behind, over %(red)s %% overdue, or a risk's mitigation overdue."
        )
        % {"green": OVERDUE_GREEN, "behind": CORE_BEHIND_RED, "red": OVERDUE_RED},
    )
