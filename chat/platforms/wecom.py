"""WeCom (企业微信) group robot: POST {"msgtype": "markdown", "markdown": {"content": …}} to
the robot's URL (its key is in the URL; no signature). Markdown content up to 4,096 bytes;
a robot takes 20 messages a minute. @-mention: `<@userid>` in markdown.
Answers (developer.work.weixin.qq.com/document/path/91770, and the error-code list):
errcode 0 ok; 45009 "api freq out of limit"; 93000 "invalid webhook url"; 40058 a field
out of range (content too long)."""

from datetime import datetime

from chat.platforms import Outgoing, Platform, Request, errcode_verdict, utf8_bytes

HOSTS = ("qyapi.weixin.qq.com",)
RATE_LIMITED = {45009}
REFUSED = {93000, 40058, 40008}


def request(url: str, secret: str, message: Outgoing, now: datetime) -> Request:
    mentions = "".join(f"<@{handle}>" for handle in message.mentions)
    content = f"**{message.title}**\n{message.text}" + (f"\n{mentions}" if mentions else "")
    return Request(url, {"msgtype": "markdown", "markdown": {"content": content}})


verdict = errcode_verdict("WeCom", RATE_LIMITED, REFUSED)


def measure(request: Request) -> int:
    return utf8_bytes(request.body["markdown"]["content"])


PLATFORM = Platform(
    hosts=HOSTS,
    limits=((60, 20),),
    max_bytes=4096,
    request=request,
    verdict=verdict,
    measure=measure,
    mention_bytes=lambda handle: utf8_bytes(f"<@{handle}>"),
)
