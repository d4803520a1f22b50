"""Hypothesis-generated input to the forms: each request is saved valid or refused with a
message, never a server error. Each field is either its valid value or hostile text (HTML,
NUL characters, huge numbers, dates that do not exist, ids that are no ids), so the fuzz
gets past the id lookups and the form's checks to the services. The field names are read
from the forms themselves, and `test_the_valid_submission_is_saved` shows that the valid
values together are saved.

Ids that views read from POST themselves, outside any form (RAW_IDS: `blocker`,
`notification`, `member`, `vendor`, the vendor and criterion ids in a scorecard field's
name), all go through one parser (`core.views.posted_id`); given text that is no
id, each view answers without a server error and writes nothing."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django import forms
from django.conf import settings as django_settings
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from demo.keys import demo_task
from gates.forms import AdviceForm, CriterionForm, DecisionForm
from gates.selectors.evidence_pack import evidence_pack
from goals.forms import GoalTextForm, TargetForm
from notifications.forms import NotificationPreferencesForm
from notifications.models import Notification
from roles.forms import LanguageForm, RoleAssignForm, RoleEndForm
from roles.models import Role, Seat, User
from roles.services.assignments import role_assign
from selection import services as selection
from selection.forms import (
    CostBenefitForm,
    NegotiationForm,
    RecommendationForm,
    VendorForm,
    WeightsForm,
)
from selection.models import CostBenefit, Score, Submission, Vendor
from selection.selectors import weighting_of_rollout
from staffing import forms as staffing_forms
from staffing.selectors import people_for_request
from tests.test_authorization_matrix import matrix_context
from tests.work.edit_data import objective_posted, task_posted, workstream_posted
from work.bulk_forms import BulkChangeForm
from work.forms import (
    CorrectionForm,
    ObjectiveEditForm,
    ObjectiveForm,
    QualityReviewForm,
    SendBackForm,
    TaskEditForm,
    TaskForm,
    TaskLogForm,
    WorkstreamEditForm,
    WorkstreamForm,
)
from work.models import Task
from work.qualities import QUALITY_FIELDS

pytestmark = pytest.mark.django_db

TEXT = st.one_of(
    st.text(max_size=60),
    st.sampled_from(["", " ", "\x00", "<script>x</script>", "-1", "1e309", "9" * 40, "2027-02-30",
                     "0", "24.01", "NaN", "'; DROP TABLE x; --", "../../etc/passwd"]),
)  # fmt: skip
Ctx = dict[str, Any]


def names(form: forms.BaseForm) -> list[str]:
    """The fields a form reads from the POST data, those it adds in __init__ included."""
    return [n for n, field in form.fields.items() if not isinstance(field, forms.FileField)]


def as_posted(instance: Any, form: type[forms.ModelForm[Any]]) -> Ctx:
    """A saved object's values for a model form's fields, as a browser posts them."""
    values = forms.model_to_dict(instance, fields=list(form.base_fields))
    return {k: "" if v is None else v for k, v in values.items()}


def later(days: int) -> str:
    return str(timezone.localdate() + timedelta(days=days))


def answering(ctx: Ctx) -> list[User]:
    """The people the sales manager answers the request with: a row of the form each."""
    return list(people_for_request(request=ctx["sales_request"]))


def scorecard(ctx: Ctx) -> Ctx:
    """score_<vendor>_<criterion> and comment_<vendor>_<criterion> for each vendor and each
    criterion of sel.it's seat: the view reads them by name (the scorecard has no form)."""
    criteria = selection.criteria_for(ctx["demo"]["sel.it"], ctx["crm"])
    cells = [f"{v.pk}_{c.pk}" for v in Vendor.objects.filter(rollout=ctx["crm"]) for c in criteria]
    return {
        **{f"score_{cell}": "4" for cell in cells},
        **{f"comment_{cell}": "Meets the need." for cell in cells},
        "confirm": "yes",  # Submit's question answered (the Save view ignores it)
    }


