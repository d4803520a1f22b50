from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from rollout.data_version import Owned


class SsoConfig(AppConfig):
    name = "sso"
    verbose_name = _("Single sign-on")
    # Rows that belong to a rollout, with the way to it (rollout.data_version).
    data_version_owned = (Owned("sso_directorygroup"),)
