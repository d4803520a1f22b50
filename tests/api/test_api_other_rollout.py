"""Every API address of the authorization matrix, named with another rollout's ids (the
pilot's, where member1 holds no role), answers member1 404 and writes nothing, by token
as by the session; and a token's GET, once its use is recorded, writes nothing either."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from staffing.models import Commitment, StaffingRequest
from tests.api.conftest import bearer
from tests.database_writes import nothing_written
from tests.test_authorization_matrix import EXPECTED, matrix_context

pytestmark = pytest.mark.django_db

# Addresses that name no rollout's object: the docs, the schema, the caller's own lists.
NOT_OF_A_ROLLOUT = {"api:docs", "api:schema", "api:rollouts", "api:tokens", "api:token_create"}
NOT_OF_A_ROLLOUT |= {"api:token_revoke"}  # the caller's own token (tests/api/test_api_tokens.py)


def pilot_context(demo, crm, pilot, pilot_task):
    lead, member = demo["pilot.lead"], demo["pilot.member"]
    request = StaffingRequest.objects.create(
        rollout=pilot, department=member.department, requested_by=lead, purpose="training",
        hours_per_week=4, start_date=date(2026, 12, 1), end_date=date(2026, 12, 31),
    )  # fmt: skip
    commitment = Commitment.objects.create(
        request=request, person=member, hours_per_week=Decimal("4"), committed_by=lead,
        start_date=request.start_date, end_date=request.end_date,
    )  # fmt: skip
    return {
        **matrix_context(demo, crm, pilot),
        "crm": pilot,
        "member1_task": pilot_task,
        "claimed_task": pilot_task,
        "member1_commitment": commitment,
        "sales_request": request,
    }


@pytest.mark.parametrize("by_token", [True, False])
def test_another_rollouts_ids_are_not_found_and_write_nothing(
    client, demo, crm, pilot, pilot_task, token_for, by_token
):
    ctx = pilot_context(demo, crm, pilot, pilot_task)
    auth = bearer(token_for(demo["member1"])) if by_token else {}
    if not by_token:
        client.force_login(demo["member1"])
    client.get(reverse("api:rollouts"), **auth)  # the token's use recorded
    checked = 0
    for name, cases in EXPECTED.items():
        if not name.startswith("api:") or name in NOT_OF_A_ROLLOUT:
            continue
        for case in cases:
            url = reverse(name, kwargs=case.kwargs(ctx))
            with nothing_written(f"{case.method} {url}"):
                if case.method == "POST":
                    response = client.post(url, case.post_data(ctx), **auth)
                else:
                    response = client.get(url, **auth)
            assert response.status_code == 404, (url, response.status_code)
            checked += 1
    assert checked == 13  # every API address of a rollout's object, each case once
