import pytest

from exchange.accounts.models import Role
from exchange.analysis.selectors import comment_entries, comment_find, comment_reference, comments_hidden, wave_quotes
from exchange.analysis.services import comment_code
from exchange.analysis.tests.small_waves import answers, named_wave
from exchange.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _wave(threshold=0):
    organisation = OrganisationFactory()
    texts = ["Too slow", "Good people", "More notice"]
    return named_wave(
        [(organisation, Role.CLINICAL_LEAD, answers(info="no", comments=text)) for text in texts], threshold=threshold
    )


def test_comments_are_listed_in_the_order_of_their_references_each_with_region_and_role_only():
    wave = _wave()
    comments = wave.questions.get(code="comments")
    entries = comment_entries(wave=wave, question=comments)
    assert [entry.reference for entry in entries] == sorted(entry.reference for entry in entries)
    assert {entry.label for entry in entries} == {f"{entries[0].answer.response.region.name}, clinical lead"}


def test_a_comment_is_found_by_its_reference_and_by_nothing_else():
    wave = _wave()
    comments = wave.questions.get(code="comments")
    answer = comment_entries(wave=wave, question=comments, search="slow")[0].answer
    assert comment_find(wave=wave, question=comments, reference=comment_reference(answer.pk)) == answer
    assert comment_find(wave=wave, question=comments, reference=str(answer.pk)) is None


def test_comments_are_hidden_and_quote_nothing_when_fewer_than_the_threshold_answered():
    wave = _wave(threshold=4)
    comments = wave.questions.get(code="comments")
    comment_code(answer=comments.answers.get(text="Good people"), theme_ids=[], quote=True)
    assert comments_hidden(wave=wave, question=comments)
    assert wave_quotes(wave=wave) == {"why_not": [], "comments": []}


def test_the_quotes_of_each_free_text_question_are_those_an_analyst_chose():
    wave = _wave()
    comments = wave.questions.get(code="comments")
    comment_code(answer=comments.answers.get(text="Good people"), theme_ids=[], quote=True)
    assert wave_quotes(wave=wave) == {"why_not": [], "comments": ["Good people"]}
