"""manage.py sync_role_permissions: after a release changes what a role may do, give every
active role holder exactly the permissions their roles now carry."""

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from roles.permissions import rollout_permissions_sync_all


class Command(BaseCommand):
    help = "Re-derive every role holder's object permissions from their active roles."

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        count = rollout_permissions_sync_all()
        self.stdout.write(self.style.SUCCESS(f"Checked {count} (person, rollout) pairs."))
