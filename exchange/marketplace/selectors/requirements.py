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
    if requirement.status == RequirementStatus.DRAFT and permissions.is_invited_buyer(user, requirement):
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


def requirement_list(*, user) -> QuerySet[Requirement]:
    """The user's organisations' requirements (led or joined), and every published one for providers."""
    from django.db.models import Q

    if not user.is_authenticated:
        return Requirement.objects.none()
    visible = Q(partners__commissioner__memberships__user=user)
    visible |= Q(status=RequirementStatus.DRAFT, invited_partners__pk__in=permissions.buying_organisations(user))
    if user.is_staff or permissions.provider_organisations(user) or permissions.buying_organisations(user):
        visible |= ~Q(status=RequirementStatus.DRAFT)
    return Requirement.objects.filter(visible).select_related("lead").distinct().order_by("-created_at")
