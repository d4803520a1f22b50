"""Signing in with the company directory in Chromium: people of a real slapd (StartTLS
required) sign in through the ordinary sign-in form and land on their page, in their
language, with the department their directory group is mapped to; a wrong password and an
account disabled here are refused with a clear message, and nothing is created. With local
passwords off, a person is told to use the company account and an administrator still
signs in locally."""

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from roles.models import Department, User
from sso.models import DirectoryGroup, DirectorySource
from tests.browser.conftest import sign_in
from tests.ldap_server import (
    ANNA_BERG,
    FINANCE_DN,
    LI_WEI,
    PETER_DISABLED,
    SALES_DN,
    Slapd,
    ldap_sign_in,
    slapd,
)

__all__ = ["ldap_sign_in", "slapd"]

pytestmark = pytest.mark.browser


@pytest.fixture
def directory(site: str, ldap_sign_in: Slapd) -> str:
    """The demo company with its Sales and Finance groups mapped to their departments."""
    for dn, code in ((SALES_DN, "sales"), (FINANCE_DN, "finance")):
        DirectoryGroup.objects.create(
            source=DirectorySource.LDAP, name=dn, department=Department.objects.get(code=code)
        )
    return site


def test_a_directory_person_signs_in_and_lands_on_their_page(page: Page, directory: str):
    sign_in(page, directory, ANNA_BERG.uid, ANNA_BERG.password)
    expect(page.get_by_role("heading", name="My work")).to_be_visible()
    expect(page.get_by_text("Welcome, Anna Berg")).to_be_visible()
    page.get_by_role("link", name="Anna Berg").click()
    expect(page.locator("dd", has_text="Finance")).to_be_visible()


def test_a_chinese_speaking_person_lands_on_their_page_in_chinese(page: Page, directory: str):
    sign_in(page, directory, LI_WEI.uid, LI_WEI.password)
    expect(page.get_by_role("heading", name="我的待办")).to_be_visible()
    page.get_by_role("link", name="伟 李").click()
    expect(page.locator("dt", has_text="部门")).to_be_visible()
    expect(page.locator("dd", has_text="销售部")).to_be_visible()


def test_a_wrong_directory_password_is_refused_and_creates_nobody(page: Page, directory: str):
    sign_in(page, directory, ANNA_BERG.uid, "not her password")
    expect(page.get_by_role("alert")).to_have_text(
        "Your username and password didn't match. Please try again."
    )
    expect(page.get_by_label("Username")).to_have_value(ANNA_BERG.uid)
    assert not User.objects.filter(username=ANNA_BERG.uid).exists()


def test_an_account_disabled_here_is_told_so(page: Page, directory: str):
    User.objects.create(username=PETER_DISABLED.uid, email="kept@example.com", is_active=False)
    sign_in(page, directory, PETER_DISABLED.uid, PETER_DISABLED.password)
    expect(page.get_by_role("alert")).to_contain_text("Your account is disabled")
    expect(page).to_have_url(re.compile(r"/accounts/login/$"))
    assert User.objects.get(username=PETER_DISABLED.uid).email == "kept@example.com"


def test_with_local_passwords_off_only_administrators_keep_theirs(
    page: Page, directory: str, settings: Any
):
    settings.ROLLOUT_LOCAL_PASSWORDS = False
    sign_in(page, directory, "member1")
    expect(page.get_by_role("alert")).to_contain_text("sign in with your company account")
    sign_in(page, directory, ANNA_BERG.uid, ANNA_BERG.password)
    expect(page.get_by_text("Welcome, Anna Berg")).to_be_visible()
    page.context.clear_cookies()
    sign_in(page, directory, "admin")
    expect(page.get_by_role("heading", name="My work")).to_be_visible()
