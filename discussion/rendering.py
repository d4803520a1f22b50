"""A comment's plain text as safe HTML: everything escaped, line breaks kept, http(s) links
made clickable (never another scheme: no javascript:, data:...) with rel="noopener nofollow
ugc", and mentions marked."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from discussion.mentions import MENTION

# A link runs to the next space, quote or angle bracket; closing punctuation at its end
# (English or Chinese) belongs to the sentence.
LINK = re.compile(r"(?<![A-Za-z])https?://[^\s<>\"'`]+", re.IGNORECASE)
TRAILING = ".,;:!?)]}'\"。，；：！？）」』】、"
_url = URLValidator(schemes=["http", "https"])


def _link(url: str) -> str:
    trimmed = url.rstrip(TRAILING)
    tail = url[len(trimmed) :]
    try:
        _url(trimmed)
    except ValidationError:
        return escape(url)
    anchor = format_html(
        '<a href="{}" rel="noopener nofollow ugc" target="_blank">{}</a>', trimmed, trimmed
    )
    return anchor + escape(tail)


def _mentions(text: str) -> str:
    """Escaped text with its mentions marked (the text holds no link)."""
    out, last = [], 0
    for match in MENTION.finditer(text):
        out.append(escape(text[last : match.start()]))
        out.append(format_html('<strong class="mention">{}</strong>', match.group(0)))
        last = match.end()
    out.append(escape(text[last:]))
    return "".join(out)


def comment_html(body: str) -> SafeString:
    out, last = [], 0
    for match in LINK.finditer(body):
        out.append(_mentions(body[last : match.start()]))
        out.append(_link(match.group(0)))
        last = match.end()
    out.append(_mentions(body[last:]))
    html = "".join(out).replace("\r\n", "\n").replace("\n", "<br>")
    # Every piece above was escaped or built by format_html.
    return mark_safe(html)  # noqa: S308
