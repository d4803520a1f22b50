"""The roles app's tables: people, role assignments, the catalogue."""

from roles.models.assignments import Role, RoleAssignment, RoleAssignmentQuerySet, Seat
from roles.models.catalogue_entry import CatalogueEntry
from roles.models.passwords import PasswordChangeFailures
from roles.models.people import Department, EmailDigest, User

__all__ = [
    "CatalogueEntry",
    "Department",
    "EmailDigest",
    "PasswordChangeFailures",
    "Role",
    "RoleAssignment",
    "RoleAssignmentQuerySet",
    "Seat",
    "User",
]
