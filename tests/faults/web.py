"""A small HTTP client for the app under test: a cookie jar, the real sign-in form with its
CSRF token, redirects reported rather than followed (a save answers 302)."""

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

from tests.faults.waiting import wait_until


@dataclass(frozen=True)
class Response:
    status: int
    body: str
    location: str


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class Browser:
    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirects()
        )

    def get(self, path: str, *, timeout: float = 15) -> Response:
        request = urllib.request.Request(self.base_url + path)  # noqa: S310  # http://127.0.0.1
        return self._send(request, timeout)

    def post(self, path: str, fields: dict[str, str], *, timeout: float = 15) -> Response:
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": self.csrf_token(), **fields})
        request = urllib.request.Request(  # noqa: S310  # http://127.0.0.1
            self.base_url + path, data.encode(), method="POST"
        )
        return self._send(request, timeout)

    def sign_in(self, username: str, password: str) -> None:
        answer = self._sign_in(username, password)
        assert answer.status == 302 and "login" not in answer.location, (username, answer.status)

    def sign_in_status(self, username: str, password: str) -> int:
        """The sign-in as a save whose answer is counted: 302 when it worked."""
        answer = self._sign_in(username, password)
        return 302 if answer.status == 302 and "login" not in answer.location else answer.status

    def _sign_in(self, username: str, password: str) -> Response:
        page = self.get("/accounts/login/", timeout=60)
        if page.status != 200:
            return page
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.body)
        assert token, "no CSRF token on the sign-in page"
        return self.post(
            "/accounts/login/",
            {"username": username, "password": password, "csrfmiddlewaretoken": token.group(1)},
            timeout=60,
        )

    def csrf_token(self) -> str:
        for cookie in self.cookies:
            if cookie.name == "csrftoken" and cookie.value:
                return cookie.value
        return ""

    def _send(self, request: urllib.request.Request, timeout: float) -> Response:
        try:
            with self.opener.open(request, timeout=timeout) as answer:
                return Response(answer.status, answer.read().decode(errors="replace"), "")
        except urllib.error.HTTPError as answer:
            body = answer.read().decode(errors="replace")
            return Response(answer.code, body, answer.headers.get("Location", ""))


def wait_for_http(url: str, *, timeout: float) -> None:
    def answers() -> bool:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310  # our own 127.0.0.1
                return True
        except urllib.error.HTTPError:
            return True  # an answer all the same (503 while the database is down)
        except OSError:
            return False

    wait_until(answers, timeout=timeout, what=url)
