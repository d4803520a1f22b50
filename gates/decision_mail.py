"""E-mail each decision to the people of its rollout, once, with the decision brief
attached in each reader's language. Run by the dispatcher (worker or command), never by
the web request that records the decision: that request only writes the outbox row
(`DecisionMailing`) and the brief's HTML.

Nothing slow happens inside a transaction: notifications.services.mail_outbox claims the
mailing by one conditional UPDATE, the PDFs are rendered and the mail handed to the server
with no transaction open (on SQLite a transaction is the one write lock of the whole
database, which the web's saves wait for), then the row is marked sent, or kept as failed
with the server's answer and retried later."""

from collections import defaultdict
from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gates.brief import brief_pdf_render, decision_briefs_render, gate_brief_pdf
from gates.models import Decision, DecisionBrief, DecisionMailing
from notifications.services.mail_outbox import mail_outbox_send
from roles import selectors
from roles.models import User


def decisions_mail(*, now: datetime | None = None) -> int:
    """Mail every decision whose mailing is due; returns how many were mailed here."""
    return mail_outbox_send(DecisionMailing, _send, now=now or timezone.now())


def _send(pk: int) -> None:
    """One message per language of the readers; each language is recorded as sent as soon
    as the server took it, so a retry after a later language failed sends only what is
    left."""
    mailing = DecisionMailing.objects.select_related(
        "decision__gate__rollout", "decision__decided_by"
    ).get(pk=pk)
    decision = mailing.decision
    readers: dict[str, list[User]] = defaultdict(list)
    for person in (
        selectors.people_of_rollout(rollout=decision.gate.rollout)
        .filter(email_reminders=True)
        .exclude(email="")
    ):
        readers[person.preferred_language].append(person)
    briefs = {b.language: b for b in DecisionBrief.objects.filter(decision=decision)}
    sent = list(mailing.languages_sent)
    connection = get_connection()
    for language, people in sorted(readers.items()):
        if language in sent:
            continue
        message = _message(decision, language, people, connection)
        message.attach(
            f"decision-{decision.gate.key}.pdf",
            _brief_pdf(decision, language, briefs),
            "application/pdf",
        )
        message.send(fail_silently=False)
        sent.append(language)
        DecisionMailing.objects.filter(pk=pk).update(languages_sent=sent)


def _brief_pdf(decision: Decision, language: str, briefs: dict[str, DecisionBrief]) -> bytes:
    brief = briefs.get(language)
    if brief is None:  # decided before briefs were kept with decisions
        return gate_brief_pdf(gate=decision.gate, language=language)
    brief = brief_pdf_render(brief)
    with brief.pdf.open("rb") as stored:
        content: bytes = stored.read()
    return content


def _message(
    decision: Decision, language: str, people: list[User], connection: object
) -> EmailMessage:
    gate = decision.gate
    with translation.override(language):
        subject = _("Rollout decision: %(gate)s — %(outcome)s") % {
            "gate": gate.name,
            "outcome": decision.get_outcome_display(),
        }
        body = "\n".join(
            [
                f"{gate.rollout.name} · {gate.name}",
                f"{decision.get_outcome_display()} · {decision.decided_by}",
                "",
                decision.reason,
                "",
                _("The decision brief is attached."),
            ]
        )
    return EmailMessage(
        subject,
        body,
        settings.DEFAULT_FROM_EMAIL,
        bcc=[p.email for p in people],
        connection=connection,
    )


def decisions_outbox_send(now: datetime) -> int:
    """The gates' outbox, emptied by the notifications dispatcher (registered from
    GatesConfig.ready()): the briefs first, so the mail attaches the stored PDFs instead of
    rendering its own. Returns how many decisions were mailed."""
    decision_briefs_render()
    return decisions_mail(now=now)
