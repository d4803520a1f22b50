"""DingTalk (钉钉) custom robot: POST {"msgtype": "markdown", "markdown": {"title", "text"},
"at": {"atUserIds": […]}} to the robot's URL, signed ("加签"): the string
f"{timestamp_ms}\\n{secret}" HMAC-SHA256'd with the secret, base64, URL-encoded, added as
&timestamp=…&sign=… (open.dingtalk.com/document/robots/customize-robot-security-settings).
The timestamp must be within an hour of DingTalk's clock. 20 messages a minute per robot,
then throttled for 10 minutes. @-mention: the userId in atUserIds and "@userId" in the text.
Answers: errcode 0 ok; 130101 "send too fast"; 310000 for the security settings ("sign not
match", "keywords not in content", "ip not in whitelist"); 300001 "token is not exist"."""

import base64
import hashlib
import hmac
from datetime import datetime
from urllib.parse import quote_plus

from chat.platforms import Outgoing, Platform, Request, errcode_verdict, utf8_bytes

HOSTS = ("oapi.dingtalk.com",)
RATE_LIMITED = {130101}
REFUSED = {310000, 300001, 300005}


def signature(timestamp_ms: int, secret: str) -> str:
    digest = hmac.new(
        secret.encode(), f"{timestamp_ms}\n{secret}".encode(), hashlib.sha256
    ).digest()
    return base64.b64encode(digest).decode()


def request(url: str, secret: str, message: Outgoing, now: datetime) -> Request:
    if secret:
        timestamp = int(now.timestamp() * 1000)
        joiner = "&" if "?" in url else "?"
        url = f"{url}{joiner}timestamp={timestamp}&sign={quote_plus(signature(timestamp, secret))}"
    mentions = " ".join(f"@{handle}" for handle in message.mentions)
    text = f"#### {message.title}\n{message.text}" + (f"\n\n{mentions}" if mentions else "")
    return Request(
        url,
        {
            "msgtype": "markdown",
            "markdown": {"title": message.title, "text": text},
            "at": {"atUserIds": list(message.mentions), "isAtAll": False},
        },
    )


verdict = errcode_verdict("DingTalk", RATE_LIMITED, REFUSED)


def measure(request: Request) -> int:
    return utf8_bytes(request.body["markdown"]["text"])


# DingTalk's markdown text is limited to 20,000 bytes.
PLATFORM = Platform(
    hosts=HOSTS,
    limits=((60, 20),),
    max_bytes=20000,
    request=request,
    verdict=verdict,
    measure=measure,
    mention_bytes=lambda handle: utf8_bytes(f"@{handle} "),
)
