"""manage.py restore ARCHIVE [--replace]: puts back what `manage.py backup` saved, into an
empty database and media folder; --replace deletes what they hold first (after asking,
unless --noinput). Stop web, worker and beat while it runs."""

from pathlib import Path
from typing import Any

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections

from core.backup.archive import backup_restore
from core.backup.errors import BackupError
from core.backup.media import media_where


class Command(BaseCommand):
    help = "Restore a backup made by `manage.py backup` (database and uploaded files)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="the archive made by manage.py backup")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="delete everything in the database and the media folder first",
        )
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="do not ask before --replace deletes",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["replace"] and options["interactive"] and not self._confirmed():
            raise CommandError("Nothing restored.")
        try:
            summary = backup_restore(path=options["path"], replace=options["replace"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored the {summary.engine} database ({summary.tables} tables) and "
                f"{summary.media_files} uploaded files (into {summary.media_where}) from "
                f"{summary.path}. If this release is "
                "newer than the backup, run `manage.py migrate` before starting the app."
            )
        )

    def _confirmed(self) -> bool:
        name = connections[DEFAULT_DB_ALIAS].settings_dict["NAME"]
        question = (
            f"This deletes every table of the database {name} and every file in "
            f"{media_where(default_storage)}, then restores the backup. Type 'yes' to go on: "
        )
        try:
            return input(question) == "yes"
        except EOFError:  # no terminal to answer from: --noinput says yes in advance
            return False
