"""The embedded mode's broker never hands a worker a message that is still being written."""

import os
import subprocess
import sys
from pathlib import Path
from queue import Empty
from typing import Any

import pytest
from kombu import Connection

from config import celery_filesystem


@pytest.fixture
def channel(tmp_path: Path) -> Any:
    folders = {name: tmp_path / name for name in ("queue", "processed", "control")}
    for folder in folders.values():
        folder.mkdir()
    connection = Connection(
        "filesystem://",
        transport=celery_filesystem.Transport,
        transport_options={
            "data_folder_in": str(folders["queue"]),
            "data_folder_out": str(folders["queue"]),
            "processed_folder": str(folders["processed"]),
            "control_folder": str(folders["control"]),
            "store_processed": False,
        },
    )
    channel = connection.channel()
    yield channel
    connection.release()


def test_it_shows_a_worker_nothing_while_a_message_is_being_written(channel, monkeypatch):
    seen_while_writing = []

    class WatchedFile:
        """A file whose write first lets a worker look at the queue, as a racing one would."""

        def __init__(self, path: str, mode: str) -> None:
            self.file = open(path, mode)  # noqa: SIM115 - closed in __exit__

        def __enter__(self) -> "WatchedFile":
            return self

        def __exit__(self, *exc: object) -> None:
            self.file.close()

        def write(self, data: bytes) -> int:
            try:
                seen_while_writing.append(channel._get("celery"))
            except Empty:
                seen_while_writing.append("nothing")
            return self.file.write(data)

    monkeypatch.setattr(celery_filesystem, "open", WatchedFile, raising=False)
    channel._put("celery", {"body": "whole"})
    assert seen_while_writing == ["nothing"]
    assert channel._get("celery") == {"body": "whole"}


def test_it_leaves_no_part_file_behind(channel, tmp_path):
    channel._put("celery", {"body": "whole"})
    names = os.listdir(tmp_path / "queue")
    assert len(names) == 1 and names[0].endswith(".celery.msg")


def test_the_embedded_mode_uses_it():
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "CELERY_BROKER_URL")}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    shown = subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings; print(settings.CELERY_BROKER_TRANSPORT)",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert shown == "config.celery_filesystem:Transport"
