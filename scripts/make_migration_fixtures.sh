#!/usr/bin/env bash
# The fixtures of tests/migrations/test_migrate_from_previous_main.py: the schema and demo
# data that one commit makes (`migrate`, then `seed_demo`), on PostgreSQL (pg_dump, plain
# SQL) and on SQLite (the embedded mode's db.sqlite3, as `sqlite3 .dump` text), gzipped and
# named after the commit. Usage: scripts/make_migration_fixtures.sh [commit, default HEAD]
# The commit's files are exported to a scratch folder (git archive), so the working tree and
# its uncommitted changes play no part; this checkout's .venv runs them.
# Needs the PostgreSQL client tools (createdb, pg_dump, dropdb) and the sqlite3 command.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

commit=$(git rev-parse --short=7 "${1:-HEAD}^{commit}")
server=${FIXTURE_SERVER:-postgres://postgres@127.0.0.1:5432}
database=${FIXTURE_DATABASE:-rollout_fixture_$commit}
out=$repo/tests/migrations/fixtures
scratch=$(mktemp -d)
cleanup() {
  dropdb --if-exists --force --maintenance-db="$server/postgres" "$database" 2>/dev/null || true
  rm -rf "$scratch"
}
trap cleanup EXIT

mkdir -p "$scratch/src" "$out"
git archive "$commit" | tar -x -C "$scratch/src"

# As `make run` seeds, but anything the seed sends to Celery lands in a private folder
# instead of a queue that another run reads.
unset REDIS_URL CELERY_BROKER_URL CELERY_TASK_ALWAYS_EAGER
export DJANGO_CONN_MAX_AGE=0 CELERY_FILESYSTEM_DIR="$scratch/celery"
build() {
  (cd "$scratch/src" && DATABASE_URL=$1 "$repo/.venv/bin/python" manage.py migrate --noinput >/dev/null)
  (cd "$scratch/src" && DATABASE_URL=$1 "$repo/.venv/bin/python" manage.py seed_demo >/dev/null)
}

createdb --maintenance-db="$server/postgres" "$database"
build "$server/$database"
# pg_dump's \restrict lines (15.14 and later) guard against a hostile server; this dump is
# our own, and without them a psql older than that loads it too.
pg_dump --no-owner --no-privileges -d "$server/$database" |
  grep -v -e '^\\restrict ' -e '^\\unrestrict ' | gzip -n -9 >"$out/main-$commit.postgresql.sql.gz"

build "sqlite:///$scratch/db.sqlite3"
sqlite3 "$scratch/db.sqlite3" .dump | gzip -n -9 >"$out/main-$commit.sqlite.sql.gz"

ls -l "$out"/main-"$commit".*
