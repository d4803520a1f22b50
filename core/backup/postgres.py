"""PostgreSQL through its own tools: pg_dump's custom format (compressed, consistent under
load: one snapshot) and pg_restore, in one transaction so a failed restore leaves the
database as empty as it was. Ownership and grants are left out: the restoring user owns
what it restores, whatever the user of the backed-up installation was called."""

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper

from core.backup.errors import BackupError


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} is not installed. Install PostgreSQL's client tools of the server's "
            "version or newer (Debian: apt-get install postgresql-client)."
        )
    return path


def _connection_arguments(settings: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    """Options naming the database, and the environment carrying the password (never on a
    command line, where any user of the machine could read it)."""
    arguments = [f"--dbname={settings['NAME']}"]
    if settings.get("HOST"):
        arguments.append(f"--host={settings['HOST']}")
    if settings.get("PORT"):
        arguments.append(f"--port={settings['PORT']}")
    if settings.get("USER"):
        arguments.append(f"--username={settings['USER']}")
    environment = dict(os.environ)
    if settings.get("PASSWORD"):
        environment["PGPASSWORD"] = str(settings["PASSWORD"])
    if sslmode := settings.get("OPTIONS", {}).get("sslmode"):
        environment["PGSSLMODE"] = str(sslmode)
    return arguments, environment


def _run(command: list[str], environment: dict[str, str], what: str) -> None:
    result = subprocess.run(  # noqa: S603  # the tool's path and our own options
        command, env=environment, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{what} failed: {result.stderr.strip()[-2000:]}")


def postgres_dump(connection: BaseDatabaseWrapper, target: Path) -> None:
    arguments, environment = _connection_arguments(connection.settings_dict)
    command = [_tool("pg_dump"), "--format=custom", f"--file={target}", *arguments]
    _run(command, environment, "pg_dump")


def postgres_check(source: Path) -> None:
    """pg_restore reads the dump's table of contents: a truncated or foreign file is
    refused before anything in the database is touched."""
    _run([_tool("pg_restore"), "--list", str(source)], dict(os.environ), "Reading the dump")


def postgres_restore(connection: BaseDatabaseWrapper, source: Path, *, replace: bool) -> None:
    """Into an empty database: pg_restore in one transaction. With `replace`, the old
    schema is dropped in the very transaction that restores the new one (psql runs the
    drop and pg_restore's script as one): a restore that fails leaves the old data."""
    arguments, environment = _connection_arguments(connection.settings_dict)
    options = ["--no-owner", "--no-privileges"]
    if not replace:
        command = [
            _tool("pg_restore"), *options, "--exit-on-error", "--single-transaction",
            *arguments, str(source),
        ]  # fmt: skip
        _run(command, environment, "pg_restore")
        return
    script = source.with_suffix(".sql")
    _run(
        [_tool("pg_restore"), *options, f"--file={script}", str(source)], environment, "pg_restore"
    )
    command = [
        _tool("psql"), "--no-psqlrc", "--quiet", "--single-transaction",
        "--variable=ON_ERROR_STOP=1", *arguments,
        "--command=DROP SCHEMA public CASCADE", "--command=CREATE SCHEMA public",
        f"--file={script}",
    ]  # fmt: skip
    _run(command, environment, "Restoring")