def decision(ctx: Ctx) -> Ctx:
    gate = ctx["select_gate"]
    empty_conditions = {f"{part}_{n}": "" for part in ("condition", "owner", "due")
                        for n in range(1, DecisionForm.CONDITION_ROWS + 1)}  # fmt: skip
    return {
        "outcome": "go", "reason": "The evidence holds.", "decide_again_on": "",
        "recycle_work": "", "recycle_phase": "", "recycle_tasks": "", "vendor": "",
        "vendor_reason": "", "gate_version": gate.version,
        "evidence_fingerprint": evidence_pack(gate=gate).fingerprint,
        "submission": "6f1c1d3e-0b4e-4c1a-9a57-0d0c6e2f9b11", **empty_conditions,
    }  # fmt: skip


def senior_on_the_pilot(ctx: Ctx) -> None:
    """Scoring has opened on the CRM, which takes no new vendors or weights any more; on the
    pilot, with sel.senior seated there too, both are saved."""
    pilot, demo = ctx["pilot"], ctx["demo"]
    selection.selection_setup(rollout=pilot)
    role_assign(
        by=demo["pilot.lead"], rollout=pilot, person=demo["sel.senior"], role=Role.SELECTOR,
        seat=Seat.SENIOR,
    )  # fmt: skip


def reopen_sel_it(ctx: Ctx) -> None:
    """sel.it submitted in the demo: reopened, the scorecard saves again."""
    demo = ctx["demo"]
    selection.scores_reopen(
        by=demo["sel.senior"], rollout=ctx["crm"], member=demo["sel.it"], reason="Fuzzing."
    )


NONE = User.objects.none()


def bulk_names() -> list[str]:
    form = BulkChangeForm(members=[])
    return [form.add_prefix(name) for name in names(form)]


@dataclass(frozen=True)
class Fuzzed:
    url: str
    target: str | None  # the matrix context's object in the URL; None: the rollout; "": none
    who: str
    fields: Callable[[Ctx], list[str]]  # read from the code
    valid: Callable[[Ctx], Ctx]  # a value for every field: together, a submission saved
    rollout: str = "crm"  # the rollout in the URL
    prepare: Callable[[Ctx], None] | None = None  # once, before the first request
    # URL arguments other than a `pk` (a comment's target kind and id); `target` unused.
    kwargs: Callable[[Ctx], Ctx] | None = None


