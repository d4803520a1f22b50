"""Python in a process of its own, on the settings a given environment gives: what an
installation with that .env would get, which the test process (settings loaded) cannot show."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_with_environment(args: list[str], environment: dict[str, str]) -> str:
    """Runs `python <args>` in the project and returns what it printed; fails with the end of
    what it said on stderr."""
    result = subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**environment, "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout
