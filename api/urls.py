"""The JSON API under /api/ and the person's token page under /me/api-tokens/, one
namespace ("api")."""

from typing import Any

from django.urls import URLPattern, path
from django.views.decorators.cache import never_cache
from drf_spectacular.views import SpectacularAPIView

from api.views import docs, gates, rollouts, staffing, tokens, work

app_name = "api"


def answer(view: Any) -> Any:
    """The view, its answers never stored by a browser or proxy: a token's caller has no
    session, so core.middleware's no-store for signed-in people does not see them."""
    return never_cache(view.as_view())


urlpatterns: list[URLPattern] = [
    path("api/", docs.docs, name="docs"),
    path("api/schema/", answer(SpectacularAPIView), name="schema"),
    path("api/rollouts/", answer(rollouts.RolloutList), name="rollouts"),
    path("api/rollouts/<int:pk>/", answer(rollouts.RolloutDetail), name="rollout"),
    path("api/rollouts/<int:pk>/tasks/", answer(work.RolloutTaskList), name="rollout_tasks"),
    path(
        "api/rollouts/<int:pk>/commitments/",
        answer(staffing.RolloutCommitmentList),
        name="rollout_commitments",
    ),
    path(
        "api/rollouts/<int:pk>/staffing-requests/",
        answer(staffing.RolloutStaffingRequestList),
        name="rollout_staffing_requests",
    ),
    path("api/rollouts/<int:pk>/gates/", answer(gates.RolloutGateList), name="rollout_gates"),
    path("api/tasks/<int:pk>/", answer(work.TaskDetail), name="task"),
    path("api/tasks/<int:pk>/logs/", answer(work.TaskLogs), name="task_logs"),
    path("api/tasks/<int:pk>/claim-done/", answer(work.TaskClaimDone), name="task_claim_done"),
    path("api/tasks/<int:pk>/verify/", answer(work.TaskVerify), name="task_verify"),
    path("api/tasks/<int:pk>/send-back/", answer(work.TaskSendBack), name="task_send_back"),
    path(
        "api/commitments/<int:pk>/confirm/",
        answer(staffing.CommitmentConfirm),
        name="commitment_confirm",
    ),
    path(
        "api/staffing-requests/<int:pk>/answer/",
        answer(staffing.StaffingRequestAnswer),
        name="staffing_request_answer",
    ),
    path("me/api-tokens/", tokens.tokens, name="tokens"),
    path("me/api-tokens/new/", tokens.token_create, name="token_create"),
    path("me/api-tokens/<int:pk>/revoke/", tokens.token_revoke, name="token_revoke"),
]
