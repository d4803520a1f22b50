"""core.deadline_http: the timeout given is the deadline of the whole exchange, however
slowly the server answers (each byte well within the timeout of a single read), for the
workers' outgoing requests (webhooks, chat robots)."""

import pytest

from core.deadline_http import DeadlineHTTPConnection, deadline_connection
from tests.webhooks.raw_server import raw_server, record, trickle

DEADLINE = 0.5
TRICKLE = {"every": DEADLINE / 10, "lasting": DEADLINE * 40}


def test_a_body_trickled_past_the_deadline_is_given_up_on():
    head = b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n"
    with raw_server(trickle(head, **TRICKLE)) as slow:
        connection = deadline_connection(slow.url("/x"), timeout=DEADLINE)
        connection.request("POST", "/x", body=b"{}")
        response = connection.getresponse()
        with pytest.raises(TimeoutError):
            response.read()
        connection.close()


def test_headers_that_never_end_are_given_up_on():
    with raw_server(trickle(b"HTTP/1.1 200 OK\r\nX-Slow: ", **TRICKLE)) as slow:
        connection = DeadlineHTTPConnection("127.0.0.1", slow.port, timeout=DEADLINE)
        connection.request("POST", "/x", body=b"{}")
        with pytest.raises(TimeoutError):
            connection.getresponse()
        connection.close()


def test_only_http_and_https_are_made_connections():
    with raw_server(record) as server:
        assert deadline_connection(server.url("/"), timeout=1).port == server.port
    with pytest.raises(ValueError, match="Not an http"):
        deadline_connection("ftp://example.com/x", timeout=1)
