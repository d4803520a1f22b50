"""Showing the pages in a chosen language in a browser test."""

from typing import Any

from django.conf import settings


def use_language(page: Any, site: str, language: str) -> None:
    """Every page from now on in `language` ("en" or "zh-hans"), as the language switch would
    leave it (the cookie), without changing the person's stored preference."""
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": site}]
    )
