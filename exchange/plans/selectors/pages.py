"""What the plans pages read: a plan for its commissioner, a review for whoever takes part in it, the priorities
a plan may name. Each returns None for a person who may not see it."""

from django.db.models import QuerySet

from exchange.accounts.permissions import organisations_with_role
from exchange.organisations.models import OrganisationKind

from ..models import Plan, Review, StrategyPriority
from ..permissions import plan_access, review_access
from .plans import _review_queryset
from .reviewers import eligible_reviewers


def plan_for_commissioner(*, user, pk: int) -> Plan | None:
    plan = Plan.objects.select_related("commissioner").prefetch_related("versions__priorities").filter(pk=pk).first()
    return plan if plan is not None and plan_access(user=user, plan=plan) else None


def review_for(*, user, pk: int) -> Review | None:
    """The review, for the commissioner's leads and the leads of its reviewers only."""
    review = _review_queryset().select_related("plan__commissioner", "version").filter(pk=pk).first()
    if review is None:
        return None
    access = review_access(user=user, review=review)
    return review if access.commissioner or access.acting_for else None


def priorities_for(*, commissioner) -> QuerySet:
    boards = [
        org.pk
        for org in eligible_reviewers(commissioner=commissioner)
        if org.kind == OrganisationKind.HEALTH_AND_WELLBEING_BOARD
    ]
    return StrategyPriority.objects.filter(board__in=boards).select_related("board")


def commissioners_planning(*, user) -> list[int]:
    from ..powers import PLAN_ROLES

    return organisations_with_role(user, PLAN_ROLES, kind=OrganisationKind.COMMISSIONER)
