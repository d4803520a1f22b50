"""The JSON API under /api/ and the person's token page under /me/api-tokens/, one
namespace ("api")."""

from django.urls import URLPattern, path
from drf_spectacular.views import SpectacularAPIView

from api.views import docs, gates, rollouts, staffing, tokens, work

app_name = "api"

urlpatterns: list[URLPattern] = [
    path("api/", docs.docs, name="docs"),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/rollouts/", rollouts.RolloutList.as_view(), name="rollouts"),
    path("api/rollouts/<int:pk>/", rollouts.RolloutDetail.as_view(), name="rollout"),
    path("api/rollouts/<int:pk>/tasks/", work.RolloutTaskList.as_view(), name="rollout_tasks"),
    path(
        "api/rollouts/<int:pk>/commitments/",
        staffing.RolloutCommitmentList.as_view(),
        name="rollout_commitments",
    ),
    path(
        "api/rollouts/<int:pk>/staffing-requests/",
        staffing.RolloutStaffingRequestList.as_view(),
        name="rollout_staffing_requests",
    ),
    path("api/rollouts/<int:pk>/gates/", gates.RolloutGateList.as_view(), name="rollout_gates"),
    path("api/tasks/<int:pk>/", work.TaskDetail.as_view(), name="task"),
    path("api/tasks/<int:pk>/logs/", work.TaskLogs.as_view(), name="task_logs"),
    path("api/tasks/<int:pk>/claim-done/", work.TaskClaimDone.as_view(), name="task_claim_done"),
    path("api/tasks/<int:pk>/verify/", work.TaskVerify.as_view(), name="task_verify"),
    path("api/tasks/<int:pk>/send-back/", work.TaskSendBack.as_view(), name="task_send_back"),
    path(
        "api/commitments/<int:pk>/confirm/",
        staffing.CommitmentConfirm.as_view(),
        name="commitment_confirm",
    ),
    path(
        "api/staffing-requests/<int:pk>/answer/",
        staffing.StaffingRequestAnswer.as_view(),
        name="staffing_request_answer",
    ),
    path("me/api-tokens/", tokens.tokens, name="tokens"),
    path("me/api-tokens/new/", tokens.token_create, name="token_create"),
    path("me/api-tokens/<int:pk>/revoke/", tokens.token_revoke, name="token_revoke"),
]
