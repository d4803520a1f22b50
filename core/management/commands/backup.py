"""manage.py backup PATH: the database and the uploaded files in one archive (a file
named PATH, or a new rollout-backup-<time>.tar in the folder PATH). core/backup/ says
what the archive holds; `manage.py restore` puts it back."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from core.backup.archive import backup_write
from core.backup.errors import BackupError


class Command(BaseCommand):
    help = "Back up the database (pg_dump, or SQLite's backup API) and the uploaded files."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "path", help="a new archive file, or a folder for one (made when it ends in /)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = backup_write(path=options["path"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up the {summary.engine} database ({summary.tables} tables) and "
                f"{summary.media_files} uploaded files (from {summary.media_where}) to "
                f"{summary.path}"
            )
        )
