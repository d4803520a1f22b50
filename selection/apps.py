from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from rollout.data_version import Owned, via

VENDOR = ("vendor_id", "selection_vendor")


class SelectionConfig(AppConfig):
    name = "selection"
    verbose_name = _("System selection")
    # Rows that belong to a rollout, with the way to it (rollout.data_version).
    data_version_owned = (
        Owned("selection_vendor"),
        Owned("selection_criterion"),
        Owned("selection_weighting"),
        Owned("selection_submission"),
        Owned("selection_departmentrate"),
        Owned("selection_recommendation"),
        Owned("selection_departmentratechange"),
        Owned("selection_criterionchange"),
        via("selection_score", VENDOR),
        via("selection_scorechange", VENDOR),
        via("selection_costbenefit", VENDOR),
        via("selection_negotiationentry", VENDOR),
    )

    def ready(self) -> None:
        # My work (core.waiting) lists a seat's scorecard to fill without importing selection.
        from selection.waiting import waiting_register

        waiting_register()
