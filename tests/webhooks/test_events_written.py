"""Each change that tells webhooks writes one delivery per active endpoint of its rollout
subscribed to the event, in the change's own transaction; nothing for the others, nothing
when the change is rolled back, and one cheap query when the rollout has no endpoint."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from tests.webhooks.webhooks_data import decide, endpoint_at, pull_back, verify
from webhooks.emission import webhook_event_put
from webhooks.models import WebhookDelivery, WebhookEvent
from webhooks.services import endpoint_active_set

pytestmark = pytest.mark.django_db

CHANGES = {
    "decision.recorded": lambda demo, crm: decide(demo, crm),
    "task.verified": lambda demo, crm: verify(demo, crm),
    "commitment.changed": lambda demo, crm: pull_back(demo),
}
SWITCH = {
    "decision.recorded": "on_decision",
    "task.verified": "on_task_verified",
    "commitment.changed": "on_commitment_changed",
}


@pytest.fixture
def endpoints(receiver, demo, crm, pilot):
    """For the CRM: one endpoint for everything, one for all but the event, one switched
    off; for the pilot (another rollout): one for everything."""
    ceo, admin = demo["ceo"], demo["admin"]
    made = {
        "all": endpoint_at(receiver, ceo, crm, "/all"),
        "off": endpoint_at(receiver, ceo, crm, "/off"),
        "pilot": endpoint_at(receiver, admin, pilot, "/pilot"),
    }
    endpoint_active_set(by=ceo, endpoint=made["off"], active=False)
    return made


@pytest.mark.parametrize("event", list(CHANGES))
def test_each_change_queues_one_delivery_per_endpoint_that_wants_it(
    receiver, demo, crm, endpoints, event
):
    others = {name: name != SWITCH[event] for name in SWITCH.values()}
    endpoints["not this one"] = endpoint_at(receiver, demo["ceo"], crm, "/others", **others)
    CHANGES[event](demo, crm)
    queued = WebhookDelivery.objects.filter(event=event)
    assert [d.endpoint for d in queued] == [endpoints["all"]]
    payload = queued.get().payload
    assert (payload["type"], payload["rollout"]["id"], payload["id"]) == (
        event, crm.pk, str(queued.get().event_id)
    )  # fmt: skip


def test_the_payload_names_what_happened(receiver, demo, crm, endpoints):
    task = verify(demo, crm)
    data = WebhookDelivery.objects.get(event="task.verified").payload["data"]
    assert data["task"]["id"] == task.pk
    assert data["task"]["status"] == "verified"
    assert data["verified_by"]["username"] != ""


def test_a_change_rolled_back_leaves_no_delivery(receiver, demo, crm, endpoints):
    inside = []

    def decide_then_fail() -> None:
        with transaction.atomic():
            decide(demo, crm)
            inside.append(WebhookDelivery.objects.filter(event="decision.recorded").count())
            raise RuntimeError("the business transaction fails after the decision")

    with pytest.raises(RuntimeError):
        decide_then_fail()
    assert inside == [1]
    assert not WebhookDelivery.objects.exists()


def test_the_same_event_put_twice_is_queued_once(receiver, demo, crm, endpoints):
    for _ in range(2):
        webhook_event_put(
            rollout_id=crm.pk, event=WebhookEvent.DECISION_RECORDED, key="decision:7",
            data=lambda: {"n": 1},
        )  # fmt: skip
    assert WebhookDelivery.objects.filter(key="decision:7").count() == 1


def test_a_rollout_without_endpoints_pays_one_query_and_never_builds_the_data(demo, crm):
    def data() -> dict[str, object]:
        raise AssertionError("built for nobody")

    with CaptureQueriesContext(connection) as queries:
        queued = webhook_event_put(
            rollout_id=crm.pk, event=WebhookEvent.TASK_VERIFIED, key="k", data=data
        )
    assert (queued, len(queries)) == (0, 1)


def test_an_answer_committing_people_queues_one_event_each(receiver, demo, crm, endpoints):
    from datetime import timedelta
    from decimal import Decimal

    from django.utils import timezone

    from staffing.models import StaffingRequest
    from staffing.services import staffing_answer
    from tests.factories import UserFactory

    department = demo["member1"].department
    week = timezone.localdate() + timedelta(days=14)
    request = StaffingRequest.objects.create(
        rollout=crm, department=department, requested_by=demo["ceo"], purpose="training",
        hours_per_week=4, start_date=week, end_date=week + timedelta(days=4),
    )  # fmt: skip
    people = [UserFactory.create(department=department) for _ in range(2)]
    staffing_answer(
        by=demo["sales.manager"], request=request, people=[(p, Decimal("2")) for p in people]
    )
    told = WebhookDelivery.objects.filter(event="commitment.changed")
    assert sorted(d.payload["data"]["commitment"]["person"]["id"] for d in told) == sorted(
        p.pk for p in people
    )
