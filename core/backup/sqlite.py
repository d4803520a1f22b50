"""SQLite through its backup API: a consistent copy of the whole database, pages written
to the WAL but not yet to the main file included, while the web and the worker keep
writing. The same API writes a restore over the live file (no copy of a file in use)."""

import sqlite3
from contextlib import closing
from pathlib import Path


def sqlite_copy(source: Path, target: Path) -> None:
    with closing(sqlite3.connect(source)) as reading, closing(sqlite3.connect(target)) as writing:
        reading.backup(writing)
