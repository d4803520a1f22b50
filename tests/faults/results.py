"""The numbers each fault scenario measured, printed at the end of the run and written to
var/faults/results.json (docs/faults.md quotes a real run)."""

import json
from pathlib import Path
from typing import Any

from tests.faults.processes import ROOT

RESULTS_FILE = ROOT / "var" / "faults" / "results.json"
measured: dict[str, dict[str, Any]] = {}


def record(scenario: str, **numbers: Any) -> None:
    measured[scenario] = numbers


def write(path: Path = RESULTS_FILE) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(dict(sorted(measured.items())), indent=2, default=str) + "\n")


def lines() -> list[str]:
    out = []
    for scenario, numbers in sorted(measured.items()):
        out.append(scenario)
        out += [f"    {name}: {value}" for name, value in numbers.items()]
    return out
