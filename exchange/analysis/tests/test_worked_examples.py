"""Worked examples, figures checked by hand: a multiple-choice headline counts each respondent once; number summaries
by region keep respondents with no organisation in a "Not known" group of their own and in the overall figure once;
a breakdown by another question's answer keeps "All respondents" for everyone."""

import csv
import io
import math

import pytest
from scipy import stats

from exchange.analysis.exports import analysis_csv
from exchange.analysis.results import ALL, Options
from exchange.analysis.selectors import headline, wave_results
from exchange.analysis.stats import mean_interval, t_quantile_975
from exchange.organisations.tests.factories import OrganisationFactory, RegionFactory
from exchange.surveys.models import Confidentiality
from exchange.surveys.services.recording import RecordedResponse, responses_record
from exchange.surveys.tests.factories import full_wave

pytestmark = pytest.mark.django_db

BEHAVIOURS = {"common_purpose": "agree", "local_leadership": "agree", "honesty": "agree"}


def _answers(info="yes", reasons=None, staff=None, satisfied=None):
    answers = {"info": info, "behaviours": BEHAVIOURS}
    if reasons is not None:
        answers["reasons"] = reasons
    if staff is not None:
        answers["staff"] = staff
    if satisfied is not None:
        answers["satisfied"] = satisfied
    return answers


@pytest.fixture
def wave(db):
    wave = full_wave(confidentiality=Confidentiality.NAMED)
    wave.series.suppression_threshold = 1
    wave.series.save()
    return wave


def test_a_multiple_choice_headline_counts_each_respondent_once(wave):
    # Four respondents answer "reasons": {busy, price}, {busy}, {trust}, {price}; one skips it.
    responses_record(
        wave=wave,
        responses=[
            RecordedResponse(None, "", _answers(reasons=["too_busy", "price"])),
            RecordedResponse(None, "", _answers(reasons=["too_busy"])),
            RecordedResponse(None, "", _answers(reasons=["relationships"])),
            RecordedResponse(None, "", _answers(reasons=["price"])),
            RecordedResponse(None, "", _answers()),
        ],
    )
    [result] = [r for r in wave_results(wave=wave) if r.code == "reasons"]
    statement = headline(result, ["too_busy", "price"], "chose on busyness or price.")
    # 3 of the 4 who answered chose either (adding the options' counts would say 4 of 4).
    assert (statement.count, statement.base) == (3, 4)
    assert statement.text == "75.0% of respondents (3 of 4) chose on busyness or price."


def test_number_summaries_by_region_give_not_known_its_own_group_and_count_it_once_overall(wave):
    north, south = RegionFactory(name="North"), RegionFactory(name="South")
    blackpool, devon = OrganisationFactory(region=north), OrganisationFactory(region=south)
    staff = [(blackpool, 1), (blackpool, 2), (blackpool, 3), (devon, 10), (devon, 20), (None, 5)]
    responses_record(
        wave=wave, responses=[RecordedResponse(org, "", _answers(staff=str(value))) for org, value in staff]
    )
    [result] = [r for r in wave_results(wave=wave, options=Options(by="region")) if r.code == "staff"]
    overall = result.overall.summary
    assert overall["n"] == 6  # not 7: the respondent with no organisation is counted once
    assert overall["mean"] == pytest.approx(41 / 6)
    assert overall["median"] == pytest.approx(4.0)  # between 3 and 5
    groups = {group.label: group.summary for group in result.groups}
    assert groups["Not known"]["n"] == 1 and groups["Not known"]["mean"] == 5
    assert groups["North"]["mean"] == 2 and groups["North"]["lower_quartile"] == 1.5
    assert groups["South"]["mean"] == 15
    # The 95% interval for North's mean: 2 ± t(2) × 1 / √3 = 2 ± 4.303 × 0.5774.
    assert groups["North"]["mean_low"] == pytest.approx(2 - 4.303 / math.sqrt(3), abs=1e-3)
    rows = list(csv.DictReader(io.StringIO(analysis_csv(wave, by="region").decode())))
    means = {r["group"]: r for r in rows if r["question_code"] == "staff" and r["option_code"] == "mean"}
    assert means[ALL]["base"] == "6" and float(means[ALL]["value"]) == pytest.approx(41 / 6, abs=1e-4)
    assert means["Not known"]["base"] == "1" and means["Not known"]["ci_low"] == ""


def test_all_respondents_in_a_breakdown_by_a_question_is_everyone_as_in_the_overall_output(wave):
    # Two answer "satisfied" (routed: only those who said "no" to info); three do not.
    responses_record(
        wave=wave,
        responses=[
            RecordedResponse(None, "", _answers(info="no", satisfied="satisfied")),
            RecordedResponse(None, "", _answers(info="no", satisfied="dissatisfied")),
            RecordedResponse(None, "", _answers()),
            RecordedResponse(None, "", _answers()),
            RecordedResponse(None, "", _answers()),
        ],
    )
    overall = {r.code: r.overall for r in wave_results(wave=wave)}
    by_question = wave_results(wave=wave, options=Options(by="q:satisfied"))
    for result in by_question:
        assert result.overall.label == ALL
        assert result.overall.base == overall[result.code].base
        assert [c.count for c in result.overall.cells] == [c.count for c in overall[result.code].cells]
    info = next(r for r in by_question if r.code == "info")
    assert info.overall.base == 5
    assert sum(group.base for group in info.groups) == 2  # the groups: those who answered "satisfied"


def test_the_t_quantile_is_within_a_thousandth_of_scipys_for_every_degree_of_freedom_to_500():
    for degrees in range(1, 501):
        assert t_quantile_975(degrees) == pytest.approx(stats.t.ppf(0.975, degrees), abs=1e-3)
    assert mean_interval([(4.0, 1)]) is None


def test_a_likert_chart_has_a_legend_of_every_answer_in_the_base_and_values_on_segments_wide_enough(wave):
    from exchange.analysis.charts import chart_for

    # 8 of 10 agree (a wide segment), 1 disagrees and 1 strongly disagrees (too narrow to carry a value).
    items = ["agree"] * 8 + ["disagree", "strongly_disagree"]
    responses_record(
        wave=wave,
        responses=[
            RecordedResponse(None, "", {"info": "yes", "behaviours": dict.fromkeys(BEHAVIOURS, answer)})
            for answer in items
        ],
    )
    result = next(r for r in wave_results(wave=wave) if r.code == "behaviours_honesty")
    svg = chart_for(result, "c")
    legend = svg.split('class="exchange-chart-legend"')[1]
    for label in ["Strongly agree", "Agree", "Disagree", "Strongly disagree"]:
        assert f">{label}</text>" in legend
    assert "Don't know" not in legend and "Don&#x27;t know" not in legend  # kept out of the base, not drawn
    assert ">80%</text>" in svg
    assert ">10%</text>" not in svg
