"""Selection pages: messages for bad input, exports, and fixed query counts."""

import io

import pytest
from django.urls import reverse

from selection import selectors, services
from selection.models import Criterion, Score, ScoreChange, Submission, Vendor, Weighting
from tests.query_counts import exactly, get_cached_page

pytestmark = pytest.mark.django_db


def test_weights_not_summing_to_100_are_refused_with_the_figures(client, demo, crm):
    Weighting.objects.filter(rollout=crm).update(locked_at=None)
    client.force_login(demo["sel.senior"])
    response = client.post(
        reverse("selection:selection_weights", args=[crm.pk]),
        {
            "company": 30,
            "product": 30,
            "implementation": 20,
            "service": 10,
            "price": 20,
            "price_cap": 30,
        },
    )
    assert response.status_code == 400
    assert "add up to 110 %" in response.content.decode()


def test_a_negative_cost_is_refused_with_a_message(client, demo, crm):
    vendor = Vendor.objects.filter(rollout=crm).earliest("pk")
    client.force_login(demo["sel.finance"])
    response = client.post(
        reverse("selection:cost_benefit", args=[crm.pk]),
        {
            "vendor": vendor.pk,
            "years": 5,
            "discount_rate": 8,
            "training": -5,
            "hardware": 0,
            "yearly_benefit": 0,
        },
    )
    assert response.status_code == 400
    assert "cannot be negative" in response.content.decode()


def test_a_score_outside_the_guide_on_the_form_says_why(client, demo, crm):
    services.scores_reopen(by=demo["sel.senior"], rollout=crm, member=demo["sel.it"], reason="x")
    criterion = services.criteria_for(demo["sel.it"], crm).earliest("pk")
    vendor = Vendor.objects.filter(rollout=crm).earliest("pk")
    client.force_login(demo["sel.it"])
    response = client.post(
        reverse("selection:scorecard", args=[crm.pk]),
        {f"score_{vendor.pk}_{criterion.pk}": "9", f"comment_{vendor.pk}_{criterion.pk}": "x"},
    )
    assert response.status_code == 400
    assert "from 1 to 5" in response.content.decode()


