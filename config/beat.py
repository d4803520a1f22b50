"""Beat's scheduler: Celery's own (the schedule kept in the --schedule file) plus a
heartbeat file touched on every tick, which the beat container's healthcheck reads.

Beat has no ping: `celery inspect ping` reaches workers only, and the database heartbeat
(rollout.tasks.heartbeat) needs a worker too, so a dead beat would look healthy as long
as the worker ran. The file's age is beat's own sign of life."""

from pathlib import Path
from typing import Any

from celery.beat import PersistentScheduler
from django.conf import settings


def beat_heartbeat_touch() -> None:
    path = Path(settings.ROLLOUT_BEAT_HEARTBEAT_FILE)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch()


class HeartbeatScheduler(PersistentScheduler):
    """Ticks at least every CELERY_BEAT_MAX_LOOP_INTERVAL seconds, so a file older than a
    few of those means beat has stopped scheduling."""

    def tick(self, *args: Any, **kwargs: Any) -> float:
        interval = super().tick(*args, **kwargs)
        beat_heartbeat_touch()
        return interval
