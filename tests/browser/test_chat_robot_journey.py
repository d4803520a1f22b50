"""The chat robot journey: the CRM's executive adds a DingTalk robot of the loopback
server, sees that its webhook URL and secret are not shown again, sends a test message,
and the dispatcher delivers it, signed, to the robot."""

import pytest
from playwright.sync_api import Page, expect

from notifications.tasks import dispatch_reminders
from tests.browser.conftest import sign_in
from tests.chat_server import running_chat_server

pytestmark = pytest.mark.browser


@pytest.fixture
def chat_server(settings):
    settings.ROLLOUT_CHAT_ALLOW_ANY_HOST = True  # the robot is on 127.0.0.1
    with running_chat_server() as server:
        yield server


def test_the_executive_adds_a_robot_and_its_test_message_arrives(page: Page, site, chat_server):
    url = chat_server.robot("dingtalk", "crm-team-token", secret="SECjourney")
    sign_in(page, site, "ceo")
    page.get_by_role("link", name="Cloud CRM rollout 2027").first.click()
    page.get_by_role("link", name="Chat robots").click()
    page.get_by_label("Name").fill("CRM team")
    page.get_by_label("Platform").select_option("dingtalk")
    page.get_by_label("Webhook URL").fill(url)
    page.get_by_label("Signing secret").fill("SECjourney")
    page.get_by_role("button", name="Add the robot").click()
    expect(page.locator(".alert-success")).to_contain_text("not shown again")
    row = page.locator("#chat-channels tbody tr")
    expect(row).to_contain_text("CRM team")
    assert "crm-team-token" not in page.content() and "SECjourney" not in page.content()

    row.get_by_role("button", name="Send a test message").click()
    expect(page.locator(".alert-success")).to_contain_text("next dispatch")
    dispatch_reminders()  # what beat runs every minute
    assert any(
        "A test message from Rollout" in text for text in chat_server.texts("crm-team-token")
    )
    assert chat_server.refusals == []
