"""The fault tests' HTTP client (tests/faults/web.py), told which node served each answer
(HAProxy's X-Served-By), and able to carry its cookies to another node."""

import urllib.error
import urllib.request

from tests.cluster.servers import HAProxy
from tests.faults.web import Browser, Response, _NoRedirects


class NodeBrowser(Browser):
    def __init__(self, base_url: str) -> None:
        super().__init__(base_url)
        # The node HAProxy sent the last request to; empty when it came straight to a node.
        self.served_by = ""

    def at(self, base_url: str) -> "NodeBrowser":
        """The same person (the same cookies: session and CSRF) at another address."""
        other = NodeBrowser(base_url)
        other.cookies = self.cookies
        other.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirects()
        )
        return other

    def _send(self, request: urllib.request.Request, timeout: float) -> Response:
        self.served_by = ""
        try:
            with self.opener.open(request, timeout=timeout) as answer:
                self.served_by = answer.headers.get(HAProxy.HEADER, "")
                return Response(answer.status, answer.read().decode(errors="replace"), "")
        except urllib.error.HTTPError as answer:
            self.served_by = answer.headers.get(HAProxy.HEADER, "")
            body = answer.read().decode(errors="replace")
            return Response(answer.code, body, answer.headers.get("Location", ""))
