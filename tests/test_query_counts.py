"""The query-count helper fails on a count other than the one pinned, and shows the SQL."""

import pytest
from django.db import connection, transaction

from roles.models import User
from tests.query_counts import exactly

pytestmark = pytest.mark.django_db


def two_queries() -> None:
    User.objects.count()
    User.objects.filter(username="nobody").exists()


def test_the_pinned_count_passes():
    with exactly(2):
        two_queries()


def test_one_query_more_fails_and_lists_them_numbered():
    with pytest.raises(pytest.fail.Exception) as failure, exactly(1):
        two_queries()
    message = str(failure.value)
    assert message.startswith("2 queries where 1 were expected:\n")
    assert "  1. SELECT COUNT(*)" in message
    assert "  2. SELECT" in message and "nobody" in message


def test_savepoints_count_unless_left_out():
    def counted_in_a_savepoint() -> None:
        with transaction.atomic():
            User.objects.count()

    with exactly(1, savepoints=False):
        counted_in_a_savepoint()
    if connection.features.uses_savepoints:
        with pytest.raises(pytest.fail.Exception), exactly(1):
            counted_in_a_savepoint()
