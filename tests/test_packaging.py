"""Every app of the project is packaged: setuptools finds it and import-linter checks its
imports. (The image copies every app: tests/test_compose.py.)"""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def project_apps() -> set[str]:
    return {path.parent.name for path in ROOT.glob("*/apps.py")}


def test_it_finds_the_apps():
    assert {"core", "roles", "rollout", "selection"} <= project_apps()


def test_setuptools_and_import_linter_know_every_app():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    included = set(pyproject["tool"]["setuptools"]["packages"]["find"]["include"])
    assert {f"{app}*" for app in project_apps() | {"config"}} <= included
    root_packages = set(pyproject["tool"]["importlinter"]["root_packages"])
    assert project_apps() | {"config"} <= root_packages
