from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from rollout.data_version import Owned, via

GATE = ("gate_id", "rollout_gate")
DECISION = ("decision_id", "rollout_decision")


class GatesConfig(AppConfig):
    name = "gates"
    verbose_name = _("Gates and decisions")
    default_auto_field = "django.db.models.BigAutoField"
    # Rows that belong to a rollout, with the way to it (rollout.data_version).
    data_version_owned = (
        Owned("rollout_gate"),
        via("rollout_gatecriterion", GATE),
        via("rollout_recommendation", GATE),
        via("rollout_decision", GATE),
        via("gates_decision_recycle_tasks", DECISION, GATE),
        via("rollout_decisioncondition", DECISION, GATE),
        via("rollout_conditionmet", ("condition_id", "rollout_decisioncondition"), DECISION, GATE),
        via("rollout_decisionmailing", DECISION, GATE),
        via("rollout_decisionbrief", DECISION, GATE),
    )

    def ready(self) -> None:
        # notifications sweeps the gates' reminders and empties the decisions' outbox in
        # its dispatcher, rollout's calendar gaps flag a calendar that stops before a
        # condition's due date, and My work (core.waiting) lists the gates and conditions
        # waiting on a person, without importing gates: gates registers each part here.
        from gates.calendar_dates import calendar_dates_register
        from gates.decision_mail import decisions_outbox_send
        from gates.discussion import discussion_register
        from gates.reminder_rules import reminders_register
        from gates.waiting import waiting_register
        from notifications.outboxes import outbox_register

        calendar_dates_register()
        reminders_register()
        waiting_register()
        outbox_register("gates.decisions", decisions_outbox_send)
        # discussion reaches a gate's thread through gates' own access call.
        discussion_register()
