"""The fault tests read and write the app's database with psycopg2 directly: pytest-django's
test database is not theirs, and the app under test runs in other processes."""

import os
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import psycopg2  # type: ignore[import-untyped]  # no stubs among the dev packages

from tests.faults.services import PREFIX, run_owned_by_a_dead_process

Row = tuple[Any, ...]


def shared_server_url() -> str:
    """The shared PostgreSQL (CI's DATABASE_URL points at it); only databases of our own
    are made and dropped there."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        parts = urlsplit(url)
        return f"postgres://{parts.netloc}"
    return "postgres://postgres@127.0.0.1:5432"


def rows(url: str, sql: str, params: dict[str, Any] | None = None) -> list[Row]:
    connection = psycopg2.connect(url, connect_timeout=5)
    try:
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall() if cursor.description else []
    finally:
        connection.close()


def scalar(url: str, sql: str, params: dict[str, Any] | None = None) -> Any:
    return rows(url, sql, params)[0][0]


def create_database(server_url: str, name: str, template: str | None = None) -> str:
    for (leftover,) in rows(server_url + "/postgres", "SELECT datname FROM pg_database"):
        if leftover.startswith(PREFIX) and run_owned_by_a_dead_process(leftover):
            drop_database(server_url, leftover)
    rows(
        server_url + "/postgres",
        f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""),
    )
    return f"{server_url}/{name}"


def drop_database(server_url: str, name: str) -> None:
    rows(server_url + "/postgres", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def put_reminders(url: str, *, prefix: str, count: int, due_at: datetime) -> None:
    """`count` reminders in one statement, spread over the demo people, like those the
    sweep writes for due tasks."""
    rows(
        url,
        """
        INSERT INTO roles_reminder
            (key, kind, level, recipient_id, rollout_id, params, url, due_at, created_at)
        SELECT %(prefix)s || n, 'task_due', 0,
               people.ids[1 + n %% array_length(people.ids, 1)],
               (SELECT min(id) FROM rollout_rollout),
               jsonb_build_object('task', 'Task ' || n, 'person', 'someone', 'due', '2027-01-01'),
               '/', %(due_at)s, now()
        FROM generate_series(1, %(count)s) AS n,
             (SELECT array_agg(id ORDER BY id) AS ids FROM roles_user WHERE is_active) AS people
        """,
        {"prefix": prefix, "count": count, "due_at": due_at},
    )


def sent_count(url: str, *, after_id: int = 0) -> int:
    return int(
        scalar(
            url,
            "SELECT count(*) FROM roles_reminder WHERE sent_at IS NOT NULL AND id > %(id)s",
            {"id": after_id},
        )
    )


def unsent_due_count(url: str) -> int:
    return int(
        scalar(url, "SELECT count(*) FROM roles_reminder WHERE sent_at IS NULL AND due_at <= now()")
    )


def last_reminder_id(url: str) -> int:
    return int(scalar(url, "SELECT coalesce(max(id), 0) FROM roles_reminder"))
