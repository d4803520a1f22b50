# Rollout: `make run` serves the demo, `make test` runs every check. Both set up the
# virtualenv themselves, so a fresh clone with Python 3.11+ needs nothing else.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
# Production settings for `check --deploy`: a throwaway key, never used to serve anything.
DEPLOY_ENV := DJANGO_PRODUCTION=true DJANGO_ALLOWED_HOSTS=rollout.example.com \
	DJANGO_SECRET_KEY=$(shell $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')
PYTEST_ARGS ?=
PYTEST := DJANGO_ALLOW_ASYNC_UNSAFE=true DJANGO_CONN_MAX_AGE=0 $(PY) -m pytest -n 2 --ignore=tests/faults --ignore=tests/cluster

.PHONY: run test lint fmt typecheck messages compilemessages migrations-check deploy-check \
	pytest test-fast test-faults test-cluster worker beat install clean bench

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Rollout needs Python 3.11 or newer")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-* && touch $(STAMP)

install: $(STAMP)

compilemessages: $(STAMP)
	$(PY) scripts/compile_messages.py

run: install compilemessages
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	bash scripts/run_local.sh

messages: $(STAMP)
	$(MANAGE) makemessages --locale zh_Hans --no-location --ignore '.venv/*' --ignore 'staticfiles/*'
	$(PY) scripts/compile_messages.py

# The same four checks as .pre-commit-config.yaml, over every file.
lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/djlint templates --lint
	$(VENV)/bin/lint-imports --no-cache --no-logo

fmt: $(STAMP)
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

typecheck: $(STAMP)
	$(PY) -m mypy .

migrations-check: $(STAMP)
	$(MANAGE) makemigrations --check --dry-run

deploy-check: $(STAMP)
	$(DEPLOY_ENV) $(MANAGE) check --deploy --fail-level WARNING

pytest: $(STAMP) compilemessages
	$(PYTEST) $(PYTEST_ARGS)

test: lint typecheck migrations-check deploy-check pytest

# The quick lane while working: every test but the browser journeys, the Hypothesis tests
# (marked fuzz by tests/conftest.py) and the faults. `make test` and .ci/run run them all.
test-fast: $(STAMP) compilemessages
	$(PYTEST) -m "not browser and not fuzz" $(PYTEST_ARGS)

# The faults of docs/faults.md, one at a time against real processes: a private redis-server
# and PostgreSQL cluster (pg_createcluster, so as root) and databases of their own on the
# PostgreSQL at 127.0.0.1:5432. The shared servers are never stopped.
test-faults: $(STAMP)
	$(PY) -m pytest tests/faults -p no:xdist -v $(PYTEST_ARGS)

# The cluster of docs/scale-out.md on loopback: PgBouncer (transaction pooling) in front of
# PostgreSQL, a private redis-server, two gunicorn nodes behind HAProxy, two Celery workers
# and one beat (Debian's pgbouncer and haproxy; run as root, PgBouncer runs as postgres).
# A database of its own on the PostgreSQL at 127.0.0.1:5432, dropped afterwards.
test-cluster: $(STAMP) compilemessages
	$(PY) -m pytest tests/cluster -p no:xdist -v $(PYTEST_ARGS)

worker: install
	$(VENV)/bin/celery -A config worker --loglevel=INFO

beat: install
	$(VENV)/bin/celery -A config beat --loglevel=INFO

# The benchmark: PostgreSQL (createdb needs the postgres client), the seed_scale company,
# gunicorn with 2 workers, each role's main pages under load from wrk (installed from Debian
# when missing and possible; otherwise a Python loader stands in and the report says so).
# Writes its tables into docs/performance.md.
BENCH_DB ?= postgres://postgres@127.0.0.1:5432/rollout_bench
bench: install compilemessages
	command -v wrk >/dev/null || (command -v apt-get >/dev/null && apt-get install -y -qq wrk >/dev/null) || true
	createdb -h 127.0.0.1 -U postgres $(notdir $(BENCH_DB)) 2>/dev/null || true
	DATABASE_URL=$(BENCH_DB) $(MANAGE) migrate --noinput
	DATABASE_URL=$(BENCH_DB) $(MANAGE) seed_demo > /dev/null
	DATABASE_URL=$(BENCH_DB) $(MANAGE) seed_scale
	DATABASE_URL=$(BENCH_DB) DJANGO_CONN_MAX_AGE=60 $(PY) scripts/bench.py

clean:
	rm -rf $(VENV) db.sqlite3 var staticfiles .mypy_cache .ruff_cache .pytest_cache .import_linter_cache
