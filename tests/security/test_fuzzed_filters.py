"""Hypothesis-generated query strings on the filtered lists and the search: every filter
value, valid or hostile, is answered 200 (the valid ones applied, the others ignored and
named), never a server error."""

from typing import Any

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.security.test_fuzzed_forms import TEXT
from work.task_filters import FILTER_PARAMS

pytestmark = pytest.mark.django_db

PAGES = [
    ("work:board", "sales.manager", [*FILTER_PARAMS, "page", "view"]),
    ("work:board", "ceo", [*FILTER_PARAMS, "page", "view"]),
    ("work:plan", "ceo", [*FILTER_PARAMS, "page"]),
    ("work:my_tasks", "member1", list(FILTER_PARAMS)),
    ("gates:search", "member1", ["q"]),
]
# Values that are valid somewhere: statuses, sorts, the demo's small ids, "on".
NEAR = st.sampled_from(["open", "claimed", "verified", "title", "-due", "status", "yes", "no",
                        "on", "kanban", "1", "2", "3", "客户", "9" * 20])  # fmt: skip


@pytest.mark.fuzz
@pytest.mark.parametrize(("page", "who", "params"), PAGES)
def test_every_filter_value_is_answered_without_error(client, demo, crm, page, who, params):
    url = reverse(page, args=[crm.pk])
    values = st.fixed_dictionaries({}, optional={p: st.one_of(NEAR, TEXT) for p in params})

    @settings(max_examples=30)
    @given(query=values)
    def get(query: dict[str, Any]) -> None:
        client.force_login(demo[who])
        assert client.get(url, query).status_code == 200

    get()
