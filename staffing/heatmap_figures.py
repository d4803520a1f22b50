"""The capacity heatmap's figures as one value, kept in the page cache
(rollout/page_cache.py): the weeks, the page of people and their hours committed.

The hours are committed across every rollout, so a write in any rollout changes them: the
entry is keyed by the versions of every rollout (`page_cache.cached_across_rollouts`), not
by the rollout whose page shows it. A person's department, capacity and being active are
people's columns, which change every rollout's version too. The figures are the same for
whoever may see the department (the view checks that first): the reader's key is the
department, the weeks shown and the page asked for."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.paginator import Page, Paginator

from core.pagination import cached_page, page_asked
from roles.models import Department, User
from rollout import page_cache
from rollout.calendar import week_start
from staffing import selectors


@dataclass
class HeatmapFigures:
    weeks: list[date]
    rows: list[selectors.HeatRow]
    people: int  # in the department, on every page
    number: int


def _compute(
    department: Department, first: date, weeks: int, page: str | None, per_page: int
) -> HeatmapFigures:
    members = selectors.department_members(department=department)
    shown = Paginator(members, per_page).get_page(page)
    days, rows = selectors.capacity_heatmap(
        department=department,
        first=first,
        last=first + timedelta(weeks=weeks - 1),
        people=list(shown.object_list),
    )
    return HeatmapFigures(days, rows, shown.paginator.count, shown.number)


def heatmap_figures(
    *, department: Department, today: date, weeks: int, page: str | None, per_page: int
) -> HeatmapFigures:
    first = week_start(today)
    asked = page_cache.digest(department.pk, first.isoformat(), weeks, per_page, page_asked(page))
    return page_cache.cached_across_rollouts(
        "heatmap",
        reader_key=asked,
        compute=lambda: _compute(department, first, weeks, page, per_page),
    )


def heatmap_page(figures: HeatmapFigures, per_page: int) -> Page[User]:
    """The page of people for the pagination links, from the cached figures (no query)."""
    people = [row.person for row in figures.rows]
    return cached_page(people, figures.number, per_page, count=figures.people)
