"""A provider's profile is written by its own people only."""

import pytest

from exchange.audit.models import AuditEvent
from exchange.core.exceptions import ApplicationError
from exchange.marketplace.catalogue.models import ProviderProfile
from exchange.marketplace.catalogue.services.profiles import NOT_YOURS, provider_profile_save

pytestmark = pytest.mark.django_db


def test_a_providers_representative_saves_its_profile_with_the_regions_it_serves(world):
    profile = provider_profile_save(
        actor=world.us, provider=world.ours, regions_served=[world.north], accreditations="  ISO 27001 \n"
    )
    assert (profile.organisation, profile.accreditations) == (world.ours, "ISO 27001")
    assert list(profile.regions_served.all()) == [world.north]
    assert AuditEvent.objects.get(action="marketplace.profile_saved").actor == world.us


def test_saving_again_changes_the_one_profile(world):
    provider_profile_save(actor=world.us, provider=world.ours, regions_served=[world.north])
    provider_profile_save(actor=world.us, provider=world.ours, regions_served=[world.london], case_studies="New")
    profile = ProviderProfile.objects.get()
    assert (list(profile.regions_served.all()), profile.case_studies) == ([world.london], "New")


@pytest.mark.parametrize("who", ["them", "lead"])
def test_another_provider_or_a_buyer_cannot_write_a_providers_profile(world, who):
    with pytest.raises(ApplicationError, match=NOT_YOURS):
        provider_profile_save(actor=getattr(world, who), provider=world.ours, accreditations="Forged")
    assert not ProviderProfile.objects.exists()


def test_a_commissioner_has_no_provider_profile_even_for_staff(world):
    with pytest.raises(ApplicationError, match=NOT_YOURS):
        provider_profile_save(actor=world.staff, provider=world.blackpool)
    assert not ProviderProfile.objects.exists()
