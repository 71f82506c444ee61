from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from ..models import Organisation, OrganisationKind, Region, search_key


@dataclass(frozen=True)
class DirectoryFilters:
    query: str = ""
    kind: str = ""
    region: str = ""
    sector: str = ""


def organisation_directory(*, filters: DirectoryFilters) -> QuerySet[Organisation]:
    """The public registry: every organisation, searchable by name or code."""
    organisations = Organisation.objects.select_related("region", "area_team")
    if filters.query:
        query = filters.query.strip()
        organisations = organisations.filter(
            Q(name_search__contains=search_key(query)) | Q(ods_code__iexact=query) | Q(ons_code__iexact=query)
        )
    if filters.kind:
        organisations = organisations.filter(kind=filters.kind)
    if filters.region:
        organisations = organisations.filter(region__ons_code=filters.region)
    if filters.sector:
        organisations = organisations.filter(sector=filters.sector)
    return organisations.order_by("name", "id")


def organisation_get(*, slug: str) -> Organisation | None:
    return Organisation.objects.select_related("region", "area_team").filter(slug=slug).first()


def organisation_by_pk(*, pk: int | None) -> Organisation | None:
    return Organisation.objects.filter(pk=pk).first() if pk is not None else None


def registry_summary() -> dict:
    counts = Organisation.objects.aggregate(
        commissioners=Count("id", filter=Q(kind=OrganisationKind.COMMISSIONER)),
        providers=Count("id", filter=Q(kind=OrganisationKind.SUPPORT_PROVIDER)),
    )
    return {**counts, "regions": Region.objects.count()}


def organisation_by_ods_code(*, code: str) -> Organisation | None:
    """The organisation with this ODS code, in any case."""
    return Organisation.objects.filter(ods_code__iexact=code).first()


def commissioner_list() -> QuerySet[Organisation]:
    return Organisation.objects.filter(kind=OrganisationKind.COMMISSIONER).order_by("name")


def organisation_kind_label(kind: str) -> str:
    return str(OrganisationKind(kind).label)
