"""axe-core finds no serious or critical accessibility violation on each role's main pages,
in English on a desktop and in Chinese on a phone (390x844).

axe-core is vendored (tests/browser/vendor/axe.min.js; version, source and checksum in
VERSIONS there), never fetched from a CDN. The pages' Content-Security-Policy allows only
scripts with the page's nonce, so the test's browser context bypasses CSP to inject it;
the application's own pages are unchanged."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page, ViewportSize, expect

from demo.keys import demo_rollout, demo_task
from gates.models import Gate
from roles.models import User
from rollout.models import Rollout
from tests.browser.conftest import sign_in
from tests.browser.language import use_language
from tests.staffing.staffing_data import new_request

pytestmark = [pytest.mark.browser, pytest.mark.browser_context_args(bypass_csp=True)]

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
BLOCKING = ("serious", "critical")
DESKTOP = ViewportSize(width=1280, height=800)
PHONE = ViewportSize(width=390, height=844)

# Every rule axe runs by default (WCAG 2.x A and AA, and its best practices); only the
# serious and critical findings fail the test. Only the violations come back, not the
# thousands of passes.
RUN_AXE = """async (blocking) => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.filter(v => blocking.includes(v.impact)).flatMap(v =>
    v.nodes.map(n => `${v.id} (${v.impact}) ${n.target.join(" ")}: ${n.failureSummary}`));
}"""


def axe_violations(page: Page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    return list(page.evaluate(RUN_AXE, list(BLOCKING)))


def crm() -> Rollout:
    return demo_rollout("crm")


def on_crm(name: str, *args: Callable[[], Any]) -> Callable[[], str]:
    """A page of the demo CRM rollout; object ids are looked up once the demo exists."""
    return lambda: reverse(name, args=[crm().pk, *(arg() for arg in args)])


def page_of(name: str) -> Callable[[], str]:
    return lambda: reverse(name)


def waiting_gate() -> int:
    return Gate.objects.get(rollout=crm(), key="select").pk


def members_task() -> int:
    return demo_task(crm(), "customer_fields").pk


def open_sales_request() -> int:
    """A request waiting for the sales manager: the page then shows the answer form."""
    people = {user.username: user for user in User.objects.all()}
    return new_request(people, crm()).pk


# Each role's home and the pages of its job (the README's journeys).
MAIN_PAGES: dict[str | None, list[Callable[[], str]]] = {
    None: [page_of("roles:login")],
    "ceo": [
        page_of("gates:home"),
        on_crm("gates:rollout_detail"),
        on_crm("gates:gate_detail", waiting_gate),
        on_crm("work:progress"),
        on_crm("work:plan"),
        on_crm("staffing:staffing"),
        on_crm("staffing:stance"),
        on_crm("gates:history"),
        on_crm("goals:adoption"),
        on_crm("goals:adoption_import"),
        on_crm("chat:channels"),
        page_of("notifications:notifications"),
    ],
    "sales.manager": [
        page_of("gates:home"),
        on_crm("work:board"),
        lambda: reverse("work:board", args=[crm().pk]) + "?view=kanban&status=nothing",
        on_crm("staffing:staffing_request", open_sales_request),
        on_crm("staffing:capacity"),
        on_crm("staffing:fulfilment"),
        on_crm("work:quality_reviews"),
        on_crm("staffing:stance_mine"),
        on_crm("work:backlog"),
        page_of("notifications:notifications"),
    ],
    "member1": [
        page_of("gates:home"),
        on_crm("work:my_tasks"),
        lambda: reverse("gates:search", args=[crm().pk]) + "?q=%E5%AE%A2%E6%88%B7",
        on_crm("work:task_detail", members_task),
        on_crm("staffing:staffing"),
        on_crm("work:backlog"),
        page_of("notifications:notifications"),
        page_of("api:tokens"),
        page_of("chat:chat_ids"),
    ],
    "sel.it": [page_of("gates:home"), on_crm("selection:selection"), on_crm("selection:scorecard")],
    "sel.senior": [
        on_crm("selection:selection_results"),
        on_crm("selection:cost_benefit"),
        on_crm("selection:negotiation"),
        on_crm("selection:criteria"),
    ],
    "sel.finance": [on_crm("gates:benefits")],
    "admin": [
        page_of("gates:home"),
        lambda: reverse("gates:rollout_detail", args=[demo_rollout("pilot").pk]),
        on_crm("roles:team"),
    ],
}


@pytest.mark.parametrize("username", list(MAIN_PAGES), ids=lambda u: u or "signed-out")
def test_the_main_pages_have_no_serious_accessibility_violations(page: Page, site, username):
    if username:
        sign_in(page, site, username)
    paths = [path() for path in MAIN_PAGES[username]]
    found = []
    for language, viewport in (("en", DESKTOP), ("zh-hans", PHONE)):
        use_language(page, site, language)
        page.set_viewport_size(viewport)
        for path in paths:
            page.goto(site + path)
            expect(page.locator("html")).to_have_attribute("lang", language)
            found += [f"{language} {path}: {v}" for v in axe_violations(page)]
    assert found == [], "\n".join(found)
