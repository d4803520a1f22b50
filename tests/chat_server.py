"""A loopback HTTP server playing the three chat platforms' robots for the tests: it checks
DingTalk's and Feishu's signatures and their timestamps' freshness, the robots' keywords,
counts each robot's requests per minute (and Feishu's per second) and answers with each
platform's real codes when a rule is broken, and records the messages it took.

Its clock is the tests' (`server.now`, moved with the `now` they pass to the dispatcher),
so a run "a minute later" is a new window without waiting.

A forced answer may also be STALL (no answer until the server stops: the client's deadline
passes) or HANG_UP (the connection closed without an answer), both after the request was
read; a forced answer's "{url}" and "{sign}" are filled with the request's full URL and its
body's signature (a server error quoting the request)."""

import base64
import hashlib
import hmac
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from django.utils import timezone

LIMITS = {"wecom": ((60, 20),), "dingtalk": ((60, 20),), "feishu": ((60, 100), (1, 5))}
RATE_LIMITED = {
    "wecom": {"errcode": 45009, "errmsg": "api freq out of limit"},
    "dingtalk": {"errcode": 130101, "errmsg": "send too fast, exceed 20 times per minute"},
    "feishu": {"code": 11232, "msg": "frequency limited", "data": {}},
}
STALL = {"_stall": True}
HANG_UP = {"_hang_up": True}
# Waits are on conditions; the cap only turns a hang into a failure on a busy machine.
WAIT_CAP_SECONDS = 60
OK = {
    "wecom": {"errcode": 0, "errmsg": "ok"},
    "dingtalk": {"errcode": 0, "errmsg": "ok"},
    "feishu": {"code": 0, "msg": "success", "data": {}},
}


@dataclass
class Robot:
    platform: str
    secret: str = ""
    keyword: str = ""
    requests: list[datetime] = field(default_factory=list)
    taken: list[dict[str, Any]] = field(default_factory=list)
    # Answers to give instead of the checks, first to last (e.g. a rate-limited one).
    forced: list[dict[str, Any]] = field(default_factory=list)
    # The size in bytes of each body it took, as it came over the wire.
    sizes: list[int] = field(default_factory=list)


