"""The roles app's tables: people, role assignments, the catalogue, reviews, staffing."""

from roles.models.assignments import Role, RoleAssignment, RoleAssignmentQuerySet, Seat
from roles.models.catalogue_entry import CatalogueEntry
from roles.models.people import Department, User
from roles.models.reviews import QualityReview

__all__ = [
    "CatalogueEntry",
    "Department",
    "QualityReview",
    "Role",
    "RoleAssignment",
    "RoleAssignmentQuerySet",
    "Seat",
    "User",
]
