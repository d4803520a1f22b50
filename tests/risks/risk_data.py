"""A risk of the demo CRM rollout for the tests, owned by whom the test says."""

from typing import Any

from risks import services
from risks.models import Risk
from roles.models import User
from rollout.models import Rollout


def add_risk(
    rollout: Rollout, by: User, owner: User, *, likelihood: int = 3, impact: int = 3, **more: Any
) -> Risk:
    return services.risk_create(
        by=by,
        rollout=rollout,
        title=more.pop("title", "Key users leave mid-project"),
        owner=owner,
        likelihood=likelihood,
        impact=impact,
        **more,
    )


def update(risk: Risk, by: User, **changes: Any) -> Risk:
    """The risk as it is, with `changes`: what a form posted unchanged would send."""
    risk.refresh_from_db()
    values: dict[str, Any] = {
        "title": risk.title,
        "description": risk.description,
        "owner": risk.owner,
        "likelihood": risk.likelihood,
        "impact": risk.impact,
        "status": risk.status,
        "mitigation": risk.mitigation,
        "due_date": risk.due_date,
        **changes,
    }
    return services.risk_update(by=by, risk=risk, **values)
