from django.db.models import Q, QuerySet

from exchange.accounts.permissions import organisations_with_role
from exchange.marketplace.procurement import permissions
from exchange.marketplace.procurement.models import ClarificationQuestion, Requirement, RequirementStatus
from exchange.marketplace.procurement.scoring import population_shares


def _visible(user) -> Q:
    """`access.ProcurementAccess.can_view` in SQL: lists show exactly the requirements their pages open."""
    if user.is_staff:
        return Q()
    organisations = organisations_with_role(user, None)
    visible = Q(pk__in=Requirement.objects.filter(partners__commissioner__in=organisations).values("pk"))
    procurement = permissions.procurement_organisations(user)
    if procurement:
        visible |= Q(
            status=RequirementStatus.DRAFT,
            pk__in=Requirement.objects.filter(invited_partners__pk__in=procurement).values("pk"),
        )
    if permissions.provider_organisations(user):
        visible |= ~Q(status=RequirementStatus.DRAFT)
    return visible


def requirement_list(*, user) -> QuerySet[Requirement]:
    """The requirements `user` may open: their organisations' (led or joined), drafts they are invited to join,
    every published one for providers' representatives, and all for platform staff."""
    if not user.is_authenticated:
        return Requirement.objects.none()
    return Requirement.objects.filter(_visible(user)).select_related("lead").order_by("-created_at")


def requirement_get(*, user, pk: int) -> Requirement | None:
    return (
        requirement_list(user=user)
        .select_related("lead", "owner")
        .prefetch_related("service_lines")
        .filter(pk=pk)
        .first()
    )


def requirement_shares(requirement: Requirement) -> list[tuple]:
    """(partner, share of the cost) for every partner, the lead first."""
    partners = list(requirement.partners.select_related("commissioner"))
    shares = population_shares({partner.pk: partner.population for partner in partners})
    return [(partner, shares[partner.pk]) for partner in partners]


def published_answers(requirement: Requirement) -> QuerySet[ClarificationQuestion]:
    """Answered questions, for every bidder; who asked is not part of what is shown."""
    return requirement.questions.exclude(answered_at=None).only("question", "answer", "answered_at")
