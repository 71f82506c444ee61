"""Answering (`services.responding`): a draft only while the wave is open and the contact still to answer, each
section merged into it, and no submission before every required answer; a contact submits only their own draft,
in their own wave, while it is open."""

import pytest

from exchange.core.exceptions import ApplicationError
from exchange.surveys.models import Answer, Confidentiality, Contact, ContactStatus, Draft, PendingResponse, Response
from exchange.surveys.questionnaire import Questionnaire
from exchange.surveys.services.authoring import wave_close, wave_open
from exchange.surveys.services.responding import (
    ALREADY_SUBMITTED,
    INCOMPLETE,
    OPTED_OUT,
    WAVE_NOT_OPEN,
    contact_mark_opened,
    contact_response_submit,
    draft_for_contact,
    draft_save_answers,
    response_submit,
)

from ..factories import ContactFactory, full_wave, when_section

pytestmark = pytest.mark.django_db


def test_no_draft_is_started_while_the_wave_is_a_draft(wave):
    with pytest.raises(ApplicationError) as error:
        draft_for_contact(contact=ContactFactory(wave=wave))
    assert error.value.message == WAVE_NOT_OPEN


def test_pressing_start_marks_a_contact_opened_once(contact):
    first = contact_mark_opened(contact=contact).opened_at
    assert contact.status == ContactStatus.OPENED and first is not None
    contact_mark_opened(contact=contact)
    contact.refresh_from_db()
    assert contact.opened_at == first


def test_a_contact_who_has_completed_is_given_no_time_by_coming_back(contact):
    """Completion clears a contact's times (a confidential wave's order of arrival must not be matched to them);
    pressing Start again must not write one back."""
    Contact.objects.filter(pk=contact.pk).update(status=ContactStatus.COMPLETED, opened_at=None)
    contact.refresh_from_db()
    contact_mark_opened(contact=contact)
    contact.refresh_from_db()
    assert (contact.status, contact.opened_at) == (ContactStatus.COMPLETED, None)


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


def test_dates_and_times_are_kept_as_iso_text_and_a_note_leaves_no_answer(wave, north):
    from exchange.organisations.tests.factories import OrganisationFactory
    from exchange.surveys.services.authoring import wave_open

    when_section(wave)
    wave.series.suppression_threshold = 1
    wave.series.save()
    contact = ContactFactory(wave=wave_open(wave=wave), organisation=OrganisationFactory(region=north))
    everything = {
        "info": "yes",
        "behaviours": {"common_purpose": "agree", "local_leadership": "agree", "honesty": "agree"},
        "staff": "3",
        "started_on": "2013-04-01",
        "meets_at": "09:30",
    }
    draft = draft_save_answers(draft=draft_for_contact(contact=contact), answers=everything)
    assert Draft.objects.get(pk=draft.pk).answers["started_on"] == "2013-04-01"
    response_submit(draft_id=draft.pk, questionnaire=Questionnaire.load(wave))
    answers = dict(
        Answer.objects.filter(question__kind__in=["date", "time", "note"]).values_list("question__code", "text")
    )
    assert answers == {"started_on": "2013-04-01", "meets_at": "09:30"}


def test_a_required_date_left_empty_stops_submission(wave):
    from exchange.surveys.services.authoring import wave_open

    when_section(wave)
    contact = ContactFactory(wave=wave_open(wave=wave))
    answers = {
        "info": "yes",
        "behaviours": {"common_purpose": "agree", "local_leadership": "agree", "honesty": "agree"},
        "staff": "3",
        "started_on": "",
        "meets_at": "09:30",
    }
    draft = draft_save_answers(draft=draft_for_contact(contact=contact), answers=answers)
    questionnaire = Questionnaire.load(wave)
    assert questionnaire.first_unanswered_section(draft.answers).code == "when-you-started"
    with pytest.raises(ApplicationError) as error:
        response_submit(draft_id=draft.pk, questionnaire=questionnaire)
    assert error.value.message == INCOMPLETE


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"started_on": "2013-02-31"}, "started_on: '2013-02-31' is not a real date written YYYY-MM-DD."),
        ({"started_on": "31/01/2013"}, "started_on: '31/01/2013' is not a real date written YYYY-MM-DD."),
        ({"started_on": ["2013-01-31"]}, "started_on: ['2013-01-31'] is not a real date written YYYY-MM-DD."),
        ({"meets_at": "25:00"}, "meets_at: '25:00' is not a time on the 24-hour clock written HH:MM."),
        ({"meets_at": "9:30"}, "meets_at: '9:30' is not a time on the 24-hour clock written HH:MM."),
        ({"about_dates": "read it"}, "about_dates is a note, which takes no answer."),
    ],
)
def test_a_date_or_time_that_cannot_be_or_an_answer_to_a_note_is_refused_and_nothing_saved(wave, answers, message):
    from exchange.surveys.services.authoring import wave_open

    when_section(wave)
    contact = ContactFactory(wave=wave_open(wave=wave))
    draft = draft_save_answers(draft=draft_for_contact(contact=contact), answers={"info": "yes"})
    with pytest.raises(ApplicationError) as error:
        draft_save_answers(draft=draft, answers={"staff": "4", **answers})
    assert error.value.message == message
    assert Draft.objects.get(pk=draft.pk).answers == {"info": "yes"}


