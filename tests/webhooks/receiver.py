"""A real webhook receiver on loopback for the webhooks tests: an HTTP server on a free port,
in its own thread, that checks each request's signature with the function the README gives
receivers (read from the README itself, so the documented check is the one tested) and
records what it got. Each path is one endpoint: its secret is told to the receiver, and it
can be told what to answer (500 for the next requests, a redirect...)."""

import json
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

README = Path(__file__).resolve().parents[2] / "README.md"


def documented_check() -> Callable[..., bool]:
    """`webhook_verified` from the README's "Outgoing webhooks" section."""
    text = README.read_text()
    section = text[text.index("### Outgoing webhooks") :]
    code = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert code is not None, "the README's verification snippet is gone"
    names: dict[str, Any] = {}
    exec(code.group(1), names)  # noqa: S102  # the README's own code, checked here
    check: Callable[..., bool] = names["webhook_verified"]
    return check


@dataclass(frozen=True)
class Received:
    path: str
    headers: dict[str, str]
    body: bytes
    verified: bool

    @property
    def event(self) -> dict[str, Any]:
        event: dict[str, Any] = json.loads(self.body)
        return event


class Receiver:
    def __init__(self) -> None:
        self.check = documented_check()
        self._lock = threading.Lock()
        self.received: list[Received] = []
        self.secrets: dict[str, str] = {}
        # Per path: what to answer the next requests, in order (then 204).
        self.answers: dict[str, list[tuple[int, dict[str, str], bytes]]] = {}
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def answer(self, path: str, *answers: tuple[int, dict[str, str], bytes]) -> None:
        with self._lock:
            self.answers.setdefault(path, []).extend(answers)

    def taken(self, path: str) -> list[Received]:
        """What the receiver got at `path` and took (a 2xx answer) with a valid signature."""
        with self._lock:
            return [r for r in self.received if r.path == path and r.verified]

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                headers = {k.lower(): v for k, v in self.headers.items()}
                with receiver._lock:
                    secret = receiver.secrets.get(self.path, "")
                    queued = receiver.answers.get(self.path) or []
                    status, extra, text = queued.pop(0) if queued else (204, {}, b"")
                    verified = bool(secret) and receiver.check(secret, headers, body)
                    if 200 <= status < 300:
                        receiver.received.append(Received(self.path, headers, body, verified))
                self.send_response(status)
                for name, value in extra.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(text)))
                self.end_headers()
                self.wfile.write(text)

            def log_message(self, format: str, *args: Any) -> None:
                pass  # the tests read what was received, not the server's log

        return Handler


@contextmanager
def running_receiver() -> Iterator[Receiver]:
    receiver = Receiver()
    receiver.thread.start()
    try:
        yield receiver
    finally:
        receiver.server.shutdown()
        receiver.server.server_close()
