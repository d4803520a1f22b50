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


def test_every_app_page_is_named_within_its_app():
    """Names are "app:page", so two apps can each have a "history" without one hiding the other."""
    top = [entry for entry in get_resolver().url_patterns if isinstance(entry, URLResolver)]
    apps = {entry.namespace for entry in top if entry.app_name != "admin"}
    assert apps == {
        "roles", "notifications", "discussion", "staffing", "work", "rollout", "selection",
        "goals", "gates", "risks", "feeds", "sso", "webhooks", "chat", "api",
    }  # fmt: skip
    assert reverse("work:board", args=[7]) == "/rollouts/7/board/"


def test_the_exports_keep_their_addresses():
    assert reverse("staffing:staffing_export", args=[7, "csv"]) == "/rollouts/7/export/staffing.csv"
    assert reverse("work:tasks_export", args=[7, "xlsx"]) == "/rollouts/7/export/tasks.xlsx"
    assert (
        reverse("selection:selection_export", args=[7, "csv"]) == "/rollouts/7/selection/export.csv"
    )
