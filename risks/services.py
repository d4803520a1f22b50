"""Every write to the risk register: adding risks (typed in, or the article's starting
entries), editing one, and recording that the register was reviewed. Who may do what:
risks.policies. Each service checks it itself unless the view's access call already did
for the same person (core.access.permitted leaves the mark)."""

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from core.checked import was_checked
from core.errors import AppError, NotAllowed
from core.validation import saved
from notifications.reminder_keys import RiskOverdueKey
from notifications.services.reminders import reminders_withdraw
from risks.models import Risk, RiskReview
from risks.policies import adds_risks, edits_risk, reviews_risks
from risks.starters import BY_KEY
from roles import selectors as role_selectors
from rollout.models import Rollout
from rollout.permissions import rollout_permission_names

if TYPE_CHECKING:  # only for the annotations: the person is whatever the view signed in
    from roles.models import User

# The levels the access calls (risks.access) mark an object with.
ADD, EDIT, REVIEW = "add_risk", "edit", "review_risks"


class RiskError(AppError):
    """A rule of the register was broken; the message is meant for the person who tried."""


class RiskNotAllowed(RiskError, NotAllowed):
    """The person sees the register but may not do this (403)."""


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise RiskNotAllowed(message)


def _require_adder(by: "User", rollout: Rollout) -> None:
    if not was_checked(rollout, by.pk, ADD):
        _require(
            adds_risks(rollout_permission_names(by, rollout)),
            _("Only the executive and middle managers add risks."),
        )


def _require_member(rollout: Rollout, owner: "User") -> None:
    """A risk's owner holds a role on its rollout: someone outside would never see it."""
    if not role_selectors.people_of_rollout(rollout=rollout).filter(pk=owner.pk).exists():
        raise RiskError(_("The owner must hold a role on this rollout."))


def _text(value: str, missing: str) -> str:
    text = value.strip()
    if not text:
        raise RiskError(missing)
    return text


@transaction.atomic
def risk_create(
    *,
    by: "User",
    rollout: Rollout,
    title: str,
    owner: "User",
    likelihood: int,
    impact: int,
    description: str = "",
    mitigation: str = "",
    due_date: date | None = None,
) -> Risk:
    _require_adder(by, rollout)
    _require_member(rollout, owner)
    risk = Risk(
        rollout=rollout,
        title=_text(title, _("Say what the risk is.")),
        description=description.strip(),
        owner=owner,
        likelihood=likelihood,
        impact=impact,
        mitigation=mitigation.strip(),
        due_date=due_date,
        created_by=by,
    )
    return saved(risk, RiskError)


@transaction.atomic
def risks_add_starters(*, by: "User", rollout: Rollout, keys: Sequence[str]) -> list[Risk]:
    """The chosen starting entries, in both languages, owned by the person who adds them
    until they hand them on. An entry already in the register is refused, so a second
    click (or a second person at the same moment) adds nothing twice."""
    _require_adder(by, rollout)
    chosen = list(dict.fromkeys(keys))
    if not chosen:
        raise RiskError(_("Choose at least one of the article's risks."))
    unknown = [key for key in chosen if key not in BY_KEY]
    if unknown:
        raise RiskError(_("There is no starting entry “%(key)s”.") % {"key": unknown[0]})
    added = []
    for key in chosen:
        starter = BY_KEY[key]
        risk = Risk(
            rollout=rollout,
            starter=key,
            title=starter.title_en,
            title_zh_hans=starter.title_zh_hans,
            description=starter.description_en,
            description_zh_hans=starter.description_zh_hans,
            owner=by,
            likelihood=starter.likelihood,
            impact=starter.impact,
            created_by=by,
        )
        clash = _("“%(risk)s” is already in the register.") % {"risk": risk.shown_title}
        added.append(saved(risk, RiskError, clash=clash))
    return added


def may_edit(by: "User", risk: Risk) -> bool:
    return edits_risk(
        rollout_permission_names(by, risk.rollout), person_id=by.pk, owner_id=risk.owner_id
    )


@transaction.atomic
def risk_update(
    *,
    by: "User",
    risk: Risk,
    title: str,
    owner: "User",
    likelihood: int,
    impact: int,
    status: str,
    description: str = "",
    mitigation: str = "",
    due_date: date | None = None,
) -> Risk:
    """The executive changes anything; the owner changes everything but who owns it (the
    executive hands a risk on). A changed text drops the other language's: it would say
    something else now. A risk no longer open, or given a later date, withdraws its
    overdue reminders (the sweep puts them again if the new date passes)."""
    # Locked, so two edits at once apply one after the other, each on the other's result.
    current = Risk.objects.select_for_update().get(pk=risk.pk)
    if not was_checked(risk, by.pk, EDIT):
        _require(may_edit(by, current), _("Only the executive and the risk's owner edit it."))
    if owner.pk != current.owner_id and not reviews_risks(
        rollout_permission_names(by, risk.rollout)
    ):
        raise RiskNotAllowed(_("Only the executive hands a risk to another owner."))
    _require_member(risk.rollout, owner)
    current.title, current.title_zh_hans = _pair(
        _text(title, _("Say what the risk is.")), current.title, current.title_zh_hans
    )
    current.description, current.description_zh_hans = _pair(
        description.strip(), current.description, current.description_zh_hans
    )
    moved = due_date != current.due_date
    current.owner = owner
    current.likelihood, current.impact, current.status = likelihood, impact, status
    current.mitigation, current.due_date = mitigation.strip(), due_date
    saved(current, RiskError)
    if current.status != Risk.Status.OPEN or moved:
        reminders_withdraw(about=[RiskOverdueKey.about(current.pk)])
    return current


def _pair(posted: str, en: str, zh_hans: str) -> tuple[str, str]:
    """A text kept in both languages, after an edit: the form shows the reader's language,
    so either stored text posted back is no change; anything else replaces both."""
    if posted in (en, zh_hans):
        return en, zh_hans
    return posted, ""


@transaction.atomic
def risk_review_record(*, by: "User", rollout: Rollout, note: str = "") -> RiskReview:
    """The executive has gone through the register (a gate's criterion asks for a review
    since the previous gate)."""
    if not was_checked(rollout, by.pk, REVIEW):
        _require(
            reviews_risks(rollout_permission_names(by, rollout)),
            _("Only the executive records that the risks were reviewed."),
        )
    return saved(RiskReview(rollout=rollout, reviewed_by=by, note=note.strip()), RiskError)
