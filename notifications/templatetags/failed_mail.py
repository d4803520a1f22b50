"""The note on the admin's index page when e-mails failed: how many, of which outbox, with
a link to the list of them and their reasons."""

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


@register.simple_tag
def failed_mail_links() -> list[FailedMailLink]:
    links = []
    for failures in mail_failures():
        meta = failures.model._meta
        url = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        links.append(FailedMailLink(failures.count, str(meta.verbose_name_plural), url))
    return links
