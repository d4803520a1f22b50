"""Every app of the project is packaged: the image copies it before installing, setuptools
finds it, and import-linter checks its imports. An app added without these runs from a
checkout and is missing from the image."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def project_apps() -> set[str]:
    return {path.parent.name for path in ROOT.glob("*/apps.py")}


def test_it_finds_the_apps():
    assert {"core", "roles", "rollout", "selection"} <= project_apps()


def test_the_image_copies_every_app_before_installing():
    dockerfile = (ROOT / "Dockerfile").read_text()
    before_install = dockerfile.split("RUN pip install", 1)[0]
    copied = set(re.findall(r"^COPY (\w+) \./\1$", before_install, flags=re.MULTILINE))
    assert project_apps() | {"config"} <= copied


def test_setuptools_and_import_linter_know_every_app():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    included = set(pyproject["tool"]["setuptools"]["packages"]["find"]["include"])
    assert {f"{app}*" for app in project_apps() | {"config"}} <= included
    root_packages = set(pyproject["tool"]["importlinter"]["root_packages"])
    assert project_apps() | {"config"} <= root_packages
