"""A new rollout with everything it starts with: its executive, its gates and its
selection. Here, above selection and roles, because it sets up all three in one
transaction, so that no page has to set anything up on a GET."""

from django.db import transaction
from django.utils.translation import gettext as _

from core.validation import saved
from gates.services import gates_create
from roles.models import Role, User
from roles.services import RoleError, role_assign
from rollout.models import Rollout, WorkingCalendar
from selection.services import selection_setup


@transaction.atomic
def rollout_create(*, by: User, name: str, company: str, goal: str, executive: User) -> Rollout:
    """A new rollout always starts with its executive: a rollout nobody decides for is the
    failure the product exists to prevent. Its gates and its selection (criteria and
    weights) are set up with it, so pages only read them."""
    if not by.is_superuser:
        raise RoleError(_("Only an administrator can create a rollout."))
    calendar = WorkingCalendar.objects.filter(is_default=True).first()
    rollout = Rollout(name=name, company=company, goal=goal, calendar=calendar)
    saved(rollout, RoleError)
    role_assign(by=by, rollout=rollout, person=executive, role=Role.EXECUTIVE)
    gates_create(rollout=rollout, confirmer=executive)
    selection_setup(rollout=rollout)
    return rollout
