"""A property-based run of the API's own OpenAPI schema (schemathesis) against a live
server, with a real token: whatever the generated parameters and bodies, no answer is a
server error and every answer matches the schema (problem details included). Each
operation runs twice: with generated ids (mostly another rollout's or none: 404) and with
the id of a real demo object, so the bodies reach the services."""

from typing import Any

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from staffing.models import Commitment, StaffingRequest

EXAMPLES = 8  # a run, per operation: two runs of every operation stay well under a minute
CHECKS = [not_a_server_error, response_schema_conformance]


def real_ids(demo: dict[str, Any], crm: Any, member1_task: Any) -> dict[str, int]:
    """The id each kind of address names, by the first segment after /api/."""
    return {
        "rollouts": crm.pk,
        "tasks": member1_task.pk,
        "commitments": Commitment.objects.filter(person=demo["member1"]).earliest("pk").pk,
        "staffing-requests": StaffingRequest.objects.filter(rollout=crm).earliest("pk").pk,
    }


def run(
    operation: Any, site: str, headers: dict[str, str], ids: dict[str, int] | None
) -> list[int]:
    """The statuses of the examples run on `operation` (each checked as it came)."""
    statuses: list[int] = []
    path_parameters = None
    if ids is not None and "{pk}" in operation.path:
        path_parameters = {"pk": ids[operation.path.split("/")[2]]}

    @given(case=operation.as_strategy(path_parameters=path_parameters))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case: Any) -> None:
        statuses.append(
            case.call_and_validate(base_url=site, headers=headers, checks=CHECKS).status_code
        )

    check()
    return statuses


def test_no_server_error_and_every_answer_matches_the_schema(
    api_site, demo, crm, member1_task, token_for
):
    headers = {"Authorization": f"Bearer {token_for(demo['member1'])}"}
    schema = schemathesis.openapi.from_url(f"{api_site}/api/schema/?format=json", headers=headers)
    operations = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]  # an Err fails the test, as it should
    assert len(operations) >= 14
    ids = real_ids(demo, crm, member1_task)
    statuses = []
    for operation in operations:
        statuses += run(operation, api_site, headers, None) + run(operation, api_site, headers, ids)
    # Both sides were reached: answers (the real ids) and refusals (the generated ones).
    assert {200, 404} <= set(statuses), sorted(set(statuses))
