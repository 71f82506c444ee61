import pytest

from exchange.accounts.models import Role
from exchange.analysis.protection import RESULTS_AFTER_CLOSE, Refused
from exchange.analysis.results import ALL, Options
from exchange.analysis.selectors import wave_results
from exchange.analysis.tests.small_waves import answers, named_wave
from exchange.surveys.models import Confidentiality
from exchange.surveys.tests.factories import full_wave

pytestmark = pytest.mark.django_db


def test_a_questions_overall_figures_are_its_counts_and_shares_of_those_who_answered():
    wave = named_wave([(None, Role.CLINICAL_LEAD, answers(info=info)) for info in ("yes", "yes", "yes", "no")])
    info = {result.code: result for result in wave_results(wave=wave)}["info"].overall
    assert (info.label, info.answered, info.base) == (ALL, 4, 4)
    assert {cell.code: (cell.count, cell.percent) for cell in info.cells} == {"yes": (3, 0.75), "no": (1, 0.25)}


def test_a_breakdown_by_role_gives_each_role_its_own_figures():
    wave = named_wave([(None, Role.CLINICAL_LEAD, answers(info="yes")), (None, Role.FINANCE_LEAD, answers(info="no"))])
    info = {result.code: result for result in wave_results(wave=wave, options=Options(by="role"))}["info"]
    by_role = {group.key: {cell.code: cell.count for cell in group.cells} for group in info.groups}
    assert by_role == {Role.CLINICAL_LEAD: {"yes": 1, "no": 0}, Role.FINANCE_LEAD: {"yes": 0, "no": 1}}


def test_a_breakdown_by_a_question_that_is_not_single_choice_is_refused():
    wave = named_wave([(None, Role.CLINICAL_LEAD, answers())])
    with pytest.raises(ValueError, match="not a single-choice question"):
        wave_results(wave=wave, options=Options(by="q:reasons"))


def test_nothing_of_a_confidential_wave_is_published_while_it_is_open():
    wave = full_wave(confidentiality=Confidentiality.CONFIDENTIAL)
    with pytest.raises(Refused, match="still open") as refused:
        wave_results(wave=wave)
    assert str(refused.value) == RESULTS_AFTER_CLOSE
