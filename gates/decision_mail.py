"""E-mail each decision to the people of its rollout, once, with the decision brief
attached in each reader's language. Run by the dispatcher (worker or command), never by
the web request that records the decision: that request only writes the outbox row
(`DecisionMailing`) and the brief's HTML.

Nothing slow happens inside a transaction. A mailing is claimed by one conditional UPDATE
(a second dispatcher's UPDATE matches no row), the PDFs are rendered and the mail handed
to the server with no transaction open (on SQLite a transaction is the one write lock of
the whole database, which the web's saves wait for), then the row is marked sent."""

from collections import defaultdict
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gates.brief import brief_pdf_render, decision_briefs_render, gate_brief_pdf
from gates.models import Decision, DecisionBrief, DecisionMailing
from roles import selectors
from roles.models import User

# A claim not followed by "sent" within this time belongs to a worker that died while
# sending: another dispatcher takes the mailing again.
CLAIM_EXPIRES = timedelta(minutes=15)


def decisions_mail(*, now: datetime | None = None) -> int:
    """Mail every decision whose mailing is unsent; returns how many were mailed here."""
    now = now or timezone.now()
    pending = list(
        DecisionMailing.objects.filter(sent_at__isnull=True)
        .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - CLAIM_EXPIRES))
        .order_by("pk")
        .values_list("pk", "claimed_at")
    )
    mailed = 0
    connection = get_connection()
    for pk, claimed_at in pending:
        if not _claim(pk, claimed_at, now):
            continue  # another dispatcher took it between the read and the claim
        mailing = DecisionMailing.objects.select_related(
            "decision__gate__rollout", "decision__decided_by"
        ).get(pk=pk)
        _send(mailing.decision, connection)
        DecisionMailing.objects.filter(pk=pk).update(sent_at=timezone.now())
        mailed += 1
    return mailed


def _claim(pk: int, claimed_at: datetime | None, now: datetime) -> bool:
    """One UPDATE in autocommit: true for exactly one of the dispatchers that try (the
    claim seen when reading must still be there; `claimed_at=None` is IS NULL)."""
    return (
        DecisionMailing.objects.filter(pk=pk, sent_at__isnull=True, claimed_at=claimed_at).update(
            claimed_at=now
        )
        == 1
    )


def _send(decision: Decision, connection: object) -> None:
    readers: dict[str, list[User]] = defaultdict(list)
    for person in (
        selectors.people_of_rollout(rollout=decision.gate.rollout)
        .filter(email_reminders=True)
        .exclude(email="")
    ):
        readers[person.preferred_language].append(person)
    briefs = {b.language: b for b in DecisionBrief.objects.filter(decision=decision)}
    for language, people in readers.items():
        message = _message(decision, language, people, connection)
        message.attach(
            f"decision-{decision.gate.key}.pdf",
            _brief_pdf(decision, language, briefs),
            "application/pdf",
        )
        message.send(fail_silently=False)


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


def decisions_outbox_send() -> int:
    """The gates' outbox, emptied by the notifications dispatcher (registered from
    GatesConfig.ready()): the briefs first, so the mail attaches the stored PDFs instead of
    rendering its own. Returns how many decisions were mailed."""
    decision_briefs_render()
    return decisions_mail()
