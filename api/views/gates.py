"""A rollout's gates with their decisions (everyone in a rollout reads them)."""

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import generics

from api import selectors
from api.serializers import GateSerializer
from api.views.common import UPDATED_SINCE, problems, rollout_in_address, since
from gates.models import Gate


@extend_schema(
    parameters=[UPDATED_SINCE],
    description=(
        "Every gate of the rollout; with updated_since, each gate's decisions made after "
        "that moment only (decisions are never changed: a new one supersedes)."
    ),
    responses={200: GateSerializer, **problems(400)},
)
class RolloutGateList(generics.ListAPIView[Gate]):
    serializer_class = GateSerializer

    def get_queryset(self) -> QuerySet[Gate]:
        return selectors.api_gates(rollout=rollout_in_address(self), since=since(self.request))
