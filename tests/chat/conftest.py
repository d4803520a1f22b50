from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.utils import timezone

from chat.models import ChatChannel
from chat.services.channels import Secrets, chat_channel_save
from chat.services.outbox import chat_outbox_send
from roles.models import User
from rollout.models import Rollout
from tests.chat_server import ChatServer, running_chat_server

MakeChannel = Callable[..., ChatChannel]


@pytest.fixture(autouse=True)
def any_host(settings: Any) -> None:
    """The robots here are on loopback, not on the platforms' hosts: the setting lets them
    through (a test of the hosts' check turns it off)."""
    settings.ROLLOUT_CHAT_ALLOW_ANY_HOST = True


@pytest.fixture
def chat_server() -> Iterator[ChatServer]:
    """The three platforms' robots on a free loopback port; stopped when the test ends."""
    with running_chat_server() as server:
        yield server


@pytest.fixture
def make_channel(chat_server: ChatServer, demo: dict[str, User], crm: Rollout) -> MakeChannel:
    """A channel of the CRM rollout to a robot of the loopback server, saved by its
    executive. `wrong_secret`: the channel signs with another secret than the robot's."""

    def make(
        platform: str,
        name: str,
        *,
        secret: str = "",
        keyword: str = "",
        language: str = "en",
        wrong_secret: str = "",
    ) -> ChatChannel:
        url = chat_server.robot(platform, name, secret=secret, keyword=keyword)
        channel = ChatChannel(
            platform=platform, rollout=crm, name=name, keyword=keyword, language=language
        )
        return chat_channel_save(
            by=demo["ceo"], channel=channel, secrets=Secrets(url, wrong_secret or secret)
        )

    return make


def send_at(server: ChatServer, now: datetime) -> int:
    """One dispatch of the chat outbox at `now`, the robots' clock moved with it."""
    server.now = now
    return chat_outbox_send(now)


def ahead_of_the_clock() -> datetime:
    """A `now` an hour ahead: the dispatcher stamps each request with the later of `now`
    and the clock, so runs at moved times never meet the stamps of real seconds."""
    return timezone.now() + timedelta(hours=1)
