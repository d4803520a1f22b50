"""Shared fixtures: the named demo people (Zulip-style), fast password hashing, and the
CI guard that refuses to run on anything but the real services."""

import os
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import setup_databases, teardown_databases
from django.utils import timezone, translation
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from pytest_django.plugin import blocking_manager_key

from demo.keys import demo_rollout, demo_task
from roles.models import User
from rollout.models import Rollout
from tests import demo_snapshot
from tests.template_database import create_test_database_from_template
from work.models import Task

if TYPE_CHECKING:
    from selection.models import Vendor

# Hypothesis, for every test: no deadline (a slow example on a busy machine is no bug), and
# the test's fixtures shared by its examples on purpose (each example is one request against
# the demo, and the test's transaction is rolled back once at the end). Each test sets its
# own max_examples; this default is for one that does not.
hypothesis_settings.register_profile(
    "rollout",
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
hypothesis_settings.load_profile("rollout")

# Set once the session's test database exists: a test skipped before any database was set
# up (Chromium missing) has nothing to put the demo back into.
test_database_ready = pytest.StashKey[bool]()
seeded_demo = pytest.StashKey[demo_snapshot.DemoSnapshot | None]()


def pytest_sessionstart(session: pytest.Session) -> None:
    """With ROLLOUT_REQUIRE_SERVICES=1 (.ci/run) a missing service fails the run."""
    if os.environ.get("ROLLOUT_REQUIRE_SERVICES") != "1":
        return
    problems = []
    if "postgresql" not in settings.DATABASES["default"]["ENGINE"]:
        problems.append("DATABASE_URL does not point at PostgreSQL")
    import redis

    try:
        redis.Redis.from_url(os.environ.get("REDIS_URL", ""), socket_timeout=2).ping()
    except (redis.RedisError, ValueError) as error:
        problems.append(f"Redis is unreachable: {error}")
    if not os.path.exists("/usr/bin/chromium"):
        problems.append("Chromium is not installed at /usr/bin/chromium")
    if problems:
        raise pytest.UsageError("; ".join(problems))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every Hypothesis test is marked fuzz, so `make test-fast` can leave them out."""
    for item in items:
        if getattr(getattr(item, "obj", None), "is_hypothesis_test", False):
            item.add_marker(pytest.mark.fuzz)


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing() -> Iterator[None]:
    # Argon2 is deliberately slow; tests check the production list separately.
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def _english_after_each_test() -> Iterator[None]:
    """A request in Chinese leaves Chinese active in the thread (the locale middleware
    activates a language per request and nothing resets it), and a later test calling a
    service in the same worker would read its messages in Chinese."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="session")
def django_db_setup(
    request: pytest.FixtureRequest,
    django_test_environment: None,
    django_db_blocker: Any,
    django_db_keepdb: bool,
    django_db_createdb: bool,
    django_db_use_migrations: bool,
    django_db_modify_db_settings: None,
) -> Iterator[None]:
    """The test database (on PostgreSQL a copy of the migrated template, see
    template_database.py; otherwise pytest-django's way) and the demo company in it, built
    once per test database (each test rolls back its own changes)."""
    verbosity = request.config.option.verbose
    keepdb = django_db_keepdb and not django_db_createdb
    copy = connection.vendor == "postgresql" and django_db_use_migrations and not keepdb
    with django_db_blocker.unblock():
        if copy:
            databases = [(connection, create_test_database_from_template(connection), True)]
        else:
            if not django_db_use_migrations:
                from pytest_django.fixtures import _disable_migrations

                _disable_migrations()
            databases = setup_databases(verbosity=verbosity, interactive=False, keepdb=keepdb)
        call_command("seed_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
        request.config.stash[seeded_demo] = demo_snapshot.take(connection)
    request.config.stash[test_database_ready] = True
    yield
    # Threads of the race, worker and live-server tests may leave a connection open; on
    # PostgreSQL that would keep the test database from being dropped at the end.
    with django_db_blocker.unblock():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
        if not django_db_keepdb:
            teardown_databases(databases, verbosity=verbosity)


def _flushes(item: pytest.Item) -> bool:
    """pytest-django's own test: a transactional test empties every table when it ends."""
    marker = item.get_closest_marker("django_db")
    names = getattr(item, "fixturenames", ())
    return bool(
        (marker is not None and (marker.kwargs.get("transaction") or marker.args[:1] == (True,)))
        or "transactional_db" in names
        or "live_server" in names
    )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    """After a transactional test has emptied the database, put the demo company back, for
    good. Otherwise every later test re-seeds it inside its own rolled-back transaction: on
    a busy machine, where xdist handed the browser tests out first, that turned a 6-minute
    suite into 50 minutes."""
    yield
    if nextitem is None or not _flushes(item):
        return
    if not item.config.stash.get(test_database_ready, False):
        return
    with item.config.stash[blocking_manager_key].unblock():
        snapshot = item.config.stash.get(seeded_demo, None)
        if snapshot is not None and snapshot.fresh():
            demo_snapshot.restore(connection, snapshot)  # the same rows, in a fraction of a second
        else:
            call_command("seed_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
            item.config.stash[seeded_demo] = demo_snapshot.take(connection)


def demo_in_place() -> None:
    """The demo company, seeded if a transactional test emptied the database and nothing
    put it back (pytest_runtest_teardown above does after every such test but the last)."""
    if not User.objects.filter(username="ceo").exists():
        call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115


@pytest.fixture
def demo(db: None) -> dict[str, User]:
    """The named demo people by username."""
    demo_in_place()
    return {user.username: user for user in User.objects.all()}


@pytest.fixture
def crm(demo: dict[str, User]) -> Rollout:
    return demo_rollout("crm")


@pytest.fixture
def pilot(demo: dict[str, User]) -> Rollout:
    return demo_rollout("pilot")


@pytest.fixture
def member1_task(crm: Rollout) -> Task:
    """The demo CRM task member1 is assigned to and logs on."""
    return demo_task(crm, "customer_fields")


@pytest.fixture
def pilot_vendor(pilot: Rollout) -> "Vendor":
    """A vendor of the pilot rollout: an id that must never count on the CRM's pages."""
    from selection.models import Vendor
    from selection.services import selection_setup

    selection_setup(rollout=pilot)
    return Vendor.objects.create(
        rollout=pilot, name="Elsewhere", price_per_user_year=1, implementation_fee=1
    )


@pytest.fixture
def pilot_task(demo: dict[str, User], pilot: Rollout) -> Task:
    """A task of the pilot rollout: an id that must never be found through the CRM."""
    from work import services as work

    workstream = work.workstream_create(by=demo["pilot.lead"], rollout=pilot, name="Tickets")
    department_id = demo["pilot.member"].department_id
    assert department_id is not None
    return work.task_create(
        by=demo["pilot.lead"],
        rollout=pilot,
        title="Pilot task",
        workstream=workstream,
        department_id=department_id,
        assignees=[demo["pilot.member"]],
        due_date=timezone.localdate(),
        estimate_hours=Decimal("2"),
    )


@pytest.fixture(autouse=True, scope="session")
def _media_in_a_temporary_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


@pytest.fixture(scope="session")
def _sqlite_migrated_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An SQLite database (the embedded mode) migrated from nothing in a fresh process, once
    per test process: a full migrate on SQLite takes 20 s and more on a busy machine."""
    from tests.test_security_settings import settings_with

    path = tmp_path_factory.mktemp("sqlite-migrated") / "db.sqlite3"
    settings_with(
        {"DATABASE_URL": f"sqlite:///{path}"},
        "from django.core.management import call_command; call_command('migrate', verbosity=0)",
    )
    return path


@pytest.fixture
def migrated_sqlite(_sqlite_migrated_once: Path, tmp_path: Path) -> str:
    """DATABASE_URL of this test's own copy of that migrated SQLite database (a test that
    migrates again finds nothing to apply; pre_migrate and post_migrate still run)."""
    import shutil

    copy = tmp_path / "db.sqlite3"
    shutil.copyfile(_sqlite_migrated_once, copy)
    return f"sqlite:///{copy}"
