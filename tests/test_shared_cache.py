"""The cache is shared by every process of an installation with Redis (web nodes, workers),
and is each process's own in the embedded mode; what must be shared between nodes is never
kept in a process's memory."""

import os
import uuid

from django.conf import settings

from tests.settings_process import run_with_environment

REDIS = "redis://127.0.0.1:6379/0"


def in_another_process(code: str, redis_url: str) -> str:
    environment = {**os.environ, "REDIS_URL": redis_url}
    setup = "import django; django.setup(); from django.core.cache import cache; "
    return run_with_environment(["-c", setup + code], environment).strip()


def test_two_processes_of_an_installation_with_redis_share_the_cache():
    """What one node writes, another reads (a value only the first could know)."""
    key, value = f"shared-{uuid.uuid4().hex}", uuid.uuid4().hex
    in_another_process(f"cache.set({key!r}, {value!r}, 60)", REDIS)
    assert in_another_process(f"print(cache.get({key!r}))", REDIS) == value
    in_another_process(f"cache.delete({key!r})", REDIS)


def test_the_embedded_mode_keeps_it_in_the_process():
    key = f"own-{uuid.uuid4().hex}"
    assert in_another_process(f"cache.set({key!r}, 1); print(cache.get({key!r}))", "") == "1"
    assert in_another_process(f"print(cache.get({key!r}))", "") == "None"


def test_nothing_nodes_must_share_is_kept_in_a_process():
    """Sign-in lockouts and sessions are database rows whatever the cache."""
    assert settings.AXES_HANDLER == "axes.handlers.database.AxesDatabaseHandler"
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
