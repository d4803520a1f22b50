"""English and Simplified Chinese throughout."""

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db
PO = Path(__file__).resolve().parent.parent / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def test_every_string_has_a_chinese_translation():
    catalogue = polib.pofile(str(PO))
    missing = [e.msgid for e in catalogue.untranslated_entries() + catalogue.fuzzy_entries()]
    assert missing == []


def test_the_switch_changes_the_language_and_remembers_it(client, demo):
    client.force_login(demo["member1"])
    response = client.post(
        reverse("roles:language_set"), {"language": "zh-hans", "next": "/roles/"}
    )
    assert response["Location"] == "/roles/"
    assert "一把手" in client.get(reverse("roles:catalogue_index")).content.decode()
    demo["member1"].refresh_from_db()
    assert demo["member1"].preferred_language == "zh-hans"


def test_the_switch_refuses_an_offsite_next(client, demo):
    response = client.post(
        reverse("roles:language_set"), {"language": "en", "next": "https://evil.example.com/"}
    )
    assert response["Location"] == "/"


def test_the_switch_refuses_an_unknown_language(client, demo):
    client.force_login(demo["member1"])
    response = client.post(reverse("roles:language_set"), {"language": "xx"}, follow=True)
    assert "That language is not offered." in response.content.decode()
    demo["member1"].refresh_from_db()
    assert demo["member1"].preferred_language == "en"


def test_duties_show_in_chinese_when_chinese_is_chosen(client, demo):
    client.force_login(demo["ceo"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    page = client.get(reverse("roles:catalogue_role", args=["executive"])).content.decode()
    assert "挂帅" in page
    assert '<html lang="zh-hans">' in page


def test_department_names_follow_the_language(client, demo):
    client.force_login(demo["sales.manager"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    assert "销售部" in client.get(reverse("gates:home")).content.decode()


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_money_is_grouped_in_threes_in_both_languages(language):
    from decimal import Decimal

    from django.template.defaultfilters import floatformat
    from django.utils import translation

    with translation.override(language):
        assert floatformat(Decimal("1234567.5"), "2g") == "1,234,567.50"
        assert floatformat(Decimal("120000"), "-2g") == "120,000"
        assert floatformat(Decimal("7.5"), "1") == "7.5"  # other numbers: no grouping asked
