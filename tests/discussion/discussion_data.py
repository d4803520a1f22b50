"""Reaching a task, gate or request as discussion does, and piling comments on one."""

from datetime import timedelta

from django.utils import timezone

from discussion.models import Comment
from discussion.targets import Target, resolve_target
from roles.models import User
from rollout.models import Rollout
from rollout.permissions import get_rollout_for_user


def target_for(person: User, rollout: Rollout, kind: str, pk: int) -> Target:
    """What the view hands the services: the object resolved for this person."""
    return resolve_target(kind, person, get_rollout_for_user(person, rollout.pk), pk)


def add_comments(target: Target, author: User, count: int) -> None:
    """`count` comments, an hour apart, each with a link and a mention to render."""
    start = timezone.now() - timedelta(hours=count)
    Comment.objects.bulk_create(
        Comment(
            rollout=target.rollout,
            target_kind=target.kind,
            target_id=target.pk,
            author=author,
            body=f"Note {n}: see https://example.com/{n} @member1",
            created_at=start + timedelta(hours=n),
        )
        for n in range(count)
    )
