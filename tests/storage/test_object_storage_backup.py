"""manage.py backup and restore with the files in an object store (STORAGE_URL): the
archive holds the bucket's files, read through the storage API, and restore puts them into
an empty bucket, refusing one that holds files (unless --replace) and any name that would
leave the storage. On moto's real S3 server on loopback, with an embedded SQLite database."""

import io
import sqlite3
import subprocess
import tarfile
from contextlib import closing
from pathlib import Path

import pytest
from django.core.files.storage import default_storage

from core.backup.errors import BackupError
from core.backup.media import media_extract
from tests.manage_py import manage_py
from tests.s3_server import KEYS, S3Server, no_local_files

UPLOADS = {
    "evidence/0f3c2a.pdf": b"%PDF-1.4 signed acceptance",
    "evidence/验收记录.txt": "客户已验收".encode(),
    "briefs/2026/12/decision-1-zh-hans-1a2b3c.pdf": b"%PDF-1.7 brief",
}


def manage(
    *arguments: str, database: Path, storage_url: str, media_root: Path
) -> subprocess.CompletedProcess[str]:
    return manage_py(
        *arguments,
        environment={
            "DATABASE_URL": f"sqlite:///{database}",
            "STORAGE_URL": storage_url,
            "DJANGO_MEDIA_ROOT": str(media_root),
            **KEYS,
        },
    )


@pytest.fixture
def archive(s3_server: S3Server, tmp_path: Path) -> Path:
    """A backup of a small SQLite database and of a bucket holding UPLOADS."""
    source = s3_server.bucket()
    client = s3_server.client()
    for key, content in UPLOADS.items():
        client.put_object(Bucket=source, Key=key, Body=content)
    database = tmp_path / "db.sqlite3"
    with closing(sqlite3.connect(database)) as writing:
        writing.execute("CREATE TABLE decision (id INTEGER PRIMARY KEY, outcome TEXT)")
        writing.execute("INSERT INTO decision (outcome) VALUES ('go')")
        writing.commit()
    result = manage(
        "backup",
        str(tmp_path / "backup.tar"),
        database=database,
        storage_url=s3_server.storage_url(source),
        media_root=tmp_path / "media",
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert f"3 uploaded files (from the bucket {source})" in result.stdout
    assert no_local_files(tmp_path / "media") == []
    return tmp_path / "backup.tar"


def test_the_bucket_comes_back_whole_in_an_empty_bucket(s3_server, archive, tmp_path):
    target = s3_server.bucket()
    result = manage(
        "restore",
        str(archive),
        database=tmp_path / "restored.sqlite3",
        storage_url=s3_server.storage_url(target),
        media_root=tmp_path / "media",
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert s3_server.keys(target) == UPLOADS
    assert no_local_files(tmp_path / "media") == []


def test_a_bucket_that_holds_files_is_refused_unless_asked_to_replace_them(
    s3_server, archive, tmp_path
):
    target = s3_server.bucket()
    s3_server.client().put_object(Bucket=target, Key="evidence/later.txt", Body=b"later")
    environment = {"storage_url": s3_server.storage_url(target), "media_root": tmp_path / "m"}
    refused = manage("restore", str(archive), database=tmp_path / "a.sqlite3", **environment)
    assert refused.returncode != 0
    assert f"the bucket {target} is not (files: 1)" in refused.stderr
    replaced = manage(
        "restore",
        str(archive),
        "--replace",
        "--noinput",
        database=tmp_path / "b.sqlite3",
        **environment,
    )
    assert replaced.returncode == 0, replaced.stderr[-3000:]
    assert s3_server.keys(target) == UPLOADS  # evidence/later.txt deleted


@pytest.mark.django_db
def test_a_name_that_would_leave_the_storage_is_refused(s3_server, s3_storage):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as written:
        member = tarfile.TarInfo("media/../outside.txt")
        member.size = 4
        written.addfile(member, io.BytesIO(b"evil"))
    buffer.seek(0)
    with tarfile.open(fileobj=buffer) as read, pytest.raises(BackupError, match="may not"):
        media_extract(read, default_storage)
    assert s3_server.keys(s3_storage) == {}
