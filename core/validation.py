"""Model validation in services: full_clean() before every save, its messages turned into
the app's error (WorkError, GateError...) for the person who tried."""

from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model

from core.errors import AppError

M = TypeVar("M", bound=Model)


def readable(error: ValidationError) -> str:
    return " ".join(str(message) for message in error.messages)


def relation_fields(obj: Model) -> list[str]:
    """The names of the row's foreign keys, for full_clean's `exclude` where the service has
    just read or locked what they point at (one existence query each saved)."""
    return [f.name for f in obj._meta.fields if f.is_relation]


def validated(obj: Model, error: type[AppError], **full_clean_kwargs: Any) -> None:
    """full_clean(**full_clean_kwargs); a refusal raises `error` with its messages."""
    try:
        obj.full_clean(**full_clean_kwargs)
    except ValidationError as refusal:
        raise error(readable(refusal)) from refusal


def saved(obj: M, error: type[AppError], *, clash: str = "", **full_clean_kwargs: Any) -> M:
    """Validated, then saved. With `clash`: saved in a savepoint, so that a row written at
    the same moment by someone else, which passed full_clean() too and then loses on a
    unique constraint, is refused with that message instead of breaking the transaction."""
    validated(obj, error, **full_clean_kwargs)
    if not clash:
        obj.save()
        return obj
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as lost:
        raise error(clash) from lost
    return obj
