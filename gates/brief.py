"""The decision brief: one printable page of a gate (evidence, recommendations, the
decision and its conditions) as a PDF in the reader's language. Chinese needs a CJK font
on the machine (fonts-wqy-microhei); .ci/run and the Dockerfile install it.

A decided gate's brief is fixed when the decision is recorded: its HTML is written in the
decision's transaction from the very evidence pack the decision's fingerprint was taken
from (rendering a template takes milliseconds), and a worker turns that HTML into a PDF
once (WeasyPrint takes seconds, so never inside a transaction or a request that writes).
A gate not decided yet is printed live from today's evidence."""

import contextlib
import uuid
from datetime import datetime

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from gates.models import Decision, DecisionBrief, Gate
from gates.selectors.evidence_pack import EvidencePack, decisions_of
from gates.selectors.gate_figures import gate_figures
from gates.selectors.success_figures import success_figures
from gates.success_formula import SuccessFigures, success_panels


def brief_html(
    *,
    pack: EvidencePack,
    language: str,
    fingerprint: str,
    as_of: datetime,
    figures: SuccessFigures,
) -> str:
    """`figures`: the gate's success figures (numbers: the same in every language)."""
    gate = pack.gate
    with translation.override(language):
        return render_to_string(
            "gates/gate_brief.html",
            {
                "gate": gate,
                "rollout": gate.rollout,
                "pack": pack,
                "panels": success_panels(figures),
                "fingerprint": fingerprint,
                "printed": timezone.localtime(as_of),
                "language": language,
            },
        )


def html_to_pdf(html: str) -> bytes:
    # Imported here: WeasyPrint loads Pango at import, which only the PDF needs.
    from weasyprint import HTML

    return bytes(HTML(string=html).write_pdf())


def gate_brief_pdf(*, gate: Gate, language: str) -> bytes:
    """Today's evidence of a gate, printed now (a gate with no decision yet)."""
    figures = gate_figures(gate=gate)  # the gate page's, from the page cache when fresh
    pack = figures.pack
    return html_to_pdf(
        brief_html(
            pack=pack,
            language=language,
            fingerprint=pack.fingerprint,
            as_of=timezone.now(),
            figures=figures.success,
        )
    )


def decision_briefs_write(*, decision: Decision, pack: EvidencePack) -> None:
    """Called by `decision_record` inside its transaction, after the decision and its
    conditions are saved: one brief per language, from the pack the decision was checked
    against, so the brief shows exactly the fingerprint the decision stores."""
    pack.decisions = decisions_of(decision.gate)
    # Read once for every language: the figures are numbers, only their labels translate.
    figures = success_figures(rollout=decision.gate.rollout, pack=pack)
    DecisionBrief.objects.bulk_create(
        [
            DecisionBrief(
                decision=decision,
                language=language,
                html=brief_html(
                    pack=pack,
                    language=language,
                    fingerprint=decision.evidence_hash,
                    as_of=decision.created_at,
                    figures=figures,
                ),
            )
            for language, _name in settings.LANGUAGES
        ]
    )


def brief_pdf_render(brief: DecisionBrief) -> DecisionBrief:
    """Give the brief its PDF, once. The slow part runs outside any transaction; the row is
    then set only if nobody set it meanwhile (two workers at once keep one file)."""
    if brief.pdf:
        return brief
    pdf = html_to_pdf(brief.html)
    storage = brief.pdf.storage
    # A name of its own for each rendering: two workers rendering the same brief at once
    # write two objects, and the one that loses deletes its own, never the winner's (an
    # object store, unlike the local disk, cannot refuse a name taken meanwhile).
    unique = f"decision-{brief.decision_id}-{brief.language}-{uuid.uuid4().hex[:12]}.pdf"
    name = storage.save(brief.pdf.field.generate_filename(brief, unique), ContentFile(pdf))
    now = timezone.now()
    with transaction.atomic():
        won = DecisionBrief.objects.filter(pk=brief.pk, pdf="").update(pdf=name, rendered_at=now)
    if not won:
        with contextlib.suppress(OSError):
            storage.delete(name)
    brief.refresh_from_db(fields=["pdf", "rendered_at"])
    return brief


def decision_briefs_render(*, limit: int = 20) -> int:
    """The worker's part: PDFs for the briefs that have none yet. Returns how many."""
    waiting = list(DecisionBrief.objects.filter(pdf="").order_by("pk")[:limit])
    for brief in waiting:
        brief_pdf_render(brief)
    return len(waiting)


def latest_decision_brief(*, gate: Gate, language: str) -> DecisionBrief | None:
    """The brief of the gate's latest decision in the language (or any language when that
    one is missing); None for a gate not decided yet or decided before briefs were kept."""
    latest = gate.decisions.order_by("-created_at", "-pk").first()
    if latest is None:
        return None
    briefs = {b.language: b for b in DecisionBrief.objects.filter(decision=latest)}
    return briefs.get(language) or next(iter(briefs.values()), None)
