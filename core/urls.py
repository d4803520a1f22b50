"""The one place the rollout prefix of the URLs is written: every page of a rollout lives
under /rollouts/<id>/, and each app lists its pages relative to it."""

from django.urls import URLPattern, URLResolver, include, path

ROLLOUT_PREFIX = "rollouts/<int:rollout_pk>/"


def for_rollout(patterns: list[URLPattern | URLResolver]) -> list[URLResolver]:
    """The app's pages of one rollout, under the rollout prefix; their names stay as given."""
    return [path(ROLLOUT_PREFIX, include(patterns))]