class ChatServer:
    def __init__(self) -> None:
        self.robots: dict[str, Robot] = {}
        self.now: datetime = timezone.now()
        self.refusals: list[tuple[str, dict[str, Any]]] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()  # a stalled answer ends
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=10)

    def robot(self, platform: str, name: str, *, secret: str = "", keyword: str = "") -> str:
        """Adds a robot; returns its webhook URL (the platform's shape, on loopback)."""
        path = {
            "wecom": f"/cgi-bin/webhook/send?key={name}",
            "dingtalk": f"/robot/send?access_token={name}",
            "feishu": f"/open-apis/bot/v2/hook/{name}",
        }[platform]
        self.robots[name] = Robot(platform, secret, keyword)
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}{path}"

    def texts(self, name: str) -> list[str]:
        """The markdown of each message the robot took."""
        return [_markdown(self.robots[name].platform, body) for body in self.robots[name].taken]

    def most_in_any_window(self, name: str, seconds: int) -> int:
        """The most requests the robot received in any `seconds` window (by the server's
        clock), refused ones too: what the platform counts."""
        times = sorted(self.robots[name].requests)
        width = timedelta(seconds=seconds)
        return max(
            (sum(1 for t in times[i:] if t - start < width) for i, start in enumerate(times)),
            default=0,
        )

    def _answer(self, url: str, body: dict[str, Any], size: int = 0) -> dict[str, Any]:
        parts = urlsplit(url)
        query = parse_qs(parts.query)
        name = (query.get("key") or query.get("access_token") or [parts.path.rsplit("/", 1)[-1]])[0]
        robot = self.robots.get(name)
        if robot is None:
            return (
                {"errcode": 93000, "errmsg": "invalid webhook url"}
                if "key" in query
                else {"errcode": 300001, "errmsg": "token is not exist"}
            )
        with self._lock:
            robot.requests.append(self.now)
            if robot.forced:
                host, port = self._httpd.server_address[:2]
                return {
                    name: value.replace("{url}", f"http://{host!s}:{port}{url}").replace(
                        "{sign}", str(body.get("sign", ""))
                    )
                    if isinstance(value, str)
                    else value
                    for name, value in robot.forced.pop(0).items()
                }
            refusal = self._refusal(robot, parts.query, body)
            if refusal is not None:
                self.refusals.append((name, refusal))
                return refusal
            for seconds, limit in LIMITS[robot.platform]:
                since = self.now - timedelta(seconds=seconds)
                if sum(1 for t in robot.requests if t > since) > limit:
                    return RATE_LIMITED[robot.platform]
            robot.taken.append(body)
            robot.sizes.append(size)
            return OK[robot.platform]

    def _refusal(self, robot: Robot, query: str, body: dict[str, Any]) -> dict[str, Any] | None:
        text = json.dumps(body, ensure_ascii=False)
        if robot.platform == "dingtalk":
            params = {k: v[0] for k, v in parse_qs(query).items()}
            if robot.secret and not self._fresh_dingtalk(robot.secret, params):
                return {"errcode": 310000, "errmsg": "sign not match, more: [...]"}
            if robot.keyword and robot.keyword not in text:
                return {"errcode": 310000, "errmsg": "keywords not in content, more: [...]"}
        if robot.platform == "feishu":
            if robot.secret and not self._fresh_feishu(robot.secret, body):
                return {
                    "code": 19021,
                    "msg": "sign match fail or timestamp is not within one hour from current time",
                    "data": {},
                }
            if robot.keyword and robot.keyword not in text:
                return {"code": 19024, "msg": "Key Words Not Found", "data": {}}
        return None

    def _fresh_dingtalk(self, secret: str, params: dict[str, str]) -> bool:
        try:
            timestamp = int(params["timestamp"])
        except (KeyError, ValueError):
            return False
        if abs(self.now.timestamp() * 1000 - timestamp) > 3600_000:
            return False
        digest = hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256)
        # parse_qs has decoded the URL-encoding once already
        return hmac.compare_digest(
            base64.b64encode(digest.digest()).decode(), params.get("sign", "")
        )

    def _fresh_feishu(self, secret: str, body: dict[str, Any]) -> bool:
        try:
            timestamp = int(body["timestamp"])
        except (KeyError, ValueError, TypeError):
            return False
        if abs(self.now.timestamp() - timestamp) > 3600:
            return False
        digest = hmac.new(f"{timestamp}\n{secret}".encode(), b"", hashlib.sha256).digest()
        return hmac.compare_digest(base64.b64encode(digest).decode(), str(body.get("sign", "")))

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                raw = self.rfile.read(length)
                try:
                    body = json.loads(raw or b"{}")
                except ValueError:
                    body = {}
                said = server._answer(self.path, body, len(raw))
                if said.get("_stall"):
                    server._stopping.wait(WAIT_CAP_SECONDS)
                    self.close_connection = True
                    return
                if said.get("_hang_up"):
                    self.close_connection = True
                    return
                answer = json.dumps(said).encode()
                self.send_response(200)  # the platforms answer 200 with an error code
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        return Handler


def _markdown(platform: str, body: dict[str, Any]) -> str:
    if platform == "wecom":
        return str(body["markdown"]["content"])
    if platform == "dingtalk":
        return str(body["markdown"]["text"])
    card = body["card"]
    return str(card["header"]["title"]["content"]) + "\n" + str(card["elements"][0]["content"])


@contextmanager
def running_chat_server() -> Iterator[ChatServer]:
    """The robots on a free loopback port, stopped on leaving (whatever the test did)."""
    server = ChatServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()
