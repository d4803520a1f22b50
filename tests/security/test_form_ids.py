"""An id too big for any database column is "not one of the choices", not a server error
(Hypothesis found one in the task form's "blocked by")."""

import pytest
from django import forms

from core.form_ids import guard_ids
from roles.models import User

pytestmark = pytest.mark.django_db
TOO_BIG = str(2**63)


class PeopleForm(forms.Form):
    one = forms.ModelChoiceField(queryset=User.objects.all())
    many = forms.ModelMultipleChoiceField(queryset=User.objects.all())

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]  # Form takes its own keywords
        guard_ids(self.fields)


def test_an_id_past_the_biggest_bigint_is_an_invalid_choice(demo):
    form = PeopleForm({"one": TOO_BIG, "many": [str(demo["member1"].pk), TOO_BIG]})
    assert not form.is_valid()
    assert str(form.errors["one"][0]).startswith("Select a valid choice")
    assert "Select a valid choice" in str(form.errors["many"][0])


def test_ordinary_ids_still_choose(demo):
    pk = str(demo["member1"].pk)
    form = PeopleForm({"one": pk, "many": [pk]})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["one"] == demo["member1"]


def test_the_task_form_refuses_it_without_a_server_error(client, demo, crm):
    from django.urls import reverse

    client.force_login(demo["ceo"])
    response = client.post(reverse("work:task_new", args=[crm.pk]), {"blocked_by": TOO_BIG})
    assert response.status_code == 400
