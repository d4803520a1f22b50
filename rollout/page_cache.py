"""Figures of a rollout's pages kept in the cache, never stale.

`cached(rollout, part, reader_key=..., compute=...)` keys what `compute` returns by:

- the rollout's id and its data version, read from the database in this request: every
  write to what the rollout's pages show changes the version in the write's own
  transaction (rollout/data_version.py), so after a commit no reader anywhere finds the
  old entry;
- the part ("gate-12", "progress");
- the reader's key: what about the reader changes the figures (their role, or their id),
  or "all" when the figures are the same for everyone who may open the page (access is
  checked before, by the view);
- the language, the time zone and today's date (texts, "overdue", "this week");
- a hash of the code, so a deploy never reads a shape an older release wrote.

The version is read before the figures are computed: under READ COMMITTED the figures are
then at least as new as the version, so an entry may hold newer figures than its key says,
never older ones.

Figures that read every rollout's data (the capacity heatmap: a person's hours committed in
any rollout) use `cached_across_rollouts`, keyed by the versions of every rollout instead.

With Redis down (or any error of the cache), the figures are computed and the page is
served: the cache only ever saves time.
"""

import hashlib
import logging
from collections.abc import Callable
from functools import cache as once
from pathlib import Path
from typing import TypeVar, cast

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language

from rollout.models import Rollout

logger = logging.getLogger(__name__)

T = TypeVar("T")
# The date is in the key, so an entry is of no use after a day; an hour keeps Redis small.
SECONDS = 3600
_MISSING = object()


@once
def code_version() -> str:
    """A hash of the project's Python files, once per process."""
    digest = hashlib.sha256()
    base = Path(settings.BASE_DIR).resolve()
    for config in sorted(apps.get_app_configs(), key=lambda a: a.label):
        folder = Path(config.path).resolve()
        if base not in folder.parents:
            continue  # Django's and the libraries' apps: their version is in the lock file
        for path in sorted(folder.rglob("*.py")):
            digest.update(str(path.relative_to(base)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def data_version(rollout_id: int) -> int | None:
    """The rollout's version as committed now (None: no such rollout)."""
    return (
        Rollout.objects.filter(pk=rollout_id)
        .order_by()
        .values_list("data_version", flat=True)
        .first()
    )


def cache_key(rollout_id: int, version: int, part: str, reader_key: str) -> str:
    return _key(str(rollout_id), f"{version:x}", part, reader_key)


def _key(scope: str, version: str, part: str, reader_key: str) -> str:
    return ":".join(
        [
            "page",
            scope,
            version,
            part,
            reader_key,
            get_language() or settings.LANGUAGE_CODE,
            timezone.get_current_timezone_name(),
            timezone.localdate().isoformat(),
            code_version(),
        ]
    )


def digest(*parts: object) -> str:
    """A short stable digest of what a reader key is made of (the parts, one a line): keys
    stay short whatever the filters, and equal parts give equal keys."""
    text = "\n".join(str(part) for part in parts)
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def every_version() -> str:
    """One value for the versions of every rollout as committed now: it changes when any
    rollout's does, and when a rollout is added or removed (one query, one row a rollout)."""
    digest = hashlib.sha256()
    for pk, version in Rollout.objects.order_by("pk").values_list("pk", "data_version"):
        digest.update(f"{pk}:{version:x};".encode())
    return digest.hexdigest()[:24]


# The reader's key, or a function that gives it: called after the version is read, so what
# it reads of the database (what waits on the person, their rollouts) is at least as new as
# the version too, like the figures.
ReaderKey = str | Callable[[], str]


def _reader(reader_key: ReaderKey) -> str:
    return reader_key if isinstance(reader_key, str) else reader_key()


def cached(
    rollout: Rollout | int, part: str, *, reader_key: ReaderKey, compute: Callable[[], T]
) -> T:
    """What `compute()` returns for this rollout as it is now: from the cache when another
    request (on any node) computed it for the same version, else computed and kept."""
    rollout_id = rollout if isinstance(rollout, int) else rollout.pk
    version = data_version(rollout_id)
    if version is None:
        return compute()
    key = cache_key(rollout_id, version, part, _reader(reader_key))
    return _through_cache(key, part, compute)


def cached_across_rollouts(part: str, *, reader_key: ReaderKey, compute: Callable[[], T]) -> T:
    """What `compute()` returns for figures that read every rollout's data (a person's
    hours committed in any rollout): keyed by every rollout's version, so a write in any
    rollout is seen by the very next request, whichever rollout's page shows them."""
    version = every_version()
    return _through_cache(_key("every", version, part, _reader(reader_key)), part, compute)


def _through_cache(key: str, part: str, compute: Callable[[], T]) -> T:
    try:
        hit = cache.get(key, _MISSING)
    except Exception:  # any failure of the cache server: compute instead
        logger.warning("page cache unreadable; computing %s", part, exc_info=True)
        return compute()
    if hit is not _MISSING:
        return cast(T, hit)  # what compute() returned for this key
    value = compute()
    try:
        cache.set(key, value, SECONDS)
    except Exception:
        logger.warning("page cache unwritable; %s not kept", part, exc_info=True)
    return value
