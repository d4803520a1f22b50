"""Hypothesis-generated input to the forms: each request is saved valid or refused with a
message, never a server error. Each field is either its valid value or hostile text (HTML,
NUL characters, huge numbers, dates that do not exist, ids that are no ids), so the fuzz
gets past the id lookups and the form's checks to the services. The field names are read
from the forms themselves, and `test_the_valid_submission_is_saved` shows that the valid
values together are saved."""

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
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roles.forms import (
    CommitmentChangeForm,
    LanguageForm,
    NotificationPreferencesForm,
    PullBackForm,
    QualityReviewForm,
    ReasonForm,
    RoleAssignForm,
    RoleEndForm,
    StaffingAnswerForm,
    StaffingRequestForm,
    StanceForm,
)
from roles.models import Role, Seat, User
from roles.qualities import QUALITY_FIELDS
from roles.selectors.staffing import people_for_request
from roles.services.assignments import role_assign
from rollout.forms import (
    CorrectionForm,
    CriterionForm,
    DecisionForm,
    ObjectiveForm,
    SendBackForm,
    TaskForm,
    TaskLogForm,
    WorkstreamForm,
)
from rollout.forms import RecommendationForm as AdviceForm
from rollout.selectors.evidence import evidence_pack
from selection import services as selection
from selection.forms import (
    CostBenefitForm,
    NegotiationForm,
    RecommendationForm,
    VendorForm,
    WeightsForm,
)
from selection.models import Vendor
from selection.selectors import weighting_of_rollout
from tests.test_authorization_matrix import matrix_context

pytestmark = pytest.mark.django_db

TEXT = st.one_of(
    st.text(max_size=60),
    st.sampled_from(["", " ", "\x00", "<script>x</script>", "-1", "1e309", "9" * 40, "2027-02-30",
                     "0", "24.01", "NaN", "'; DROP TABLE x; --", "../../etc/passwd"]),
)  # fmt: skip
FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
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
    }


