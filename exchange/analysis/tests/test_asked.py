"""The number asked (routed in) and the number answered, published beside every base (issue 12): a worked example on
a named wave with three kinds of routing, and the rule for a confidential wave — the number asked of a routed
question counts a combination of answers the disclosure audit does not model, so it is given for everyone only."""

import csv
import io

import pytest
from django.urls import reverse

from exchange.accounts.models import Role
from exchange.accounts.tests.factories import MembershipFactory
from exchange.analysis.exports import analysis_csv
from exchange.analysis.results import ALL, Options
from exchange.analysis.selectors import wave_results
from exchange.analysis.tests.generated_waves import build_wave
from exchange.organisations.tests.factories import OrganisationFactory
from exchange.surveys.models import Confidentiality
from exchange.surveys.services.recording import RecordedResponse, responses_record
from exchange.surveys.tests.factories import full_wave

pytestmark = pytest.mark.django_db
C, M, F = Role.CLINICAL_LEAD, Role.MANAGERIAL_LEAD, Role.FINANCE_LEAD
BEHAVIOURS = {"common_purpose": "agree", "local_leadership": "agree", "honesty": "agree"}


def _named_wave():
    """9 respondents: 5 said "no" to info (so were asked "satisfied" and "comments"), 3 of whom answered "satisfied";
    4 said "yes" and answered "satisfied" anyway (routing drops it: they were not asked). 4 gave a reason that routes
    to "why_not" (too busy or price), 3 of whom wrote something."""
    wave = full_wave(confidentiality=Confidentiality.NAMED)
    wave.series.suppression_threshold = 0  # every figure shown, to be read
    wave.series.save()
    organisation = OrganisationFactory()
    rows = []
    for i in range(9):
        answers = {"info": "no" if i < 5 else "yes", "behaviours": BEHAVIOURS, "staff": "3"}
        if i < 3 or i >= 5:
            answers["satisfied"] = "satisfied"
        if i in (0, 1, 5, 6):
            answers["reasons"] = ["too_busy"] if i < 5 else ["price", "relationships"]
        if i in (0, 1, 5):
            answers["why_not"] = "No time"
        if i == 7:
            answers["reasons"] = ["relationships"]
        rows.append(RecordedResponse(organisation, C, answers))
    responses_record(wave=wave, responses=rows)
    return wave


def test_each_question_publishes_the_number_asked_and_the_number_answered_by_its_routing():
    wave = _named_wave()
    results = {result.code: result for result in wave_results(wave=wave)}
    figures = {code: (r.overall.asked, r.overall.answered) for code, r in results.items()}
    assert figures["info"] == (9, 9)
    assert figures["satisfied"] == (5, 3)  # routed on info = no; two skipped it
    assert figures["reasons"] == (9, 5)
    assert figures["why_not"] == (4, 3)  # routed on a multiple-choice answer: too busy or price
    assert figures["comments"] == (5, 0)  # routed on info not yes
    assert figures["behaviours_honesty"] == (9, 9)
    rows = list(csv.DictReader(io.StringIO(analysis_csv(wave).decode())))
    satisfied = [row for row in rows if row["question_code"] == "satisfied" and row["group"] == ALL]
    assert {(row["answered"], row["asked"]) for row in satisfied} == {("3", "5")}
    staff = [row for row in rows if row["question_code"] == "staff"]
    assert {(row["answered"], row["asked"]) for row in staff} == {("9", "9")}


def test_a_breakdown_by_another_answer_gives_each_group_its_number_asked():
    wave = _named_wave()
    by_info = {r.code: r for r in wave_results(wave=wave, options=Options(by="q:info"))}
    groups = {group.label: (group.asked, group.answered) for group in by_info["satisfied"].groups}
    assert groups == {"No": (5, 3)}  # those who said yes were not asked, so they are no group of this table
    groups = {group.label: (group.asked, group.answered) for group in by_info["why_not"].groups}
    assert groups == {"No": (2, 2), "Yes": (2, 1)}
    by_satisfied = {r.code: r for r in wave_results(wave=wave, options=Options(by="q:satisfied"))}
    assert [(g.label, g.asked, g.answered) for g in by_satisfied["reasons"].groups] == [("Satisfied", 3, 2)]


def test_the_question_page_is_titled_by_its_text_and_shows_asked_and_answered(client):
    wave = _named_wave()
    client.force_login(MembershipFactory(organisation=wave.series.owner, roles=[Role.ANALYST]).user)
    url = reverse(
        "analysis:question", kwargs={"series_slug": wave.series.slug, "wave_slug": wave.slug, "code": "satisfied"}
    )
    html = client.get(url).content.decode()
    assert "<h1>How satisfied are you with the support offered?</h1>" in html
    assert "Results for satisfied" not in html
    assert "Number asked</th>" in html and "Number answered</th>" in html


def test_a_confidential_wave_gives_the_number_asked_for_everyone_only_never_for_a_group_or_a_set_of_roles():
    team = [("commissioner", {C: (8, 6), M: (8, 6), F: (2, 1)}), ("commissioner", {C: (8, 6), M: (8, 5)})]
    wave = build_wave(([[team, team]], [("commissioner", {C: (20, 14), M: (20, 13)})], 2, 5))
    respondents = wave.responses.count()
    for by in ["", "region", "area_team", "role", "organisation_kind", "q:info"]:
        for result in wave_results(wave=wave, options=Options(by=by)):
            assert result.overall.asked == respondents
            assert all(group.asked is None for group in result.groups), (by, result.code)
    for result in wave_results(wave=wave, options=Options(roles=(C, M, F))):
        assert result.overall.asked is None
    rows = list(csv.DictReader(io.StringIO(analysis_csv(wave, by="region").decode())))
    assert {row["asked"] for row in rows if row["group"] != ALL} == {""}
    assert {row["asked"] for row in rows if row["group"] == ALL} == {str(respondents)}


def test_deleting_a_wave_deletes_its_tallies_so_no_later_wave_inherits_them():
    from exchange.analysis.models import AnswerTally, CrossTally

    wave = _named_wave()
    assert AnswerTally.objects.filter(wave_id=wave.pk).exists() and CrossTally.objects.filter(wave_id=wave.pk).exists()
    wave_id = wave.pk
    wave.delete()
    assert not AnswerTally.objects.filter(wave_id=wave_id).exists()
    assert not CrossTally.objects.filter(wave_id=wave_id).exists()


def test_weighting_with_a_breakdown_by_an_answer_is_refused_on_the_form_not_silently_unweighted(client):
    wave = _named_wave()
    client.force_login(MembershipFactory(organisation=wave.series.owner, roles=[Role.ANALYST]).user)
    url = reverse("analysis:dashboard", kwargs={"series_slug": wave.series.slug, "wave_slug": wave.slug})
    html = client.get(url, {"by": "q:info", "weighted": "on"}).content.decode()
    assert "There is a problem" in html and "Weighting is to the sample frame by region and role" in html
    with pytest.raises(ValueError, match="not weighted"):
        wave_results(wave=wave, options=Options(by="q:info", weighted=True))
