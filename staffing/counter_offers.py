"""The executive's reply to a manager's counter-offer (an answer that commits fewer hours
than asked, with the people named and a reason).

What each reply does, within what the staffing model allows:
- accept: the request now asks for the hours offered (the commitments the manager made
  already name the people and their hours); its status becomes "committed in full", and
  the hours asked before are kept on the reply;
- refuse, with a reason: the request waits for the manager again (its answer form opens
  once more); the people already committed stay committed, and the manager's next answer
  adds to them (staffing.services.staffing_answer counts them).
Either way the manager who made the offer is told, in their language."""

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from core.checked import was_checked
from core.validation import saved
from notifications.services.notifications import notifications_tell
from roles import selectors
from roles.models import User
from staffing.models import CounterOfferReply, StaffingAnswer, StaffingRequest
from staffing.services import StaffingError, StaffingNotAllowed
from work.services import hours_text


def may_reply(user: User, request: StaffingRequest) -> bool:
    """Only the rollout's executive answers a counter-offer."""
    return selectors.is_executive(person=user, rollout=request.rollout)


def open_counter_offer(request: StaffingRequest) -> StaffingAnswer | None:
    """The counter-offer waiting for the executive's reply: the request's latest answer,
    when it is a counter-offer nobody replied to."""
    if request.status != StaffingRequest.Status.PARTIAL:
        return None
    latest = request.answers.order_by("-created_at", "-pk").select_related("answered_by").first()
    if latest is None or latest.kind != StaffingAnswer.Kind.COUNTER:
        return None
    if CounterOfferReply.objects.filter(answer=latest).exists():
        return None
    return latest


def _waiting_offer(by: User, request: StaffingRequest) -> tuple[StaffingRequest, StaffingAnswer]:
    if not was_checked(request, by.pk, "executive") and not may_reply(by, request):
        raise StaffingNotAllowed(_("Only the rollout's executive answers a counter-offer."))
    request = (
        StaffingRequest.objects.select_for_update(of=("self",))
        .select_related("department")
        .get(pk=request.pk)
    )
    offer = open_counter_offer(request)
    if offer is None:
        raise StaffingError(_("This request has no counter-offer waiting for your reply."))
    return request, offer


def _url(request: StaffingRequest) -> str:
    return reverse("staffing:staffing_request", args=[request.rollout_id, request.pk])


@transaction.atomic
def counter_offer_accept(*, by: User, request: StaffingRequest) -> CounterOfferReply:
    request, offer = _waiting_offer(by, request)
    reply = CounterOfferReply(
        answer=offer, accepted=True, asked_hours=request.hours_per_week, by=by
    )
    saved(reply, StaffingError)
    request.hours_per_week = offer.hours_per_week
    request.status = StaffingRequest.Status.COMMITTED
    request.save(update_fields=["hours_per_week", "status"])
    notifications_tell(
        recipients=[offer.answered_by],
        url=_url(request),
        text=lambda: (
            _("The executive accepted your counter-offer for %(department)s: %(hours)s h/week.")
            % {"department": request.department.name, "hours": hours_text(offer.hours_per_week)}
        ),
    )
    return reply


@transaction.atomic
def counter_offer_refuse(*, by: User, request: StaffingRequest, reason: str) -> CounterOfferReply:
    request, offer = _waiting_offer(by, request)
    if not reason.strip():
        raise StaffingError(_("Say why you refuse the counter-offer, so the manager can act."))
    reply = CounterOfferReply(
        answer=offer,
        accepted=False,
        reason=reason.strip(),
        asked_hours=request.hours_per_week,
        by=by,
    )
    saved(reply, StaffingError)
    request.status = StaffingRequest.Status.WAITING
    request.save(update_fields=["status"])
    notifications_tell(
        recipients=[offer.answered_by],
        url=_url(request),
        text=lambda: (
            _(
                "The executive refused your counter-offer of %(hours)s of the %(asked)s "
                "h/week asked for %(department)s: %(reason)s. The request waits for your "
                "answer again."
            )
            % {
                "department": request.department.name,
                "hours": hours_text(offer.hours_per_week),
                "asked": hours_text(request.hours_per_week),
                "reason": reply.reason,
            }
        ),
    )
    return reply
