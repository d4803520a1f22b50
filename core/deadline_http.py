"""HTTP and HTTPS connections with one deadline for the whole exchange, for the workers'
outgoing requests (webhooks.transport adds its check of the address connected to; chat
posts to the robots through them).

urllib's and http.client's timeout bounds each socket operation, so a server answering a
byte at a time, each within the timeout, would hold the worker for as long as it liked.
Here the timeout given is the total, counted from when the connection object is made:
connecting (to each address the name resolves to in turn), the TLS handshake, each send,
and reading the answer's status line, headers and what is read of its body each get only
what is left of it; past it, TimeoutError.

The name's look-up itself is not bounded by the deadline (getaddrinfo takes no timeout; the
resolver's own applies)."""

import functools
import http.client
import io
import socket
import time
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer


def time_left(deadline: float) -> float:
    """Seconds until `deadline` (time.monotonic()); TimeoutError once it has passed."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError("timed out: the whole exchange took longer than the deadline")
    return left


class _DeadlineReader(io.RawIOBase):
    """The reading end of the connection's socket, each read given what is left."""

    def __init__(self, raw: io.RawIOBase, sock: socket.socket, deadline: float) -> None:
        super().__init__()
        self._raw = raw
        self._sock = sock
        self._deadline = deadline

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: "WriteableBuffer") -> int | None:
        self._sock.settimeout(time_left(self._deadline))
        return self._raw.readinto(buffer)

    def close(self) -> None:
        if not self.closed:
            self._raw.close()  # the socket's file: the socket closes once nothing uses it
        super().close()


class _DeadlineResponse(http.client.HTTPResponse):
    def __init__(
        self,
        sock: socket.socket,
        debuglevel: int = 0,
        method: str | None = None,
        url: str | None = None,
        *,
        deadline: float,
    ) -> None:
        super().__init__(sock, debuglevel, method, url)
        self.fp = io.BufferedReader(_DeadlineReader(self.fp.detach(), sock, deadline))


def _connect(host: str, port: int, deadline: float) -> socket.socket:
    """socket.create_connection, each address tried with what is left of the deadline."""
    error: OSError | None = None
    for family, kind, proto, _name, address in socket.getaddrinfo(
        host, port, 0, socket.SOCK_STREAM
    ):
        sock = socket.socket(family, kind, proto)
        try:
            sock.settimeout(time_left(deadline))
            sock.connect(address)
        except OSError as failed:
            sock.close()
            if isinstance(failed, TimeoutError):
                raise  # the deadline is spent: no time for the next address
            error = failed
            continue
        return sock
    raise error or OSError(f"{host} resolves to no address")


class DeadlineHTTPConnection(http.client.HTTPConnection):
    """An HTTP connection whose `timeout` is the deadline of the whole exchange. A subclass
    may refuse the address connected to in `peer_check`, before anything is sent."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not isinstance(self.timeout, int | float):
            raise TypeError("A deadline connection needs a timeout: its whole deadline.")
        self.deadline = time.monotonic() + self.timeout
        # The answer is read through the deadline too (http.client builds it from this).
        self.response_class = functools.partial(  # type: ignore[assignment]  # builds the class's own responses
            _DeadlineResponse, deadline=self.deadline
        )

    def peer_check(self, sock: socket.socket) -> None:
        """Raise to refuse the peer `sock` reached (nothing is sent to it); none here."""

    def connect(self) -> None:
        # HTTPSConnection.connect calls this (see DeadlineHTTPSConnection's bases), then
        # wraps the socket in TLS: the check comes before the handshake's first byte.
        sock = _connect(self.host, self.port, self.deadline)
        try:
            self.peer_check(sock)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            # The handshake gets what is left (CPython's TLS handshake counts the socket's
            # timeout for the whole of it, not each read).
            sock.settimeout(time_left(self.deadline))
        except BaseException:
            sock.close()
            raise
        self.sock = sock

    def send(self, data: "http.client._DataType | str") -> None:
        # Each write (the head, then the body) gets what is left, not the whole timeout.
        if self.sock is not None:
            self.sock.settimeout(time_left(self.deadline))
        super().send(data)


class DeadlineHTTPSConnection(http.client.HTTPSConnection, DeadlineHTTPConnection):
    """HTTPS over DeadlineHTTPConnection's connect (the method order puts it under the TLS
    wrapping of HTTPSConnection.connect)."""


def deadline_connection(url: str, *, timeout: float) -> DeadlineHTTPConnection:
    """A connection to `url`'s host (http or https) for one exchange within `timeout`
    seconds; ValueError for any other scheme (http.client.InvalidURL for a bad port)."""
    parts = urlsplit(url)
    if not parts.hostname:
        raise ValueError("The URL has no host.")
    if parts.scheme == "https":
        return DeadlineHTTPSConnection(parts.hostname, parts.port, timeout=timeout)
    if parts.scheme == "http":
        return DeadlineHTTPConnection(parts.hostname, parts.port, timeout=timeout)
    raise ValueError(f"Not an http(s) address: {parts.scheme}:")
