"""Searching one rollout: its tasks, its people and (for those who may see the selection) its
vendors. On PostgreSQL, full-text search (the `simple` configuration: no language's
stemming, so Chinese and English alike) finds the words in any order; Chinese is written
without spaces, so a word inside a longer run of characters (客户 in 客户字段) is no token
of its own, and a substring match (`icontains`, ILIKE) finds it. SQLite has the substring
match only. A few queries, however many rows: each kind is one query, cut to LIMIT."""

from dataclasses import dataclass, field
from typing import TypeVar

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Case, IntegerField, Model, Q, QuerySet, Value, When

from roles import selectors as role_selectors
from roles.models import User
from rollout.models import Rollout
from selection.models import Vendor
from work.models import Task

LIMIT = 20
Row = TypeVar("Row", bound=Model)
LONGEST_QUERY = 100


@dataclass
class SearchResults:
    query: str
    tasks: list[Task] = field(default_factory=list)
    people: list[User] = field(default_factory=list)
    vendors: list[Vendor] = field(default_factory=list)
    # True where there were more than LIMIT: the page asks for a narrower query.
    more: dict[str, bool] = field(default_factory=dict)

    @property
    def found(self) -> int:
        return len(self.tasks) + len(self.people) + len(self.vendors)


def search_text(raw: str) -> str:
    """The query as searched: without NUL (PostgreSQL refuses it in text), spaces folded,
    cut to LONGEST_QUERY characters."""
    return " ".join(raw.replace("\x00", "").split())[:LONGEST_QUERY]


def _matching(rows: QuerySet[Row], query: str, *fields: str) -> QuerySet[Row]:
    """Rows whose fields hold the query: the words anywhere (PostgreSQL's full text) or the
    text itself as a substring; those whose first field holds it come first."""
    substring = Q()
    for name in fields:
        substring |= Q(**{f"{name}__icontains": query})
    if connection.vendor == "postgresql":
        rows = rows.alias(search_vector=SearchVector(*fields, config="simple"))
        words = SearchQuery(query, config="simple", search_type="websearch")
        substring |= Q(search_vector=words)
    first = Case(
        When(**{f"{fields[0]}__icontains": query}, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    matching: QuerySet[Row] = rows.filter(substring).annotate(first_field_match=first)
    return matching


def _cut(rows: list[Row], kind: str, more: dict[str, bool]) -> list[Row]:
    more[kind] = len(rows) > LIMIT
    return rows[:LIMIT]


def search_rollout(*, rollout: Rollout, query: str, with_vendors: bool) -> SearchResults:
    """Up to LIMIT tasks, people and vendors of the rollout matching `query` (already
    cleaned by search_text); vendors only `with_vendors`. Everyone in a rollout reads its
    tasks and its team, so those need no further rule."""
    results = SearchResults(query=query)
    if not query:
        return results
    tasks = _matching(
        Task.objects.filter(rollout=rollout).select_related("department", "workstream"),
        query,
        "title",
        "description",
    ).order_by("first_field_match", "-workstream__is_core", "due_date", "pk")
    results.tasks = _cut(list(tasks[: LIMIT + 1]), "tasks", results.more)
    people = (
        role_selectors.people_of_rollout(rollout=rollout)
        .filter(
            Q(display_name__icontains=query)
            | Q(username__icontains=query)
            | Q(department__name_en__icontains=query)
            | Q(department__name_zh_hans__icontains=query)
        )
        .select_related("department")
        .order_by("display_name", "username")
    )
    results.people = _cut(list(people[: LIMIT + 1]), "people", results.more)
    if with_vendors:
        vendors = _matching(
            Vendor.objects.filter(rollout=rollout),
            query,
            "name",
            "modules",
            "comparable_customers",
            "reputation",
        ).order_by("first_field_match", "name", "pk")
        results.vendors = _cut(list(vendors[: LIMIT + 1]), "vendors", results.more)
    return results
