"""E-mail each decision to the people of its rollout, once, with the decision brief
attached in each reader's language. Run by the dispatcher (worker or command), never by
the web request that records the decision."""

from collections import defaultdict

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from roles import selectors
from roles.models import User
from rollout.brief import gate_brief_pdf
from rollout.models import Decision, DecisionMailing


def decisions_mail() -> int:
    """Mail every decision not mailed yet; returns how many decisions were mailed."""
    pending = list(
        Decision.objects.filter(mailing__isnull=True)
        .select_related("gate", "gate__rollout", "decided_by")
        .order_by("created_at")
    )
    connection = get_connection()
    for decision in pending:
        with transaction.atomic():
            # The row is the claim: a second dispatcher's insert fails and rolls back.
            _mailing, created = DecisionMailing.objects.get_or_create(decision=decision)
            if not created:
                continue
            readers: dict[str, list[User]] = defaultdict(list)
            for person in (
                selectors.people_of_rollout(rollout=decision.gate.rollout)
                .filter(email_reminders=True)
                .exclude(email="")
            ):
                readers[person.preferred_language].append(person)
            for language, people in readers.items():
                _message(decision, language, people, connection).send(fail_silently=False)
    return len(pending)


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
    message = EmailMessage(
        subject,
        body,
        settings.DEFAULT_FROM_EMAIL,
        bcc=[p.email for p in people],
        connection=connection,
    )
    message.attach(
        f"decision-{gate.key}.pdf", gate_brief_pdf(gate=gate, language=language), "application/pdf"
    )
    return message
