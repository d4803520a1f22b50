"""Signing in through the company's OpenID Connect provider in Chromium: "Sign in with
Example Corp" on Rollout's page, the company password typed on the provider's own page (a
real django-oauth-toolkit provider on loopback, PKCE required), and back on Rollout signed
in, with the department the administrator mapped the person's group to, in the language
the provider says the person speaks. Signing out then works as for everyone."""

import re

import pytest
from playwright.sync_api import Page, expect

from roles.models import Department
from sso.models import DirectoryGroup, DirectorySource
from tests.factories import UserFactory
from tests.oidc_provider.flow import oidc_on
from tests.oidc_provider.server import PASSWORD, oidc_provider

pytestmark = pytest.mark.browser

__all__ = ["oidc_on", "oidc_provider"]  # fixtures


@pytest.fixture
def company_site(site: str, oidc_on) -> str:
    oidc_on.allow_redirect_to(f"{site}/oidc/callback/")
    DirectoryGroup.objects.create(
        source=DirectorySource.OIDC,
        name="crm-sales",
        department=Department.objects.get(code="sales"),
    )
    return site


def through_the_provider(page: Page, site: str, username: str) -> None:
    page.goto(f"{site}/accounts/login/")
    page.get_by_role("link", name="Sign in with Example Corp").click()
    expect(page.get_by_role("heading", name="Example Corp sign-in")).to_be_visible()
    page.get_by_label("Company username").fill(username)
    page.get_by_label("Company password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()


def test_a_person_signs_in_through_the_provider_and_lands_on_their_page(
    page: Page, company_site: str
):
    through_the_provider(page, company_site, "anna.berg")
    expect(page).to_have_url(f"{company_site}/")
    expect(page.get_by_role("heading", name="My work")).to_be_visible()
    expect(page.get_by_text("Welcome, Anna Berg")).to_be_visible()
    page.get_by_role("link", name="Anna Berg").click()
    expect(page.locator("dd", has_text="Sales")).to_be_visible()
    page.get_by_role("button", name="Log out").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    expect(page.get_by_role("link", name="Sign in with Example Corp")).to_be_visible()


def test_a_person_whose_provider_says_chinese_gets_rollout_in_chinese(
    page: Page, company_site: str
):
    through_the_provider(page, company_site, "li.wei")
    expect(page).to_have_url(f"{company_site}/")
    expect(page.get_by_role("heading", name="我的待办")).to_be_visible()
    expect(page.get_by_text("欢迎，Wei Li")).to_be_visible()
    page.get_by_role("link", name="Wei Li").click()
    expect(page.locator("dd", has_text="销售部")).to_be_visible()


def test_a_person_disabled_here_is_sent_back_with_the_reason(page: Page, company_site: str):
    UserFactory.create(username="left.rollout", is_active=False)
    through_the_provider(page, company_site, "left.rollout")
    expect(page).to_have_url(f"{company_site}/accounts/login/")
    expect(page.get_by_role("alert")).to_contain_text("Your account is disabled")
