"""The cluster of `make test-cluster`, started once for the run; before each scenario,
whatever the previous one broke is started again (Cluster.heal). None of these tests use
pytest-django's test database."""

import time
from collections.abc import Iterator

import pytest

from tests.cluster.cluster import Cluster
from tests.faults import results
from tests.faults.processes import ROOT, Processes

RESULTS_FILE = ROOT / "var" / "cluster" / "results.json"
_started: dict[str, float] = {}
_clusters: list[Cluster] = []  # the run's, for the logs of a scenario that failed to start


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """A failed scenario shows the tail of every process's log."""
    outcome = yield
    report: pytest.TestReport = outcome.get_result()  # type: ignore[attr-defined]  # the hookwrapper yields None to mypy
    if report.failed and call.when in ("setup", "call"):
        for cluster in _clusters:
            report.sections.append(("logs: cluster", cluster.diagnostics()))


def pytest_sessionstart(session: pytest.Session) -> None:
    _started["run"] = time.monotonic()


def pytest_sessionfinish(session: pytest.Session) -> None:
    if results.measured:
        results.measured["run"] = {"seconds": round(time.monotonic() - _started["run"])}
        results.write(RESULTS_FILE)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if results.measured:
        terminalreporter.section("cluster scenarios: measured")
        for line in results.lines():
            terminalreporter.write_line(line)
        terminalreporter.write_line(f"(written to {RESULTS_FILE})")


@pytest.fixture(scope="session")
def running_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    folder = tmp_path_factory.mktemp("cluster")
    cluster = Cluster(Processes(folder), folder)
    _clusters.append(cluster)
    started = time.monotonic()
    try:
        cluster.start()
        results.record("0. Start", seconds_to_start_the_cluster=round(time.monotonic() - started))
        yield cluster
    finally:
        cluster.teardown()


@pytest.fixture
def cluster(running_cluster: Cluster) -> Cluster:
    running_cluster.heal()
    return running_cluster
