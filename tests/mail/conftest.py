from collections.abc import Iterator

import pytest
from django.test import override_settings

from tests.smtp_server import SmtpServer


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    """A real SMTP server on a free loopback port, and Django's SMTP backend sending to it;
    stopped when the test ends (whatever the test did to it)."""
    server = SmtpServer()
    server.start()
    try:
        with override_settings(**server.settings()):
            yield server
    finally:
        server.stop()
