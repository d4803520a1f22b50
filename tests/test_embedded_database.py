"""The embedded SQLite of `make run` is set for a web and a worker writing side by side
(issue #11): WAL, a busy timeout, IMMEDIATE transactions. Read from a real connection."""

from tests.test_security_settings import settings_with


def test_the_embedded_sqlite_is_set_for_concurrent_writers(tmp_path):
    out = settings_with(
        {"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"},
        "from django.db import connection; c = connection.cursor();"
        " c.execute('PRAGMA journal_mode'); mode = c.fetchone()[0];"
        " c.execute('PRAGMA busy_timeout'); wait = c.fetchone()[0];"
        " print(mode, wait, s.DATABASES['default']['OPTIONS']['transaction_mode'])",
    )
    assert out == "wal 20000 IMMEDIATE"