FORMS = {
    "log": Fuzzed(
        "work:task_log", "member1_task", "member1", lambda c: names(TaskLogForm()),
        lambda c: {"work_date": later(0), "hours": "1", "progress": "10", "note": "Mapped."},
    ),
    "staffing request": Fuzzed(
        "staffing:staffing_request_new",
        None, "ceo", lambda c: names(staffing_forms.StaffingRequestForm(departments=NONE)),
        lambda c: {"department": c["demo"]["it.manager"].department_id, "purpose": "testing",
                   "hours_per_week": "4", "start_date": later(7), "end_date": later(21),
                   "note": ""},
    ),
    "role": Fuzzed(
        "roles:team_assign", None, "ceo", lambda c: names(RoleAssignForm(departments=[])),
        lambda c: {"person": c["demo"]["pilot.lead"].pk, "role": "member", "department": "",
                   "seat": ""},
    ),
    "decision": Fuzzed(
        "gates:gate_decide",
        "select_gate", "ceo", lambda c: names(DecisionForm(owners=NONE, gate=c["select_gate"])),
        decision,
    ),
    "review": Fuzzed(
        "work:quality_review_new", None, "sales.manager",
        lambda c: names(QualityReviewForm(members=NONE)),
        lambda c: {"member": c["demo"]["member2"].pk, "period": later(0)[:7], "comment": "",
                   **dict.fromkeys(QUALITY_FIELDS, "4")},
    ),
    # The view reads the vendor's id itself, then the form.
    "cost benefit": Fuzzed(
        "selection:cost_benefit",
        None, "sel.finance", lambda c: ["vendor", *CostBenefitForm.base_fields],
        lambda c: {"vendor": c["vendor"].pk, "years": "5", "discount_rate": "8", "training": "0",
                   "hardware": "0", "yearly_benefit": "100000"},
    ),
    # No form class: the view reads these two by name.
    "reopen": Fuzzed(
        "selection:scores_reopen", None, "sel.senior", lambda c: ["member", "reason"],
        lambda c: {"member": c["demo"]["sel.it"].pk, "reason": "A score was mistyped."},
    ),
    "language": Fuzzed(
        "roles:language_set", "", "member1", lambda c: names(LanguageForm()),
        lambda c: {"language": "zh-hans", "next": "/"},
    ),
    "objective": Fuzzed(
        "work:objective_new",
        None, "sales.manager", lambda c: names(ObjectiveForm(departments=NONE)),
        lambda c: {"department": c["demo"]["sales.manager"].department_id, "title": "Quotes",
                   "target": "All quotes in the CRM", "due_date": later(30)},
    ),
    "role end": Fuzzed(
        "roles:team_end", "member2_assignment", "ceo", lambda c: names(RoleEndForm()),
        lambda c: {"reason": "Moved to another team."},
    ),
    "staffing answer": Fuzzed(
        "staffing:staffing_answer", "sales_request", "sales.manager",
        lambda c: names(staffing_forms.StaffingAnswerForm(people=answering(c))),
        lambda c: {"reason": "", **{f"{kind}_{p.pk}": value for p in answering(c)
                                    for kind, value in (("hours", "1"), ("share", "5"))}},
    ),
    "commitment conflict": Fuzzed(
        "staffing:commitment_conflict",
        "member1_commitment", "member1", lambda c: names(staffing_forms.ReasonForm()),
        lambda c: {"reason": "On leave that week."},
    ),
    "commitment change": Fuzzed(
        "staffing:commitment_change", "member1_commitment", "sales.manager",
        lambda c: names(staffing_forms.CommitmentChangeForm()),
        lambda c: {"hours_per_week": "2", "from_date": later(14), "reason": "Busy season."},
    ),
    "commitment pull back": Fuzzed(
        "staffing:commitment_pull_back", "member1_commitment", "sales.manager",
        lambda c: names(staffing_forms.PullBackForm()),
        lambda c: {"from_date": later(14), "reason": "Needed in sales."},
    ),
    "stance": Fuzzed(
        "staffing:stance_assess", None, "ceo",
        lambda c: names(staffing_forms.StanceForm(managers=NONE)),
        lambda c: {"manager": c["demo"]["sales.manager"].pk, "stance": "driving",
                   "reason": "Sends people on time."},
    ),
    "log correction": Fuzzed(
        "work:log_correct", "member1_log", "member1", lambda c: names(CorrectionForm()),
        lambda c: {"hours_change": "0.5", "reason": "Forgot the afternoon."},
    ),
    "send back": Fuzzed(
        "work:task_send_back", "claimed_task", "sales.manager", lambda c: names(SendBackForm()),
        lambda c: {"reason": "The mapping misses the tax number."},
    ),
    "workstream": Fuzzed(
        "work:workstream_new", None, "ceo", lambda c: names(WorkstreamForm()),
        lambda c: {"name": "Quotes", "description": "", "is_core": "on",
                   "departments": [c["demo"]["sales.manager"].department_id]},
    ),
    "task": Fuzzed(
        "work:task_new", None, "ceo",
        lambda c: names(TaskForm(rollout=c["crm"], departments=NONE, members=NONE)),
        lambda c: {"title": "Quotes", "description": "", "workstream": c["workstream"].pk,
                   "objective": "", "department": c["demo"]["member1"].department_id,
                   "assignees": [c["demo"]["member1"].pk], "due_date": later(30),
                   "estimate_hours": "2", "priority": "2", "blocked_by": []},
    ),
    # The edit forms: the current values, one of them changed, and the version they make.
    "task edit": Fuzzed(
        "work:task_edit", "member1_task", "sales.manager",
        lambda c: names(TaskEditForm(task=c["member1_task"], departments=NONE, members=NONE)),
        lambda c: task_posted(c["member1_task"], title="Define the customer fields, v2"),
    ),
    "objective edit": Fuzzed(
        "work:objective_edit", "sales_objective", "sales.manager",
        lambda c: names(ObjectiveEditForm(departments=NONE)),
        lambda c: objective_posted(c["sales_objective"], target="1,300 customer records"),
    ),
    "workstream edit": Fuzzed(
        "work:workstream_edit", "shared_workstream", "ceo", lambda c: names(WorkstreamEditForm()),
        lambda c: workstream_posted(c["shared_workstream"], description="One record each."),
    ),
    "gate advice": Fuzzed(
        "gates:gate_recommend", "select_gate", "sales.manager", lambda c: names(AdviceForm()),
        lambda c: {"advice": "go", "reason": "Sales is ready."},
    ),
    "criterion": Fuzzed(
        "gates:criterion_new", "select_gate", "ceo", lambda c: names(CriterionForm(people=NONE)),
        lambda c: {"text": "Quotes are in the CRM", "confirmer": c["demo"]["member1"].pk},
    ),
    "notification preferences": Fuzzed(
        "notifications:notification_preferences",
        "", "member1", lambda c: names(NotificationPreferencesForm()),
        lambda c: {"email_reminders": "on", "email_digest": "weekly"},
    ),
    "vendor": Fuzzed(
        "selection:vendor_new", None, "sel.senior", lambda c: names(VendorForm()),
        lambda c: {**as_posted(c["vendor"], VendorForm), "name": "Fuzzed vendor"},
        rollout="pilot", prepare=senior_on_the_pilot,
    ),
    "weights": Fuzzed(
        "selection:selection_weights", None, "sel.senior", lambda c: names(WeightsForm()),
        lambda c: as_posted(weighting_of_rollout(rollout=c["crm"]), WeightsForm),
        rollout="pilot", prepare=senior_on_the_pilot,
    ),
    "negotiation": Fuzzed(
        "selection:negotiation",
        None, "sel.negotiator", lambda c: names(NegotiationForm(rollout=c["crm"])),
        lambda c: {"vendor": c["vendor"].pk, "kind": "offer", "text": "10 % off",
                   "price_per_user_year": "900", "final": ""},
    ),
    "recommendation": Fuzzed(
        "selection:selection_recommend", None, "sel.senior",
        lambda c: names(RecommendationForm(rollout=c["crm"])),
        lambda c: {"vendor": c["vendor"].pk, "reasoning": "Best on price and service."},
    ),
    "scorecard": Fuzzed(
        "selection:scorecard", None, "sel.it",
        lambda c: list(scorecard(c)),
        scorecard,
        prepare=reopen_sel_it,
    ),
    "goal": Fuzzed(
        "goals:goal_text", None, "ceo", lambda c: names(GoalTextForm()),
        lambda c: {"goal": "Ten-day lead-to-order, core process first."},
    ),
    "goal target": Fuzzed(
        "goals:target_new", None, "ceo", lambda c: names(TargetForm(people=NONE)),
        lambda c: {"measure": "Quote turnaround", "unit": "h", "baseline": "48", "target": "24",
                   "due_date": later(60), "owner": c["demo"]["member1"].pk},
    ),
    "goal target edit": Fuzzed(
        "goals:target_edit", "lead_target", "ceo", lambda c: names(TargetForm(people=NONE)),
        lambda c: {"measure": c["lead_target"].measure, "unit": "days", "baseline": "21",
                   "target": "9", "due_date": later(200),
                   "owner": c["demo"]["sales.manager"].pk},
    ),
    # One form a target on the page, so its fields carry the target's prefix.
    "goal actual": Fuzzed(
        "goals:actual_new", "lead_target", "sales.manager",
        lambda c: [f"t{c['lead_target'].pk}-as_of", f"t{c['lead_target'].pk}-value"],
        lambda c: {f"t{c['lead_target'].pk}-as_of": later(0),
                   f"t{c['lead_target'].pk}-value": "15.5"},
    ),
    # No form class: the views read these by name.
    "task dependency": Fuzzed(
        "work:task_depend", "member1_task", "ceo", lambda c: ["blocker"],
        lambda c: {"blocker": c["blocker"].pk},
    ),
    "notification read": Fuzzed(
        "notifications:notifications_read", "", "member1", lambda c: ["notification"],
        lambda c: {"notification": c["member1_notification"].pk},
    ),
    # No form class: the views read the comment's text by name.
    "comment": Fuzzed(
        "discussion:comment_new", None, "sales.manager", lambda c: ["body"],
        lambda c: {"body": "@member1 see https://example.com/fields"},
        kwargs=lambda c: {"rollout_pk": c["crm"].pk, "kind": "task",
                          "target_pk": c["member1_task"].pk},
    ),
    "comment edit": Fuzzed(
        "discussion:comment_edit", "member1_comment", "member1", lambda c: ["body"],
        lambda c: {"body": "Second look, @sales.manager."},
    ),
    "condition met": Fuzzed(
        "gates:condition_met", "condition", "ceo", lambda c: ["note"],
        lambda c: {"note": "The contract is signed."},
    ),
    # The board's bulk change: the form's fields (prefixed), the checked tasks and the
    # board's query string to return to.
    "bulk change": Fuzzed(
        "work:tasks_bulk", None, "sales.manager",
        lambda c: ["tasks", "back", *bulk_names()],
        lambda c: {"tasks": [c["member1_task"].pk], "back": "?status=open",
                   "bulk-change": "redate", "bulk-assignee": "", "bulk-due_date": later(30)},
    ),
    # Submit posts the scorecard's fields too: they are saved and submitted together.
    "score submission": Fuzzed(
        "selection:scores_submit", None, "sel.it",
        lambda c: list(scorecard(c)),
        scorecard,
        prepare=reopen_sel_it,
    ),
}  # fmt: skip


