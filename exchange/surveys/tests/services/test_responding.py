"""Answering (`services.responding`): a draft only while the wave is open and the contact still to answer, each
section merged into it, and no submission before every required answer."""

import pytest

from exchange.core.exceptions import ApplicationError
from exchange.surveys.models import ContactStatus, Draft, Response
from exchange.surveys.questionnaire import Questionnaire
from exchange.surveys.services.responding import (
    ALREADY_SUBMITTED,
    INCOMPLETE,
    OPTED_OUT,
    WAVE_NOT_OPEN,
    draft_for_contact,
    draft_save_answers,
    response_submit,
)

from ..factories import ContactFactory

pytestmark = pytest.mark.django_db


def test_no_draft_is_started_while_the_wave_is_a_draft(wave):
    with pytest.raises(ApplicationError) as error:
        draft_for_contact(contact=ContactFactory(wave=wave))
    assert error.value.message == WAVE_NOT_OPEN


def test_a_contacts_first_draft_marks_them_started(contact):
    draft_for_contact(contact=contact)
    contact.refresh_from_db()
    assert contact.status == ContactStatus.STARTED and contact.started_at is not None
    assert Draft.objects.filter(contact=contact).count() == 1


@pytest.mark.parametrize(
    ("status", "message"), [(ContactStatus.COMPLETED, ALREADY_SUBMITTED), (ContactStatus.OPTED_OUT, OPTED_OUT)]
)
def test_a_contact_who_has_answered_or_opted_out_gets_no_draft(contact, status, message):
    contact.status = status
    contact.save()
    with pytest.raises(ApplicationError) as error:
        draft_for_contact(contact=contact)
    assert error.value.message == message


def test_saving_a_section_keeps_the_answers_of_earlier_sections(contact):
    draft = draft_save_answers(draft=draft_for_contact(contact=contact), answers={"info": "no"})
    draft = draft_save_answers(draft=draft, answers={"staff": "12"})
    assert draft.answers == {"info": "no", "staff": "12"}


def test_a_draft_with_a_required_answer_missing_is_not_submitted(contact):
    draft = draft_save_answers(draft=draft_for_contact(contact=contact), answers={"info": "yes"})
    with pytest.raises(ApplicationError) as error:
        response_submit(draft_id=draft.pk, questionnaire=Questionnaire.load(contact.wave))
    assert error.value.message == INCOMPLETE
    assert not Response.objects.exists()
