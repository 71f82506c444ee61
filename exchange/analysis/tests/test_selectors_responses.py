import pytest

from exchange.accounts.models import Role
from exchange.analysis.disclosure import QUASI_IDENTIFIERS
from exchange.analysis.selectors import export_plan, response_rows
from exchange.analysis.tests.small_waves import answers, named_wave
from exchange.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_a_named_waves_export_keeps_every_attribute():
    wave = named_wave([(None, Role.CLINICAL_LEAD, answers())])
    plan = export_plan(wave)
    assert not plan.confidential
    assert all(plan.keeps(name) for name in QUASI_IDENTIFIERS)


def test_each_response_is_one_row_of_codes_numbered_from_one_with_each_choice_of_a_multiple_choice_a_flag():
    organisation = OrganisationFactory(ods_code="00Q")
    wave = named_wave(
        [
            (organisation, Role.CLINICAL_LEAD, answers(info="no", reasons=["price"], comments="Fine")),
            (organisation, Role.FINANCE_LEAD, answers()),
        ]
    )
    rows = list(response_rows(wave))
    assert [row["respondent"] for row in rows] == [1, 2]
    # responses are keyed by random UUIDs, so which comes first is not the order they were written in
    (lead,) = [row for row in rows if row["role"] == Role.CLINICAL_LEAD]
    (finance,) = [row for row in rows if row["role"] == Role.FINANCE_LEAD]
    assert (lead["organisation_code"], lead["info"]) == ("00Q", "no")
    assert (lead["reasons_price"], lead["reasons_too_busy"], lead["behaviours_honesty"]) == (1, 0, "disagree")
    assert (lead["staff"], lead["comments"]) == (3.0, "Fine")
    assert "reasons_price" not in finance
