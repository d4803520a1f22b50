"""Pick the text of the active language from a pair of stored translations."""

from django.utils.translation import get_language


def localized(en: str, zh_hans: str) -> str:
    """Return the Simplified Chinese text when that is the active language and it is not empty."""
    language = get_language() or "en"
    if language.lower().startswith("zh") and zh_hans:
        return zh_hans
    return en
