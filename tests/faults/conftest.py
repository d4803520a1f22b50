"""Fixtures of the fault tests: private Redis and PostgreSQL servers, databases of their
own, the app's processes. None of them use pytest-django's test database."""

import os
from collections.abc import Iterator
from itertools import count
from pathlib import Path

import pytest

from tests.faults import app, results
from tests.faults.database import create_database, drop_database, shared_server_url
from tests.faults.processes import Processes
from tests.faults.services import PREFIX, PrivateCluster, PrivateRedis

_databases = count(1)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """A failed scenario shows the tail of every process's log and the cluster's log."""
    outcome = yield
    report: pytest.TestReport = outcome.get_result()  # type: ignore[attr-defined]  # the hookwrapper yields None to mypy
    if report.failed and call.when in ("setup", "call"):
        for name in ("processes", "private_cluster"):
            holder = getattr(item, "funcargs", {}).get(name)
            if holder is not None:
                report.sections.append((f"logs: {name}", holder.diagnostics()))


def pytest_sessionfinish(session: pytest.Session) -> None:
    if results.measured:
        results.write()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if results.measured:
        terminalreporter.section("fault scenarios: measured")
        for line in results.lines():
            terminalreporter.write_line(line)
        terminalreporter.write_line(f"(written to {results.RESULTS_FILE})")


@pytest.fixture
def processes(tmp_path: Path) -> Iterator[Processes]:
    running = Processes(tmp_path)
    yield running
    running.kill_all()


@pytest.fixture(scope="session")
def template_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Migrated and seeded once; each test copies it (CREATE DATABASE ... TEMPLATE)."""
    server = shared_server_url()
    name = f"{PREFIX}{os.getpid()}_template"
    folder = tmp_path_factory.mktemp("template")
    url = create_database(server, name)
    setup = Processes(folder)
    try:
        env = app.app_env(folder, database_url=url)
        setup.run("migrate", app.manage("migrate", "--noinput"), env, timeout=180)
        setup.run("seed", app.manage("seed_demo"), env, timeout=180)
        yield name
    finally:
        setup.kill_all()
        drop_database(server, name)


@pytest.fixture
def app_database(template_database: str) -> Iterator[str]:
    server = shared_server_url()
    name = f"{PREFIX}{os.getpid()}_{next(_databases)}"
    url = create_database(server, name, template=template_database)
    yield url
    drop_database(server, name)


@pytest.fixture
def private_redis(processes: Processes, tmp_path: Path) -> PrivateRedis:
    server = PrivateRedis(processes, tmp_path)
    server.start()
    return server  # stopped with the other processes


@pytest.fixture
def private_cluster() -> Iterator[PrivateCluster]:
    cluster = PrivateCluster()
    try:
        cluster.create()
        yield cluster
    finally:
        cluster.drop()