def test_a_recorded_response_with_a_date_that_cannot_be_writes_nothing(wave):
    from exchange.surveys.services.recording import RecordedResponse, responses_record

    when_section(wave, date_required=False)
    bad = RecordedResponse(organisation=None, role="", answers={"info": "yes", "started_on": "2013-02-29"})
    with pytest.raises(ApplicationError, match="is not a real date"):
        responses_record(wave=wave, responses=[bad])
    assert not Response.objects.exists()


COMPLETE = {
    "info": "no",
    "satisfied": "dissatisfied",
    "reasons": ["too_busy"],
    "behaviours": {"common_purpose": "agree", "local_leadership": "agree", "honesty": "disagree"},
    "staff": "3",
}


def _submit_as(contact, *, contact_ids=None, wave=None):
    wave = wave or contact.wave
    return contact_response_submit(
        series_slug=wave.series.slug, wave_slug=wave.slug, contact_ids=contact_ids or [contact.pk]
    )


def _named(contact):
    contact.wave.confidentiality = Confidentiality.NAMED
    contact.wave.save(update_fields=["confidentiality"])
    return contact


def test_a_contacts_draft_is_submitted_by_the_slugs_of_their_own_wave_only(contact):
    draft_save_answers(draft=draft_for_contact(contact=_named(contact)), answers=COMPLETE)
    other = wave_open(wave=full_wave(owner=contact.wave.series.owner, label="2014"))
    assert _submit_as(contact, wave=other) is None
    assert Draft.objects.filter(contact=contact).exists() and not Response.objects.exists()
    submission = _submit_as(contact)
    assert submission.wave == contact.wave and submission.outcome == Response.objects.get(contact=contact)


def test_the_contact_of_another_wave_submits_nothing_here(contact):
    draft_save_answers(draft=draft_for_contact(contact=contact), answers=COMPLETE)
    other = wave_open(wave=full_wave(owner=contact.wave.series.owner, label="2014"))
    stranger = ContactFactory(wave=other)
    draft_save_answers(draft=draft_for_contact(contact=stranger), answers=COMPLETE)
    assert _submit_as(stranger, wave=contact.wave) is None
    assert Draft.objects.count() == 2 and not PendingResponse.objects.exists()


def test_an_incomplete_draft_names_the_section_to_answer_and_writes_nothing(contact):
    draft_save_answers(draft=draft_for_contact(contact=contact), answers={"info": "no"})
    submission = _submit_as(contact)
    assert submission.outcome is None and submission.missing.code == "your-support"
    assert Draft.objects.filter(contact=contact).exists() and not PendingResponse.objects.exists()
    contact.refresh_from_db()
    assert contact.status == ContactStatus.STARTED


def test_a_draft_is_not_submitted_once_the_wave_has_closed(contact):
    draft_save_answers(draft=draft_for_contact(contact=contact), answers=COMPLETE)
    wave_close(wave=contact.wave)
    with pytest.raises(ApplicationError) as error:
        _submit_as(contact)
    assert error.value.message == WAVE_NOT_OPEN
    assert Draft.objects.filter(contact=contact).exists()


def test_a_named_submission_completes_the_contact_and_keeps_when_they_opened_and_started(contact):
    draft_save_answers(draft=draft_for_contact(contact=_named(contact)), answers=COMPLETE)
    started = Contact.objects.get(pk=contact.pk)
    _submit_as(contact)
    contact.refresh_from_db()
    assert contact.status == ContactStatus.COMPLETED and contact.completed_at is not None
    assert (contact.opened_at, contact.started_at) == (started.opened_at, started.started_at)


def test_a_confidential_submission_keeps_no_time_on_the_contact(contact):
    draft_save_answers(draft=draft_for_contact(contact=contact), answers=COMPLETE)
    assert isinstance(_submit_as(contact).outcome, PendingResponse)
    contact.refresh_from_db()
    assert contact.status == ContactStatus.COMPLETED
    assert (contact.opened_at, contact.started_at, contact.completed_at) == (None, None, None)
