"""The four qualities (四心) an implementation member is judged on, and what each level of
the 1-5 scale means. Texts go through gettext, so both languages come from locale/."""

from typing import Final

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrPromise

QUALITIES: Final[tuple[tuple[str, StrPromise, StrPromise], ...]] = (
    (
        "enterprising",
        _("Enterprising"),
        _("Keeps pushing forward; takes the rollout as their own cause."),
    ),
    (
        "confidence",
        _("Confidence"),
        _("Acts with assurance instead of waiting because the risk seems high."),
    ),
    (
        "responsibility",
        _("Responsibility"),
        _("Does their duty in full and owns the tasks they take on."),
    ),
    (
        "meticulousness",
        _("Meticulousness"),
        _("Notices small problems; patient with messy processes, codes, functions and screens."),
    ),
)

LEVELS: Final[dict[int, StrPromise]] = {
    1: _("1 — rarely shown; holds the work back"),
    2: _("2 — shown now and then; needs frequent reminders"),
    3: _("3 — shown as expected for the role"),
    4: _("4 — shown consistently; others rely on it"),
    5: _("5 — an example to the whole team"),
}

QUALITY_FIELDS: Final = tuple(code for code, _label, _help in QUALITIES)
