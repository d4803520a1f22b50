"""The live server with the demo company in it, for the API's tests over real HTTP (the
example script, schemathesis). The demo is put back after each such test by
tests/conftest.py, so it is only seeded here when missing."""

from typing import Any

import pytest

from tests.conftest import demo_in_place


@pytest.fixture
def api_site(live_server: Any, transactional_db: None) -> str:
    demo_in_place()
    return str(live_server.url)
