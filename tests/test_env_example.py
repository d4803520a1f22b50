""".env.example lists every setting read from the environment, and works copied as .env."""

import os
import re
from pathlib import Path

from tests.settings_process import run_with_environment

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = (ROOT / ".env.example").read_text()


def test_every_variable_the_settings_read_is_listed():
    settings = (ROOT / "config" / "settings.py").read_text()
    read = set(re.findall(r'env\.[a-z]+\(\s*"([A-Z_]+)"', settings))
    listed = set(re.findall(r"^(?:# )?([A-Z_]+)=", EXAMPLE, re.MULTILINE))
    assert read, "no env reads found: the pattern is out of date"
    assert read - listed == set()


def test_the_file_copied_as_env_gives_working_settings():
    values = dict(re.findall(r"^([A-Z_]+)=(.*)$", EXAMPLE, re.MULTILINE))
    environment = {k: v for k, v in os.environ.items() if k not in values}
    environment.update(values)
    run_with_environment(["manage.py", "check"], environment)
