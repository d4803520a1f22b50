"""Pages that must not mislead: the capacity heatmap is coloured in both languages (Bootstrap's
table styles used to paint every cell white), and on a phone in Chinese names, departments,
dates and column headers are never broken in the middle ("吴/芳", "信息技/术部", "已核实/任务")
while the page itself never scrolls sideways (wide tables scroll in their own box)."""

from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page, ViewportSize, expect

from demo.keys import demo_rollout
from roles.models import User
from tests.browser.conftest import sign_in
from tests.browser.language import use_language
from tests.staffing.staffing_data import new_request

pytestmark = pytest.mark.browser

OVERBOOKED_RED = "rgb(248, 215, 218)"
FREE_GREEN = "rgb(209, 231, 221)"
PHONE = ViewportSize(width=390, height=844)

# How many lines each element's text takes: the distinct tops of its text's line boxes.
LINES = """els => els.map(e => {
  const tops = new Set();
  const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent.trim()) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const box of range.getClientRects()) if (box.width > 0) tops.add(Math.round(box.top));
  }
  return [e.textContent.trim(), tops.size];
})"""


def url(name: str, *args: Any) -> str:
    return reverse(name, args=[demo_rollout("crm").pk, *args])


def test_the_heatmap_colours_overbooked_and_free_cells_in_both_languages(page: Page, site):
    # member4 is committed for most of a week and went part-time since: overbooked.
    User.objects.filter(username="member4").update(weekly_capacity_hours=10)
    sign_in(page, site, "it.manager")
    for language in ("en", "zh-hans"):
        use_language(page, site, language)
        page.goto(site + url("staffing:capacity"))
        expect(page.locator("html")).to_have_attribute("lang", language)
        over = page.locator('#heatmap tr[data-person="member4"] td.heat-over').first
        free = page.locator('#heatmap tr[data-person="member3"] td.heat-free').first
        expect(over).to_have_css("background-color", OVERBOOKED_RED)
        expect(free).to_have_css("background-color", FREE_GREEN)


def broken(page: Page, selector: str) -> list[tuple[str, int]]:
    """The elements matching `selector` whose text takes more than one line."""
    found = page.locator(selector)
    expect(found.first).to_be_attached()  # the check below must have something to check
    return [(text, n) for text, n in found.evaluate_all(LINES) if n > 1]


def test_names_departments_and_dates_stay_whole_on_a_phone_in_chinese(page: Page, site):
    waiting = new_request({u.username: u for u in User.objects.all()}, demo_rollout("crm"))
    page.set_viewport_size(PHONE)
    sign_in(page, site, "sales.manager")
    use_language(page, site, "zh-hans")
    checks = {
        url("work:board"): ["#main td .assignee", "#main td.due"],
        url("work:progress"): [
            "#by-department tbody td:first-child",  # 销售部, 信息技术部, 财务部
            "#by-objective tbody td:nth-child(2)",
            "#by-department thead th",  # 已核实任务
        ],
        url("staffing:staffing"): ["#requests tbody td:first-child a"],
        url("staffing:staffing_request", waiting.pk): ["#answer-people tbody td:first-child"],
        url("staffing:capacity"): ["#heatmap tbody th"],
    }
    problems = []
    for path, selectors in checks.items():
        page.goto(site + path)
        expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
        for selector in selectors:
            problems += [(path, selector, text) for text, _ in broken(page, selector)]
        sideways = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if sideways > 0:
            problems.append((path, "the page scrolls sideways by", str(sideways)))
    assert problems == []
