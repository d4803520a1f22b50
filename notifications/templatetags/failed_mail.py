"""The note on the admin's index page when an outbox's items failed: how many, of which
outbox, said for what it carries (e-mails, chat messages, webhook deliveries: the model's
`outbox_kind`), with a link to the list of them and their reasons."""

from dataclasses import dataclass

from django import template
from django.urls import reverse

from notifications.selectors import mail_failures

register = template.Library()


@dataclass(frozen=True)
class FailedMailLink:
    count: int
    name: str
    url: str
    kind: str


@register.simple_tag
def failed_mail_links() -> list[FailedMailLink]:
    links = []
    for failures in mail_failures():
        meta = failures.model._meta
        url = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        name = str(meta.verbose_name_plural)
        links.append(FailedMailLink(failures.count, name, url, failures.model.outbox_kind))
    return links
