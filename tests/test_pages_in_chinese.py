"""Chinese pages say 小时 where English says h, everywhere hours are shown (the staffing
plan, a staffing request, the gate page and its brief), and the task page's help for
evidence files is in Chinese too."""

import io
import re

import pytest
from django.conf import settings
from django.urls import reverse

from gates.models import Gate
from tests.staffing.staffing_data import new_request

pytestmark = pytest.mark.django_db

# A number followed by the English unit: "8 h", "4 of 8 h", "8 h/week".
ENGLISH_UNIT = re.compile(r"\d h\b")


@pytest.fixture
def chinese(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    return client


def section(page: str, start: str, end: str) -> str:
    return page.split(start, 1)[1].split(end, 1)[0]


def test_it_says_hours_in_chinese_on_the_staffing_plan(chinese, demo, crm):
    chinese.force_login(demo["ceo"])
    page = chinese.get(reverse("staffing:staffing", args=[crm.pk])).content.decode()
    requests = section(page, 'id="requests"', "</table>")
    assert "小时/周" in requests
    assert ENGLISH_UNIT.findall(requests) == []


def test_it_says_hours_in_chinese_on_a_staffing_request(chinese, demo, crm):
    request = new_request(demo, crm)
    chinese.force_login(demo["sales.manager"])
    page = chinese.get(
        reverse("staffing:staffing_request", args=[crm.pk, request.pk])
    ).content.decode()
    answer_form = section(page, 'id="answer-people"', "</table>")
    assert "空闲 40 / 40 小时" in answer_form
    assert ENGLISH_UNIT.findall(page.split("<main", 1)[1]) == []


def test_it_says_hours_in_chinese_on_the_gate_page(chinese, demo, crm):
    gate = Gate.objects.get(rollout=crm, key="select")
    chinese.force_login(demo["ceo"])
    page = chinese.get(reverse("gates:gate_detail", args=[crm.pk, gate.pk])).content.decode()
    staffing = section(page, 'id="staffing-heading"', "</table>")
    assert "小时" in staffing
    assert ENGLISH_UNIT.findall(staffing) == []


def test_it_says_hours_in_chinese_in_the_brief(demo, crm):
    from pypdf import PdfReader

    from gates.brief import gate_brief_pdf

    gate = Gate.objects.get(rollout=crm, key="select")
    pdf = gate_brief_pdf(gate=gate, language="zh-hans")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    staffing = text.split("人员", 1)[1]
    assert "小时" in staffing
    assert ENGLISH_UNIT.findall(text) == []


def test_it_explains_evidence_files_in_chinese_on_the_task_page(chinese, demo, crm, member1_task):
    chinese.force_login(demo["member1"])
    page = chinese.get(reverse("work:task_detail", args=[crm.pk, member1_task.pk])).content.decode()
    assert "可选。可接受：" in page
    assert "Optional. Accepted" not in page


def test_it_still_explains_evidence_files_in_english(client, demo, crm, member1_task):
    client.force_login(demo["member1"])
    page = client.get(reverse("work:task_detail", args=[crm.pk, member1_task.pk])).content.decode()
    assert "Optional. Accepted: .csv, .docx" in page
