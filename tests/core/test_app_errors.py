"""Every app's refusals share core's base, so one view helper can show any of them."""

import pytest

from core.errors import AppError, NotAllowed
from gates.services import GateError, GateNotAllowed
from roles.services.assignments import RoleError
from rollout.services.calendar import CalendarError
from selection.services import SelectionError
from staffing.services import StaffingError, StaffingNotAllowed
from work.services import WorkError
from work.upload_checks import EvidenceError


@pytest.mark.parametrize(
    "error",
    [RoleError, StaffingError, EvidenceError, CalendarError, GateError, WorkError, SelectionError],
)
def test_each_apps_refusal_is_an_app_error(error):
    assert issubclass(error, AppError)
    assert not issubclass(error, NotAllowed)  # their own refusals are shown, not a 403


@pytest.mark.parametrize(
    ("refusal", "app_error"), [(GateNotAllowed, GateError), (StaffingNotAllowed, StaffingError)]
)
def test_a_not_allowed_refusal_is_still_its_apps_error(refusal, app_error):
    # NotAllowed, so the view helpers answer 403; still the app's error for its own callers.
    assert issubclass(refusal, NotAllowed) and issubclass(refusal, app_error)


def test_a_selection_refusal_keeps_each_message():
    error = SelectionError("One.", "Two.")
    assert (str(error), error.messages) == ("One. Two.", ["One.", "Two."])
