"""The HTTP and HTTPS connections a delivery is posted over (urllib's opener in
webhooks.sending uses them), with two promises urllib's own do not keep:

- One deadline for the whole exchange. urllib's timeout bounds each socket operation, so a
  receiver answering a byte at a time, each within the timeout, would hold the dispatcher
  for as long as it liked. Here the timeout given is the total, counted from when the
  connection is made: connecting (to each address the name resolves to in turn), the TLS
  handshake, sending, and reading the answer's status line, headers and what is read of its
  body each get only what is left of it; past it, TimeoutError.
- The address actually connected to is checked (webhooks.addresses.peer_check) before a
  byte is sent, the TLS handshake included: the name is looked up again to connect and may
  answer otherwise than it did to address_check a moment before (DNS rebinding).

The name's look-up itself is not bounded by the deadline (getaddrinfo takes no timeout; the
resolver's own applies)."""

import functools
import http.client
import io
import socket
import ssl
import time
import urllib.request
from typing import TYPE_CHECKING, Any

from webhooks.addresses import AddressRefused, peer_check

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


class CheckedHTTPConnection(http.client.HTTPConnection):
    """An HTTP connection whose `timeout` is the deadline of the whole exchange and whose
    peer is checked before anything is sent."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not isinstance(self.timeout, int | float):
            raise TypeError("A webhook's connection needs a timeout: its whole deadline.")
        self.deadline = time.monotonic() + self.timeout
        # The answer is read through the deadline too (http.client builds it from this).
        self.response_class = functools.partial(  # type: ignore[assignment]  # builds the class's own responses
            _DeadlineResponse, deadline=self.deadline
        )

    def connect(self) -> None:
        # HTTPSConnection.connect calls this (see CheckedHTTPSConnection's bases), then
        # wraps the socket in TLS: the check comes before the handshake's first byte.
        sock = _connect(self.host, self.port, self.deadline)
        try:
            peer_check(self.host, str(sock.getpeername()[0]))
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            # The handshake and the sending get what is left (CPython's TLS handshake
            # counts the socket's timeout for the whole of it, not each read).
            sock.settimeout(time_left(self.deadline))
        except (AddressRefused, OSError):
            sock.close()
            raise
        self.sock = sock


class CheckedHTTPSConnection(http.client.HTTPSConnection, CheckedHTTPConnection):
    """HTTPS over CheckedHTTPConnection's connect (the method order puts it under the TLS
    wrapping of HTTPSConnection.connect)."""


class CheckedHTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(CheckedHTTPConnection, req)


class CheckedHTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self) -> None:
        self._tls = ssl.create_default_context()
        super().__init__(context=self._tls)

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(CheckedHTTPSConnection, req, context=self._tls)
