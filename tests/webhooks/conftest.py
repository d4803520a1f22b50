from collections.abc import Iterator

import pytest

from tests.webhooks.receiver import Receiver, running_receiver


@pytest.fixture
def receiver(settings) -> Iterator[Receiver]:
    """A receiver on 127.0.0.1, which only the setting lets endpoints use."""
    settings.ROLLOUT_WEBHOOKS_ALLOW_PRIVATE = True
    with running_receiver() as running:
        yield running
