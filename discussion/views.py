"""Writing, editing and removing a comment. The object it is about is resolved through its
owner's access call (discussion.targets); an htmx post gets the thread again, a plain post a
redirect to the comment on the object's page, or, refused, a page that keeps the text."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import AppError
from core.views import Refused, is_htmx, not_allowed_as_403, posted_text, signed_in
from discussion import services
from discussion.models import BODY_MAX, Comment
from discussion.selectors import get_comment_for_user, thread_of
from discussion.targets import Target, resolve_target
from rollout.permissions import get_rollout_for_user

# A little over the limit is read, so the refusal can say how long the text was.
READ_AT_MOST = BODY_MAX * 2


def _thread(
    request: HttpRequest,
    target: Target,
    *,
    status: int = 200,
    typed: str = "",
    error: str = "",
    refused_edit: Refused | None = None,
    done: str = "",
) -> HttpResponse:
    """The thread alone (what an htmx post swaps in), re-read so it shows every comment."""
    thread = thread_of(
        target=target,
        reader=signed_in(request),
        typed=typed,
        error=error,
        refused_edit=refused_edit,
        done=done,
    )
    context = {"thread": thread}
    return render(request, "discussion/partials/thread_body.html", context, status=status)


def _refused(
    request: HttpRequest, target: Target, error: str, typed: str, edit: Comment | None = None
) -> HttpResponse:
    """The refusal, with what was typed: the thread again (htmx), or a page of its own."""
    if is_htmx(request):
        if edit is not None:
            refused = Refused(edit.pk, {"body": typed}, error)
            return _thread(request, target, status=422, refused_edit=refused)
        return _thread(request, target, status=422, typed=typed, error=error)
    context = {"target": target, "error": error, "typed": typed, "edit": edit}
    return render(request, "discussion/comment_refused.html", context, status=400)


def _done(request: HttpRequest, target: Target, comment: Comment, done: str) -> HttpResponse:
    if is_htmx(request):
        return _thread(request, target, done=done)
    messages.success(request, done)
    return redirect(target.comment_url(comment.pk))


@require_POST
@login_required
def comment_new(request: HttpRequest, rollout_pk: int, kind: str, target_pk: int) -> HttpResponse:
    user = signed_in(request)
    target = resolve_target(kind, user, get_rollout_for_user(user, rollout_pk), target_pk)
    body = posted_text(request, "body", READ_AT_MOST)
    try:
        with not_allowed_as_403():
            comment = services.comment_create(by=user, target=target, body=body)
    except AppError as refusal:
        return _refused(request, target, str(refusal), body)
    return _done(request, target, comment, _("Your comment is posted."))


def _comment_and_target(request: HttpRequest, rollout_pk: int, pk: int) -> tuple[Comment, Target]:
    user = signed_in(request)
    rollout = get_rollout_for_user(user, rollout_pk)
    comment = get_comment_for_user(user, rollout, pk)
    return comment, resolve_target(comment.target_kind, user, rollout, comment.target_id)


@require_POST
@login_required
def comment_edit(request: HttpRequest, rollout_pk: int, pk: int) -> HttpResponse:
    comment, target = _comment_and_target(request, rollout_pk, pk)
    body = posted_text(request, "body", READ_AT_MOST)
    try:
        with not_allowed_as_403():
            services.comment_edit(by=signed_in(request), comment=comment, target=target, body=body)
    except AppError as refusal:
        return _refused(request, target, str(refusal), body, edit=comment)
    return _done(request, target, comment, _("Your comment is changed."))


@require_POST
@login_required
def comment_remove(request: HttpRequest, rollout_pk: int, pk: int) -> HttpResponse:
    comment, target = _comment_and_target(request, rollout_pk, pk)
    try:
        with not_allowed_as_403():
            services.comment_remove(by=signed_in(request), comment=comment, target=target)
    except AppError as refusal:
        if is_htmx(request):
            return _thread(request, target, status=422, error=str(refusal))
        messages.error(request, str(refusal))
        return redirect(target.comment_url(comment.pk))
    return _done(request, target, comment, _("Your comment is removed."))
