"""Expired sessions deleted: Django keeps a row per session in the database and never deletes
the expired ones by itself (docs/scale-out.md: they would grow by gigabytes a year in a
large company). Beat runs this daily."""

from importlib import import_module

from django.conf import settings


def sessions_clear_expired() -> None:
    """What `manage.py clearsessions` does, for the session engine in use."""
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