def test_the_comparison_exports_as_xlsx_and_pdf(client, demo, crm):
    from openpyxl import load_workbook

    client.force_login(demo["ceo"])
    xlsx = client.get(reverse("selection:selection_export", args=[crm.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.cell(row=2, column=1).value == "Huayun CRM · 华云CRM"
    pdf = client.get(reverse("selection:selection_export", args=[crm.pk, "pdf"]))
    assert pdf.content.startswith(b"%PDF")


# The results' figures come from the page cache (selection/results_figures.py): computed
# (14 before the cache, + the data version), then cached (the page's own queries: the
# session, the person, the rollout and its access, whether scoring has closed, the layout,
# and the data version).
RESULTS_PAGE_QUERIES = 15
RESULTS_CACHED_QUERIES = 9
RESULTS_COUNTS = {"fresh": RESULTS_PAGE_QUERIES, "cached": RESULTS_CACHED_QUERIES}


def test_results_keep_a_fixed_query_count_as_vendors_grow(client, demo, crm):
    url = reverse("selection:selection_results", args=[crm.pk])
    client.force_login(demo["ceo"])
    get_cached_page(client, url, rollout_id=crm.pk, **RESULTS_COUNTS)
    template = Vendor.objects.filter(rollout=crm).earliest("pk")
    counted = selectors.submitted_members(crm)
    criteria = list(Criterion.objects.filter(rollout=crm))
    for n in range(5):
        template.pk = None
        template.name = f"Extra vendor {n}"
        template.save()
        # Scored by members who submitted, so a query per vendor or per score would show.
        Score.objects.bulk_create(
            Score(vendor=template, criterion=c, member_id=member, score=1 + n % 5, comment="x")
            for c in criteria
            for member in counted
        )
    assert Score.objects.filter(vendor__name__startswith="Extra", member_id__in=counted).exists()
    get_cached_page(client, url, rollout_id=crm.pk, **RESULTS_COUNTS)


def test_a_field_the_scorecard_does_not_offer_is_not_found(client, demo, crm):
    client.force_login(demo["sel.it"])
    response = client.post(reverse("selection:scorecard", args=[crm.pk]), {"score_": "3"})
    assert response.status_code == 404


@pytest.fixture
def reopened(demo, crm):
    """sel.it's scores reopened, so sel.it may save scores again."""
    services.scores_reopen(by=demo["sel.senior"], rollout=crm, member=demo["sel.it"], reason="x")
    return crm


def cells(demo, crm):
    return [
        (vendor, criterion)
        for criterion in services.criteria_for(demo["sel.it"], crm)
        for vendor in Vendor.objects.filter(rollout=crm)
    ]


def scorecard_post(vendor, criterion, score="3", comment="ok"):
    return {
        f"score_{vendor.pk}_{criterion.pk}": score,
        f"comment_{vendor.pk}_{criterion.pk}": comment,
    }


SCORECARD_SAVE_QUERIES = 13


def test_saving_more_cells_runs_no_more_queries(client, demo, reopened):
    everything = cells(demo, reopened)
    assert len(everything) >= 9
    client.force_login(demo["sel.it"])
    url = reverse("selection:scorecard", args=[reopened.pk])
    client.get(url)  # the caches a first request fills

    def save(cells) -> None:
        data = {k: v for cell in cells for k, v in scorecard_post(*cell).items()}
        with exactly(SCORECARD_SAVE_QUERIES):
            assert client.post(url, data).status_code == 302

    save(everything[:1])
    save(everything[:9])
    saved = Score.objects.filter(member=demo["sel.it"], vendor__rollout=reopened)
    assert {(s.score, s.comment) for s in saved} == {(3, "ok")}


def test_one_bad_cell_saves_nothing_and_shows_what_was_typed(client, demo, reopened):
    (good_vendor, criterion), (bad_vendor, _criterion) = cells(demo, reopened)[:2]
    before = {s.pk: (s.score, s.comment) for s in Score.objects.filter(member=demo["sel.it"])}
    client.force_login(demo["sel.it"])
    response = client.post(
        reverse("selection:scorecard", args=[reopened.pk]),
        {
            **scorecard_post(good_vendor, criterion, "1", "Typed before the mistake"),
            **scorecard_post(bad_vendor, criterion, "9", "Nine is off the guide"),
        },
    )
    assert response.status_code == 400
    after = {s.pk: (s.score, s.comment) for s in Score.objects.filter(member=demo["sel.it"])}
    assert after == before
    page = response.content.decode()
    assert f"{bad_vendor} · {criterion}: A score is from 1 to 5" in page
    assert 'value="Typed before the mistake"' in page


@pytest.mark.parametrize("where", ["vendor", "criterion"])
def test_a_scorecard_field_with_a_unicode_digit_is_not_found(client, demo, reopened, where):
    vendor, criterion = cells(demo, reopened)[0]
    key = f"score_²_{criterion.pk}" if where == "vendor" else f"score_{vendor.pk}_²"
    client.force_login(demo["sel.it"])
    response = client.post(reverse("selection:scorecard", args=[reopened.pk]), {key: "3"})
    assert response.status_code == 404


def test_a_unicode_digit_as_a_score_says_why(client, demo, reopened):
    vendor, criterion = cells(demo, reopened)[0]
    client.force_login(demo["sel.it"])
    response = client.post(
        reverse("selection:scorecard", args=[reopened.pk]), scorecard_post(vendor, criterion, "²")
    )
    assert response.status_code == 400
    assert "from 1 to 5" in response.content.decode()


def test_a_unicode_digit_as_the_member_to_reopen_is_not_found(client, demo, crm):
    client.force_login(demo["sel.senior"])
    response = client.post(
        reverse("selection:scores_reopen", args=[crm.pk]), {"member": "²", "reason": "x"}
    )
    assert response.status_code == 404


def test_a_unicode_digit_as_the_cost_benefit_vendor_is_not_found(client, demo, crm):
    client.force_login(demo["sel.finance"])
    response = client.post(
        reverse("selection:cost_benefit", args=[crm.pk]), {"vendor": "²", "years": 5}
    )
    assert response.status_code == 404


def test_reopening_a_person_outside_the_rollout_is_not_found_and_names_nobody(client, demo, crm):
    outsider = demo["pilot.member"]
    client.force_login(demo["sel.senior"])
    response = client.post(
        reverse("selection:scores_reopen", args=[crm.pk]),
        {"member": outsider.pk, "reason": "Curious"},
        follow=True,
    )
    assert response.status_code == 404
    assert str(outsider) not in response.content.decode()
    assert Submission.objects.filter(rollout=crm, reopened_at__isnull=False).count() == 0


def test_zero_years_in_the_cost_benefit_say_the_allowed_range_once(client, demo, crm):
    vendor = Vendor.objects.filter(rollout=crm).earliest("pk")
    client.force_login(demo["sel.finance"])
    response = client.post(
        reverse("selection:cost_benefit", args=[crm.pk]),
        {
            "vendor": vendor.pk, "years": 0, "discount_rate": 8,
            "training": 0, "hardware": 0, "yearly_benefit": 0,
        },
    )  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 400
    assert page.count("The years are from 1 to 15.") == 1
    assert "is violated" not in page


def test_the_comparison_download_is_not_sniffed(client, demo, crm, settings):
    # Off in the middleware, so the header on the response is the view's own.
    settings.SECURE_CONTENT_TYPE_NOSNIFF = False
    client.force_login(demo["ceo"])
    response = client.get(reverse("selection:selection_export", args=[crm.pk, "xlsx"]))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment")


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("selection:vendor_new", "no new vendors"),
        ("selection:selection_weights", "weights are locked"),
    ],
)
def test_a_form_refused_after_scoring_opened_still_shows_why(client, demo, crm, url, message):
    """Valid data refused by the rule: the posted form is shown with the reason, though a
    blank one is no longer offered once the weights are locked."""
    from django.forms.models import model_to_dict

    from selection.forms import VendorForm, WeightsForm

    weighting = Weighting.objects.get(rollout=crm)
    assert weighting.locked_at, "the demo CRM has opened scoring"
    if url == "selection:vendor_new":
        vendor = Vendor.objects.filter(rollout=crm).earliest("pk")
        data = {**model_to_dict(vendor, fields=list(VendorForm.base_fields)), "name": "Late CRM"}
    else:
        data = model_to_dict(weighting, fields=list(WeightsForm.base_fields))
    data = {k: ("" if v is None else v) for k, v in data.items()}
    client.force_login(demo["sel.senior"])
    response = client.post(reverse(url, args=[crm.pk]), data)
    assert response.status_code == 400
    assert message in response.content.decode()


# --- Submit sends the scorecard on the screen -------------------------------------------


def whole_card_post(demo, crm, score="2", comment="Seen again"):
    """The whole scorecard, posted by the question's "Yes, submit" button (confirm=yes)."""
    return {
        "confirm": "yes",
        **{
            k: v
            for vendor, criterion in cells(demo, crm)
            for k, v in scorecard_post(vendor, criterion, score, comment).items()
        },
    }


def sel_it_scores(demo):
    return {s.pk: (s.score, s.comment) for s in Score.objects.filter(member=demo["sel.it"])}


def sel_it_submits(client, demo, rollout, data):
    client.force_login(demo["sel.it"])
    return client.post(reverse("selection:scores_submit", args=[rollout.pk]), data)


def test_submit_saves_and_submits_the_scores_on_the_screen(client, demo, reopened):
    """Scores changed and Submit pressed without Save: the changed scores are submitted."""
    client.force_login(demo["sel.it"])
    response = client.post(
        reverse("selection:scores_submit", args=[reopened.pk]), whole_card_post(demo, reopened, "2")
    )
    assert response.status_code == 302
    saved = Score.objects.filter(member=demo["sel.it"], vendor__rollout=reopened)
    assert {(s.score, s.comment) for s in saved} == {(2, "Seen again")}
    assert services.has_submitted(demo["sel.it"], reopened)


def test_submit_asks_first_keeping_what_was_typed_and_saving_nothing(client, demo, reopened):
    """A post without the question's answer (an old page, a stray click): the scorecard
    comes back as typed with the question open; nothing saved, nothing submitted."""
    before = sel_it_scores(demo)
    data = {**whole_card_post(demo, reopened, "2", "Typed, not yet sure"), "confirm": ""}
    response = sel_it_submits(client, demo, reopened, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert '<details class="confirm-step" id="submit-scores" open>' in page
    assert 'value="Typed, not yet sure"' in page
    assert sel_it_scores(demo) == before
    assert not services.has_submitted(demo["sel.it"], reopened)


def test_the_question_starts_closed_and_only_its_yes_button_submits(client, demo, reopened):
    client.force_login(demo["sel.it"])
    page = client.get(reverse("selection:scorecard", args=[reopened.pk])).content.decode()
    assert '<details class="confirm-step" id="submit-scores">' in page
    question = page[page.index('id="submit-scores"') : page.index("</details>")]
    submit = reverse("selection:scores_submit", args=[reopened.pk])
    assert question.count(f'formaction="{submit}"') == 1
    assert 'name="confirm" value="yes"' in question


def test_a_refused_submit_keeps_what_was_typed_and_saves_nothing(client, demo, reopened):
    before = sel_it_scores(demo)
    vendor, criterion = cells(demo, reopened)[-1]
    data = {
        **whole_card_post(demo, reopened, "2", "Typed before the mistake"),
        f"comment_{vendor.pk}_{criterion.pk}": "",
    }
    response = sel_it_submits(client, demo, reopened, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert f"{vendor} · {criterion}: Say why, in a comment" in page
    assert 'value="Typed before the mistake"' in page
    assert sel_it_scores(demo) == before
    assert not services.has_submitted(demo["sel.it"], reopened)


def test_a_submit_without_the_scores_on_the_screen_is_refused(client, demo, reopened):
    """The scores saved before are complete; a post that shows none submits none."""
    client.force_login(demo["sel.it"])
    response = client.post(
        reverse("selection:scores_submit", args=[reopened.pk]), {"confirm": "yes"}
    )
    assert response.status_code == 400
    assert f"(0 of {len(cells(demo, reopened))})" in response.content.decode()
    assert not services.has_submitted(demo["sel.it"], reopened)


def test_the_submit_button_sends_the_scorecards_own_form(client, demo, reopened):
    client.force_login(demo["sel.it"])
    page = client.get(reverse("selection:scorecard", args=[reopened.pk])).content.decode()
    form = page[page.index('<form method="post" action="/rollouts/') :]
    form = form[: form.index("</form>")]
    assert 'name="score_' in form
    assert f'formaction="{reverse("selection:scores_submit", args=[reopened.pk])}"' in form


def test_a_member_who_submits_before_the_others_is_told_when_the_results_open(
    client, demo, reopened
):
    services.scores_reopen(
        by=demo["sel.senior"], rollout=reopened, member=demo["sel.users"], reason="x"
    )
    client.force_login(demo["sel.it"])
    response = client.post(
        reverse("selection:scores_submit", args=[reopened.pk]),
        whole_card_post(demo, reopened),
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("selection:scorecard", args=[reopened.pk])
    page = response.content.decode()
    assert "The results open when every seat has submitted." in page
    assert (
        reverse("selection:selection_results", args=[reopened.pk]) + '">See the results' not in page
    )


# --- blind until every seat has submitted -----------------------------------------------

HIDDEN_UNTIL_CLOSED = [
    ("selection:selection_results", {}),
    ("selection:selection_export", {"fmt": "xlsx"}),
    ("selection:selection_export", {"fmt": "pdf"}),
]


@pytest.mark.parametrize("username", ["sel.users", "sel.senior", "ceo"])
@pytest.mark.parametrize(("page", "kwargs"), HIDDEN_UNTIL_CLOSED)
def test_scores_are_hidden_from_everyone_while_a_seat_has_not_submitted(
    client, demo, reopened, username, page, kwargs
):
    """sel.users and sel.senior have submitted; the results, each seat's view, the spread
    and the exports stay hidden from them, as from the executive."""
    client.force_login(demo[username])
    response = client.get(reverse(page, kwargs={"rollout_pk": reopened.pk, **kwargs}))
    assert response.status_code == 403


def test_the_senior_seat_is_not_offered_its_own_reopening_and_is_refused_it(client, demo, crm):
    senior = demo["sel.senior"]
    client.force_login(senior)
    page = client.get(reverse("selection:selection", args=[crm.pk])).content.decode()
    assert f'name="member" value="{demo["sel.it"].pk}"' in page
    assert f'name="member" value="{senior.pk}"' not in page
    response = client.post(
        reverse("selection:scores_reopen", args=[crm.pk]),
        {"member": senior.pk, "reason": "A second look"},
        follow=True,
    )
    assert "Nobody reopens their own scores" in response.content.decode()
    assert services.has_submitted(senior, crm)


def test_the_results_show_every_change_after_a_reopening(client, demo, reopened):
    client.force_login(demo["sel.it"])
    client.post(
        reverse("selection:scores_submit", args=[reopened.pk]), whole_card_post(demo, reopened)
    )
    changes = ScoreChange.objects.filter(changed_by=demo["sel.it"])
    assert changes.count() == len(cells(demo, reopened))
    client.force_login(demo["ceo"])
    page = client.get(reverse("selection:selection_results", args=[reopened.pk])).content.decode()
    assert f"{demo['sel.senior']} reopened {demo['sel.it']}'s scores on" in page
    assert "Reason: x" in page
    assert page.count('<td class="after">2<') == changes.count()
    change = changes.earliest("pk")
    assert f'<td class="before">{change.score_before}<' in page


# As RESULTS_PAGE_QUERIES, with the reopened-scores note (computed 16, cached 9).
SCORE_CHANGES_PAGE_QUERIES = 16
SCORE_CHANGES_CACHED_QUERIES = 9


def test_results_keep_a_fixed_query_count_as_reopenings_and_changes_grow(client, demo, crm):
    url = reverse("selection:selection_results", args=[crm.pk])

    def reopen_and_change(username, changed):
        """The member's scorecard reopened and submitted with `changed` cells changed."""
        member = demo[username]
        services.scores_reopen(by=demo["sel.senior"], rollout=crm, member=member, reason="x")
        scores = Score.objects.filter(member=member, vendor__rollout=crm).order_by("pk")
        entries = [
            services.ScoreEntry(
                s.vendor, s.criterion, s.score % 5 + 1 if n < changed else s.score, s.comment
            )
            for n, s in enumerate(scores)
        ]
        services.scores_submit(by=member, rollout=crm, entries=entries)

    client.force_login(demo["ceo"])
    counts = {"fresh": SCORE_CHANGES_PAGE_QUERIES, "cached": SCORE_CHANGES_CACHED_QUERIES}
    reopen_and_change("sel.it", 1)
    get_cached_page(client, url, rollout_id=crm.pk, **counts)
    reopen_and_change("sel.it", 9)
    reopen_and_change("sel.users", 9)
    assert ScoreChange.objects.count() == 1 + 9 + 9
    get_cached_page(client, url, rollout_id=crm.pk, **counts)


def test_a_refused_reopening_shows_the_reason_that_was_not_saved(client, demo, crm):
    """The seat was reopened by then (someone else was first): the reason typed comes back."""
    services.scores_reopen(by=demo["sel.senior"], rollout=crm, member=demo["sel.it"], reason="x")
    client.force_login(demo["sel.senior"])
    response = client.post(
        reverse("selection:scores_reopen", args=[crm.pk]),
        {"member": demo["sel.it"].pk, "reason": "Price typed in the wrong column"},
        follow=True,
    )
    text = response.content.decode()
    assert "Not saved — what you typed: Price typed in the wrong column" in text
    assert "has not submitted" in text
    assert Submission.objects.get(rollout=crm, member=demo["sel.it"]).reopen_reason == "x"