def base_context(demo, crm, pilot) -> Ctx:
    return {
        **matrix_context(demo, crm, pilot),
        "vendor": Vendor.objects.filter(rollout=crm).earliest("pk"),
        "workstream": crm.workstreams.earliest("pk"),
        "blocker": demo_task(crm, "cleanup_batch1"),
    }


@pytest.fixture
def ctx(demo, crm, pilot, name) -> Ctx:
    context = base_context(demo, crm, pilot)
    form = FORMS[name]
    if form.prepare:
        form.prepare(context)
    # Read once, before any request, as a browser reads the page once.
    context["fields"], context["valid"] = form.fields(context), form.valid(context)
    return context


def url(name: str, ctx: Ctx) -> str:
    return form_url(FORMS[name], ctx)


def form_url(form: "Fuzzed | RawId", ctx: Ctx) -> str:
    if isinstance(form, Fuzzed) and form.kwargs is not None:
        return reverse(form.url, kwargs=form.kwargs(ctx))
    if form.target == "":
        return reverse(form.url)
    rollout = ctx[form.rollout].pk
    if form.target is None:
        return reverse(form.url, kwargs={"rollout_pk": rollout})
    return reverse(form.url, kwargs={"rollout_pk": rollout, "pk": ctx[form.target].pk})


