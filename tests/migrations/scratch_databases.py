"""Throwaway databases loaded from the dumps in fixtures/, one per test and worker, apart
from pytest-django's test database: `manage.py migrate` runs on them in another process."""

import gzip
import os
import shutil
import sqlite3
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

import psycopg2  # type: ignore[import-untyped]  # no stubs among the dev packages

# Private to Django, but the very functions its SQLite backend registers on each connection.
from django.db.backends.sqlite3._functions import (  # type: ignore[import-untyped]
    register as register_django_functions,
)

from tests.manage_py import manage_py

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# Bookkeeping that migrate itself adds to: a row per new migration, and the content types
# and permissions of new models (post_migrate). They may grow; every other table may not.
BOOKKEEPING = frozenset({"django_migrations", "django_content_type", "auth_permission"})


class Database(Protocol):
    url: str

    def rows(self, sql: str) -> list[tuple[Any, ...]]: ...

    def tables(self) -> list[str]: ...

    def triggers(self) -> set[tuple[str, str]]:
        """(table, trigger) of each trigger the project made."""
        ...


def scratch_name(base: str) -> str:
    """Beside the suite's own database name, unique per worker and run (63: PostgreSQL's
    limit on a name)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    return f"{base}_migrate_{worker}_{uuid.uuid4().hex[:8]}"[-63:]


def migrate(database: Database) -> subprocess.CompletedProcess[str]:
    environment = {"DATABASE_URL": database.url, "DJANGO_CONN_MAX_AGE": "0"}
    return manage_py("migrate", "--noinput", environment=environment)


def row_counts(database: Database, tables: list[str]) -> dict[str, int]:
    """In one query: a connection per table is seconds on a busy machine."""
    if not tables:
        return {}
    sql = " UNION ALL ".join(
        f"SELECT '{table}', count(*) FROM \"{table}\""  # noqa: S608  # names from the catalogue
        for table in tables
    )
    return dict(database.rows(sql))


class Postgres:
    def __init__(self, url: str) -> None:
        self.url = url

    def rows(self, sql: str) -> list[tuple[Any, ...]]:
        with closing(psycopg2.connect(self.url, connect_timeout=5)) as connection:
            connection.autocommit = True
            with connection.cursor() as cursor:
                cursor.execute(sql)
                return list(cursor.fetchall()) if cursor.description else []

    def tables(self) -> list[str]:
        return [
            name
            for (name,) in self.rows(
                "SELECT table_name FROM information_schema.tables"
                " WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1"
            )
        ]

    def triggers(self) -> set[tuple[str, str]]:
        return set(
            self.rows(
                "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
                " WHERE NOT t.tgisinternal"
            )
        )


@contextmanager
def postgres_from(dump: Path, suite_url: str) -> Iterator[Postgres]:
    """A new database on the suite's server, with the dump loaded by psql; dropped after."""
    psql = shutil.which("psql")
    # A skipped test would prove nothing: without psql the test fails and says why.
    assert psql, "psql is not installed; this test needs it (apt-get install postgresql-client)"
    parts = urlsplit(suite_url)
    server = f"{parts.scheme}://{parts.netloc}"
    name = scratch_name(parts.path.lstrip("/"))
    maintenance = Postgres(f"{server}/postgres")
    maintenance.rows(f'CREATE DATABASE "{name}"')
    try:
        database = Postgres(f"{server}/{name}")
        subprocess.run(
            [psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", database.url],
            input=gzip.decompress(dump.read_bytes()),
            capture_output=True,
            timeout=120,
            check=True,
        )
        yield database
    finally:
        maintenance.rows(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Sqlite:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.url = f"sqlite:///{path}"

    def connect(self) -> sqlite3.Connection:
        """With the functions Django's SQLite backend adds (a CHECK constraint such as
        roles_qualityreview's first-of-month calls django_date_extract): without them even
        the sqlite3 command cannot load the dump."""
        connection = sqlite3.connect(self.path, isolation_level=None)
        register_django_functions(connection)
        return connection

    def rows(self, sql: str) -> list[tuple[Any, ...]]:
        with closing(self.connect()) as connection:
            return connection.execute(sql).fetchall()

    def tables(self) -> list[str]:
        return [
            name
            for (name,) in self.rows(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
                " AND name NOT LIKE 'sqlite_%' ORDER BY 1"
            )
        ]

    def triggers(self) -> set[tuple[str, str]]:
        return set(self.rows("SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger'"))


@contextmanager
def sqlite_from(dump: Path, folder: Path) -> Iterator[Sqlite]:
    """A database file in `folder` (pytest's tmp_path) made from the `.dump` text by
    Python's sqlite3 (the sqlite3 command is not needed to run the tests)."""
    database = Sqlite(folder / "db.sqlite3")
    with closing(database.connect()) as connection:
        connection.executescript(gzip.decompress(dump.read_bytes()).decode())
    yield database
