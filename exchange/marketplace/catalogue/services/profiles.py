from collections.abc import Iterable

from django.db import transaction

from exchange.audit.actions import AuditAction
from exchange.audit.services import audit_event_record
from exchange.core.exceptions import ApplicationError
from exchange.marketplace.catalogue import permissions
from exchange.marketplace.catalogue.models import ProviderProfile
from exchange.organisations.models import Organisation, OrganisationKind

NOT_YOURS = "You can only change your own organisation's profile."


@transaction.atomic
def provider_profile_save(
    *,
    actor,
    provider: Organisation,
    regions_served: Iterable = (),
    area_teams_served: Iterable = (),
    accreditations: str = "",
    case_studies: str = "",
) -> ProviderProfile:
    if provider.kind != OrganisationKind.SUPPORT_PROVIDER or not permissions.can_edit_provider(actor, provider):
        raise ApplicationError(NOT_YOURS)
    profile, _ = ProviderProfile.objects.get_or_create(organisation=provider)
    profile.accreditations, profile.case_studies = accreditations.strip(), case_studies.strip()
    profile.full_clean()
    profile.save()
    profile.regions_served.set(list(regions_served))
    profile.area_teams_served.set(list(area_teams_served))
    audit_event_record(action=AuditAction.PROFILE_SAVED, actor=actor, target=profile, organisation=provider)
    return profile
