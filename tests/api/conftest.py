"""Tokens for the demo people, made through the service as a person would on their page."""

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.utils import timezone

from api.models import ApiToken
from api.services import api_token_create
from roles.models import User

MakeToken = Callable[[User], str]


@pytest.fixture
def token_for() -> MakeToken:
    def make(person: User) -> str:
        return api_token_create(by=person, name=f"{person.username} test").token

    return make


@pytest.fixture
def expired_token_for() -> MakeToken:
    """A token of `person` that expired two days ago."""

    def make(person: User) -> str:
        new = api_token_create(by=person, name="old", days=1)
        ApiToken.objects.filter(pk=new.row.pk).update(
            created_at=timezone.now() - timedelta(days=3),
            expires_at=timezone.now() - timedelta(days=2),
        )
        return new.token

    return make


@pytest.fixture
def expired_token(demo: dict[str, User], expired_token_for: MakeToken) -> str:
    return expired_token_for(demo["member1"])


def bearer(token: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


from tests.api.live import api_site  # noqa: E402,F401  the live-server fixture, for these tests
