"""DJANGO_DATABASE_POOLER=transaction: the settings PgBouncer's transaction pooling needs
(make test-cluster runs the app through a real PgBouncer in that mode)."""

import os
import subprocess
import sys

from tests.settings_process import ROOT, run_with_environment

PRINT_DATABASE = (
    "import django; django.setup(); from django.conf import settings; "
    "d = settings.DATABASES['default']; "
    "print(d.get('DISABLE_SERVER_SIDE_CURSORS', False), d['CONN_MAX_AGE'])"
)
POSTGRES = "postgres://postgres@127.0.0.1:6432/rollout"


def database_settings(**variables: str) -> str:
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_DATABASE_POOLER"}
    environment.update(DATABASE_URL=POSTGRES, DJANGO_CONN_MAX_AGE="60", **variables)
    return run_with_environment(["-c", PRINT_DATABASE], environment).strip()


def test_it_turns_off_server_side_cursors_behind_a_transaction_pooler():
    assert database_settings(DJANGO_DATABASE_POOLER="transaction") == "True 60"


def test_it_keeps_server_side_cursors_without_a_pooler():
    assert database_settings() == "False 60"
    assert database_settings(DJANGO_DATABASE_POOLER="") == "False 60"


def test_it_refuses_a_pooler_mode_it_does_not_know():
    """A mistyped mode must not start the app with server-side cursors behind PgBouncer."""
    environment = {**os.environ, "DATABASE_URL": POSTGRES, "DJANGO_DATABASE_POOLER": "session"}
    result = subprocess.run(
        [sys.executable, "-c", PRINT_DATABASE],
        cwd=ROOT,
        env={**environment, "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "DJANGO_DATABASE_POOLER is 'session'" in result.stderr
