"""The rollouts the caller holds a role in (every one for an administrator)."""

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import generics

from api import selectors
from api.serializers import RolloutSerializer
from api.views.common import UPDATED_SINCE, person, problems, rollout_in_address, since
from rollout.models import Rollout
from rollout.permissions import rollouts_for_user


@extend_schema(parameters=[UPDATED_SINCE], responses={200: RolloutSerializer, **problems(400)})
class RolloutList(generics.ListAPIView[Rollout]):
    serializer_class = RolloutSerializer

    def get_queryset(self) -> QuerySet[Rollout]:
        visible = rollouts_for_user(person(self.request))
        return selectors.api_rollouts(visible=visible, since=since(self.request))


@extend_schema(responses={200: RolloutSerializer, **problems()})
class RolloutDetail(generics.RetrieveAPIView[Rollout]):
    serializer_class = RolloutSerializer

    def get_object(self) -> Rollout:
        return rollout_in_address(self)
