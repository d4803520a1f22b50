"""A token's last use is written at most once in five minutes (api.authentication), so a
script polling the API does not write a row per read: two GETs in a row write once."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from api.authentication import LAST_USED_EVERY
from api.models import ApiToken
from tests.api.conftest import bearer

pytestmark = pytest.mark.django_db


def stamps_written(client, token) -> int:
    """GETs the rollouts with `token`: the UPDATEs of a token's row it made."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/api/rollouts/", **bearer(token)).status_code == 200
    updates = [q["sql"] for q in queries if q["sql"].startswith('UPDATE "api_apitoken"')]
    return len(updates)


def test_two_gets_in_a_row_write_the_last_use_once(client, demo, token_for):
    token = token_for(demo["member1"])
    assert [stamps_written(client, token), stamps_written(client, token)] == [1, 0]
    assert ApiToken.objects.get(user=demo["member1"]).last_used_at is not None


def test_a_stamp_younger_than_the_interval_is_kept(client, demo, token_for):
    token = token_for(demo["member1"])
    recent = timezone.now() - LAST_USED_EVERY + timedelta(seconds=30)
    ApiToken.objects.filter(user=demo["member1"]).update(last_used_at=recent)
    assert stamps_written(client, token) == 0
    assert ApiToken.objects.get(user=demo["member1"]).last_used_at == recent


def test_a_stamp_older_than_the_interval_is_written_again(client, demo, token_for):
    token = token_for(demo["member1"])
    old = timezone.now() - LAST_USED_EVERY - timedelta(seconds=1)
    ApiToken.objects.filter(user=demo["member1"]).update(last_used_at=old)
    assert stamps_written(client, token) == 1
    stamp = ApiToken.objects.get(user=demo["member1"]).last_used_at
    assert stamp is not None and stamp > old
