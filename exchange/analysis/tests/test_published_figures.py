"""The demo waves reproduce every published figure exactly (acceptance 1 of the analysis issue)."""

import pytest
from django.db.models import Count

from exchange.analysis.results import Options
from exchange.analysis.selectors import headline, wave_results, wave_tracking
from exchange.demo.services import demo_load
from exchange.surveys.models import Wave

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    return demo_load(marketplace=False)


def by_code(results):
    return {result.code: result for result in results}


def test_2012_regions_and_headlines(demo):
    wave = Wave.objects.get(label="January 2012")
    results = by_code(wave_results(wave=wave, options=Options(by="region")))
    info = results["info_sufficient"]
    shares = {group.label: round(group.base / info.overall.base * 100, 1) for group in info.groups}
    assert shares == {
        "London": 12.6,
        "North of England": 33.7,
        "Midlands and East of England": 32.6,
        "South of England": 21.1,
    }
    assert headline(
        info, ["no"], "had not been given sufficient information about the choices of support available."
    ).text == (
        "84.2% of respondents (80 of 95) had not been given sufficient information "
        "about the choices of support available."
    )
    overall = by_code(wave_results(wave=wave))
    offer = overall["offer_satisfaction"]
    assert headline(offer, ["dissatisfied", "very_dissatisfied"], "were dissatisfied.").text.startswith(
        "70.7% of respondents (53 of 75)"
    )
    reasons = overall["cluster_reasons"]
    assert headline(reasons, ["too_busy"], "x").text.startswith("20.0% of respondents (15 of 75)")
    assert headline(reasons, ["relationships"], "x").text.startswith("26.7% of respondents (20 of 75)")
    rollout = overall["rollout_satisfaction"]
    assert headline(rollout, ["dissatisfied", "very_dissatisfied"], "x").percent > 0.8
    assert rollout.overall.positive.percent < 0.2


def test_2013_response_rates_and_one_in_three(demo):
    wave = Wave.objects.get(series__title="Appraisal of NHS England", label="2013")
    tracking = wave_tracking(wave=wave)
    assert (tracking.overall.completed, tracking.overall.invited, round(tracking.overall.response_rate * 100)) == (
        273,
        569,
        48,
    )
    assert (tracking.overall.organisations_completed, tracking.overall.organisations_invited) == (177, 211)
    support = by_code(wave_results(wave=wave))["support_development"]
    assert (support.overall.positive.count, support.overall.base, support.overall.answered) == (88, 264, 273)
    assert round(support.overall.positive.percent, 4) == round(1 / 3, 4)


def test_tallies_kept_on_the_way_in_equal_a_rebuild_from_the_answers(demo):
    """Both tables (by attributes, and by another question's answer), routed-in rows included, for every demo wave."""
    from exchange.analysis.models import AnswerTally, CrossTally
    from exchange.analysis.services import tallies_rebuild

    def rows(wave):
        fields = [f.name for f in AnswerTally._meta.fields if f.name not in ("id", "wave_id")]
        cross = [f.name for f in CrossTally._meta.fields if f.name not in ("id", "wave_id")]
        return (
            sorted(AnswerTally.objects.filter(wave_id=wave.pk).values_list(*fields)),
            sorted(CrossTally.objects.filter(wave_id=wave.pk).values_list(*cross)),
        )

    for wave in Wave.objects.all():
        before = rows(wave)
        tallies_rebuild(wave_id=wave.pk)
        assert before == rows(wave), wave
        assert before[1] or not wave.responses.exists(), wave


def test_a_crosstab_by_another_question_matches_the_tallies_overall(demo):
    wave = Wave.objects.get(label="January 2012")
    plain = by_code(wave_results(wave=wave))
    crossed = by_code(wave_results(wave=wave, options=Options(by="q:info_sufficient")))
    offer = crossed["offer_satisfaction"]
    assert offer.overall.base == plain["offer_satisfaction"].overall.base == 75
    assert sum(group.base for group in offer.groups) == 75
    assert {group.label for group in offer.groups} == {"Yes", "No, and we would welcome more"}


def test_finite_population_correction_uses_the_frame(demo):
    wave = Wave.objects.get(series__title="Appraisal of NHS England", label="2013")
    corrected = by_code(wave_results(wave=wave))["support_development"].overall.positive.interval
    plain = by_code(wave_results(wave=wave, options=Options(finite_population=False)))[
        "support_development"
    ].overall.positive.interval
    assert corrected.high - corrected.low < plain.high - plain.low


def test_weighting_to_the_frame_by_region_gives_the_frames_shares_and_an_effective_base(demo):
    wave = Wave.objects.get(label="January 2012")
    weighted = by_code(wave_results(wave=wave, options=Options(by="region", weighted=True)))["info_sufficient"]
    from exchange.organisations.models import Organisation

    frame = dict(Organisation.objects.filter(kind="commissioner").values_list("region__name").annotate(n=Count("id")))
    for group in weighted.groups:
        assert round(group.base / weighted.overall.base, 4) == round(frame[group.label] / 211, 4)
        assert group.respondents in {12, 32, 31, 20}
    assert round(weighted.overall.base, 4) == 95  # weights keep the sample size
    assert 0 < weighted.overall.effective_base < 95
    unweighted = by_code(wave_results(wave=wave))["info_sufficient"]
    assert weighted.overall.cells[1].percent != unweighted.overall.cells[1].percent
