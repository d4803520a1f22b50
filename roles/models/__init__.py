"""The roles app's tables: people, role assignments, the catalogue."""

from roles.models.assignments import Role, RoleAssignment, RoleAssignmentQuerySet, Seat
from roles.models.catalogue_entry import CatalogueEntry
from roles.models.passwords import PasswordChangeFailures
from roles.models.people import Department, EmailDigest, User
from roles.models.reminders import Notification, Reminder

__all__ = [
    "CatalogueEntry",
    "Department",
    "EmailDigest",
    "Notification",
    "PasswordChangeFailures",
    "Reminder",
    "Role",
    "RoleAssignment",
    "RoleAssignmentQuerySet",
    "Seat",
    "User",
]
