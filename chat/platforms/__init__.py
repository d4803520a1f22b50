"""The three robots' wire formats, one small module each (wecom, dingtalk, feishu): how a
message is signed and written, how long it may be, and what each answer means.

Each module gives `request(...) -> Request` and `verdict(answer)`, which returns when the
platform took the message and raises one of the errors below otherwise."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


class ChatFailed(Exception):
    """The platform did not take the message this time (a server error, an unknown code):
    tried again later, after a longer wait each time."""


class ChatRateLimited(ChatFailed):
    """The robot's limit was reached: the message waits for the next window; this is not a
    failure of the message and does not count as an attempt."""


class ChatInDoubt(ChatFailed):
    """The request was sent and no answer told what became of it (a timeout, a connection
    broken after sending): the robot may have posted it, so it is not sent again by itself."""


class ChatRefused(ChatFailed):
    """A refusal no retry mends (a bad signature, the keyword missing, a webhook that does
    not exist): reported to the administrators at once, not tried again by itself."""


@dataclass(frozen=True)
class Request:
    url: str
    body: dict[str, Any]


@dataclass(frozen=True)
class Outgoing:
    """What to say: markdown, the chat ids to @-mention, and the signing material."""

    title: str
    text: str
    mentions: list[str] = field(default_factory=list)


def utf8_bytes(text: str) -> int:
    return len(text.encode())


@dataclass(frozen=True)
class Platform:
    # The hosts its robots' webhook URLs are on (https).
    hosts: tuple[str, ...]
    # Requests a robot takes per window (seconds, count); the tightest window counts.
    limits: tuple[tuple[int, int], ...]
    # The platform's limit, in bytes, on the part of a request that `measure` measures
    # (WeCom: the markdown content; DingTalk: the markdown text; Feishu: the whole body).
    max_bytes: int
    request: Callable[[str, str, Outgoing, datetime], Request]
    verdict: Callable[[int, dict[str, Any]], None]
    measure: Callable[[Request], int]
    # What one @-mention of a chat id adds to the measured part.
    mention_bytes: Callable[[str], int]
    # What a message's markdown adds to the measured part (JSON escapes count in a body).
    text_bytes: Callable[[str], int] = utf8_bytes


def errcode_verdict(
    name: str, rate_limited: set[int], refused: set[int]
) -> Callable[[int, dict[str, Any]], None]:
    """WeCom's and DingTalk's answers alike: {"errcode": 0, "errmsg": "ok"} or a code."""

    def verdict(status: int, answer: dict[str, Any]) -> None:
        code = answer.get("errcode")
        reason = f"{name} {code}: {answer.get('errmsg', '')}"
        if status == 200 and code == 0:
            return
        if code in rate_limited:
            raise ChatRateLimited(reason)
        if code in refused:
            raise ChatRefused(reason)
        raise ChatFailed(reason if code is not None else f"{name} HTTP {status}")

    return verdict
