"""A bare TCP server on loopback for the answers an HTTP server library does not give: an
answer trickled a byte at a time, garbage instead of a status line, a hang-up, or nothing
but a record of what the client sent. Each connection is answered in its own thread by the
function given; the server stops them all when the test leaves it."""

import contextlib
import queue
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

# Waits are on conditions; the cap only turns a hang into a failure on a busy machine.
WAIT_CAP_SECONDS = 60


class RawServer:
    def __init__(self, answer: "Answer") -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.stopping = threading.Event()
        # What each connection sent until the client closed it (the `record` answer).
        self.sent: queue.Queue[bytes] = queue.Queue()
        self._answer = answer
        self._threads: list[threading.Thread] = []

    @property
    def port(self) -> int:
        port: int = self.listener.getsockname()[1]
        return port

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def serve(self) -> None:
        while not self.stopping.is_set():
            try:
                connection, _address = self.listener.accept()
            except OSError:
                return  # the listener is shut: the test is over
            thread = threading.Thread(target=self._one, args=(connection,), daemon=True)
            self._threads.append(thread)
            thread.start()

    def _one(self, connection: socket.socket) -> None:
        connection.settimeout(WAIT_CAP_SECONDS)
        # The client going away (OSError) is what the tests are about.
        with connection, contextlib.suppress(OSError):
            self._answer(connection, self)

    def stop(self) -> None:
        self.stopping.set()
        self.listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() waiting in serve()
        self.listener.close()
        for thread in self._threads:
            thread.join(timeout=WAIT_CAP_SECONDS)


Answer = Callable[[socket.socket, RawServer], None]


@contextmanager
def raw_server(answer: Answer) -> Iterator[RawServer]:
    server = RawServer(answer)
    accepting = threading.Thread(target=server.serve, daemon=True)
    accepting.start()
    try:
        yield server
    finally:
        server.stop()
        accepting.join(timeout=WAIT_CAP_SECONDS)


def read_request(connection: socket.socket) -> bytes:
    """One HTTP request: its head, then as many bytes of body as its Content-Length says."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = connection.recv(65536)
        if not chunk:
            return data
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    while len(body) < length:
        chunk = connection.recv(65536)
        if not chunk:
            break
        body += chunk
    return data


def trickle(head: bytes, *, every: float, lasting: float) -> Answer:
    """Answer `head` at once, then one byte each `every` seconds for `lasting` seconds (or
    until the client hangs up): each read the client makes gets a byte well within any
    timeout of a single read."""

    def answer(connection: socket.socket, server: RawServer) -> None:
        read_request(connection)
        connection.sendall(head)
        ends = time.monotonic() + lasting
        while time.monotonic() < ends and not server.stopping.wait(every):
            connection.sendall(b"a")

    return answer


def garbage(connection: socket.socket, server: RawServer) -> None:
    read_request(connection)
    connection.sendall(b"garbage\r\n\r\n")


def hang_up(connection: socket.socket, server: RawServer) -> None:
    read_request(connection)  # then closed without a word


def record(connection: socket.socket, server: RawServer) -> None:
    """Keep every byte the client sends until it closes the connection."""
    data = b""
    while chunk := connection.recv(65536):
        data += chunk
    server.sent.put(data)
