"""What the API's views share: the problem-details answers in the schema, the
`updated_since` filter, and the signed-in person of a request."""

from datetime import datetime
from typing import Any, cast

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request

from api.problems import PROBLEM_JSON
from roles.models import User
from rollout.models import Rollout
from rollout.permissions import get_rollout_for_user


class ProblemSerializer(serializers.Serializer[dict[str, Any]]):
    """An RFC 9457 problem, as every error of the API is answered."""

    # Named as RFC 9457 names them; REST framework takes declared fields off the class, so
    # `instance` and `errors` do not hide the serializer's own (only the stubs see a clash).
    type = serializers.CharField(help_text=_("about:blank, or the project's URN for the kind."))
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    instance = serializers.CharField()  # type: ignore[assignment]  # RFC 9457's member
    errors = serializers.DictField(  # type: ignore[assignment]  # RFC 9457's extension member
        child=serializers.JSONField(),
        required=False,
        help_text=_("Field name -> messages, when fields were refused."),
    )


WHY = {
    400: _("The body or a parameter was refused, or the service refused the action."),
    401: _("No token, or one unknown, revoked or expired."),
    403: _("Visible to you, but you may not do this."),
    404: _("Not there, or not in a rollout you hold a role in."),
    409: _("The object's state does not allow this now."),
    415: _("A body in a type this endpoint does not take."),
    429: _("Too many requests for this token; see Retry-After."),
}


def problems(*codes: int) -> dict[tuple[int, str], OpenApiResponse]:
    """The problem answers an endpoint can give; 401, 404 and 429 on every one."""
    return {
        (code, PROBLEM_JSON): OpenApiResponse(ProblemSerializer, description=str(WHY[code]))
        for code in sorted({401, 404, 429, *codes})
    }


UPDATED_SINCE = OpenApiParameter(
    "updated_since",
    OpenApiTypes.DATETIME,
    description=str(_("Only what changed after this moment (ISO 8601).")),
)


class SinceQuery(serializers.Serializer[dict[str, Any]]):
    updated_since = serializers.DateTimeField(required=False)


def since(request: Request) -> datetime | None:
    """The `updated_since` parameter; an unreadable one is a 400 problem."""
    query = SinceQuery(data=request.query_params)
    query.is_valid(raise_exception=True)
    return cast(datetime | None, query.validated_data.get("updated_since"))


def person(request: Request) -> User:
    """The caller; every API view requires one (IsAuthenticated)."""
    return cast(User, request.user)


def rollout_in_address(view: "GenericAPIView[Any]") -> Rollout:
    """The rollout the address names (/api/rollouts/<pk>/...), resolved for the caller as
    every rollout page resolves it: 404 unless they hold a role in it."""
    return get_rollout_for_user(person(view.request), view.kwargs["pk"])
