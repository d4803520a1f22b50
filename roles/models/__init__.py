"""The roles app's tables: people, role assignments, the catalogue, reviews."""

from roles.models.assignments import Role, RoleAssignment, RoleAssignmentQuerySet, Seat
from roles.models.catalogue_entry import CatalogueEntry
from roles.models.passwords import PasswordChangeFailures
from roles.models.people import Department, EmailDigest, User
from roles.models.reviews import QualityReview

__all__ = [
    "CatalogueEntry",
    "Department",
    "EmailDigest",
    "PasswordChangeFailures",
    "QualityReview",
    "Role",
    "RoleAssignment",
    "RoleAssignmentQuerySet",
    "Seat",
    "User",
]
