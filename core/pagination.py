"""A Paginator told its count up front, for a list whose count comes from a query that
counts more than one thing at once (the board counts its tasks and its claims together)."""

from functools import cached_property
from typing import Any, TypeVar

from django.core.paginator import Page, Paginator


class CountedPaginator(Paginator[Any]):
    def __init__(self, object_list: Any, per_page: int, *, count: int) -> None:
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count


def page_asked(page: str | None) -> str:
    """`page` as Paginator.get_page reads it, for a cache key: what is not a whole number is
    page 1, a number below 1 the last page ("", "abc" and "1" are one entry, not three)."""
    try:
        number = int(page or "")
    except ValueError:
        return "1"
    return str(number) if number >= 1 else "last"


Row = TypeVar("Row")


def cached_page(rows: list[Row], number: int, per_page: int, *, count: int) -> Page[Row]:
    """The page `number` of a list whose rows and count were kept in the page cache: for
    the pagination links, with no query."""
    return Page(rows, number, CountedPaginator(rows, per_page, count=count))
