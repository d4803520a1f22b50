"""A mark an access helper leaves on an object it has checked for one person, so that the
service the view hands it to, in the same request, does not ask the database again.

Services still check whenever the mark is missing (a Celery task, a command, a test, a view
that did not ask for the level): the mark only ever skips a question already answered yes
for the same person and the same object instance.

A service whose question costs no query (is the person the one a criterion or commitment
names: a comparison of ids) simply asks it again and keeps its own refusal message; the
mark pays where the question is a read (a seat, a role, a guardian permission)."""

from typing import Any

_MARKS = "_checked_for"


def mark_checked(obj: Any, person_pk: int | None, level: str) -> None:
    marks: set[tuple[int | None, str]] = obj.__dict__.setdefault(_MARKS, set())
    marks.add((person_pk, level))


def was_checked(obj: Any, person_pk: int | None, level: str) -> bool:
    return (person_pk, level) in obj.__dict__.get(_MARKS, ())
