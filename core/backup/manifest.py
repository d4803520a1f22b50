"""manifest.json: what a backup archive holds, checked before anything is restored."""

import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from core.backup.errors import BackupError

FORMAT = 1
MANIFEST_NAME = "manifest.json"
MEDIA_PREFIX = "media/"
DATABASE_FILES = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}


@dataclass(frozen=True)
class Manifest:
    engine: str
    media_files: int
    # (app, migration name) of every migration applied to the database backed up.
    migrations: list[tuple[str, str]]
    created_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat())
    format: int = FORMAT

    @property
    def database_file(self) -> str:
        return DATABASE_FILES[self.engine]

    def to_json(self) -> bytes:
        return json.dumps(asdict(self), indent=2).encode()

    @classmethod
    def from_json(cls, text: bytes) -> "Manifest":
        data: dict[str, Any] = json.loads(text)
        if data.get("format") != FORMAT:
            raise BackupError(
                f"This archive is in backup format {data.get('format')!r}; this release of "
                f"Rollout reads format {FORMAT}."
            )
        return cls(
            engine=data["engine"],
            media_files=data["media_files"],
            migrations=[(app, name) for app, name in data["migrations"]],
            created_at=data["created_at"],
        )


def manifest_of(connection: BaseDatabaseWrapper, *, media_files: int) -> Manifest:
    if connection.vendor not in DATABASE_FILES:
        raise BackupError(f"manage.py backup knows PostgreSQL and SQLite, not {connection.vendor}.")
    applied = MigrationRecorder(connection).applied_migrations()
    return Manifest(engine=connection.vendor, media_files=media_files, migrations=sorted(applied))


def manifest_check(manifest: Manifest, connection: BaseDatabaseWrapper) -> None:
    """Refuses an archive this installation cannot take: another engine, or a schema made
    by a newer release (its code would not know the tables)."""
    if manifest.engine != connection.vendor:
        raise BackupError(
            f"This is a backup of a {manifest.engine} database; DATABASE_URL points at "
            f"{connection.vendor}. Restore it into the same kind of database."
        )
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    unknown = [f"{app}.{name}" for app, name in manifest.migrations if (app, name) not in known]
    if unknown:
        raise BackupError(
            "This backup was made by a newer release of Rollout (migrations this code does "
            f"not have: {', '.join(unknown[:5])}). Install that release or a newer one, "
            "then restore."
        )
