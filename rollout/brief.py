"""The decision brief: one printable page of a gate (evidence, recommendations, the
decision and its conditions) as a PDF in the reader's language. Chinese needs a CJK font
on the machine (fonts-wqy-microhei); .ci/run and the Dockerfile install it."""

from django.template.loader import render_to_string
from django.utils import timezone, translation

from rollout.models import Gate
from rollout.selectors.evidence import evidence_pack


def gate_brief_pdf(*, gate: Gate, language: str) -> bytes:
    # Imported here: WeasyPrint loads Pango at import, which only the PDF needs.
    from weasyprint import HTML

    with translation.override(language):
        html = render_to_string(
            "rollout/gate_brief.html",
            {
                "gate": gate,
                "rollout": gate.rollout,
                "pack": evidence_pack(gate=gate),
                "printed": timezone.localtime(),
                "language": language,
            },
        )
    return bytes(HTML(string=html).write_pdf())
