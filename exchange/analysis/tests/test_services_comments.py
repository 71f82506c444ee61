import pytest

from exchange.accounts.models import Role
from exchange.analysis.models import CommentCoding, Theme
from exchange.analysis.services import comment_code, theme_create
from exchange.core.exceptions import ApplicationError
from exchange.organisations.tests.factories import OrganisationFactory
from exchange.surveys.models import Answer, Confidentiality
from exchange.surveys.services.recording import RecordedResponse, responses_record
from exchange.surveys.tests.factories import full_wave

pytestmark = pytest.mark.django_db
ANSWERS = {
    "info": "no",
    "behaviours": {"common_purpose": "agree", "local_leadership": "agree", "honesty": "agree"},
    "staff": "3",
    "comments": "More notice next time",
}


def _wave_with_a_comment():
    wave = full_wave(confidentiality=Confidentiality.NAMED)
    responses_record(wave=wave, responses=[RecordedResponse(OrganisationFactory(), Role.CLINICAL_LEAD, ANSWERS)])
    return wave


def test_a_theme_is_named_once_per_wave_and_its_name_trimmed():
    wave = full_wave(confidentiality=Confidentiality.NAMED)
    theme = theme_create(wave=wave, name="  Notice  ")
    assert theme.name == "Notice"
    assert theme_create(wave=wave, name="Notice") == theme
    assert Theme.objects.filter(wave=wave).count() == 1


def test_a_theme_without_a_name_is_refused():
    wave = full_wave(confidentiality=Confidentiality.NAMED)
    with pytest.raises(ApplicationError, match="Enter a name for the theme"):
        theme_create(wave=wave, name="   ")


def test_coding_a_comment_keeps_its_themes_quote_and_clearance_and_coding_again_replaces_them():
    wave = _wave_with_a_comment()
    answer = Answer.objects.get(response__wave=wave, question__code="comments")
    notice, time = theme_create(wave=wave, name="Notice"), theme_create(wave=wave, name="Time")
    comment_code(answer=answer, theme_ids=[notice.pk, time.pk], quote=True, cleared_for_export=True)
    coding = comment_code(answer=answer, theme_ids=[time.pk], quote=False)
    assert CommentCoding.objects.get(answer=answer) == coding
    assert (list(coding.themes.all()), coding.quote, coding.cleared_for_export) == ([time], False, False)


def test_an_answer_without_text_cannot_be_coded():
    wave = _wave_with_a_comment()
    answer = Answer.objects.get(response__wave=wave, question__code="info")
    with pytest.raises(ApplicationError, match="Only free-text answers can be tagged"):
        comment_code(answer=answer, theme_ids=[], quote=True)
    assert not CommentCoding.objects.filter(answer=answer).exists()
