"""Commitments and staffing requests: read them, confirm one's own commitment, answer a
request of one's department (staffing.access, then staffing.services, as the pages)."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api import selectors
from api.lookup import commitment_for, request_for
from api.serializers import (
    CommitmentSerializer,
    StaffingAnswerCreateSerializer,
    StaffingAnswerSerializer,
    StaffingRequestSerializer,
)
from api.views.common import UPDATED_SINCE, person, problems, rollout_in_address, since
from staffing import selectors as staffing_selectors
from staffing import services
from staffing.models import Commitment, StaffingRequest


@extend_schema(parameters=[UPDATED_SINCE], responses={200: CommitmentSerializer, **problems(400)})
class RolloutCommitmentList(generics.ListAPIView[Commitment]):
    """Everyone committed to the rollout (everyone in it reads the staffing plan); with
    updated_since, the commitments changed since."""

    serializer_class = CommitmentSerializer

    def get_queryset(self) -> QuerySet[Commitment]:
        rollout = rollout_in_address(self)
        return selectors.api_commitments(rollout=rollout, since=since(self.request))


@extend_schema(request=None, responses={200: CommitmentSerializer, **problems(403, 409)})
class CommitmentConfirm(APIView):
    """Confirm one's own commitment (only the committed person)."""

    # Past the access call, the only refusal is the commitment's state (or, withdrawing a
    # conflict, hours that no longer fit): the current state of things, 409.
    refusal_status = status.HTTP_409_CONFLICT

    def post(self, request: Request, pk: int) -> Response:
        commitment = commitment_for(person(request), pk, to="own")
        confirmed = services.commitment_confirm(by=person(request), commitment=commitment)
        return Response(CommitmentSerializer(confirmed).data)


@extend_schema(
    parameters=[UPDATED_SINCE], responses={200: StaffingRequestSerializer, **problems(400)}
)
class RolloutStaffingRequestList(generics.ListAPIView[StaffingRequest]):
    """The rollout's staffing requests; with updated_since, those changed since (an answer
    changes a request's status)."""

    serializer_class = StaffingRequestSerializer

    def get_queryset(self) -> QuerySet[StaffingRequest]:
        rollout = rollout_in_address(self)
        return selectors.api_staffing_requests(rollout=rollout, since=since(self.request))


@extend_schema(
    request=StaffingAnswerCreateSerializer,
    responses={201: StaffingAnswerSerializer, **problems(400, 403, 415)},
)
class StaffingRequestAnswer(APIView):
    """Answer a request (the middle manager of its department): the people committed and
    their hours a week; fewer hours than asked, or nobody (decline), with a reason."""

    def post(self, request: Request, pk: int) -> Response:
        staffing_request = request_for(person(request), pk, to="answer")
        body = StaffingAnswerCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        candidates = {
            p.pk: p for p in staffing_selectors.people_for_request(request=staffing_request)
        }
        people = []
        for row in body.validated_data["people"]:
            if row["person"] not in candidates:
                raise serializers.ValidationError(
                    {
                        "people": [
                            _("%(id)s is not one of the department's people.")
                            % {"id": row["person"]}
                        ]
                    }
                )
            people.append((candidates[row["person"]], row["hours_per_week"]))
        answer = services.staffing_answer(
            by=person(request),
            request=staffing_request,
            people=people,
            reason=body.validated_data["reason"],
        )
        return Response(StaffingAnswerSerializer(answer).data, status=status.HTTP_201_CREATED)
