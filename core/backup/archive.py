"""Writing a backup archive and restoring one (the layout: core/backup/__init__.py)."""

import dataclasses
import os
import shutil
import tarfile
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from pathlib import Path

from django.core.files.storage import Storage, default_storage
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper

from core.backup.errors import BackupError
from core.backup.manifest import (
    MANIFEST_NAME,
    Manifest,
    manifest_check,
    manifest_of,
)
from core.backup.media import media_add, media_empty, media_extract, media_names, media_where
from core.backup.postgres import postgres_check, postgres_dump, postgres_restore
from core.backup.sqlite import sqlite_copy


@dataclass(frozen=True)
class Summary:
    path: Path
    engine: str
    tables: int
    media_files: int
    media_where: str


def _connection() -> BaseDatabaseWrapper:
    return connections[DEFAULT_DB_ALIAS]


def _media() -> Storage:
    """Where the uploaded files are: MEDIA_ROOT, or the bucket of STORAGE_URL."""
    return default_storage


def backup_target(path: str) -> Path:
    """A folder (one that exists, or a name ending in /, made here) gets a new file named
    after the time; a file name must be new."""
    target = Path(path)
    if path.endswith(("/", os.sep)) or target.is_dir():
        target.mkdir(parents=True, exist_ok=True)
        return target / f"rollout-backup-{datetime.now():%Y%m%d-%H%M%S}.tar"
    if target.exists():
        raise BackupError(f"{target} exists already: name a new file, or a folder.")
    if not target.parent.is_dir():
        raise BackupError(f"The folder {target.parent} does not exist.")
    return target


def backup_write(*, path: str) -> Summary:
    """The archive is written beside its final name and renamed when complete: a backup
    that failed halfway never looks like one that worked."""
    connection = _connection()
    target = backup_target(path)
    partial = target.with_name(target.name + ".partial")
    manifest = manifest_of(connection, media_files=0)
    try:
        with tempfile.TemporaryDirectory(dir=target.parent, prefix=".rollout-backup-") as folder:
            database = Path(folder) / manifest.database_file
            if manifest.engine == "postgresql":
                postgres_dump(connection, database)
            else:
                sqlite_copy(Path(connection.settings_dict["NAME"]), database)
            # Readable by its owner only: it holds password hashes, sessions, feed keys.
            partial.touch(mode=0o600)
            with tarfile.open(partial, "w") as archive:
                archive.add(database, arcname=manifest.database_file)
                count = media_add(archive, _media())
                manifest = dataclasses.replace(manifest, media_files=count)
                # Last: an archive cut short (a full disk, a copy stopped) has no manifest,
                # and restore refuses it before reading anything else.
                _add_bytes(archive, MANIFEST_NAME, manifest.to_json())
        partial.rename(target)
    finally:
        partial.unlink(missing_ok=True)
    tables = len(connection.introspection.table_names())
    return Summary(target, manifest.engine, tables, count, media_where(_media()))


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = len(data), int(time.time()), 0o644
    archive.addfile(info, BytesIO(data))


@contextmanager
def _opened(path: Path) -> Iterator[tuple[tarfile.TarFile, Manifest]]:
    """The archive and its manifest. A tar error, here or while restoring, means a file
    that is not (or no longer, when cut short) a whole backup."""
    not_one = f"{path} is not a whole archive made by manage.py backup"
    if not path.is_file():
        raise BackupError(f"{path} is not a file.")
    try:
        with tarfile.open(path, "r:") as archive:
            try:
                member = archive.extractfile(MANIFEST_NAME)
            except KeyError as error:
                raise BackupError(f"{not_one} (it has no {MANIFEST_NAME}).") from error
            if member is None:
                raise BackupError(f"{not_one} (its manifest is not a file).")
            yield archive, Manifest.from_json(member.read())
    except tarfile.TarError as error:
        raise BackupError(f"{not_one} ({error}).") from error


def _refuse_to_overwrite(connection: BaseDatabaseWrapper, media: Storage) -> None:
    tables = connection.introspection.table_names()
    files = media_names(media)
    if tables or files:
        name = connection.settings_dict["NAME"]
        raise BackupError(
            f"The database {name} is not empty (tables: {len(tables)}) or "
            f"{media_where(media)} is not (files: {len(files)}). Restore into an empty "
            "database and folder, or pass --replace to delete what they hold first."
        )


def backup_restore(*, path: Path, replace: bool) -> Summary:
    """Checks everything it can (the archive, its engine and release, the database read
    back by the engine's own tool) before deleting anything --replace asks to delete."""
    connection = _connection()
    media = _media()
    with (
        _opened(path) as (archive, manifest),
        tempfile.TemporaryDirectory(prefix="rollout-restore-") as folder,
    ):
        manifest_check(manifest, connection)
        if not replace:
            _refuse_to_overwrite(connection, media)
        database = Path(folder) / manifest.database_file
        member = archive.extractfile(manifest.database_file)
        if member is None:
            raise BackupError(f"{path} has no {manifest.database_file}.")
        with member, database.open("wb") as copy:
            shutil.copyfileobj(member, copy)
        if manifest.engine == "postgresql":
            postgres_check(database)
            connection.close()
            postgres_restore(connection, database, replace=replace)
        else:
            connection.close()
            # The backup API writes every page of the file, replacing what was there.
            sqlite_copy(database, Path(connection.settings_dict["NAME"]))
        if replace:
            media_empty(media)
        count = media_extract(archive, media)
    connection.close()
    tables = len(connection.introspection.table_names())
    return Summary(path, manifest.engine, tables, count, media_where(media))
