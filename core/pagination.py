"""A Paginator told its count up front, for a list whose count comes from a query that
counts more than one thing at once (the board counts its tasks and its claims together)."""

from functools import cached_property
from typing import Any

from django.core.paginator import Paginator


class CountedPaginator(Paginator[Any]):
    def __init__(self, object_list: Any, per_page: int, *, count: int) -> None:
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count
