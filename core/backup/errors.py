"""The refusal of backup and restore: its message says what to do, and the commands show
it as it is."""

from core.errors import AppError


class BackupError(AppError):
    pass
