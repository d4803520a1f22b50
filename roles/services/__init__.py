"""Every write of the roles app, one module per subject. The names most callers use are
re-exported here."""

from roles.services.assignments import (
    RoleError,
    role_assign,
    role_end,
    user_set_language,
)

__all__ = [
    "RoleError",
    "role_assign",
    "role_end",
    "user_set_language",
]
