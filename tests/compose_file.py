"""docker-compose.yml as Compose reads it: PyYAML resolves the `<<: *app` merges, so each
service shows the keys it really gets."""

from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
APP_SERVICES = ("migrate", "web", "worker", "beat")


def compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    return loaded


def service(name: str) -> dict[str, Any]:
    found: dict[str, Any] = compose()["services"][name]
    return found


def healthcheck_command(name: str) -> list[str]:
    """The healthcheck as the container runs it: an argument list (CMD), or the shell
    command of CMD-SHELL after Compose turns its `$$` into `$`."""
    test = service(name)["healthcheck"]["test"]
    if test[0] == "CMD-SHELL":
        return ["sh", "-c", test[1].replace("$$", "$")]
    assert test[0] == "CMD"
    return list(test[1:])
