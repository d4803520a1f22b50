"""The typed_for filter: what was typed in the refused row's form, nothing for other rows."""

from django.template import Context, Template

from core.views import Refused

TEMPLATE = Template(
    "{% load core_extras %}{% with typed=refused|typed_for:pk %}{{ typed.hours }}{% endwith %}"
)


def test_it_gives_the_refused_rows_typed_text():
    refused = Refused(7, {"hours": "12"}, "Too many hours.")
    assert TEMPLATE.render(Context({"refused": refused, "pk": 7})) == "12"


def test_it_gives_nothing_for_another_row_or_no_refusal():
    refused = Refused(7, {"hours": "12"}, "Too many hours.")
    assert TEMPLATE.render(Context({"refused": refused, "pk": 8})) == ""
    assert TEMPLATE.render(Context({"refused": None, "pk": 7})) == ""
