"""What the bulk change tests share: two Sales tasks to change, and the board's bulk post."""

from typing import Any

from django.test import Client
from django.urls import reverse

from demo.keys import demo_task
from rollout.models import Rollout
from work.models import Task


def sales_pair(crm: Rollout) -> list[Task]:
    """Two unfinished Sales tasks (member1's)."""
    return [demo_task(crm, "customer_fields"), demo_task(crm, "train_sales")]


def ids(tasks: list[Task]) -> list[int]:
    return [t.pk for t in tasks]


def bulk_post(client: Client, crm: Rollout, data: dict[str, Any]) -> Any:
    return client.post(reverse("work:tasks_bulk", args=[crm.pk]), data)
