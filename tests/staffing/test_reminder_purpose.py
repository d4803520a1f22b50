"""A request's reminder names its purpose in the reader's language (staffing registers the
label with roles' reminder texts); a code that is no purpose is shown as stored."""

import pytest
from django.utils import translation

from notifications.models import Reminder
from notifications.reminder_texts import reminder_text

PARAMS = {"department_en": "Sales", "hours": "8", "since": "2026-03-02"}


@pytest.mark.parametrize(("language", "label"), [("en", "(Training)"), ("zh-hans", "培训")])
def test_it_names_the_purpose_in_the_readers_language(language, label):
    with translation.override(language):
        text = reminder_text(Reminder.Kind.REQUEST_WAITING, 0, {**PARAMS, "purpose": "training"})
    assert label in text


def test_a_code_that_is_no_purpose_is_shown_as_stored():
    text = reminder_text(Reminder.Kind.REQUEST_WAITING, 0, {**PARAMS, "purpose": "gardening"})
    assert "(gardening)" in text
