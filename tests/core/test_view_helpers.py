"""core.views: calling a service and telling the person how it went, downloads, tables."""

import io

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.test import RequestFactory

from core.errors import AppError, NotAllowed
from core.views import call_service, download, submit_form, table_download


def a_request(data=None, **headers):
    request = RequestFactory().post("/", data or {}, headers=headers)
    request._messages = CookieStorage(request)  # type: ignore[attr-defined]  # as MessageMiddleware does
    return request


def told(request) -> list[tuple[str, str]]:
    return [(m.tags, m.message) for m in get_messages(request)]


def refuse(error: Exception):
    def service(*data) -> None:
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


def row(*, done="", error="", status=200):
    """An htmx partial that says what it was told."""
    return HttpResponse(f"done={done} error={error}", status=status)


def test_an_htmx_request_gets_the_partial_with_what_was_done():
    request = a_request(**{"HX-Request": "true"})
    answer = call_service(
        request, lambda: None, done="Claimed.", then=HttpResponse("next page"), partial=row
    )
    assert (answer.status_code, answer.content) == (200, b"done=Claimed. error=")
    assert told(request) == []


def test_an_htmx_request_gets_the_partial_with_the_refusal_as_422():
    request = a_request(**{"HX-Request": "true"})
    answer = call_service(
        request,
        refuse(AppError("Already claimed.")),
        done="Claimed.",
        then=HttpResponse(),
        partial=row,
    )
    assert (answer.status_code, answer.content) == (422, b"done= error=Already claimed.")
    assert told(request) == []


def test_a_request_without_htmx_is_told_by_message_even_with_a_partial():
    request = a_request()
    then = HttpResponse("next page")
    answer = call_service(request, lambda: None, done="Claimed.", then=then, partial=row)
    assert answer is then
    assert told(request) == [("success", "Claimed.")]


class NoteForm(forms.Form):
    title = forms.CharField(max_length=20)


def page_again(form):
    """The page again with the bound form, as a view's `refused` does."""
    return HttpResponse(f"{form['title'].value()}|{' '.join(form.non_field_errors())}", status=400)


def test_a_valid_form_calls_the_service_with_its_data_and_tells_what_it_made():
    request = a_request({"title": "Train"})
    then = HttpResponse("next page")
    answer = submit_form(
        request,
        NoteForm(request.POST),
        lambda data: data["title"].upper(),
        done=lambda made: f"{made} added.",
        then=then,
        refused=page_again,
    )
    assert answer is then
    assert told(request) == [("success", "TRAIN added.")]


def test_a_refused_service_puts_its_message_on_the_form_which_keeps_the_input():
    request = a_request({"title": "Train"})
    answer = submit_form(
        request,
        NoteForm(request.POST),
        refuse(AppError("Not on a holiday.")),
        done="Added.",
        then=HttpResponse("next page"),
        refused=page_again,
    )
    assert (answer.status_code, answer.content) == (400, b"Train|Not on a holiday.")
    assert told(request) == []


def test_an_invalid_form_never_reaches_the_service_and_keeps_the_input():
    request = a_request({"title": "x" * 21})
    calls: list[dict[str, str]] = []
    answer = submit_form(
        request,
        NoteForm(request.POST),
        calls.append,
        done="Added.",
        then=HttpResponse("next page"),
        refused=page_again,
    )
    assert (answer.status_code, answer.content, calls) == (400, b"x" * 21 + b"|", [])


def test_a_form_whose_service_says_not_allowed_is_answered_403():
    request = a_request({"title": "Train"})
    with pytest.raises(PermissionDenied, match="Only the executive"):
        submit_form(
            request,
            NoteForm(request.POST),
            refuse(NotAllowed("Only the executive.")),
            done="Added.",
            then=HttpResponse(),
            refused=page_again,
        )
    assert told(request) == []


def test_an_htmx_form_gets_the_partial_with_what_was_done():
    request = a_request({"title": "Train"}, **{"HX-Request": "true"})
    answer = submit_form(
        request,
        NoteForm(request.POST),
        lambda data: None,
        done="Logged.",
        then=HttpResponse("next page"),
        refused=page_again,
        partial=lambda done: row(done=done),
    )
    assert (answer.status_code, answer.content) == (200, b"done=Logged. error=")
    assert told(request) == []


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
