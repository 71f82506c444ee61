from django.db.models import QuerySet

from .. import permissions
from ..models import ClarificationQuestion, Requirement, RequirementStatus
from ..scoring import population_shares


def requirement_get(*, user, pk: int) -> Requirement | None:
    """Drafts: the lead's and partners' people. Published: also every signed-in provider. Staff: all."""
    requirement = (
        Requirement.objects.filter(pk=pk).select_related("lead", "owner").prefetch_related("service_lines").first()
    )
    if requirement is None or not user.is_authenticated:
        return None
    if user.is_staff or permissions.is_partner_member(user, requirement):
        return requirement
    if requirement.status != RequirementStatus.DRAFT and permissions.provider_organisations(user):
        return requirement
    return None


def requirement_shares(requirement: Requirement) -> list[tuple]:
    """(partner, share of the cost) for every partner, the lead first."""
    partners = list(requirement.partners.select_related("commissioner"))
    shares = population_shares({partner.pk: partner.population for partner in partners})
    return [(partner, shares[partner.pk]) for partner in partners]


def published_answers(requirement: Requirement) -> QuerySet[ClarificationQuestion]:
    """Answered questions, for every bidder; who asked is not part of what is shown."""
    return requirement.questions.exclude(answered_at=None).only("question", "answer", "answered_at")
