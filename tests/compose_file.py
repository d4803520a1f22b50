"""docker-compose.yml as Compose reads it: PyYAML resolves the `<<: *app` merges, so each
service shows the keys it really gets."""

import re
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
APP_SERVICES = ("migrate", "web", "worker", "beat")
# Compose's interpolation: ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:?error}.
VARIABLE = re.compile(r"\$\{(\w+)(?:(:?[-?])([^}]*))?\}")


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


def interpolate(value: str, dotenv: dict[str, str]) -> str:
    """A value of the file as Compose fills it in from .env; a required variable that is
    unset or empty fails as Compose fails."""

    def filled(match: re.Match[str]) -> str:
        name, operator, argument = match.group(1), match.group(2) or "", match.group(3) or ""
        given = dotenv.get(name)
        if operator.endswith("?") and not given:
            raise ValueError(argument or f"{name} is required")
        if operator == ":-" and not given:
            return argument
        if operator == "-" and given is None:
            return argument
        return given or ""

    return VARIABLE.sub(filled, value.replace("$$", "\0")).replace("\0", "$")


def container_environment(name: str, dotenv: dict[str, str]) -> dict[str, str]:
    """What the service's container finds in its environment with this .env: the env_file
    first, then the service's `environment`, filled in, over it."""
    spec = service(name)
    files = spec.get("env_file") or []
    found = dict(dotenv) if ".env" in ([files] if isinstance(files, str) else files) else {}
    for variable, value in (spec.get("environment") or {}).items():
        found[variable] = interpolate(str(value), dotenv)
    return found