def decision(ctx: Ctx) -> Ctx:
    gate = ctx["select_gate"]
    empty_conditions = {f"{part}_{n}": "" for part in ("condition", "owner", "due")
                        for n in range(1, DecisionForm.CONDITION_ROWS + 1)}  # fmt: skip
    return {
        "outcome": "go", "reason": "The evidence holds.", "decide_again_on": "",
        "recycle_work": "", "gate_version": gate.version,
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


@dataclass(frozen=True)
class Fuzzed:
    url: str
    target: str | None  # the matrix context's object in the URL; None: the rollout; "": none
    who: str
    fields: Callable[[Ctx], list[str]]  # read from the code
    valid: Callable[[Ctx], Ctx]  # a value for every field: together, a submission saved
    rollout: str = "crm"  # the rollout in the URL
    prepare: Callable[[Ctx], None] | None = None  # once, before the first request


FORMS = {
    "log": Fuzzed(
        "task_log", "member1_task", "member1", lambda c: names(TaskLogForm()),
        lambda c: {"work_date": later(0), "hours": "1", "progress": "10", "note": "Mapped."},
    ),
    "staffing request": Fuzzed(
        "staffing_request_new", None, "ceo", lambda c: names(StaffingRequestForm(departments=NONE)),
        lambda c: {"department": c["demo"]["it.manager"].department_id, "purpose": "testing",
                   "hours_per_week": "4", "start_date": later(7), "end_date": later(21),
                   "note": ""},
    ),
    "role": Fuzzed(
        "team_assign", None, "ceo", lambda c: names(RoleAssignForm()),
        lambda c: {"person": c["demo"]["pilot.lead"].pk, "role": "member", "department": "",
                   "seat": ""},
    ),
    "decision": Fuzzed(
        "gate_decide", "select_gate", "ceo", lambda c: names(DecisionForm(owners=NONE)), decision,
    ),
    "review": Fuzzed(
        "quality_review_new", None, "sales.manager",
        lambda c: names(QualityReviewForm(members=NONE)),
        lambda c: {"member": c["demo"]["member2"].pk, "period": later(0)[:7], "comment": "",
                   **dict.fromkeys(QUALITY_FIELDS, "4")},
    ),
    # The view reads the vendor's id itself, then the form.
    "cost benefit": Fuzzed(
        "cost_benefit", None, "sel.finance", lambda c: ["vendor", *CostBenefitForm.base_fields],
        lambda c: {"vendor": c["vendor"].pk, "years": "5", "discount_rate": "8", "training": "0",
                   "hardware": "0", "yearly_benefit": "100000"},
    ),
    # No form class: the view reads these two by name.
    "reopen": Fuzzed(
        "scores_reopen", None, "sel.senior", lambda c: ["member", "reason"],
        lambda c: {"member": c["demo"]["sel.it"].pk, "reason": "A score was mistyped."},
    ),
    "language": Fuzzed(
        "language_set", "", "member1", lambda c: names(LanguageForm()),
        lambda c: {"language": "zh-hans", "next": "/"},
    ),
    "objective": Fuzzed(
        "objective_new", None, "sales.manager", lambda c: names(ObjectiveForm(departments=NONE)),
        lambda c: {"department": c["demo"]["sales.manager"].department_id, "title": "Quotes",
                   "target": "All quotes in the CRM", "due_date": later(30)},
    ),
    "role end": Fuzzed(
        "team_end", "member2_assignment", "ceo", lambda c: names(RoleEndForm()),
        lambda c: {"reason": "Moved to another team."},
    ),
    "staffing answer": Fuzzed(
        "staffing_answer", "sales_request", "sales.manager",
        lambda c: names(StaffingAnswerForm(people=answering(c))),
        lambda c: {"reason": "", **{f"{kind}_{p.pk}": value for p in answering(c)
                                    for kind, value in (("hours", "1"), ("share", "5"))}},
    ),
    "commitment conflict": Fuzzed(
        "commitment_conflict", "member1_commitment", "member1", lambda c: names(ReasonForm()),
        lambda c: {"reason": "On leave that week."},
    ),
    "commitment change": Fuzzed(
        "commitment_change", "member1_commitment", "sales.manager",
        lambda c: names(CommitmentChangeForm()),
        lambda c: {"hours_per_week": "2", "from_date": later(14), "reason": "Busy season."},
    ),
    "commitment pull back": Fuzzed(
        "commitment_pull_back", "member1_commitment", "sales.manager",
        lambda c: names(PullBackForm()),
        lambda c: {"from_date": later(14), "reason": "Needed in sales."},
    ),
    "stance": Fuzzed(
        "stance_assess", None, "ceo", lambda c: names(StanceForm(managers=NONE)),
        lambda c: {"manager": c["demo"]["sales.manager"].pk, "stance": "driving",
                   "reason": "Sends people on time."},
    ),
    "log correction": Fuzzed(
        "log_correct", "member1_log", "member1", lambda c: names(CorrectionForm()),
        lambda c: {"hours_change": "0.5", "reason": "Forgot the afternoon."},
    ),
    "send back": Fuzzed(
        "task_send_back", "claimed_task", "sales.manager", lambda c: names(SendBackForm()),
        lambda c: {"reason": "The mapping misses the tax number."},
    ),
    "workstream": Fuzzed(
        "workstream_new", None, "ceo", lambda c: names(WorkstreamForm()),
        lambda c: {"name": "Quotes", "description": "", "is_core": "on",
                   "departments": [c["demo"]["sales.manager"].department_id]},
    ),
    "task": Fuzzed(
        "task_new", None, "ceo",
        lambda c: names(TaskForm(rollout=c["crm"], departments=NONE, members=NONE)),
        lambda c: {"title": "Quotes", "description": "", "workstream": c["workstream"].pk,
                   "objective": "", "department": c["demo"]["member1"].department_id,
                   "assignees": [c["demo"]["member1"].pk], "due_date": later(30),
                   "estimate_hours": "2", "priority": "2", "blocked_by": []},
    ),
    "gate advice": Fuzzed(
        "gate_recommend", "select_gate", "sales.manager", lambda c: names(AdviceForm()),
        lambda c: {"advice": "go", "reason": "Sales is ready."},
    ),
    "criterion": Fuzzed(
        "criterion_new", "select_gate", "ceo", lambda c: names(CriterionForm(people=NONE)),
        lambda c: {"text": "Quotes are in the CRM", "confirmer": c["demo"]["member1"].pk},
    ),
    "notification preferences": Fuzzed(
        "notification_preferences", "", "member1", lambda c: names(NotificationPreferencesForm()),
        lambda c: {"email_reminders": "on", "email_digest": "weekly"},
    ),
    "vendor": Fuzzed(
        "vendor_new", None, "sel.senior", lambda c: names(VendorForm()),
        lambda c: {**as_posted(c["vendor"], VendorForm), "name": "Fuzzed vendor"},
        rollout="pilot", prepare=senior_on_the_pilot,
    ),
    "weights": Fuzzed(
        "selection_weights", None, "sel.senior", lambda c: names(WeightsForm()),
        lambda c: as_posted(weighting_of_rollout(rollout=c["crm"]), WeightsForm),
        rollout="pilot", prepare=senior_on_the_pilot,
    ),
    "negotiation": Fuzzed(
        "negotiation", None, "sel.negotiator", lambda c: names(NegotiationForm(rollout=c["crm"])),
        lambda c: {"vendor": c["vendor"].pk, "kind": "offer", "text": "10 % off",
                   "price_per_user_year": "900", "final": ""},
    ),
    "recommendation": Fuzzed(
        "selection_recommend", None, "sel.senior",
        lambda c: names(RecommendationForm(rollout=c["crm"])),
        lambda c: {"vendor": c["vendor"].pk, "reasoning": "Best on price and service."},
    ),
    "scorecard": Fuzzed(
        "scorecard", None, "sel.it",
        lambda c: list(scorecard(c)),
        scorecard,
        prepare=reopen_sel_it,
    ),
    # Submit posts the scorecard's fields too: they are saved and submitted together.
    "score submission": Fuzzed(
        "scores_submit", None, "sel.it",
        lambda c: list(scorecard(c)),
        scorecard,
        prepare=reopen_sel_it,
    ),
}  # fmt: skip


@pytest.fixture
def ctx(demo, crm, pilot, name) -> Ctx:
    context = {
        **matrix_context(demo, crm, pilot),
        "vendor": Vendor.objects.filter(rollout=crm).earliest("pk"),
        "workstream": crm.workstreams.earliest("pk"),
    }
    form = FORMS[name]
    if form.prepare:
        form.prepare(context)
    # Read once, before any request, as a browser reads the page once.
    context["fields"], context["valid"] = form.fields(context), form.valid(context)
    return context


def url(name: str, ctx: Ctx) -> str:
    form = FORMS[name]
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


@pytest.mark.parametrize("name", list(FORMS))
@FUZZ
@given(data=st.data())
def test_every_form(client, ctx, name, data):
    values = data.draw(
        st.fixed_dictionaries({field: st.one_of(st.just(ctx["valid"][field]), TEXT)
                               for field in ctx["fields"]})
    )  # fmt: skip
    client.force_login(ctx["demo"][FORMS[name].who])
    assert client.post(url(name, ctx), values).status_code < 500


@FUZZ
@given(content=st.binary(max_size=2000), filename=st.sampled_from(["t.xlsx", "t.csv", "x"]))
def test_the_task_import_upload(client, demo, crm, content, filename):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(demo["ceo"])
    upload = SimpleUploadedFile(filename, content)
    assert client.post(reverse("tasks_import", args=[crm.pk]), {"file": upload}).status_code < 500
