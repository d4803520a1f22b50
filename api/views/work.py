"""Tasks and their logs: read them, log work (with evidence files), claim done, verify or
send back. Each write goes through the task's access call at the level the page asks
(work.access) and then the page's own service (work.services)."""

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api import selectors
from api.lookup import task_for
from api.serializers import (
    SendBackSerializer,
    TaskLogCreateSerializer,
    TaskLogSerializer,
    TaskSerializer,
)
from api.views.common import UPDATED_SINCE, person, problems, rollout_in_address, since
from work import services
from work.models import Task, TaskLog


@extend_schema(parameters=[UPDATED_SINCE], responses={200: TaskSerializer, **problems(400)})
class RolloutTaskList(generics.ListAPIView[Task]):
    """Every task of the rollout: everyone in a rollout reads its tasks, as on its pages.
    With updated_since, the tasks changed since (a log, a claim, a review, an edit, a change
    of assignees)."""

    serializer_class = TaskSerializer

    def get_queryset(self) -> QuerySet[Task]:
        return selectors.api_tasks(rollout=rollout_in_address(self), since=since(self.request))


@extend_schema(responses={200: TaskSerializer, **problems()})
class TaskDetail(generics.RetrieveAPIView[Task]):
    serializer_class = TaskSerializer

    def get_object(self) -> Task:
        task = task_for(person(self.request), self.kwargs["pk"])
        return selectors.api_tasks(rollout=task.rollout).get(pk=task.pk)


class TaskLogs(generics.ListAPIView[TaskLog]):
    """GET: the task's logs, corrections included. POST: log work on it (its assignees),
    multipart with `evidence` files or JSON without them."""

    serializer_class = TaskLogSerializer
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    def get_queryset(self) -> QuerySet[TaskLog]:
        task = task_for(person(self.request), self.kwargs["pk"])
        return selectors.api_logs(task=task, since=since(self.request))

    @extend_schema(parameters=[UPDATED_SINCE], responses={200: TaskLogSerializer, **problems(400)})
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request={
            "multipart/form-data": TaskLogCreateSerializer,
            "application/json": TaskLogCreateSerializer,
        },
        responses={201: TaskLogSerializer, **problems(400, 403, 415)},
    )
    def post(self, request: Request, pk: int) -> Response:
        task = task_for(person(request), pk, to="log")
        body = TaskLogCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        log = services.task_log_create(by=person(request), task=task, **body.validated_data)
        fresh = selectors.api_logs(task=task, since=None).get(pk=log.pk)
        return Response(TaskLogSerializer(fresh).data, status=status.HTTP_201_CREATED)


class _TaskAction(APIView):
    # The only refusals left once the access call let the person through are the task's
    # state (already claimed, not claimed, waiting for another task): 409.
    refusal_status = status.HTTP_409_CONFLICT

    def _answer(self, task: Task) -> Response:
        fresh = selectors.api_tasks(rollout=task.rollout).get(pk=task.pk)
        return Response(TaskSerializer(fresh).data)


@extend_schema(request=None, responses={200: TaskSerializer, **problems(403, 409)})
class TaskClaimDone(_TaskAction):
    """Claim the task done (its assignees); its department's manager then verifies it."""

    def post(self, request: Request, pk: int) -> Response:
        task = task_for(person(request), pk, to="log")
        return self._answer(services.task_claim_done(by=person(request), task=task))


@extend_schema(request=None, responses={200: TaskSerializer, **problems(403, 409)})
class TaskVerify(_TaskAction):
    """Verify a task claimed done (the middle manager of its department)."""

    def post(self, request: Request, pk: int) -> Response:
        task = task_for(person(request), pk, to="verify")
        return self._answer(services.task_verify(by=person(request), task=task))


@extend_schema(
    request=SendBackSerializer, responses={200: TaskSerializer, **problems(400, 403, 409, 415)}
)
class TaskSendBack(_TaskAction):
    """Send a claimed task back with the reason (the middle manager of its department)."""

    def post(self, request: Request, pk: int) -> Response:
        task = task_for(person(request), pk, to="verify")
        body = SendBackSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        reason = body.validated_data["reason"]
        return self._answer(services.task_send_back(by=person(request), task=task, reason=reason))
