"""The fast select widgets (core/fast_select.py) give exactly the HTML of Django's own
Select and SelectMultiple, rendered through the widget templates: the same bytes for every
kind of option, value and attribute, and through a bound field with errors and help."""

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django import forms
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from core.fast_select import FastSelect, FastSelectMultiple

CHOICES: list[tuple[Any, Any]] = [
    ("", "---------"),
    (1, "Wang Jianguo (王建国)"),
    ("2", "A <b>bold</b> & \"quoted\" 'name'"),
    (3, gettext_lazy("Decision")),
    ("<4>", mark_safe("<em>safe</em>")),  # a test's own literal
    (None, "None as the value"),
    (5, "Twice selectable"),
    (5, "Twice selectable, again"),
]
ATTRS: list[dict[str, Any] | None] = [
    None,
    {"id": "id_owner_1", "required": True, "class": "form-select form-select-sm"},
    {"id": 'x"<', "aria-invalid": "true", "aria-describedby": "id_x_helptext"},
    {"disabled": False, "data-n": 7, "autofocus": True},
]
VALUES: list[Any] = [None, "", 1, "1", "2", ["1", "2"], 5, "<4>", "missing", [None, "5"]]


def _both(cls: type[forms.Select], slow: type[forms.Select], **kwargs: Any) -> tuple[Any, Any]:
    return cls(**kwargs), slow(**kwargs)


@pytest.mark.parametrize("attrs", ATTRS)
@pytest.mark.parametrize("value", VALUES)
def test_it_writes_the_select_as_the_templates_do(value, attrs):
    fast, slow = _both(FastSelect, forms.Select, attrs={"class": "form-select"}, choices=CHOICES)
    assert fast.render("owner_1", value, attrs) == slow.render("owner_1", value, attrs)


@pytest.mark.parametrize("attrs", ATTRS)
@pytest.mark.parametrize("value", VALUES)
def test_it_writes_the_multiple_select_as_the_templates_do(value, attrs):
    fast, slow = _both(FastSelectMultiple, forms.SelectMultiple, attrs={"size": 6}, choices=CHOICES)
    assert fast.render("tasks", value, attrs) == slow.render("tasks", value, attrs)


@pytest.mark.parametrize(
    "choices",
    [
        [],
        [("group", [(1, "one"), (2, "two")]), (3, "three")],  # an option group
        [(1, 1234567), (2, Decimal("1.5")), (3, date(2027, 1, 2))],  # localized labels
    ],
)
def test_what_it_does_not_write_itself_the_templates_render(choices):
    fast, slow = _both(FastSelect, forms.Select, choices=choices)
    assert fast.render("x", "2", {"id": "id_x"}) == slow.render("x", "2", {"id": "id_x"})


class _Owners(forms.Form):
    owner = forms.ChoiceField(label="Owner", choices=CHOICES[1:3], help_text="Who answers")
    tasks = forms.MultipleChoiceField(choices=CHOICES[1:3], required=False)


class _FastOwners(_Owners):
    owner = forms.ChoiceField(
        label="Owner", choices=CHOICES[1:3], help_text="Who answers", widget=FastSelect
    )
    tasks = forms.MultipleChoiceField(
        choices=CHOICES[1:3], required=False, widget=FastSelectMultiple
    )


@pytest.mark.parametrize(
    "data", [None, {"owner": "2", "tasks": ["1", "2"]}, {"owner": "nobody", "tasks": ["9"]}]
)
def test_a_bound_field_renders_the_same_with_its_required_help_and_errors(data):
    """The attributes the bound field adds (id, required, aria-describedby, and
    aria-invalid when refused) and the choice typed, kept after a refusal."""
    fast, slow = _FastOwners(data), _Owners(data)
    if data:
        assert fast.is_valid() == slow.is_valid()
    for name in ("owner", "tasks"):
        assert str(fast[name]) == str(slow[name])
