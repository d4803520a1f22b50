"""A member makes an API token on their own page (in Chinese), sees it once, uses it from
a script (a client with no cookies), revokes it, and it answers 401 from then on. The
API's interactive docs render from the vendored files under the site's CSP."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import sign_in
from tests.browser.language import use_language

pytestmark = pytest.mark.browser


def test_a_member_makes_uses_and_revokes_a_token(page: Page, site: str) -> None:
    sign_in(page, site, "member1")
    use_language(page, site, "zh-hans")
    page.goto(f"{site}/notifications/")
    page.get_by_role("link", name="您的 API 令牌").click()
    page.get_by_label("名称").fill("周报脚本")
    page.get_by_role("button", name="创建令牌").click()
    expect(page.get_by_role("alert").or_(page.get_by_role("status")).first).to_contain_text(
        "只显示这一次"
    )
    token = page.locator("#new-token").input_value()
    assert token.startswith("rlt_")

    script = page.context.browser.new_context()  # type: ignore[union-attr]
    auth = {"Authorization": f"Bearer {token}"}
    assert script.request.get(f"{site}/api/rollouts/", headers=auth).status == 200

    page.goto(f"{site}/me/api-tokens/")
    expect(page.locator("#token-list")).to_contain_text("周报脚本")
    expect(page.locator("main")).not_to_contain_text(token)
    page.get_by_role("button", name="撤销 周报脚本").click()
    expect(page.locator("#token-list")).to_contain_text("已撤销")
    refused = script.request.get(f"{site}/api/rollouts/", headers=auth)
    assert refused.status == 401
    assert refused.headers["content-type"] == "application/problem+json"
    script.close()


def test_the_interactive_docs_render_under_the_csp(page: Page, site: str) -> None:
    blocked: list[str] = []
    page.on(
        "console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None
    )
    sign_in(page, site, "member1")
    page.goto(f"{site}/api/")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Rollout API")
    expect(page.locator(".opblock-summary-path").first).to_be_visible()
    assert blocked == []
