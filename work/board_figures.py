"""The department board's figures as one value, kept in the page cache
(rollout/page_cache.py): its counts (tasks, claims waiting) and the tasks of the page shown
(a table page, or the Kanban's tasks). Keyed by the rollout's data version, so the next
request after any write reads them afresh.

The reader's key is what the figures depend on: the departments the board shows (the
view decides them from the reader's roles before), the normalised filters, the view and
the page asked for. Two readers who see the same departments with the same filters share
an entry; nothing else about the reader is in the figures. The forms are not cached."""

from dataclasses import dataclass

from django.core.paginator import Page

from core.pagination import CountedPaginator, cached_page, page_asked
from rollout import page_cache
from rollout.models import Rollout
from work import selectors
from work.models import Task
from work.task_filters import TaskFilter


@dataclass
class BoardFigures:
    total: int
    claims: int
    tasks: list[Task]
    # The page's number as the paginator understood what was asked (None: the Kanban).
    number: int | None


def reader_key(
    *, department_ids: set[int], filters: TaskFilter, kanban: bool, page: str | None
) -> str:
    shown = ",".join(str(pk) for pk in sorted(department_ids))
    asked = "kanban" if kanban else f"page={page_asked(page)}"
    return page_cache.digest(shown, filters.key(), asked)


def board_figures(
    *,
    rollout: Rollout,
    department_ids: set[int],
    filters: TaskFilter,
    kanban: bool,
    page: str | None,
    per_page: int,
    kanban_most: int,
) -> BoardFigures:
    def compute() -> BoardFigures:
        board_tasks = selectors.department_board(
            rollout=rollout, department_ids=department_ids, filters=filters
        )
        total, claims = selectors.board_counts(
            rollout=rollout, department_ids=department_ids, filters=filters
        )
        if kanban:
            # Every task the filters match, not a page: a column cut at a page's end would
            # miscount its status. Capped, and the page says so when the cap cuts.
            return BoardFigures(total, claims, list(board_tasks[:kanban_most]), None)
        shown = CountedPaginator(board_tasks, per_page, count=total).get_page(page)
        return BoardFigures(total, claims, list(shown.object_list), shown.number)

    key = reader_key(department_ids=department_ids, filters=filters, kanban=kanban, page=page)
    return page_cache.cached(
        rollout, f"board-{per_page}-{kanban_most}", reader_key=key, compute=compute
    )


def board_page(figures: BoardFigures, per_page: int) -> Page[Task] | None:
    """The table's page for the pagination links, from the cached figures (no query)."""
    if figures.number is None:
        return None
    return cached_page(figures.tasks, figures.number, per_page, count=figures.total)