@pytest.mark.parametrize("name", list(FORMS))
def test_the_valid_submission_is_saved(client, ctx, name):
    form = FORMS[name]
    assert sorted(ctx["valid"]) == sorted(ctx["fields"])
    client.force_login(ctx["demo"][form.who])
    response = client.post(url(name, ctx), ctx["valid"])
    assert response.status_code == 302, response.content.decode()[-3000:]
    if name == "language":  # the one form without a message: it sets the cookie
        assert response.cookies[django_settings.LANGUAGE_COOKIE_NAME].value == "zh-hans"
    else:  # saved, as the message says, not refused with one
        assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["success"]


def budget(fields: int) -> int:
    """A form's examples. Each field is drawn valid or odd on its own, so a form of one field
    meets its odd values in a few examples and a wide form needs more to meet each of its
    fields odd beside valid others; 25 was every form's flat budget."""
    return min(25, 6 + 3 * fields)


@pytest.mark.fuzz
@pytest.mark.parametrize("name", list(FORMS))
def test_every_form(client, ctx, name):
    fields = st.fixed_dictionaries(
        {field: st.one_of(st.just(ctx["valid"][field]), TEXT) for field in ctx["fields"]}
    )

    @settings(max_examples=budget(len(ctx["fields"])))
    @given(values=fields)
    def post(values: Ctx) -> None:
        client.force_login(ctx["demo"][FORMS[name].who])
        assert client.post(url(name, ctx), values).status_code < 500

    post()


