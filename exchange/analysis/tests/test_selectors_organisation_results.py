import pytest

from exchange.accounts.models import Role
from exchange.analysis.selectors import organisation_comparison
from exchange.analysis.tests.small_waves import answers, named_wave
from exchange.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_an_organisations_figures_stand_beside_all_respondents_for_each_question():
    own, other = OrganisationFactory(name="NHS Own"), OrganisationFactory()
    wave = named_wave(
        [
            (own, Role.CLINICAL_LEAD, answers(info="no")),
            (own, Role.FINANCE_LEAD, answers(info="no")),
            (other, Role.CLINICAL_LEAD, answers(info="yes")),
            (other, Role.FINANCE_LEAD, answers(info="yes")),
        ]
    )
    comparisons = {comparison.code: comparison for comparison in organisation_comparison(wave=wave, organisation=own)}
    [(each, mine, everyone)] = comparisons["info"].waves
    assert each == wave
    assert (mine.label, mine.base, {cell.code: cell.count for cell in mine.cells}) == (
        "NHS Own",
        2,
        {"yes": 0, "no": 2},
    )
    assert (everyone.base, {cell.code: cell.count for cell in everyone.cells}) == (4, {"yes": 2, "no": 2})
    assert "comments" not in comparisons  # free text has no figures to compare


def test_an_organisations_figures_below_the_threshold_are_suppressed():
    own = OrganisationFactory()
    wave = named_wave([(own, Role.CLINICAL_LEAD, answers())], threshold=2)
    comparisons = {comparison.code: comparison for comparison in organisation_comparison(wave=wave, organisation=own)}
    assert comparisons["info"].waves[0][1].suppressed
