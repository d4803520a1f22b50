"""Feishu (飞书) custom bot: POST {"timestamp", "sign", "msg_type": "interactive", "card":
{"elements": [{"tag": "markdown", "content": …}]}} to the bot's URL. The signature is
unlike DingTalk's: f"{timestamp_s}\\n{secret}" is the HMAC-SHA256 KEY, over an empty
message, base64 (open.feishu.cn/document/client-docs/bot-v3/add-custom-bot); the timestamp
within an hour. Body at most 20 KB; 100 requests a minute and 5 a second per bot.
@-mention in card markdown: <at id=ou_…></at>.
Answers: code 0 ok; 19021 "sign match fail or timestamp is not within one hour"; 19022
"Ip Not Allowed"; 19024 "Key Words Not Found"; 11232 "frequency limited" (and 9499 "too
many request")."""

import base64
import hashlib
import hmac
import json
from datetime import datetime
from typing import Any

from chat.platforms import (
    ChatFailed,
    ChatRateLimited,
    ChatRefused,
    Outgoing,
    Platform,
    Request,
    utf8_bytes,
)

# Feishu's, and Lark's (its international edition).
HOSTS = ("open.feishu.cn", "open.larksuite.com")
REFUSED = {19021, 19022, 19024}


def signature(timestamp_s: int, secret: str) -> str:
    key = f"{timestamp_s}\n{secret}".encode()
    return base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode()


def request(url: str, secret: str, message: Outgoing, now: datetime) -> Request:
    mentions = "".join(f"<at id={handle}></at>" for handle in message.mentions)
    content = message.text + (f"\n{mentions}" if mentions else "")
    body: dict[str, Any] = {
        "msg_type": "interactive",
        "card": {
            "header": {"title": {"tag": "plain_text", "content": message.title}},
            "elements": [{"tag": "markdown", "content": content}],
        },
    }
    if secret:
        timestamp = int(now.timestamp())
        body |= {"timestamp": str(timestamp), "sign": signature(timestamp, secret)}
    return Request(url, body)


def verdict(status: int, answer: dict[str, Any]) -> None:
    code = answer.get("code", answer.get("StatusCode"))
    reason = f"Feishu {code}: {answer.get('msg', '')}"
    if status == 200 and code == 0:
        return
    if code == 11232 or (code == 9499 and "many" in str(answer.get("msg", "")).lower()):
        raise ChatRateLimited(reason)
    if code in REFUSED:
        raise ChatRefused(reason)
    raise ChatFailed(reason if code is not None else f"Feishu HTTP {status}")


def json_bytes(text: str) -> int:
    """What `text` takes in the JSON body (newlines and quotes escaped), without its quotes."""
    return utf8_bytes(json.dumps(text, ensure_ascii=False)) - 2


def measure(request: Request) -> int:
    """The body as the dispatcher sends it (chat.services.outbox: json.dumps, UTF-8)."""
    return utf8_bytes(json.dumps(request.body, ensure_ascii=False))


# The body is limited to 20 KB (20,000 bytes counted, to be safe).
PLATFORM = Platform(
    hosts=HOSTS,
    limits=((60, 100), (1, 5)),
    max_bytes=20000,
    request=request,
    verdict=verdict,
    measure=measure,
    mention_bytes=lambda handle: json_bytes(f"<at id={handle}></at>"),
    text_bytes=json_bytes,
)
