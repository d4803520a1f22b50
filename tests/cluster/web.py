"""The fault tests' HTTP client (tests/faults/web.py), told which node served each answer
(HAProxy's X-Served-By), and able to carry its cookies to another node, to send files as a
browser's form does (multipart) and to read a download's bytes and headers."""

import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass

from tests.cluster.servers import HAProxy
from tests.faults.web import Browser, Response, _NoRedirects


@dataclass(frozen=True)
class Download:
    status: int
    content_type: str
    disposition: str
    body: bytes


@dataclass(frozen=True)
class Upload:
    filename: str
    content: bytes
    content_type: str


def multipart(fields: dict[str, str], files: dict[str, Upload]) -> tuple[bytes, str]:
    """A form's fields and files as multipart/form-data: the body and its Content-Type."""
    boundary = f"rollout-{uuid.uuid4().hex}"
    parts: list[bytes] = []
    for name, value in fields.items():
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
        parts.append(head.encode() + value.encode() + b"\r\n")
    for name, upload in files.items():
        head = (
            f"--{boundary}\r\n"
            f'Content-Disposition: form-data; name="{name}"; filename="{upload.filename}"\r\n'
            f"Content-Type: {upload.content_type}\r\n\r\n"
        )
        parts.append(head.encode() + upload.content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


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

    def post_files(
        self, path: str, fields: dict[str, str], files: dict[str, Upload], *, timeout: float = 30
    ) -> Response:
        body, content_type = multipart({"csrfmiddlewaretoken": self.csrf_token(), **fields}, files)
        request = urllib.request.Request(  # noqa: S310  # http://127.0.0.1
            self.base_url + path, body, headers={"Content-Type": content_type}, method="POST"
        )
        return self._send(request, timeout)

    def download(self, path: str, *, timeout: float = 30) -> Download:
        """A GET whose answer is kept as bytes, with the headers a download is judged by."""
        request = urllib.request.Request(self.base_url + path)  # noqa: S310  # http://127.0.0.1
        try:
            with self.opener.open(request, timeout=timeout) as answer:
                status, headers, body = answer.status, answer.headers, answer.read()
        except urllib.error.HTTPError as refused:
            status, headers, body = refused.code, refused.headers, refused.read()
        return Download(
            status,
            headers.get("Content-Type", ""),
            headers.get("Content-Disposition", ""),
            body,
        )

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
