"""Who may be committed and answer a commitment, what a committed person is granted on
the rollout (registered with roles.permissions as a grant source), and the access helpers
for staffing's objects."""

from django.contrib.auth.models import AbstractUser, AnonymousUser

from core.access import one_in_resolved_or_404
from roles.models import User
from roles.permissions import GrantSource, grant_source_register
from rollout.models import Rollout, RolloutGroupObjectPermission, RolloutUserObjectPermission
from staffing.models import Commitment, StaffingRequest

# A person named in a commitment that still waits for them, holds, or has a conflict
# raised must be able to answer it, whatever their roles: open the rollout (the
# reminder's link) and its staffing page, where they confirm or raise a conflict.
COMMITTED_PERSON_PERMISSIONS: frozenset[str] = frozenset({"view_rollout"})
LIVE_COMMITMENT_STATUSES = (
    Commitment.Status.PROPOSED,
    Commitment.Status.CONFIRMED,
    Commitment.Status.CONFLICT,
)


def committed_person_permissions(people: list[User], rollout: Rollout) -> dict[int, frozenset[str]]:
    """What a live commitment on the rollout needs each of these people to hold (one query;
    those with none are left out)."""
    live = Commitment.objects.filter(
        person__in=[p.pk for p in people],
        request__rollout=rollout,
        status__in=LIVE_COMMITMENT_STATUSES,
    ).values_list("person_id", flat=True)
    return dict.fromkeys(set(live), COMMITTED_PERSON_PERMISSIONS)


def live_commitment_pairs() -> list[tuple[int, int]]:
    """(person id, rollout id) of every live commitment."""
    return list(
        Commitment.objects.filter(status__in=LIVE_COMMITMENT_STATUSES).values_list(
            "person_id", "request__rollout_id"
        )
    )


def grant_sources_register() -> None:
    """Called from StaffingConfig.ready(): roles' rollout_permissions_sync then counts a
    live commitment as a reason to hold COMMITTED_PERSON_PERMISSIONS."""
    grant_source_register(
        "staffing.commitments",
        GrantSource(wanted=committed_person_permissions, pairs=live_commitment_pairs),
    )


def may_be_committed(person: User, request: StaffingRequest) -> bool:
    """Whom a staffing request's answer may name: an active person of the requested
    department. Naming them grants what they need to answer (rollout_permissions_sync);
    staffing_answer then checks they can."""
    return person.is_active and person.department_id == request.department_id


def people_who_can_answer(*, people: list[User], rollout: Rollout) -> set[int]:
    """Which of these people can open the rollout to answer a commitment (view_rollout, as
    rollout_permission_names reads it: theirs or a group's, or an active superuser): one
    query for all of them."""
    active = [p for p in people if p.is_active]
    superusers = {p.pk for p in active if p.is_superuser}
    others = [p.pk for p in active if not p.is_superuser]
    if not others:
        return superusers
    direct = RolloutUserObjectPermission.objects.filter(
        user_id__in=others, content_object=rollout, permission__codename="view_rollout"
    ).values_list("user_id", flat=True)
    grouped = RolloutGroupObjectPermission.objects.filter(
        group__user__in=others, content_object=rollout, permission__codename="view_rollout"
    ).values_list("group__user", flat=True)
    return superusers | set(direct.union(grouped))


def get_request_for_user(
    user: AbstractUser | AnonymousUser, rollout: Rollout, pk: int
) -> StaffingRequest:
    """A staffing request of a rollout the caller may see (everyone in it reads the plan)."""
    requests = StaffingRequest.objects.select_related("rollout", "department", "requested_by")
    return one_in_resolved_or_404(user, rollout, requests, rollout=rollout, pk=pk)


def get_commitment_for_user(
    user: AbstractUser | AnonymousUser, rollout: Rollout, pk: int
) -> Commitment:
    commitments = Commitment.objects.select_related("request", "request__rollout", "person")
    return one_in_resolved_or_404(user, rollout, commitments, request__rollout=rollout, pk=pk)