@settings(max_examples=25)
@given(content=st.binary(max_size=2000), filename=st.sampled_from(["t.xlsx", "t.csv", "x"]))
def test_the_task_import_upload(client, demo, crm, content, filename):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(demo["ceo"])
    upload = SimpleUploadedFile(filename, content)
    assert (
        client.post(reverse("work:tasks_import", args=[crm.pk]), {"file": upload}).status_code < 500
    )


@settings(max_examples=25)
@given(content=st.binary(max_size=2000), filename=st.sampled_from(["v.xlsx", "v.csv", "x"]))
def test_the_goal_values_import_upload(client, demo, crm, content, filename):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(demo["ceo"])
    upload = SimpleUploadedFile(filename, content)
    answer = client.post(reverse("goals:actuals_import", args=[crm.pk]), {"file": upload})
    assert answer.status_code < 500


# --- ids read from POST outside a form --------------------------------------------------

# Text that is no id: digits that are not ASCII ("²".isdigit() is True, int("²") fails),
# signs, spaces, decimals, too big for any column, NUL, markup; and ids of nothing.
NO_IDS = ["²", "١", "１", "-1", "0", "", " ", " 1", "1 ", "1.0", "1e3", "0x1", "+1", "9" * 40,
          str(2**63), "\x00", "1\x00", "<script>x</script>", "1; DROP TABLE x", "None",
          str(2**62), "999999999"]  # fmt: skip
GARBAGE = st.one_of(
    st.sampled_from(NO_IDS),
    st.text(max_size=30).filter(lambda text: not (text.isascii() and text.isdigit())),
)


def criterion_of_sel_it(ctx: Ctx) -> int:
    return selection.criteria_for(ctx["demo"]["sel.it"], ctx["crm"])[0].pk


def cell(vendor: object, criterion: object) -> Ctx:
    """One scorecard cell, the ids in the field names as the page writes them."""
    return {f"score_{vendor}_{criterion}": "4", f"comment_{vendor}_{criterion}": "Fits."}


@dataclass(frozen=True)
class RawId:
    url: str
    target: str | None  # as in Fuzzed
    who: str
    posted: Callable[[Ctx, str], Ctx]  # the request with `id_text` where the id goes
    written: Callable[[Ctx], object]  # what a save would change: compared before and after
    rollout: str = "crm"
    prepare: Callable[[Ctx], None] | None = None


