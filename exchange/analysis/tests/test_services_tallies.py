import pytest

from exchange.accounts.models import Role
from exchange.analysis.models import AnswerTally, CrossTally
from exchange.analysis.services import tallies_rebuild
from exchange.organisations.models import OrganisationKind
from exchange.organisations.tests.factories import OrganisationFactory
from exchange.surveys.models import Confidentiality
from exchange.surveys.services.recording import RecordedResponse, responses_record
from exchange.surveys.tests.factories import full_wave

pytestmark = pytest.mark.django_db
BEHAVIOURS = {"common_purpose": "agree", "local_leadership": "dont_know", "honesty": "disagree"}


def _rows(wave) -> tuple[list, list]:
    fields = ["question_id", "grid_item_id", "option_id", "region_id", "area_team_id", "role", "organisation_kind"]
    answer = sorted(AnswerTally.objects.filter(wave_id=wave.pk).values_list(*fields, "count"))
    cross = sorted(
        CrossTally.objects.filter(wave_id=wave.pk).values_list(
            "by_question_id", "by_option_id", "question_id", "grid_item_id", "option_id", "role", "count"
        )
    )
    return answer, cross


def test_the_tallies_counted_on_the_way_in_are_the_very_rows_a_rebuild_from_the_answers_gives():
    wave = full_wave(confidentiality=Confidentiality.NAMED)
    organisations = [OrganisationFactory(), OrganisationFactory(kind=OrganisationKind.SUPPORT_PROVIDER)]
    responses = [
        RecordedResponse(
            organisations[i % 2],
            (Role.CLINICAL_LEAD, Role.FINANCE_LEAD, "")[i % 3],
            {
                "info": "no" if i % 2 else "yes",
                "behaviours": BEHAVIOURS,
                "staff": str(i),
                **({"satisfied": "satisfied"} if i % 2 else {}),
                **({"reasons": ["too_busy", "price"][: 1 + i % 2]} if i % 3 else {}),
                **({"why_not": "No time"} if i % 3 == 1 else {}),
            },
        )
        for i in range(7)
    ]
    responses_record(wave=wave, responses=responses)
    kept = _rows(wave)
    assert kept[0] and kept[1]
    assert tallies_rebuild(wave_id=wave.pk) == len(kept[0])
    assert _rows(wave) == kept
