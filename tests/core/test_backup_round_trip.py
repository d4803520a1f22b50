"""manage.py backup and restore on PostgreSQL: the demo company, seeded into a database of
its own and backed up with its uploaded files, is restored into an empty database and an
empty media folder and comes back whole, its written-once decisions still refusing change.
Both databases are made and dropped here, on the server of the suite's DATABASE_URL."""

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import psycopg2  # type: ignore[import-untyped]  # no stubs among the dev packages
import pytest
from django.db import connection

from tests.manage_py import manage_py
from tests.migrations.scratch_databases import Postgres, migrate, row_counts
from tests.template_database import template_copy

# Evidence and decision briefs as the app stores them under MEDIA_ROOT (work.models'
# evidence_path, gates.models' briefs/%Y/%m/), one name in Chinese.
UPLOADS = {
    "evidence/rollout-1/task-3/acceptance.pdf": b"%PDF-1.4 signed acceptance",
    "evidence/rollout-1/task-3/验收记录.txt": "客户已验收".encode(),
    "briefs/2026/12/decision-1-zh-hans.pdf": b"%PDF-1.7 brief",
}


def manage(*arguments: str, database: Postgres, media_root: Path) -> str:
    environment = {
        "DATABASE_URL": database.url,
        "DJANGO_MEDIA_ROOT": str(media_root),
        "DJANGO_CONN_MAX_AGE": "0",
    }
    result = manage_py(*arguments, environment=environment, timeout=600)
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    return result.stdout


@pytest.fixture
def source_and_target(django_db_setup, django_db_blocker) -> Iterator[tuple[Postgres, Postgres]]:
    """A migrated database (a copy of the run's template, else migrated here) and an
    empty one, both dropped at the end."""
    suite_url = os.environ.get("DATABASE_URL", "")
    if not suite_url.startswith(("postgres://", "postgresql://")):
        pytest.skip("DATABASE_URL is not PostgreSQL (CI's is); the server is taken from it")
    parts = urlsplit(suite_url)
    server, base = f"{parts.scheme}://{parts.netloc}", parts.path.lstrip("/")
    suffix = uuid.uuid4().hex[:8]
    names = (f"{base}_src_{suffix}", f"{base}_dst_{suffix}")
    maintenance = Postgres(f"{server}/postgres")
    try:
        with django_db_blocker.unblock():
            copied = template_copy(connection, original_name=base, name=names[0])
        source, target = (Postgres(f"{server}/{name}") for name in names)
        if not copied:
            maintenance.rows(f'CREATE DATABASE "{names[0]}"')
            result = migrate(source)
            assert result.returncode == 0, result.stderr[-4000:]
        maintenance.rows(f'CREATE DATABASE "{names[1]}"')
        yield source, target
    finally:
        for name in names:
            maintenance.rows(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def update_refused(database: Postgres, table: str) -> bool:
    try:
        database.rows(f"UPDATE {table} SET id = id")  # noqa: S608  # our own table names
    except psycopg2.Error as error:
        return "written once" in str(error)
    return False


def files_under(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in root.rglob("*")
        if path.is_file()
    }


def test_the_demo_comes_back_whole_in_an_empty_database(source_and_target, tmp_path):
    source, target = source_and_target
    source_media, target_media = tmp_path / "source-media", tmp_path / "target-media"
    manage("seed_demo", database=source, media_root=source_media)
    for name, content in UPLOADS.items():
        (source_media / name).parent.mkdir(parents=True, exist_ok=True)
        (source_media / name).write_bytes(content)
    (tmp_path / "backups").mkdir()

    manage("backup", str(tmp_path / "backups"), database=source, media_root=source_media)
    (archive,) = (tmp_path / "backups").iterdir()
    manage("restore", str(archive), database=target, media_root=target_media)

    counts = row_counts(source, source.tables())
    assert counts["rollout_decision"] > 0 and counts["rollout_decisioncondition"] > 0
    assert row_counts(target, target.tables()) == counts
    assert files_under(target_media) == UPLOADS
    assert (target.triggers(), update_refused(target, "rollout_decision")) == (
        source.triggers(),
        True,
    )
    # Readable by its owner only: it holds password hashes, sessions and feed keys.
    assert archive.stat().st_mode & 0o777 == 0o600

    # --replace over a database that holds data: the same rows again.
    manage(
        "restore", str(archive), "--replace", "--noinput", database=target, media_root=target_media
    )
    assert row_counts(target, target.tables()) == counts

    # A --replace that fails part-way leaves the old data: the drop of the old schema is in
    # the restore's own transaction. (This archive makes a schema the target already has,
    # which the drop of `public` leaves, so its restore fails after the drop.)
    source.rows("CREATE SCHEMA extra; CREATE TABLE extra.kept (n int)")
    target.rows("CREATE SCHEMA extra")
    later = tmp_path / "later"
    later.mkdir()
    manage("backup", str(later), database=source, media_root=source_media)
    (second,) = later.iterdir()
    environment = {"DATABASE_URL": target.url, "DJANGO_MEDIA_ROOT": str(target_media)}
    failed = manage_py(
        "restore", str(second), "--replace", "--noinput", environment=environment, timeout=600
    )
    assert failed.returncode != 0 and "already exists" in failed.stderr
    assert row_counts(target, target.tables()) == counts
