"""The demo CRM's adoption measures and departments, for the tests."""

from datetime import date
from typing import Any

from django.utils import timezone

from goals.adoption_selectors import previous_month
from goals.models import AdoptionMeasure
from roles.models import Department

ACTIVE = "Weekly active users · 每周活跃用户"
COMPLETE = "Customer records complete · 客户资料完整率"


def measure(rollout: Any, name: str = ACTIVE) -> AdoptionMeasure:
    return AdoptionMeasure.objects.get(rollout=rollout, name=name)


def department(code: str) -> Department:
    return Department.objects.get(code=code)


def last_month() -> date:
    return previous_month(timezone.localdate())


def this_month() -> date:
    return timezone.localdate().replace(day=1)
