from django.db.models import Q, QuerySet

from ..models import SavedSearch, Shortlist


def shortlist_list(*, user) -> QuerySet[Shortlist]:
    """The user's own shortlists and those of the organisations they belong to."""
    if not user.is_authenticated:
        return Shortlist.objects.none()
    organisations = user.memberships.values("organisation_id")
    return (
        Shortlist.objects.filter(Q(owner=user) | Q(organisation_id__in=organisations))
        .select_related("owner", "organisation", "frozen_by")
        .distinct()
    )


def shortlist_get(*, user, pk: int) -> Shortlist | None:
    shortlists = Shortlist.objects.all() if user.is_authenticated and user.is_staff else shortlist_list(user=user)
    return (
        shortlists.filter(pk=pk)
        .select_related("owner", "organisation", "frozen_by")
        .prefetch_related(
            "entries__offering__provider", "entries__offering__service_lines", "entries__offering__regions"
        )
        .first()
    )


def saved_search_list(*, user) -> QuerySet[SavedSearch]:
    if not user.is_authenticated:
        return SavedSearch.objects.none()
    return SavedSearch.objects.filter(owner=user)
