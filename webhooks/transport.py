"""The HTTP and HTTPS connections a delivery is posted over (urllib's opener in
webhooks.sending uses them), with two promises urllib's own do not keep:

- One deadline for the whole exchange (core.deadline_http, shared with the chat robots):
  the timeout given is the total, counted from when the connection is made; a receiver
  answering a byte at a time cannot hold the dispatcher past it (TimeoutError).
- The address actually connected to is checked (webhooks.addresses.peer_check) before a
  byte is sent, the TLS handshake included: the name is looked up again to connect and may
  answer otherwise than it did to address_check a moment before (DNS rebinding)."""

import http.client
import socket
import ssl
import urllib.request

from core.deadline_http import DeadlineHTTPConnection
from webhooks.addresses import peer_check


class CheckedHTTPConnection(DeadlineHTTPConnection):
    """An HTTP connection whose `timeout` is the deadline of the whole exchange and whose
    peer is checked before anything is sent."""

    def peer_check(self, sock: socket.socket) -> None:
        peer_check(self.host, str(sock.getpeername()[0]))


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
