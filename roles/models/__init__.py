"""The roles app's tables: people, role assignments, the catalogue, reviews, staffing."""

from roles.models.assignments import Role, RoleAssignment, RoleAssignmentQuerySet, Seat
from roles.models.catalogue_entry import CatalogueEntry
from roles.models.passwords import PasswordChangeFailures
from roles.models.people import Department, User
from roles.models.reminders import Notification, Reminder
from roles.models.reviews import QualityReview
from staffing.models import (
    Commitment,
    CommitmentEvent,
    Purpose,
    StaffingAnswer,
    StaffingRequest,
    StanceAssessment,
)

__all__ = [
    "CatalogueEntry",
    "Commitment",
    "CommitmentEvent",
    "Department",
    "Notification",
    "PasswordChangeFailures",
    "Purpose",
    "QualityReview",
    "Reminder",
    "Role",
    "RoleAssignment",
    "RoleAssignmentQuerySet",
    "Seat",
    "StaffingAnswer",
    "StaffingRequest",
    "StanceAssessment",
    "User",
]
