"""The demo's rows found by their stable keys, for tests and scripts: a key resolves through
the demo's own table to the name or title the builder wrote, so rewording a demo text
changes that table only.

    demo_rollout("crm"), demo_task(crm, "customer_fields"), demo_workstream(crm, "after_sales")
"""

from demo.data import DEMO_ROLLOUTS
from demo.work import TASK_TITLES, WORKSTREAM_NAMES
from rollout.models import Rollout
from work.models import Task, Workstream


def demo_rollout_name(key: str) -> str:
    return DEMO_ROLLOUTS[key]["name"]


def demo_rollout(key: str) -> Rollout:
    """ "crm" (the full demo), "pilot" (other people, nothing in it yet) or "mobile" (a
    selection still scoring)."""
    return Rollout.objects.get(name=demo_rollout_name(key))


def demo_task_title(key: str) -> str:
    return TASK_TITLES[key]


def demo_task(rollout: Rollout, key: str) -> Task:
    return Task.objects.get(rollout=rollout, title=TASK_TITLES[key])


def demo_workstream_name(key: str) -> str:
    return WORKSTREAM_NAMES[key]


def demo_workstream(rollout: Rollout, key: str) -> Workstream:
    return Workstream.objects.get(rollout=rollout, name=WORKSTREAM_NAMES[key])
