"""A named wave of the surveys factories' questionnaire (`full_wave`), answered by a few respondents: for the tests of
one selector or service at a time."""

from exchange.surveys.models import Confidentiality
from exchange.surveys.services.recording import RecordedResponse, responses_record
from exchange.surveys.tests.factories import full_wave

BEHAVIOURS = {"common_purpose": "agree", "local_leadership": "agree", "honesty": "disagree"}


def answers(**extra) -> dict:
    """The required answers, and `extra` (question code: answer)."""
    return {"info": "yes", "behaviours": BEHAVIOURS, "staff": "3"} | extra


def named_wave(respondents: list[tuple], *, threshold: int = 0):
    """`respondents`: (organisation, role, answers). Every figure shown unless `threshold` says otherwise."""
    wave = full_wave(confidentiality=Confidentiality.NAMED)
    wave.series.suppression_threshold = threshold
    wave.series.save()
    responses_record(wave=wave, responses=[RecordedResponse(*respondent) for respondent in respondents])
    return wave
