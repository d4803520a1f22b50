"""core.views: calling a service and telling the person how it went, downloads, tables."""

import io

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.test import RequestFactory

from core.errors import AppError, NotAllowed
from core.views import call_service, download, table_download


def a_request():
    request = RequestFactory().post("/")
    request._messages = CookieStorage(request)  # type: ignore[attr-defined]  # as MessageMiddleware does
    return request


def told(request) -> list[tuple[str, str]]:
    return [(m.tags, m.message) for m in get_messages(request)]


def refuse(error: Exception):
    def service() -> None:
        raise error

    return service


def test_it_tells_what_was_done_and_answers_then():
    request = a_request()
    then = HttpResponse("next page")
    calls = []
    answer = call_service(request, lambda: calls.append("called"), done="Saved.", then=then)
    assert answer is then
    assert calls == ["called"]
    assert told(request) == [("success", "Saved.")]


def test_it_shows_a_refusal_as_an_error_and_still_answers_then():
    request = a_request()
    then = HttpResponse("next page")
    answer = call_service(request, refuse(AppError("Not on a holiday.")), done="Saved.", then=then)
    assert answer is then
    assert told(request) == [("error", "Not on a holiday.")]


def test_it_answers_not_allowed_with_403():
    request = a_request()
    with pytest.raises(PermissionDenied, match="Only the executive"):
        call_service(
            request, refuse(NotAllowed("Only the executive.")), done="Saved.", then=HttpResponse()
        )
    assert told(request) == []


def test_it_lets_an_error_that_is_no_refusal_through():
    with pytest.raises(ValueError, match="a bug"):
        call_service(a_request(), refuse(ValueError("a bug")), done="Saved.", then=HttpResponse())


def test_bytes_download_as_an_attachment_never_sniffed():
    response = download(b"a,b\n", "rollout-1-tasks.csv", "text/csv")
    assert response.content == b"a,b\n"
    assert response["Content-Disposition"] == 'attachment; filename="rollout-1-tasks.csv"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_an_open_file_is_streamed_as_an_attachment_never_sniffed():
    response = download(io.BytesIO(b"%PDF-1.4"), "notes.pdf", "application/pdf")
    assert isinstance(response, FileResponse)
    assert response.getvalue() == b"%PDF-1.4"
    assert response["Content-Disposition"] == 'attachment; filename="notes.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_table_downloads_as_csv():
    response = table_download(
        lambda: (["Title"], [["Train"]]), fmt="csv", sheet_title="Tasks", stem="rollout-1-tasks"
    )
    assert response.content == "Title\r\nTrain\r\n".encode("utf-8-sig")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="rollout-1-tasks.csv"'


def test_an_unknown_table_format_is_not_found_before_the_table_is_read():
    read = []

    def table():
        read.append("read")
        return [], []

    with pytest.raises(Http404):
        table_download(table, fmt="pdf", sheet_title="Tasks", stem="x")
    assert read == []
