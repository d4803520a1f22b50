"""The API's lists ask a fixed number of queries, however many rows they hold: counted
with a token whose last use was just recorded (so that write is not counted)."""

import pytest

from tests.api.conftest import bearer
from tests.query_counts import exactly, get_page
from work.models import TaskLog

pytestmark = pytest.mark.django_db

# The token; the rollout (and, for a task's list, the task's rollout id and the task); the
# count; the rows; one more per related list (a task's assignees, a log's evidence files,
# a gate's decisions).
CASES = {
    "/api/rollouts/": 3,
    "/api/rollouts/{crm}/tasks/": 5,
    "/api/rollouts/{crm}/commitments/": 4,
    "/api/rollouts/{crm}/staffing-requests/": 4,
    "/api/rollouts/{crm}/gates/": 5,
    "/api/tasks/{task}/logs/": 7,
}


@pytest.mark.parametrize(("address", "queries"), CASES.items())
def test_a_list_asks_a_fixed_number_of_queries(client, demo, crm, token_for, address, queries):
    logged = TaskLog.objects.filter(member=demo["member1"]).earliest("pk").task
    url = address.format(crm=crm.pk, task=logged.pk)
    token = bearer(token_for(demo["ceo"]))
    assert client.get(url, **token).status_code == 200  # records the token's use
    with exactly(queries):
        response = client.get(url, **token)
    assert response.status_code == 200
    assert response.json()["count"] > 0


def test_the_token_page_asks_a_fixed_number_of_queries(client, demo, token_for):
    for _ in range(3):
        token_for(demo["member1"])
    client.force_login(demo["member1"])
    get_page(client, "/me/api-tokens/", 5)
