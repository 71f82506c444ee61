"""Reading the sample frame (`selectors.contacts`): who took part, and where each contact has got to."""

import pytest
from django.utils import timezone

from exchange.organisations.tests.factories import OrganisationFactory
from exchange.surveys.models import Contact, ContactStatus
from exchange.surveys.selectors import (
    COMPLETED,
    OPENED,
    STARTED,
    contact_progress_shown,
    contacts_with_progress_shown,
    wave_frame_includes,
)

from ..factories import ContactFactory, full_wave

pytestmark = pytest.mark.django_db


def test_an_organisation_took_part_when_one_of_its_people_is_in_the_frame(contact):
    assert wave_frame_includes(wave=contact.wave, organisation=contact.organisation)
    assert not wave_frame_includes(wave=contact.wave, organisation=OrganisationFactory())


def test_each_stage_counts_those_who_reached_it_or_went_further(wave):
    for status in ContactStatus.values:
        ContactFactory(wave=wave, full_name=status, status=status)
    # A bounced or opted-out contact who had opened the link still counts as opened.
    ContactFactory(wave=wave, full_name="opened then left", status=ContactStatus.OPTED_OUT, opened_at=timezone.now())

    def names(stage):
        return set(Contact.objects.filter(stage).values_list("full_name", flat=True))

    assert names(OPENED) == {"opened", "started", "completed", "opened then left"}
    assert names(STARTED) == {"started", "completed"}
    assert names(COMPLETED) == {"completed"}


def test_where_a_contact_got_to_is_shown_in_a_named_wave_never_in_a_confidential_one(db):
    named, confidential = full_wave(confidentiality="named"), full_wave(confidentiality="confidential")
    assert (contact_progress_shown(named), contact_progress_shown(confidential)) == (True, False)
    contacts = [ContactFactory(wave=wave, status=ContactStatus.COMPLETED) for wave in (named, confidential)]
    shown = contacts_with_progress_shown(Contact.objects.all())
    assert list(shown) == [contact for contact in contacts if contact_progress_shown(contact.wave)]
