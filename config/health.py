"""/healthz: is the database answering, is the broker reachable. JSON for load balancers
and people alike; a broker that is down makes the app degraded, not down, because every
page and save works without it (reminders catch up on the next sweep)."""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponseBase, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from kombu import Connection

from rollout.selectors.heartbeat import heartbeat_seen_at
from rollout.tasks import SCHEDULER_HEARTBEAT


def database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any failure means the same to a health check: not answering
        return "down"
    return "ok"


def broker_state() -> str:
    url = settings.CELERY_BROKER_URL
    if url.startswith("filesystem://"):
        folder = settings.CELERY_FILESYSTEM_DIR / "queue"
        return "ok" if folder.is_dir() else "down"
    try:
        with Connection(url, connect_timeout=2, transport_options={"max_retries": 0}) as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception:  # kombu raises transport-specific errors; all mean unreachable
        return "down"
    return "ok"


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    checks: dict[str, Any] = {"database": database_state(), "broker": broker_state()}
    if checks["database"] == "ok":
        # Information, not a verdict: beat runs the heartbeat once a minute.
        seen = heartbeat_seen_at(name=SCHEDULER_HEARTBEAT)
        checks["scheduler_last_seen"] = seen.isoformat() if seen else None
    if checks["database"] != "ok":
        status, code = "down", 503
    elif checks["broker"] != "ok":
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    return JsonResponse({"status": status, **checks}, status=code)


class HealthzFirstMiddleware:
    """Answers /healthz before any other middleware. The container's healthcheck (and a
    load balancer) asks by address over plain HTTP: production's host check would refuse
    that (400) and its HTTPS redirect would send it away (301), so an installation whose
    every page works would be reported unhealthy. First in MIDDLEWARE."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.path_info == "/healthz":
            return healthz(request)
        return self.get_response(request)
