"""How the fault tests run the app: the same commands as production (manage.py, a Celery
worker and beat, gunicorn), pointed at private services by environment variables."""

import os
import sys
from pathlib import Path

# Inherited settings would point the app at the shared services; every one is set here.
OWN_PREFIXES = ("DATABASE_URL", "REDIS_URL", "CELERY_", "DJANGO_", "ROLLOUT_", "EMAIL_")


def app_env(
    folder: Path,
    *,
    database_url: str,
    broker_url: str = "",
    dispatch_every: float = 60,
    visibility_timeout: int = 0,
) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(OWN_PREFIXES)}
    env.update(
        DATABASE_URL=database_url,
        # The production setting: connections kept between requests, checked before reuse.
        DJANGO_CONN_MAX_AGE="60",
        DJANGO_EMAIL_FILE_PATH=str(folder / "mail"),
        DJANGO_MEDIA_ROOT=str(folder / "media"),
        CELERY_FILESYSTEM_DIR=str(folder / "celery"),
        ROLLOUT_DISPATCH_EVERY_SECONDS=str(dispatch_every),
        PYTHONUNBUFFERED="1",
    )
    if broker_url:
        env["CELERY_BROKER_URL"] = env["REDIS_URL"] = broker_url
    if visibility_timeout:
        env["CELERY_VISIBILITY_TIMEOUT_SECONDS"] = str(visibility_timeout)
    return env


CELERY = [sys.executable, "-m", "celery", "-A", "config"]


def manage(*args: str) -> list[str]:
    return [sys.executable, "manage.py", *args]


def worker(name: str, *, concurrency: int) -> list[str]:
    return [
        *CELERY,
        "worker",
        "--loglevel=INFO",
        f"--hostname={name}@%h",
        f"--concurrency={concurrency}",
        # Without mingle and gossip a worker starts in a second; nothing here needs them.
        "--without-mingle",
        "--without-gossip",
    ]


def beat(schedule: Path) -> list[str]:
    return [*CELERY, "beat", "--loglevel=INFO", f"--schedule={schedule}"]


def send_dispatch_task() -> list[str]:
    """`celery call` publishes the task and prints its id."""
    return [*CELERY, "call", "roles.tasks.dispatch_reminders"]


def gunicorn(port: int, *, workers: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        "--log-level=info",
    ]
