"""The write counter behind "no GET writes" (tests/database_writes.py) sees a write, an
update and a rolled-back write, and stays quiet for reads."""

import pytest
from django.db import transaction

from roles.models import User
from tests.database_writes import nothing_written

pytestmark = pytest.mark.django_db


def insert() -> None:
    User.objects.create(username="someone new")


def update() -> None:
    User.objects.filter(username="ceo").update(display_name="Someone else")


def rolled_back_insert() -> None:
    with transaction.atomic():
        insert()
        transaction.set_rollback(True)


def test_it_lets_reads_through(demo):
    with nothing_written("reading"):
        assert User.objects.filter(username="ceo").exists()


@pytest.mark.parametrize("write", [insert, update, rolled_back_insert])
def test_it_fails_on_any_write(demo, write):
    with pytest.raises(AssertionError, match="wrote rows"), nothing_written(write.__name__):
        write()