RAW_IDS = {
    "blocker": RawId(
        "work:task_depend", "member1_task", "ceo", lambda c, id_text: {"blocker": id_text},
        lambda c: sorted(Task.blocked_by.through.objects.values_list("from_task", "to_task")),
    ),
    "notification": RawId(
        "notifications:notifications_read",
        "", "member1", lambda c, id_text: {"notification": id_text},
        lambda c: list(Notification.objects.order_by("pk").values_list("pk", "read_at")),
    ),
    "member": RawId(
        "selection:scores_reopen", None, "sel.senior",
        lambda c, id_text: {"member": id_text, "reason": "A score was mistyped."},
        lambda c: list(Submission.objects.order_by("pk").values_list("pk", "reopened_at")),
    ),
    "vendor": RawId(
        "selection:cost_benefit", None, "sel.finance",
        lambda c, id_text: {"vendor": id_text, "years": "5", "discount_rate": "8",
                            "training": "0", "hardware": "0", "yearly_benefit": "100000"},
        lambda c: list(CostBenefit.objects.order_by("pk").values()),
    ),
    "scorecard vendor": RawId(
        "selection:scorecard", None, "sel.it",
        lambda c, id_text: cell(id_text, criterion_of_sel_it(c)),
        lambda c: list(Score.objects.order_by("pk").values_list("pk", "score", "comment")),
        prepare=reopen_sel_it,
    ),
    "scorecard criterion": RawId(
        "selection:scorecard", None, "sel.it",
        lambda c, id_text: cell(c["vendor"].pk, id_text),
        lambda c: list(Score.objects.order_by("pk").values_list("pk", "score", "comment")),
        prepare=reopen_sel_it,
    ),
    "bulk task": RawId(
        "work:tasks_bulk", None, "sales.manager",
        lambda c, id_text: {"tasks": id_text, "bulk-change": "redate",
                            "bulk-due_date": later(30)},
        lambda c: sorted(Task.objects.values_list("pk", "due_date")),
    ),
}  # fmt: skip


def valid_id(name: str, ctx: Ctx) -> str:
    return str({
        "blocker": ctx["blocker"].pk, "notification": ctx["member1_notification"].pk,
        "member": ctx["demo"]["sel.it"].pk, "vendor": ctx["vendor"].pk,
        "scorecard vendor": ctx["vendor"].pk, "scorecard criterion": criterion_of_sel_it(ctx),
        "bulk task": ctx["member1_task"].pk,
    }[name])  # fmt: skip


@pytest.fixture
def raw_ctx(demo, crm, pilot, raw) -> Ctx:
    context = base_context(demo, crm, pilot)
    prepare = RAW_IDS[raw].prepare
    if prepare:
        prepare(context)
    return context


def post_raw(client, ctx: Ctx, raw: str, id_text: str) -> tuple[int, bool]:
    """The answer's status, and whether anything was written."""
    field = RAW_IDS[raw]
    client.force_login(ctx["demo"][field.who])
    before = field.written(ctx)
    status = client.post(form_url(field, ctx), field.posted(ctx, id_text)).status_code
    return status, field.written(ctx) != before


@pytest.mark.parametrize("raw", list(RAW_IDS))
def test_a_valid_raw_id_is_acted_on(client, raw_ctx, raw):
    """The check below could fail: with a real id, each of these views writes."""
    assert post_raw(client, raw_ctx, raw, valid_id(raw, raw_ctx)) == (302, True)


@pytest.mark.parametrize("raw", list(RAW_IDS))
def test_text_that_is_no_id_is_refused_and_writes_nothing(client, raw_ctx, raw):
    for id_text in NO_IDS:
        status, wrote = post_raw(client, raw_ctx, raw, id_text)
        assert status in (302, 400, 404), repr(id_text)
        assert not wrote, repr(id_text)


@pytest.mark.parametrize("raw", list(RAW_IDS))
@settings(max_examples=15)
@given(id_text=GARBAGE)
def test_every_raw_id(client, raw_ctx, raw, id_text):
    status, wrote = post_raw(client, raw_ctx, raw, id_text)
    assert status < 500
    assert not wrote
