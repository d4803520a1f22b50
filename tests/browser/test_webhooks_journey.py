"""The executive connects another system: on the rollout's Webhooks tab adds an endpoint
(a real receiver on loopback), copies its secret (shown once: gone on the next visit),
sends a test event, and after the dispatcher runs sees it delivered; the receiver checked
its signature with that secret, as the README tells receivers to."""

import re

import pytest
from playwright.sync_api import Page, expect

from notifications.outboxes import outboxes_send
from tests.browser.conftest import sign_in
from tests.webhooks.receiver import running_receiver

pytestmark = pytest.mark.browser


def test_the_executive_adds_an_endpoint_and_it_receives_a_signed_test_event(
    page: Page, site: str, settings
) -> None:
    settings.ROLLOUT_WEBHOOKS_ALLOW_PRIVATE = True  # the receiver is on 127.0.0.1
    with running_receiver() as receiver:
        sign_in(page, site, "ceo")
        page.get_by_role("link", name=re.compile("Cloud CRM rollout")).first.click()
        page.get_by_role("link", name="Webhooks").click()
        page.get_by_label("Address").fill(receiver.url("/rollout"))
        page.get_by_label("commitment changes").uncheck()
        page.get_by_role("button", name="Add the endpoint").click()
        expect(page.locator("#new-secret")).to_contain_text("shown this once")
        secret = page.locator("#secret-value").inner_text()
        assert secret.startswith("whsec_")
        receiver.secrets["/rollout"] = secret

        page.get_by_role("link", name="Webhooks").click()  # a later visit: no secret
        expect(page.locator("#endpoints")).to_contain_text(receiver.url("/rollout"))
        expect(page.locator("#new-secret")).to_have_count(0)
        page.get_by_role("button", name="Send a test event").click()
        expect(page.get_by_role("alert").or_(page.get_by_role("status")).first).to_contain_text(
            "A test event is queued"
        )
        expect(page.locator("#deliveries tbody tr").first).to_have_attribute(
            "data-state", "waiting"
        )

        outboxes_send()  # what beat's dispatcher runs every minute
        (got,) = receiver.taken("/rollout")
        assert got.event["type"] == "webhook.test"
        page.reload()
        expect(page.locator("#deliveries tbody tr").first).to_have_attribute("data-state", "sent")
