"""The robots' webhook URLs: on their platform's own hosts (unless the setting
ROLLOUT_CHAT_ALLOW_ANY_HOST lets another through: the tests' loopback server, a relay in a
closed network), and never shown in what is kept of a failure (the URL carries the robot's
key or access token; a request may carry a signature)."""

import re
from urllib.parse import parse_qs, quote, quote_plus, urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

from chat.models import ChatPlatform
from chat.platforms import Platform, dingtalk, feishu, wecom

PLATFORMS: dict[str, Platform] = {
    ChatPlatform.WECOM: wecom.PLATFORM,
    ChatPlatform.DINGTALK: dingtalk.PLATFORM,
    ChatPlatform.FEISHU: feishu.PLATFORM,
}

HIDDEN = "[redacted]"
# The query parameters and the path part that carry a robot's credentials or a signature.
_SECRET_PARAMETERS = {"key", "access_token", "sign", "token", "secret"}
_PATTERNS = [
    (re.compile(r"(?i)\b(key|access_token|sign|token|secret)=[^&\s'\"<>\]\)]+"), rf"\1={HIDDEN}"),
    (re.compile(r"(?i)(\"(?:sign|secret)\"\s*:\s*\")[^\"]*"), rf"\1{HIDDEN}"),
    (re.compile(r"(?i)(/hook/)[^/?#\s'\"<>\]\)]+"), rf"\1{HIDDEN}"),
]
# Shorter values are not looked for as such (they would hide ordinary words); the patterns
# above still hide them where they stand in a URL.
_SHORTEST_HIDDEN = 4


def robot_url_problem(platform: str, url: str) -> str | None:
    """Why `url` cannot be the webhook URL of a `platform` robot (in the active language),
    or None when it can."""
    parts = urlsplit(url.strip())
    try:
        port = parts.port
    except ValueError:
        return _("The webhook URL's port is not a number.")
    if settings.ROLLOUT_CHAT_ALLOW_ANY_HOST:
        if parts.scheme in ("http", "https") and parts.hostname:
            return None
        return _("The webhook URL must be an http:// or https:// address.")
    hosts = PLATFORMS[platform].hosts
    if (
        parts.scheme == "https"
        and (parts.hostname or "").lower() in hosts
        and port in (None, 443)
        and not parts.username
        and not parts.password
    ):
        return None
    return _(
        "The webhook URL of a %(platform)s is an https:// address on %(hosts)s, as the "
        "platform shows it when the robot is added."
    ) % {"platform": ChatPlatform(platform).label, "hosts": " / ".join(hosts)}


def redacted(text: str, *, url: str, secret: str) -> str:
    """`text` (an error's message, a robot's answer) without the robot's key or token, its
    secret, or any signature, in whichever form they appear (as given, URL-encoded)."""
    parts = urlsplit(url)
    hidden = {url, secret}
    for name, values in parse_qs(parts.query).items():
        if name.lower() in _SECRET_PARAMETERS:
            hidden.update(values)
    if "/hook/" in parts.path:
        hidden.add(parts.path.rstrip("/").rsplit("/", 1)[-1])
    for value in sorted(hidden, key=len, reverse=True):
        if len(value) < _SHORTEST_HIDDEN:
            continue
        for form in (value, quote(value, safe=""), quote_plus(value)):
            text = text.replace(form, HIDDEN)
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text
