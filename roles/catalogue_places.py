"""Where each duty and taboo of the catalogue is done or watched in the app: the pages of a
rollout (URL names taking the rollout's id) a person holding the role goes to for it. The
role's page links each entry to them, for each rollout where the person holds the role; a
test fails if an entry of roles.catalogue_data links nowhere, or to a page the role cannot
open.

Only names here: roles sits below the apps that own the pages (import-linter's layers), so
it names them without importing them."""

from typing import Final

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# What each page is called in the links (the pages' own titles).
PAGE_NAMES: Final[dict[str, Promise]] = {
    "gates:gates": _("Gates"),
    "gates:rollout_detail": _("Overview"),
    "gates:timeline": _("Timeline"),
    "work:plan": _("Plan"),
    "work:board": _("Department board"),
    "work:my_tasks": _("My tasks"),
    "work:progress": _("Progress"),
    "work:quality_reviews": _("Four qualities"),
    "staffing:staffing": _("Staffing"),
    "staffing:capacity": _("Capacity"),
    "staffing:stance": _("Managers' stance"),
    "selection:selection": _("Selection"),
    "selection:scorecard": _("Scorecard"),
    "selection:selection_results": _("Selection results"),
    "selection:cost_benefit": _("Cost and benefit"),
    "selection:department_rates": _("Department hourly rates"),
    "selection:criteria": _("Selection criteria"),
    "goals:goal": _("Goal"),
    "risks:risks": _("Risks"),
    "work:walls": _("Walls"),
    "work:backlog": _("Backlog"),
    "staffing:stance_mine": _("Your stance"),
}

PLACES: Final[dict[str, tuple[str, ...]]] = {
    # The executive: the five decisions are taken at the gates.
    "executive.duty.decide": ("goals:goal", "gates:gates"),
    "executive.duty.choose": ("gates:gates", "selection:selection_results", "risks:risks"),
    "executive.duty.take_part": ("gates:gates", "gates:timeline"),
    "executive.duty.balance": ("staffing:capacity", "staffing:staffing"),
    "executive.duty.core_first": ("work:plan", "gates:rollout_detail"),
    "executive.taboo.figurehead": ("gates:timeline", "gates:gates"),
    "executive.taboo.showy": ("work:plan", "selection:selection_results"),
    "executive.taboo.it_only": ("staffing:stance", "work:walls"),
    # Middle managers: people, tasks, quality after go-live, the walls; their stance.
    "manager.duty.commit_people": ("staffing:staffing",),
    "manager.duty.get_done": ("work:board",),
    "manager.duty.raise_quality": ("work:backlog", "goals:goal", "work:board"),
    "manager.duty.take_down_walls": ("work:walls",),
    "manager.taboo.misread_power": ("staffing:stance_mine", "work:walls"),
    "manager.taboo.seat": ("staffing:stance_mine",),
    "manager.taboo.resistance": ("staffing:stance_mine", "staffing:staffing"),
    # The selection team: each seat's question and the comparisons are scored.
    "selector.question.end_users": ("selection:scorecard",),
    "selector.question.it": ("selection:scorecard",),
    "selector.question.finance": ("selection:department_rates", "selection:cost_benefit"),
    "selector.question.negotiator": ("selection:scorecard",),
    "selector.question.senior": ("selection:scorecard", "selection:criteria"),
    "selector.duty.company": ("selection:scorecard",),
    "selector.duty.product": ("selection:scorecard",),
    "selector.duty.implementation": ("selection:scorecard",),
    "selector.duty.service": ("selection:scorecard",),
    "selector.duty.best_fit": ("selection:selection_results",),
    "selector.taboo.price_only": ("selection:selection_results", "selection:cost_benefit"),
    # Implementation members: their tasks, and the four qualities they are reviewed on.
    "member.quality.enterprising": ("work:quality_reviews",),
    "member.quality.confidence": ("work:quality_reviews",),
    "member.quality.responsibility": ("work:quality_reviews",),
    "member.quality.meticulousness": ("work:quality_reviews",),
    "member.duty.step_in": ("work:my_tasks",),
    "member.taboo.delay": ("work:my_tasks",),
}
