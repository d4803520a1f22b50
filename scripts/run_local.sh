#!/usr/bin/env bash
# The embedded mode of `make run`: one Celery worker with its beat on kombu's filesystem
# transport (no Redis), and the development server. Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
export CELERY_BROKER_URL="${CELERY_BROKER_URL:-filesystem://}"
mkdir -p var/celery/queue var/celery/processed var/celery/control
# -B runs beat inside this one worker: fine here, where there is exactly one worker;
# production runs a separate, single `celery beat`.
.venv/bin/celery -A config worker -B --pool=solo --loglevel=WARNING \
  --schedule var/celery/beat-schedule &
worker=$!
trap 'kill $worker 2>/dev/null || true' EXIT INT TERM
echo "Rollout on http://127.0.0.1:8000/ (Ctrl-C to stop). Demo password: see README.md."
.venv/bin/python manage.py runserver 127.0.0.1:8000
