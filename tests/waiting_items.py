"""What My work lists for a person, as the tests read it: the subjects of one kind."""

from core.waiting import waiting_for
from roles.models import User


def waiting(person: User, kind: str) -> list[str]:
    return [item.subject for item in waiting_for(person) if item.kind == kind]
