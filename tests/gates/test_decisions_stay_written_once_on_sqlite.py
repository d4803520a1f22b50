"""SQLite (the embedded mode) adds the decision's new columns and CHECKs by rebuilding
rollout_decision, which drops the trigger that refuses changing a decision; gates'
migration 0003 makes it again. Migrated for real in a fresh process, then its triggers
listed (the data-version triggers, rollout/data_version.py, are not this test's)."""

from tests.test_security_settings import settings_with

LIST_ITS_TRIGGERS = (
    "from django.core.management import call_command; from django.db import connection;"
    " call_command('migrate', verbosity=0); c = connection.cursor();"
    " c.execute(\"SELECT name FROM sqlite_master WHERE type = 'trigger'"
    " AND tbl_name = 'rollout_decision' AND name NOT LIKE '%_dv_%'\");"
    " print(sorted(r[0] for r in c.fetchall()))"
)


def test_the_trigger_that_keeps_decisions_written_once_survives_the_migration(migrated_sqlite):
    out = settings_with({"DATABASE_URL": migrated_sqlite}, LIST_ITS_TRIGGERS)
    assert out == "['rollout_decision_written_once']"
