"""Reading what a survey link and a browser lead to (`selectors.answering`): the contact or the open-link wave a token
names, and a respondent's draft with the same refusals as starting one, all without writing."""

import pytest

from exchange.core.exceptions import ApplicationError
from exchange.surveys.models import ContactStatus, Draft, WaveAccess
from exchange.surveys.selectors.answering import (
    ALREADY_SUBMITTED,
    OPTED_OUT,
    WAVE_NOT_OPEN,
    browser_draft_get,
    browser_key_hash,
    contact_draft_get,
    respondent_link_get,
)
from exchange.surveys.services.authoring import wave_close, wave_open
from exchange.surveys.services.responding import draft_for_browser, draft_for_contact

from ..factories import ContactFactory, full_wave

pytestmark = pytest.mark.django_db


def test_a_personal_token_names_its_contact_and_an_open_link_key_its_wave(contact):
    link = respondent_link_get(token=contact.token)
    assert (link.contact, link.wave) == (contact, contact.wave)
    open_wave = wave_open(wave=full_wave(access=WaveAccess.OPEN_LINK, label="2014"))
    link = respondent_link_get(token=open_wave.open_link_key)
    assert (link.contact, link.wave) == (None, open_wave)


def test_an_unknown_or_empty_token_names_nothing_nor_does_an_invited_waves_empty_key(contact):
    assert contact.wave.open_link_key == ""
    assert respondent_link_get(token="") is None
    assert respondent_link_get(token="x" * 43) is None


def test_a_contacts_draft_is_read_and_none_is_started(contact):
    assert contact_draft_get(contact=contact) is None
    assert not Draft.objects.exists()
    contact.refresh_from_db()
    assert contact.status == ContactStatus.INVITED and contact.started_at is None
    draft = draft_for_contact(contact=contact)
    contact.refresh_from_db()
    assert contact_draft_get(contact=contact) == draft


@pytest.mark.parametrize(
    ("status", "message"), [(ContactStatus.COMPLETED, ALREADY_SUBMITTED), (ContactStatus.OPTED_OUT, OPTED_OUT)]
)
def test_reading_refuses_whom_starting_refuses(contact, status, message):
    contact.status = status
    contact.save(update_fields=["status"])
    with pytest.raises(ApplicationError) as error:
        contact_draft_get(contact=contact)
    assert error.value.message == message


def test_reading_in_a_wave_not_open_is_refused(contact):
    wave_close(wave=contact.wave)
    contact.refresh_from_db()
    with pytest.raises(ApplicationError) as error:
        contact_draft_get(contact=contact)
    assert error.value.message == WAVE_NOT_OPEN


def test_a_browsers_draft_is_its_own_and_none_is_started():
    wave = wave_open(wave=full_wave(access=WaveAccess.OPEN_LINK))
    ContactFactory(wave=wave)
    assert browser_draft_get(wave=wave, browser_key="mine") is None
    assert not Draft.objects.exists()
    draft = draft_for_browser(wave=wave, browser_key="mine")
    assert draft.browser_key_hash == browser_key_hash("mine")
    assert browser_draft_get(wave=wave, browser_key="mine") == draft
    assert browser_draft_get(wave=wave, browser_key="another") is None
