"""Playwright in Debian's Chromium (Playwright's own browser download does not work here)."""

import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.conftest import demo_in_place

CHROMIUM = Path("/usr/bin/chromium")
# Playwright waits on conditions (an element visible, a URL reached); these are only the
# caps after which a wait fails. Its defaults (5 s for expect, 30 s for actions) were met by
# a busy 2-core machine, so the caps are far above what a run needs.
expect.set_options(timeout=60_000)
ACTION_CAP_MS = 90_000


@pytest.fixture(autouse=True)
def _patient_page(page: Page) -> None:
    page.set_default_timeout(ACTION_CAP_MS)
    page.set_default_navigation_timeout(ACTION_CAP_MS)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def site(live_server: Any, transactional_db: None) -> str:
    """The live server with the demo company in it. The session's live server and browser
    serve every test; the demo is seeded once per test database and put back after each
    transactional test (tests/conftest.py), so it is only seeded here when missing."""
    demo_in_place()
    return str(live_server.url)


def sign_in(page: Any, site: str, username: str, password: str = "rollout-demo") -> None:
    page.goto(f"{site}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def my_crm_tasks(page: Any, site: str, username: str) -> None:
    """Signs in and opens "My tasks" of the demo CRM rollout, as a member gets there."""
    sign_in(page, site, username)
    page.get_by_role("link", name=re.compile("Cloud CRM rollout")).first.click()
    page.get_by_role("link", name="My tasks").click()
    # A click returns once the next page starts loading; its forms post through htmx only
    # when the deferred scripts have run, so wait for them before anyone fills a row.
    page.wait_for_load_state("load")


def add_condition(page: Any, text: str, owner: str, due_in_days: int) -> None:
    """Fills the decision form's first condition."""
    page.get_by_label("Condition 1", exact=True).fill(text)
    page.get_by_label("Owner of condition 1").select_option(label=owner)
    page.get_by_label("Condition 1 due").fill(
        (timezone.localdate() + timedelta(days=due_in_days)).isoformat()
    )
