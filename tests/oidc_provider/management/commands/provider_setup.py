"""Registers the one client (Rollout) and the company's people, from the people file."""

from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand
from oauth2_provider.models import Application

from tests.oidc_provider.claims import people


class Command(BaseCommand):
    help = "Registers Rollout as a confidential client and creates the people of the file."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--client-id", required=True)
        parser.add_argument("--client-secret", required=True)
        parser.add_argument("--redirect-uri", action="append", required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        Application.objects.update_or_create(
            client_id=options["client_id"],
            defaults={
                "name": "Rollout",
                "client_secret": options["client_secret"],
                "client_type": Application.CLIENT_CONFIDENTIAL,
                "authorization_grant_type": Application.GRANT_AUTHORIZATION_CODE,
                "redirect_uris": " ".join(options["redirect_uri"]),
                "algorithm": Application.RS256_ALGORITHM,
                # The company trusts its own application: no consent page.
                "skip_authorization": True,
            },
        )
        for username, said in people().items():
            user, _created = User.objects.get_or_create(username=username)
            user.email = said.get("email", "")
            user.first_name = said.get("given_name", "")
            user.last_name = said.get("family_name", "")
            user.set_password(said["password"])
            user.save()
