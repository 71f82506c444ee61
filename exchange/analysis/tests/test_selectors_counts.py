import pytest

from exchange.accounts.models import Role
from exchange.analysis.selectors import group_labels, respondents_choosing_any
from exchange.analysis.tests.small_waves import answers, named_wave
from exchange.organisations.tests.factories import RegionFactory

pytestmark = pytest.mark.django_db


def test_a_breakdowns_groups_are_labelled_by_name_for_regions_and_by_their_label_for_roles():
    region = RegionFactory(name="North of England")
    assert group_labels("region")[region.pk] == "North of England"
    assert group_labels("role")[Role.CLINICAL_LEAD] == dict(Role.choices)[Role.CLINICAL_LEAD]
    assert group_labels("q:info") == {}


def test_a_respondent_choosing_several_of_the_options_named_is_counted_once():
    wave = named_wave(
        [
            (None, Role.CLINICAL_LEAD, answers(reasons=["too_busy", "price"])),
            (None, Role.CLINICAL_LEAD, answers(reasons=["price"])),
            (None, Role.CLINICAL_LEAD, answers(reasons=["relationships"])),
        ]
    )
    reasons = wave.questions.get(code="reasons")
    assert respondents_choosing_any(wave=wave, question=reasons, option_codes=["too_busy", "price"]) == 2
