"""A property-based run of the API's own OpenAPI schema (schemathesis) against a live
server, with a real token: whatever the generated parameters and bodies, no answer is a
server error, every status and content type is one the schema documents for the
operation, and every body matches the schema (problem details included). Each operation
runs twice: with generated ids (mostly another rollout's or none: 404) and with the id of
a real demo object, so the bodies reach the services. It runs as member1 (who logs,
claims and confirms) and as the sales manager (who verifies, sends back and answers)."""

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from demo.keys import demo_task
from staffing.models import Commitment, StaffingRequest

# Not a Hypothesis test itself (its inner runs are), so tests/conftest.py does not mark it.
pytestmark = pytest.mark.fuzz

# A run, per operation: two runs of every operation for each of two people stay well under
# a minute on a busy machine.
EXAMPLES = 5
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def real_ids(username: str, demo: dict[str, Any], crm: Any, member1_task: Any) -> dict[str, int]:
    """The id each kind of address names, by the first segment after /api/: objects the
    person can act on (member1's own task and commitment; for the manager a claimed task
    of their department and a request to their department)."""
    requests = StaffingRequest.objects.filter(rollout=crm).order_by("pk")
    if username == "member1":
        task = member1_task
        commitment = Commitment.objects.filter(person=demo["member1"]).earliest("pk")
    else:
        task = demo_task(crm, "cleanup_batch1")
        commitment = Commitment.objects.filter(request__rollout=crm).earliest("pk")
        requests = requests.filter(department=demo[username].department) or requests
    return {
        "rollouts": crm.pk,
        "tasks": task.pk,
        "commitments": commitment.pk,
        "staffing-requests": requests.first().pk,  # type: ignore[union-attr]  # the demo has some
    }


def run(
    operation: Any, site: str, headers: dict[str, str], ids: dict[str, int] | None
) -> list[int]:
    """The statuses of the examples run on `operation` (each checked as it came)."""
    statuses: list[int] = []
    path_parameters = None
    if ids is not None and "{id}" in operation.path:  # drf-spectacular names <pk> "id"
        path_parameters = {"id": ids[operation.path.split("/")[2]]}

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
    # Both people in one test: the live server's demo is put back once, not twice.
    for username in ("member1", "sales.manager"):
        statuses, writes = statuses_of(username, api_site, demo, crm, member1_task, token_for)
        # Both sides were reached: answers (the real ids) and refusals (the generated ones);
        # the writes on real objects reached the services: one went through (a claim or a
        # verify), then the object's state refused the same again.
        assert {200, 404} <= set(statuses), (username, sorted(set(statuses)))
        assert {200, 409} <= set(writes), (username, sorted(set(writes)))


def statuses_of(
    username: str, site: str, demo: dict[str, Any], crm: Any, member1_task: Any, token_for: Any
) -> tuple[list[int], list[int]]:
    """Every operation run as `username`: the statuses of all answers, and those of the
    writes on real objects."""
    headers = {"Authorization": f"Bearer {token_for(demo[username])}"}
    schema = schemathesis.openapi.from_url(f"{site}/api/schema/?format=json", headers=headers)
    operations = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]  # an Err fails the test, as it should
    assert len(operations) >= 14
    ids = real_ids(username, demo, crm, member1_task)
    statuses, writes = [], []
    for operation in operations:
        statuses += run(operation, site, headers, None)
        real = run(operation, site, headers, ids)
        statuses += real
        if operation.method == "post":
            writes += real
    return statuses, writes


def test_a_logged_task_answers_201_with_the_documented_body(client, demo, member1_task, token_for):
    """One write checked against the schema by the same checks, without a live server: the
    test client's answer handed to schemathesis as the answer of a case of the operation."""
    import requests
    from django.utils import timezone
    from schemathesis.core.transport import Response

    token = {"Authorization": f"Bearer {token_for(demo['member1'])}"}
    document = client.get("/api/schema/?format=json", headers=token).json()
    operation = schemathesis.openapi.from_dict(document)["/api/tasks/{id}/logs/"]["POST"]
    body: dict[str, Any] = {
        "work_date": timezone.localdate().isoformat(),
        "hours": "1.5",
        "progress": "40",
    }
    case = operation.Case(
        path_parameters={"id": member1_task.pk}, body=body, media_type="application/json"
    )
    answer = client.post(
        f"/api/tasks/{member1_task.pk}/logs/", body, content_type="application/json", headers=token
    )
    assert answer.status_code == 201, answer.content
    sent = requests.Request("POST", f"http://testserver{answer.request['PATH_INFO']}").prepare()
    response = Response(
        status_code=answer.status_code,
        headers={name: [value] for name, value in answer.headers.items()},
        content=answer.content,
        request=sent,
        elapsed=0.0,
        verify=True,
    )
    case.validate_response(response, checks=CHECKS)  # raises on any check that fails
    assert answer.json()["task"] == member1_task.pk
