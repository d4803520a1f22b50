"""The URLs: every page of a rollout sits under the one rollout prefix (core/urls.py), and
the downloads keep the addresses people saved."""

from django.urls import URLPattern, URLResolver, get_resolver, reverse

from core.urls import ROLLOUT_PREFIX


def patterns(resolver: URLResolver, prefix: str = "") -> list[tuple[str, str]]:
    found = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            found += patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and entry.name:
            found.append((entry.name, prefix + str(entry.pattern)))
    return found


def test_every_page_of_a_rollout_is_under_the_one_prefix():
    scoped = [(name, route) for name, route in patterns(get_resolver()) if "rollout_pk" in route]
    assert len(scoped) > 60
    assert all(route.startswith(ROLLOUT_PREFIX) for _name, route in scoped)


def test_the_exports_keep_their_addresses():
    assert reverse("staffing_export", args=[7, "csv"]) == "/rollouts/7/export/staffing.csv"
    assert reverse("tasks_export", args=[7, "xlsx"]) == "/rollouts/7/export/tasks.xlsx"
    assert reverse("selection_export", args=[7, "csv"]) == "/rollouts/7/selection/export.csv"
