"""The healthchecks of docker-compose.yml, run as the containers run them, against real
processes: the web's against Django served over HTTP with production's host check and
HTTPS redirect, the worker's against a Celery worker, the beat's against a Celery beat.
Each must pass while its process works and fail when it does not."""

import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest
from django.core.handlers.wsgi import WSGIHandler

import config.health
from tests.compose_file import ROOT, healthcheck_command, service

# Caps that turn a hang into a failure; the waits end as soon as their condition holds.
START_CAP_SECONDS = 180


def wait_for(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + START_CAP_SECONDS
    while not condition():
        assert time.monotonic() < deadline, f"no {what} after {START_CAP_SECONDS} s"
        time.sleep(0.5)


def run(command: list[str], **environment: str) -> int:
    """The healthcheck's exit status, as Docker reads it; the virtualenv's tools first on
    PATH, as the image's are."""
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    env = {**os.environ, "PATH": path, **environment}
    return subprocess.run(  # the compose file's own commands
        command, cwd=ROOT, env=env, capture_output=True, timeout=120, check=False
    ).returncode


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # wsgiref's name
        pass


@pytest.fixture
def web(settings) -> Iterator[str]:
    """Django over HTTP as in production: hosts limited to the public name, HTTPS required.
    The container's check asks http://127.0.0.1:8000/healthz."""
    settings.ALLOWED_HOSTS = ["rollout.example.com"]
    settings.SECURE_SSL_REDIRECT = True
    server: WSGIServer = make_server("127.0.0.1", 0, WSGIHandler(), handler_class=QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


def web_check(address: str) -> int:
    command = healthcheck_command("web")
    assert command[0] == "python"
    return run([sys.executable, *(part.replace("127.0.0.1:8000", address) for part in command[1:])])


@pytest.mark.django_db
def test_the_web_check_passes_while_the_app_answers(web):
    assert web_check(web) == 0


@pytest.mark.django_db
def test_the_web_check_fails_when_the_database_is_down(web, monkeypatch):
    monkeypatch.setattr(config.health, "database_state", lambda: "down")
    assert web_check(web) == 1


def test_the_web_check_fails_when_nothing_listens():
    assert web_check("127.0.0.1:1") == 1


def filesystem_broker(folder: Path) -> dict[str, str]:
    """kombu's filesystem transport in a folder of the test's own (the embedded mode)."""
    for name in ("queue", "processed", "control"):
        (folder / name).mkdir(parents=True)
    return {"REDIS_URL": "", "CELERY_BROKER_URL": "", "CELERY_FILESYSTEM_DIR": str(folder)}


def broker_environment(folder: Path) -> dict[str, str]:
    """Redis when the suite has one (CI, as in production); otherwise the filesystem."""
    if os.environ.get("REDIS_URL"):
        return {"CELERY_BROKER_URL": os.environ["REDIS_URL"]}
    return filesystem_broker(folder)


def start(arguments: list[str], environment: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as output:
        return subprocess.Popen(  # celery from the virtualenv
            [str(Path(sys.executable).parent / "celery"), "-A", "config", *arguments],
            cwd=ROOT,
            env={**os.environ, **environment},
            stdout=output,
            stderr=subprocess.STDOUT,
        )


def stop(process: subprocess.Popen[bytes]) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def test_the_worker_check_pings_its_own_worker(tmp_path):
    """A worker named as the container names it (celery@<its HOSTNAME>), on a queue of its
    own so it takes no task of anyone else's."""
    host = f"healthcheck-{uuid.uuid4().hex[:8]}"
    environment = broker_environment(tmp_path / "broker")
    worker = start(
        [
            "worker",
            "-n",
            f"celery@{host}",
            "-Q",
            host,
            "--pool=solo",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=WARNING",
        ],
        environment,
        tmp_path / "worker.log",
    )
    try:
        wait_for(
            lambda: run(healthcheck_command("worker"), HOSTNAME=host, **environment) == 0,
            "answer to the worker's healthcheck",
        )
        other = run(healthcheck_command("worker"), HOSTNAME=f"{host}-gone", **environment)
    finally:
        stop(worker)
    assert other != 0


def test_the_beat_check_follows_beats_heartbeat_file(tmp_path):
    heartbeat = tmp_path / "beat-heartbeat"
    command = [
        part.replace(service("beat")["environment"]["ROLLOUT_BEAT_HEARTBEAT_FILE"], str(heartbeat))
        for part in healthcheck_command("beat")
    ]
    command[0] = sys.executable
    before = run(command)
    environment = {
        # Whatever beat sends stays in the test's folder, never on a shared Redis.
        **filesystem_broker(tmp_path / "broker"),
        "ROLLOUT_BEAT_HEARTBEAT_FILE": str(heartbeat),
    }
    beat = start(
        ["beat", "--schedule", str(tmp_path / "beat-schedule"), "--loglevel=WARNING"],
        environment,
        tmp_path / "beat.log",
    )
    try:
        wait_for(heartbeat.exists, "heartbeat file from beat")
        running = run(command)
    finally:
        stop(beat)
    ten_minutes_ago = time.time() - 600
    os.utime(heartbeat, (ten_minutes_ago, ten_minutes_ago))
    assert (before, running, run(command)) == (1, 0, 1)
