from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from rollout.data_version import Owned


class RolesConfig(AppConfig):
    name = "roles"
    verbose_name = _("People and roles")
    # Rows that belong to a rollout, with the way to it (rollout.data_version).
    data_version_owned = (Owned("roles_roleassignment"),)
