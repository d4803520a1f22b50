"""The demo rollout's staffing story, written through the services then back-dated:
Sales is a driving manager (asked, committed in full, people confirmed), IT a friction
manager (committed less than asked, one person pulled back, one nearly full), Finance a
resistance manager (a request left unanswered for days); a fresh Sales request and an
unconfirmed commitment wait for whoever tries the demo. Reminders are swept and sent at
the end, so the bell has something to show."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from notifications.services.reminders import reminders_dispatch
from notifications.services.sweep import reminders_sweep
from roles.models import Department, User
from rollout.calendar import week_start
from rollout.models import Rollout
from staffing import services as staffing
from staffing.models import Commitment, Purpose, StaffingRequest


def seed_staffing(*, rollout: Rollout, people: dict[str, User]) -> None:
    """Idempotent: does nothing when the rollout already has staffing requests."""
    if StaffingRequest.objects.filter(rollout=rollout).exists():
        return
    ceo = people["ceo"]
    departments = {d.code: d for d in Department.objects.all()}
    monday = week_start(timezone.localdate())
    start = monday - timedelta(weeks=3)

    def ask(code: str, purpose: str, hours: str, weeks: int, age_days: int) -> StaffingRequest:
        request = staffing.staffing_request_create(
            by=ceo,
            rollout=rollout,
            department=departments[code],
            purpose=purpose,
            hours_per_week=Decimal(hours),
            start_date=start,
            end_date=start + timedelta(weeks=weeks, days=-1),
            note="",
        )
        StaffingRequest.objects.filter(pk=request.pk).update(
            created_at=timezone.now() - timedelta(days=age_days)
        )
        request.refresh_from_db()
        return request

    # Sales: driving. Asked 16, committed 16, both confirmed within a day.
    sales = ask("sales", Purpose.DATA_CLEANUP, "16", 8, 24)
    staffing.staffing_answer(
        by=people["sales.manager"],
        request=sales,
        people=[(people["member1"], Decimal("8")), (people["member2"], Decimal("8"))],
    )
    for commitment in Commitment.objects.filter(request=sales):
        staffing.commitment_confirm(by=commitment.person, commitment=commitment)
    _answered_after(sales, days=1)

    # IT: friction. Asked 40, gave 36 after a week; member4 is now nearly full.
    it = ask("it", Purpose.TESTING, "40", 10, 23)
    staffing.staffing_answer(
        by=people["it.manager"],
        request=it,
        people=[(people["member3"], Decimal("8")), (people["member4"], Decimal("28"))],
        reason="Our ERP upgrade needs the rest. ERP升级占用了其余人手。",
    )
    for commitment in Commitment.objects.filter(request=it):
        staffing.commitment_confirm(by=commitment.person, commitment=commitment)
    _answered_after(it, days=7)
    # A second IT request: committed, then pulled back (a broken promise, on record).
    it_key_user = ask("it", Purpose.KEY_USER, "6", 6, 20)
    staffing.staffing_answer(
        by=people["it.manager"], request=it_key_user, people=[(people["sel.it"], Decimal("6"))]
    )
    pulled = Commitment.objects.get(request=it_key_user)
    staffing.commitment_confirm(by=people["sel.it"], commitment=pulled)
    staffing.commitment_pull_back(
        by=people["it.manager"],
        commitment=pulled,
        from_date=monday - timedelta(weeks=1),
        reason="Needed for the year-end server move. 年底服务器搬迁需要他。",
    )
    _answered_after(it_key_user, days=3)

    # Finance: resistance. Asked a week ago, no answer.
    ask("finance", Purpose.KEY_USER, "8", 8, 7)

    # Waiting on the people who try the demo (README): Sales has a fresh request to answer,
    # and IT has committed member3 to more testing, which member3 has not confirmed yet.
    fresh = staffing.staffing_request_create(
        by=ceo,
        rollout=rollout,
        department=departments["sales"],
        purpose=Purpose.PROCESS_ANALYSIS,
        hours_per_week=Decimal("6"),
        start_date=monday + timedelta(weeks=1),
        end_date=monday + timedelta(weeks=7, days=-1),
        note="Map the quote-to-order process. 梳理报价到订单流程。",
    )
    StaffingRequest.objects.filter(pk=fresh.pk).update(
        created_at=timezone.now() - timedelta(days=2)
    )
    testing = ask("it", Purpose.TESTING, "4", 4, 3)
    staffing.staffing_answer(
        by=people["it.manager"], request=testing, people=[(people["member3"], Decimal("4"))]
    )

    for manager, stance, reason in (
        ("sales.manager", "driving", "Sent two people the day after the request. 第二天就派了人。"),
        (
            "it.manager",
            "friction",
            "Gives less than asked and pulls people back. 给人不足且中途撤人。",
        ),
        (
            "finance.manager",
            "resistance",
            "Has not answered the key-user request. 未答复关键用户请求。",
        ),
    ):
        staffing.stance_assess(
            by=ceo, rollout=rollout, manager=people[manager], stance=stance, reason=reason
        )
    reminders_sweep()
    reminders_dispatch()


def _answered_after(request: StaffingRequest, *, days: int) -> None:
    StaffingRequest.objects.filter(pk=request.pk).update(
        answered_at=request.created_at + timedelta(days=days)
    )
