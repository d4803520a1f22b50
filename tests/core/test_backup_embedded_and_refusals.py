"""manage.py backup and restore on the embedded SQLite database, and what restore refuses:
a database or media folder that is not empty (unless --replace), another engine's backup,
a newer release's, a cut-short archive, a file that would land outside MEDIA_ROOT."""

import io
import sqlite3
import subprocess
import tarfile
from contextlib import closing
from pathlib import Path

import pytest
from django.core.files.storage import FileSystemStorage
from django.db import connection

from core.backup.errors import BackupError
from core.backup.manifest import Manifest, manifest_check
from core.backup.media import media_extract
from tests.manage_py import manage_py

SCHEMA = """
CREATE TABLE decision (id INTEGER PRIMARY KEY, outcome TEXT NOT NULL);
CREATE TRIGGER decision_written_once BEFORE UPDATE ON decision
BEGIN SELECT RAISE(ABORT, 'rows of decision are written once'); END;
"""


def manage(*arguments: str, database: Path, media_root: Path) -> subprocess.CompletedProcess[str]:
    return manage_py(
        *arguments,
        environment={"DATABASE_URL": f"sqlite:///{database}", "DJANGO_MEDIA_ROOT": str(media_root)},
    )


def rows(database: Path, sql: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(database, isolation_level=None)) as autocommitting:
        return autocommitting.execute(sql).fetchall()


@pytest.fixture
def embedded(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A SQLite database in WAL mode whose last rows are still only in the WAL (a
    connection that never checkpoints stays open during the backup), an uploaded file,
    and the archive made of them."""
    database, media = tmp_path / "db.sqlite3", tmp_path / "media"
    (media / "evidence").mkdir(parents=True)
    (media / "evidence" / "plan.pdf").write_bytes(b"%PDF-1.4 plan")
    with closing(sqlite3.connect(database, isolation_level=None)) as writing:
        writing.execute("PRAGMA journal_mode=WAL")
        writing.execute("PRAGMA wal_autocheckpoint=0")
        writing.executescript(SCHEMA)
        writing.executemany("INSERT INTO decision (outcome) VALUES (?)", [("go",), ("stop",)])
        result = manage("backup", str(tmp_path / "backup.tar"), database=database, media_root=media)
    assert result.returncode == 0, result.stderr[-3000:]
    return database, media, tmp_path / "backup.tar"


def test_an_embedded_database_comes_back_with_its_rows_trigger_and_files(embedded, tmp_path):
    _database, _media, archive = embedded
    target, target_media = tmp_path / "restored.sqlite3", tmp_path / "restored-media"
    result = manage("restore", str(archive), database=target, media_root=target_media)
    assert result.returncode == 0, result.stderr[-3000:]
    assert rows(target, "SELECT id, outcome FROM decision") == [(1, "go"), (2, "stop")]
    assert rows(target, "SELECT name FROM sqlite_master WHERE type = 'trigger'") == [
        ("decision_written_once",)
    ]
    assert (target_media / "evidence" / "plan.pdf").read_bytes() == b"%PDF-1.4 plan"


def test_it_refuses_to_restore_over_data_unless_asked_to_replace_it(embedded):
    database, media, archive = embedded
    rows(database, "DELETE FROM decision WHERE id = 2")
    refused = manage("restore", str(archive), database=database, media_root=media)
    assert refused.returncode != 0
    assert "is not empty (tables: 1)" in refused.stderr and "--replace" in refused.stderr
    replaced = manage(
        "restore", str(archive), "--replace", "--noinput", database=database, media_root=media
    )
    assert replaced.returncode == 0, replaced.stderr[-3000:]
    assert rows(database, "SELECT count(*) FROM decision") == [(2,)]


def test_replace_asks_first_and_without_an_answer_deletes_nothing(embedded):
    database, media, archive = embedded
    rows(database, "DELETE FROM decision WHERE id = 2")
    result = manage("restore", str(archive), "--replace", database=database, media_root=media)
    assert (result.returncode, "Nothing restored." in result.stderr) == (1, True)
    assert rows(database, "SELECT count(*) FROM decision") == [(1,)]


def test_it_writes_no_backup_over_an_existing_file(embedded):
    database, media, archive = embedded
    result = manage("backup", str(archive), database=database, media_root=media)
    assert (result.returncode, "exists already" in result.stderr) == (1, True)


def test_a_cut_short_archive_is_refused_and_nothing_is_touched(embedded, tmp_path):
    archive = embedded[2]
    cut = tmp_path / "cut.tar"
    cut.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    target = tmp_path / "target.sqlite3"
    result = manage("restore", str(cut), database=target, media_root=tmp_path / "m")
    assert "is not a whole archive made by manage.py backup" in result.stderr
    assert not target.exists()


def test_another_engines_backup_is_refused():
    other = "sqlite" if connection.vendor == "postgresql" else "postgresql"
    with pytest.raises(BackupError, match=f"backup of a {other} database"):
        manifest_check(Manifest(engine=other, media_files=0, migrations=[]), connection)


def test_a_newer_releases_backup_is_refused():
    manifest = Manifest(
        engine=connection.vendor, media_files=0, migrations=[("gates", "9999_from_next_year")]
    )
    with pytest.raises(BackupError, match=r"newer release of Rollout .*gates\.9999_from_next_year"):
        manifest_check(manifest, connection)


def test_a_file_that_would_land_outside_the_media_folder_is_refused(tmp_path):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        member = tarfile.TarInfo("media/../outside.txt")
        member.size = 4
        archive.addfile(member, io.BytesIO(b"evil"))
    buffer.seek(0)
    with tarfile.open(fileobj=buffer) as archive, pytest.raises(BackupError, match="may not"):
        media_extract(archive, FileSystemStorage(location=tmp_path / "media"))
    assert not (tmp_path / "outside.txt").exists()


def test_a_folder_named_with_a_final_slash_is_made_for_the_archive(embedded, tmp_path):
    database, media, _archive = embedded
    folder = tmp_path / "backups" / "nightly"
    result = manage("backup", f"{folder}/", database=database, media_root=media)
    assert result.returncode == 0, result.stderr[-3000:]
    assert [path.suffix for path in folder.iterdir()] == [".tar"]
