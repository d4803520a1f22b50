"""Each test database a copy of one migrated template (PostgreSQL).

Migrating takes seconds per database, and under pytest-xdist every worker used to migrate
its own. Here the migrations run once into `<NAME>_template_<hash>`, whose hash covers every
migration file of every installed app, so a changed migration gets a new template and the
old one is dropped. Workers copy it with CREATE DATABASE ... TEMPLATE, which is a file copy.

One PostgreSQL advisory lock per database name serialises building, copying and dropping:
it covers workers of one run and separate runs alike, and it is let go if a worker dies."""

import hashlib
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db.backends.base.base import BaseDatabaseWrapper


def migrations_hash() -> str:
    digest = hashlib.sha256()
    for app in sorted(apps.get_app_configs(), key=lambda a: a.label):
        folder = Path(app.path) / "migrations"
        for path in sorted(folder.rglob("*.py")):
            digest.update(f"{app.label}/{path.relative_to(folder)}".encode())
            digest.update(path.read_bytes())
    # The data-version and logged-week triggers' SQL is made there and run by a migration.
    for made_by_migrations in ("rollout/data_version.py", "work/logged_weeks.py"):
        digest.update((Path(settings.BASE_DIR) / made_by_migrations).read_bytes())
    return digest.hexdigest()[:12]


def _lock_id(name: str) -> int:
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


def _quote(connection: BaseDatabaseWrapper, name: str) -> str:
    return str(connection.ops.quote_name(name))


def _migrate_into(connection: BaseDatabaseWrapper, name: str) -> None:
    """Run every migration into the database `name`, then leave it (a template must have
    no connection when it is copied)."""
    original = connection.settings_dict["NAME"]
    connection.close()
    connection.settings_dict["NAME"] = name
    try:
        call_command("migrate", verbosity=0, interactive=False, run_syncdb=True)
        call_command("createcachetable", verbosity=0)
    finally:
        connection.close()
        connection.settings_dict["NAME"] = original


def create_test_database_from_template(connection: BaseDatabaseWrapper) -> str:
    """What Django's create_test_db does, with a copy instead of the migrations. Returns
    the database's own name, which teardown_databases puts back."""
    old_name = str(connection.settings_dict["NAME"])
    test_name = connection.creation._get_test_db_name()  # type: ignore[attr-defined]
    prefix = f"{old_name}_template_"
    template = prefix + migrations_hash()
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [_lock_id(prefix)])
        try:
            cursor.execute(
                "SELECT datname FROM pg_database WHERE datname LIKE %s",
                [prefix.replace("_", r"\_") + "%"],
            )
            existing = {row[0] for row in cursor.fetchall()}
            for stale in existing - {template}:
                cursor.execute(f"DROP DATABASE IF EXISTS {_quote(connection, stale)}")
            if template not in existing:
                # Built under another name and renamed when complete: a run killed halfway
                # leaves no template that looks ready.
                building = prefix + "building"
                cursor.execute(f"DROP DATABASE IF EXISTS {_quote(connection, building)}")
                cursor.execute(f"CREATE DATABASE {_quote(connection, building)}")
                _migrate_into(connection, building)
                cursor.execute(
                    f"ALTER DATABASE {_quote(connection, building)}"
                    f" RENAME TO {_quote(connection, template)}"
                )
            cursor.execute(f"DROP DATABASE IF EXISTS {_quote(connection, test_name)}")
            cursor.execute(
                f"CREATE DATABASE {_quote(connection, test_name)}"
                f" TEMPLATE {_quote(connection, template)}"
            )
        finally:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [_lock_id(prefix)])
    connection.close()
    settings.DATABASES[connection.alias]["NAME"] = test_name
    connection.settings_dict["NAME"] = test_name
    connection.ensure_connection()
    return old_name


def template_copy(connection: BaseDatabaseWrapper, *, original_name: str, name: str) -> bool:
    """Makes a new database `name` a copy of this run's migrated template, when the run
    made one (not under --reuse-db); returns whether it did. `original_name` is the
    database DATABASE_URL names, whose template it is."""
    prefix = f"{original_name}_template_"
    template = prefix + migrations_hash()
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [_lock_id(prefix)])
        try:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template])
            if cursor.fetchone() is None:
                return False
            copy, original = _quote(connection, name), _quote(connection, template)
            cursor.execute(f"CREATE DATABASE {copy} TEMPLATE {original}")
            return True
        finally:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [_lock_id(prefix)])
