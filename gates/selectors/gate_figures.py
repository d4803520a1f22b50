"""A gate page's evidence pack and success figures as one value, kept in the page cache
(rollout/page_cache.py): keyed by the rollout's data version, which every write to the
15-odd tables the evidence reads changes in its own transaction, so the executive never
decides on stale evidence. The same for every reader who may open the gate (the view
checks access first; what depends on the reader, the forms and the discussion, is not
cached)."""

from dataclasses import dataclass

from gates.models import Gate
from gates.selectors.evidence_pack import EvidencePack, evidence_pack
from gates.selectors.success_figures import success_figures
from gates.success_formula import SuccessFigures
from rollout import page_cache


@dataclass
class GateFigures:
    pack: EvidencePack
    success: SuccessFigures


def _compute(gate: Gate) -> GateFigures:
    pack = evidence_pack(gate=gate)
    return GateFigures(pack=pack, success=success_figures(rollout=gate.rollout, pack=pack))


def gate_figures(*, gate: Gate) -> GateFigures:
    return page_cache.cached(
        gate.rollout_id, f"gate-{gate.pk}", reader_key="all", compute=lambda: _compute(gate)
    )
