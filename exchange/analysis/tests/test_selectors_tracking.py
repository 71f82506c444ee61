import pytest
from django.utils import timezone

from exchange.accounts.models import Role
from exchange.analysis.selectors import method_tracking, wave_tracking
from exchange.analysis.tests.small_waves import answers, named_wave
from exchange.core.tokens import token_salt_new
from exchange.organisations.tests.factories import OrganisationFactory
from exchange.surveys.models import Confidentiality, Contact, ContactStatus
from exchange.surveys.tests.factories import full_wave

pytestmark = pytest.mark.django_db


def _invite(wave, organisation, role, status=ContactStatus.INVITED):
    return Contact.objects.create(
        wave=wave,
        full_name="A Person",
        email=f"{token_salt_new()[:8]}@example.org",
        role=role,
        organisation=organisation,
        **Contact.token_fields(),
        status=status,
        invited_at=timezone.now(),
    )


def test_response_rates_and_coverage_are_counted_overall_by_region_and_by_role_from_the_contacts():
    wave = full_wave(confidentiality=Confidentiality.NAMED)
    first, second = OrganisationFactory(), OrganisationFactory()
    _invite(wave, first, Role.CLINICAL_LEAD, ContactStatus.COMPLETED)
    _invite(wave, first, Role.FINANCE_LEAD, ContactStatus.COMPLETED)
    _invite(wave, second, Role.CLINICAL_LEAD)
    _invite(wave, second, Role.FINANCE_LEAD, ContactStatus.OPTED_OUT)
    tracking = wave_tracking(wave=wave)
    overall = tracking.overall
    assert (overall.invited, overall.completed, overall.opted_out, overall.response_rate) == (4, 2, 1, 0.5)
    assert (overall.organisations_invited, overall.organisations_completed, overall.coverage) == (2, 1, 0.5)
    assert {row.label: row.completed for row in tracking.by_region} == {first.region.name: 2, second.region.name: 0}
    assert [(row.invited, row.completed) for row in tracking.by_role] == [(2, 1), (2, 1)]
    assert not any(row.suppressed or row.coverage_hidden for row in [overall, *tracking.by_region])


def test_the_method_section_has_no_response_rate_for_a_wave_without_a_frame():
    wave = named_wave([(None, Role.CLINICAL_LEAD, answers())])
    assert method_tracking(wave=wave) is None


def test_the_method_section_counts_loaded_responses_from_the_frames_organisations_when_no_contact_completed():
    organisation = OrganisationFactory()
    wave = named_wave([(organisation, Role.CLINICAL_LEAD, answers()), (None, Role.CLINICAL_LEAD, answers())])
    _invite(wave, organisation, Role.CLINICAL_LEAD)
    _invite(wave, organisation, Role.FINANCE_LEAD)
    overall = method_tracking(wave=wave).overall
    assert (overall.invited, overall.completed, overall.organisations_completed) == (2, 1, 1)
