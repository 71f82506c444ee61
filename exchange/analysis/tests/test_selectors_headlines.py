import pytest

from exchange.accounts.models import Role
from exchange.analysis.selectors import wave_headlines, wave_results
from exchange.analysis.services import headline_add
from exchange.analysis.tests.small_waves import answers, named_wave

pytestmark = pytest.mark.django_db


def test_a_waves_headlines_read_their_figure_and_base_from_its_results_in_the_order_they_were_added():
    wave = named_wave([(None, Role.CLINICAL_LEAD, answers(info=info)) for info in ("no", "no", "no", "yes")])
    headline_add(wave=wave, result_code="info", option_codes=["no"], predicate="had too little information.")
    headline_add(wave=wave, result_code="info", option_codes=["yes"], predicate="had enough.")
    headlines = wave_headlines(wave=wave, results=wave_results(wave=wave))
    assert [headline.text for headline in headlines] == [
        "75.0% of respondents (3 of 4) had too little information.",
        "25.0% of respondents (1 of 4) had enough.",
    ]


def test_a_headline_whose_question_is_not_among_the_results_is_left_out():
    wave = named_wave([(None, Role.CLINICAL_LEAD, answers())])
    headline_add(wave=wave, result_code="info", option_codes=["no"], predicate="had too little information.")
    assert wave_headlines(wave=wave, results=[r for r in wave_results(wave=wave) if r.code != "info"]) == []
