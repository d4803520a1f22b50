"""One rollout from "decide to adopt" through go-live to the Improve gate, in the browser,
as its executive does it (issue #14): a goal target, two of the article's risks, the
vendor chosen (none recommended: with the reason) and the approach, a Recycle that reopens
two tasks done, then Go at every gate to the Improve gate, where the success formula and
the criteria read what was recorded; then a monthly adoption measure that turns the Improve
gate's criterion met, and the realised benefit beside the expected one."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from playwright.sync_api import Page, expect

from gates.models import Gate
from gates.setup import rollout_create
from goals.adoption_selectors import previous_month
from goals.models import AdoptionKind, AdoptionMeasure
from risks.models import Risk
from roles.models import Department, Role, User
from roles.services import role_assign
from selection.models import CostBenefit, Vendor
from tests.browser.conftest import sign_in
from tests.browser.language import use_language
from tests.browser.test_adoption_journey import WORDS as ADOPTION_WORDS
from tests.browser.test_risk_journey import OTHERS
from work import services as work
from work.models import Task

pytestmark = pytest.mark.browser


def a_new_rollout(language: str) -> tuple[int, list[Task], Vendor]:
    """A rollout nothing was decided on: the demo's executive, the Sales manager and two
    members, two tasks done (claimed) for the Recycle to reopen, two vendors."""
    admin, ceo = User.objects.get(username="admin"), User.objects.get(username="ceo")
    rollout = rollout_create(
        by=admin,
        name=f"Field service rollout ({language})",
        company="Huaxin",
        goal="Cut repair turnaround by moving field service into the CRM",
        executive=ceo,
    )
    sales = Department.objects.get(code="sales")
    role_assign(
        by=admin,
        rollout=rollout,
        person=User.objects.get(username="sales.manager"),
        role=Role.MANAGER,
        department=sales,
    )
    member = User.objects.get(username="member1")
    role_assign(by=admin, rollout=rollout, person=member, role=Role.MEMBER)
    stream = work.workstream_create(
        by=ceo, rollout=rollout, name="Service orders", is_core=True, department_ids=[sales.pk]
    )
    tasks = []
    for title in ("Map the repair order", "Migrate the service contracts"):
        task = work.task_create(
            by=ceo,
            rollout=rollout,
            title=title,
            workstream=stream,
            department_id=sales.pk,
            assignees=[member],
            due_date=timezone.localdate() + timedelta(days=20),
            estimate_hours=Decimal(8),
        )
        tasks.append(work.task_claim_done(by=member, task=task))
    vendor = Vendor.objects.create(
        rollout=rollout, name="ServiceCloud", price_per_user_year=900, implementation_fee=50000
    )
    Vendor.objects.create(
        rollout=rollout, name="FieldPro", price_per_user_year=700, implementation_fee=30000
    )
    # The finance seat's expected yearly benefit of the vendor the executive will choose.
    CostBenefit.objects.create(vendor=vendor, yearly_benefit=Decimal(400000))
    return rollout.pk, tasks, vendor


def decide(page: Page, site: str, rollout_pk: int, key: str, outcome: str, reason: str) -> Gate:
    gate = Gate.objects.get(rollout_id=rollout_pk, key=key)
    page.goto(site + reverse("gates:gate_detail", args=[rollout_pk, gate.pk]))
    page.locator(f'input[name="outcome"][value="{outcome}"]').check()
    page.locator('textarea[name="reason"]').fill(reason)
    return gate


def record(page: Page, language: str) -> None:
    page.get_by_role("button", name=said(language, "Record the decision")).click()


def one_target(language: str) -> str:
    with translation.override(language):
        return translation.ngettext("%(count)s target", "%(count)s targets", 1) % {"count": 1}


def said(language: str, text: str) -> str:
    with translation.override(language):
        return str(translation.gettext(text))


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_executive_takes_a_rollout_from_adoption_to_the_improve_gate(
    page: Page, site, language
):
    rollout_pk, tasks, vendor = a_new_rollout(language)
    sign_in(page, site, "ceo")
    use_language(page, site, language)
    passed = said(language, "Passed")

    # The goal, measurable: one target, owned by the Sales manager.
    page.goto(site + reverse("goals:goal", args=[rollout_pk]))
    page.locator("#id_measure").fill("Repair turnaround")
    page.locator("#id_unit").fill("days")
    page.locator("#id_baseline").fill("10")
    page.locator("#id_target").fill("4")
    page.locator("#id_due_date").fill((timezone.localdate() + timedelta(days=180)).isoformat())
    page.locator("#id_owner").select_option(label="Li Na (李娜)")
    page.get_by_role("button", name=said(language, "Set the target")).click()
    expect(page.locator("#targets-table")).to_contain_text("Repair turnaround")

    # Two of the article's risks, from the starting entries; the register reviewed.
    page.goto(site + reverse("risks:risks", args=[rollout_pk]))
    for other in OTHERS[language][:2]:  # the figurehead and the resisting managers
        page.get_by_label(other).uncheck()
    page.get_by_role("button", name=said(language, "Add the chosen risks")).click()
    expect(page.locator("#risk-register tbody tr")).to_have_count(2)
    page.get_by_text(said(language, "Mark the register reviewed")).click()
    page.get_by_role("button", name=said(language, "Mark reviewed")).click()
    expect(page.get_by_role("status").first).to_contain_text(
        said(language, "The risk register is marked reviewed.")
    )
    assert Risk.objects.filter(rollout_id=rollout_pk).count() == 2

    # Decide to adopt: Go; its criteria read the goal's target and the review.
    adopt = decide(page, site, rollout_pk, "adopt", "go", "The goal is measurable; we adopt.")
    expect(page.locator("#criteria")).to_contain_text(one_target(language))
    record(page, language)
    expect(page.locator("#gate-status")).to_have_text(passed)

    # Select the system: first a Recycle naming the two tasks done, which reopen.
    decide(page, site, rollout_pk, "select", "recycle", "Map the orders again first")
    page.locator('select[name="recycle_tasks"]').select_option([str(t.pk) for t in tasks])
    record(page, language)
    expect(page.locator("#decisions")).to_contain_text(tasks[1].title)
    assert set(
        Task.objects.filter(pk__in=[t.pk for t in tasks]).values_list("status", flat=True)
    ) == {"open"}
    # Then Go, naming the vendor: with no recommendation, the reason is asked for.
    decide(page, site, rollout_pk, "select", "go", "Service first")
    page.locator('select[name="vendor"]').select_option(str(vendor.pk))
    page.locator('textarea[name="vendor_reason"]').fill("Engineers on site in our city")
    record(page, language)
    expect(page.locator("#gate-status")).to_have_text(passed)
    expect(page.locator(".decision-vendor").first).to_contain_text("ServiceCloud")

    # Contract: Go, recording the approach; the plan shows it.
    decide(page, site, rollout_pk, "contract", "go", "Signed")
    page.locator('select[name="approach_style"]').select_option("all_at_once")
    page.locator('textarea[name="vendor_method"]').fill("Two-week sprints with our key users")
    record(page, language)
    expect(page.locator("#gate-status")).to_have_text(passed)
    page.goto(site + reverse("work:plan", args=[rollout_pk]))
    expect(page.locator("body")).to_contain_text("Two-week sprints with our key users")

    # Implement and go live.
    for key in ("implement", "go_live"):
        decide(page, site, rollout_pk, key, "go", f"{key}: done")
        record(page, language)
        expect(page.locator("#gate-status")).to_have_text(passed)

    # The Improve gate waits: its evidence shows the formula and reads the record.
    improve = Gate.objects.get(rollout_id=rollout_pk, key="improve")
    page.goto(site + reverse("gates:gate_detail", args=[rollout_pk, improve.pk]))
    expect(page.locator("#gate-status")).not_to_have_text(passed)
    formula = page.locator(".success-formula")
    expect(formula.locator('[data-panel="system"]')).to_contain_text("ServiceCloud")
    expect(formula.locator('[data-panel="method"]')).to_contain_text(
        said(language, "Open high risks / mitigations overdue")
    )
    adoption = page.locator("#criteria li").filter(has_text=ADOPTION_WORDS[language]["criterion"])
    expect(adoption.locator(".text-bg-danger")).to_have_count(1)

    # After go-live: a monthly adoption measure, last month's figure for Sales recorded.
    page.goto(site + reverse("goals:adoption", args=[rollout_pk]))
    measure_form = page.locator("#measure-form")
    measure_form.locator("#id_name").fill("Service orders entered in the CRM")
    measure_form.locator("#id_unit").fill("%")
    measure_form.locator("#id_kind").select_option(AdoptionKind.IN_CRM.value)
    measure_form.locator("#id_target").fill("90")
    measure_form.get_by_role("button", name=said(language, "Define the measure")).click()
    measure = AdoptionMeasure.objects.get(rollout_id=rollout_pk)
    values = page.locator("#adoption-value-form")
    values.locator("#id_measure").select_option(str(measure.pk))
    values.locator("#id_department").select_option(str(Department.objects.get(code="sales").pk))
    values.locator("#id_month").fill(f"{previous_month(timezone.localdate()):%Y-%m}")
    values.locator("#id_value").fill("62")
    values.get_by_role("button", name=said(language, "Record")).click()
    expect(page.locator(f"#adoption-{measure.pk} tr[data-department='sales']")).to_contain_text(
        "62"
    )
    page.goto(site + reverse("gates:gate_detail", args=[rollout_pk, improve.pk]))
    expect(adoption.locator(".text-bg-success")).to_have_count(1)

    # Benefits realisation: the realised yearly benefit against the finance seat's expected.
    page.goto(site + reverse("gates:benefits", args=[rollout_pk]))
    page.locator("#id_yearly_amount").fill("120000")
    page.locator("#id_as_of").fill(timezone.localdate().isoformat())
    page.locator("#benefit-form").get_by_role("button", name=said(language, "Record")).click()
    expect(page.locator("#expected-benefit")).to_have_text("¥400,000")
    expect(page.locator("#realised-benefit")).to_contain_text("¥120,000")
    expect(page.locator("#benefit-share")).to_have_text("30 %")
    expect(page.locator("#target-realisation")).to_contain_text("Repair turnaround")
    assert adopt.pk != improve.pk
