"""Pieces of an event's `data` the emitting apps share, so a person or a date reads the
same in every event."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser


def person_data(person: AbstractBaseUser | None) -> dict[str, Any] | None:
    if person is None:
        return None
    full = getattr(person, "get_full_name", lambda: "")()
    return {"id": person.pk, "username": person.get_username(), "name": full or str(person)}


def when(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def hours(value: Decimal) -> str:
    """Hours as text ("7.5"): JSON numbers would lose a Decimal's exactness."""
    return format(value.normalize(), "f")
