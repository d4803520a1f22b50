"""A real S3 API on loopback for the object storage tests: moto's standalone server (from
PyPI, `moto[server]`), in a process of its own on a free port, one per test process. Each
test gets a bucket of its own and STORAGE_URL pointing at it, as an installation sets it.
The cluster test (tests/cluster/cluster.py) starts the same server among its processes,
with moto_command and answers, and talks to it through S3Server."""

import socket
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3
import pytest
from django.conf import settings
from django.test import override_settings

from config.storage_url import default_storage_from_url
from tests.faults.services import free_port
from tests.faults.waiting import wait_until

# moto takes any keys; boto3 needs some, and reads these where the app reads them too.
KEYS = {"AWS_ACCESS_KEY_ID": "rollout-test", "AWS_SECRET_ACCESS_KEY": "rollout-test-secret"}
REGION = "us-east-1"


@dataclass(frozen=True)
class S3Server:
    endpoint: str  # http://127.0.0.1:<port>

    def client(self) -> Any:
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name=REGION,
            aws_access_key_id=KEYS["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=KEYS["AWS_SECRET_ACCESS_KEY"],
        )

    def bucket(self) -> str:
        name = f"rollout-{uuid.uuid4().hex[:12]}"
        self.client().create_bucket(Bucket=name)
        return name

    def keys(self, bucket: str) -> dict[str, bytes]:
        """Every object of the bucket and its bytes, read straight from the server."""
        client = self.client()
        listed = client.list_objects_v2(Bucket=bucket).get("Contents", [])
        return {
            item["Key"]: client.get_object(Bucket=bucket, Key=item["Key"])["Body"].read()
            for item in listed
        }

    def storage_url(self, bucket: str) -> str:
        return f"s3://{bucket}?endpoint_url={self.endpoint}&region_name={REGION}"


def moto_command(port: int) -> list[str]:
    """moto's standalone S3 server on 127.0.0.1:`port`, as a command to start."""
    return [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)]


def answers(port: int) -> bool:
    """Whether something accepts connections on the port (moto's server, once it is up)."""
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        return False
    return True


def _answers(port: int, process: subprocess.Popen[bytes], log: Path) -> bool:
    if process.poll() is not None:
        tail = log.read_text(errors="replace")[-2000:]
        raise AssertionError(f"moto's server exited ({process.returncode}): {tail}")
    return answers(port)


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[S3Server]:
    port = free_port()
    log = tmp_path_factory.mktemp("moto") / "moto.log"
    with log.open("wb") as output:
        process = subprocess.Popen(moto_command(port), stdout=output, stderr=subprocess.STDOUT)
    try:
        wait_until(lambda: _answers(port, process, log), timeout=60, what="moto's S3 server")
        yield S3Server(f"http://127.0.0.1:{port}")
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=30)


@pytest.fixture
def s3_storage(
    s3_server: S3Server, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Iterator[str]:
    """The default storage on a new bucket of the loopback server (STORAGE_URL as an
    installation sets it), MEDIA_ROOT an empty folder that must stay empty. Yields the
    bucket's name."""
    for name, value in KEYS.items():
        monkeypatch.setenv(name, value)
    bucket = s3_server.bucket()
    storages = {
        **settings.STORAGES,
        "default": default_storage_from_url(s3_server.storage_url(bucket)),
    }
    with override_settings(STORAGES=storages, MEDIA_ROOT=tmp_path / "media"):
        yield bucket


def no_local_files(root: Path) -> list[Path]:
    """What lies under MEDIA_ROOT (nothing, when the files went to the bucket)."""
    return sorted(root.rglob("*")) if root.exists() else []
