from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from rollout.data_version import Owned, via


class GoalsConfig(AppConfig):
    name = "goals"
    verbose_name = _("Goal and targets")
    default_auto_field = "django.db.models.BigAutoField"
    # Rows that belong to a rollout, with the way to it (rollout.data_version).
    data_version_owned = (
        Owned("goals_goaltarget"),
        via("goals_targetactual", ("target_id", "goals_goaltarget")),
        Owned("goals_adoptionmeasure"),
        via("goals_adoptionvalue", ("measure_id", "goals_adoptionmeasure")),
        Owned("goals_realisedbenefit"),
    )
