"""A read-only REST API for the catalogue, published requirements and awards, with its OpenAPI document at
/api/openapi.json. Errors are JSON problems (RFC 9457)."""

import datetime
from decimal import Decimal

from django.http import HttpRequest
from ninja import Field, NinjaAPI, Query, Schema
from ninja.errors import HttpError, ValidationError

from .models import Award, Offering, OfferingStatus, RequirementStatus
from .ocds import published_requirements
from .selectors.buyers import TYPICAL_POPULATION
from .selectors.search import CatalogueQuery, catalogue_search, clean_search_text, valid_choices


class ProblemAwareAPI(NinjaAPI):
    """Documents error responses as application/problem+json, the type they are sent with."""

    def get_openapi_schema(self, **kwargs):
        schema = super().get_openapi_schema(**kwargs)
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                for status, response in operation.get("responses", {}).items():
                    if str(status).startswith(("4", "5")) and "application/json" in response.get("content", {}):
                        response["content"] = {"application/problem+json": response["content"]["application/json"]}
        return schema


api = ProblemAwareAPI(
    title="Commissioning Exchange API",
    version="1",
    description="Read-only: the catalogue of commissioning support, published requirements and awards.",
    docs_url=None,
    urls_namespace="api",
)
PAGE_SIZE = 50


def _problem(request, status: int, title: str, detail: str = ""):
    response = api.create_response(
        request, {"type": "about:blank", "title": title, "status": status, "detail": detail}, status=status
    )
    response["Content-Type"] = "application/problem+json"
    return response


@api.exception_handler(ValidationError)
def _invalid(request, exc):
    return _problem(request, 422, "The request is not valid", "; ".join(str(error.get("msg")) for error in exc.errors))


@api.exception_handler(HttpError)
def _http_error(request, exc):
    return _problem(request, exc.status_code, str(exc.message))


class Problem(Schema):
    type: str
    title: str
    status: int
    detail: str


class ProviderOut(Schema):
    name: str
    sector: str


class OfferingOut(Schema):
    id: int
    title: str
    summary: str
    provider: ProviderOut
    service_lines: list[str]
    regions: list[str]
    pricing_model: str
    price: Decimal
    estimated_days: int | None
    minimum_term_months: int
    rating_count: int
    rating_adjusted: float | None


class OfferingPage(Schema):
    count: int
    page: int
    results: list[OfferingOut]


class OfferingFilters(Schema):
    q: str = ""
    line: str | None = None
    sector: str | None = None
    region: str | None = None
    page: int = Field(1, ge=1, le=10_000)


def _offering(offering: Offering) -> dict:
    return {
        "id": offering.pk,
        "title": offering.title,
        "summary": offering.summary,
        "provider": {"name": offering.provider.name, "sector": offering.provider.sector},
        "service_lines": [line.code for line in offering.service_lines.all()],
        "regions": [region.ons_code for region in offering.regions.all()],
        "pricing_model": offering.pricing_model,
        "price": offering.price,
        "estimated_days": offering.estimated_days,
        "minimum_term_months": offering.minimum_term_months,
        "rating_count": offering.rating_count,
        "rating_adjusted": offering.rating_adjusted,
    }


@api.get("/offerings", response={200: OfferingPage, 422: Problem}, summary="Search published offerings")
def offering_list(request: HttpRequest, filters: Query[OfferingFilters]):
    raw = {"line": [filters.line or ""], "sector": [filters.sector or ""], "region": [filters.region or ""]}
    query = CatalogueQuery(text=clean_search_text(filters.q), choices=valid_choices(raw, TYPICAL_POPULATION))
    offerings = catalogue_search(query=query).offerings
    start = (filters.page - 1) * PAGE_SIZE
    return {
        "count": offerings.count(),
        "page": filters.page,
        "results": [_offering(o) for o in offerings[start : start + PAGE_SIZE]],
    }


@api.get(
    "/offerings/{offering_id}",
    response={200: OfferingOut, 404: Problem, 422: Problem},
    summary="One published offering",
)
def offering_detail(request: HttpRequest, offering_id: int):
    offering = (
        Offering.objects.filter(pk=offering_id, status=OfferingStatus.PUBLISHED)
        .select_related("provider")
        .prefetch_related("service_lines", "regions")
        .first()
    )
    if offering is None:
        raise HttpError(404, "No published offering has that id")
    return _offering(offering)


class RequirementOut(Schema):
    id: int
    ocid: str
    title: str
    summary: str
    status: str
    lead: str
    service_lines: list[str]
    pricing_model: str
    clarification_deadline: datetime.datetime
    bid_deadline: datetime.datetime


def _requirement(requirement) -> dict:
    return {
        "id": requirement.pk,
        "ocid": requirement.ocid,
        "title": requirement.title,
        "summary": requirement.summary,
        "status": requirement.status,
        "lead": requirement.lead.name,
        "service_lines": [line.code for line in requirement.service_lines.all()],
        "pricing_model": requirement.pricing_model,
        "clarification_deadline": requirement.clarification_deadline,
        "bid_deadline": requirement.bid_deadline,
    }


@api.get("/requirements", response=list[RequirementOut], summary="Published requirements")
def requirement_list(request: HttpRequest):
    return [_requirement(requirement) for requirement in published_requirements()]


@api.get(
    "/requirements/{requirement_id}",
    response={200: RequirementOut, 404: Problem, 422: Problem},
    summary="One published requirement",
)
def requirement_detail(request: HttpRequest, requirement_id: int):
    requirement = published_requirements().filter(pk=requirement_id).first()
    if requirement is None:
        raise HttpError(404, "No published requirement has that id")
    return _requirement(requirement)


class AwardOut(Schema):
    requirement_id: int
    ocid: str
    supplier: str
    price: Decimal
    pricing_model: str
    rationale: str
    awarded_at: datetime.datetime
    standstill_ends_at: datetime.datetime
    final: bool


@api.get("/awards", response=list[AwardOut], summary="Awards, in standstill or final")
def award_list(request: HttpRequest):
    awards = Award.objects.filter(
        requirement__status__in=[RequirementStatus.AWARDED, RequirementStatus.CONCLUDED]
    ).select_related("requirement", "bid__provider")
    return [
        {
            "requirement_id": award.requirement_id,
            "ocid": award.requirement.ocid,
            "supplier": award.bid.provider.name,
            "price": award.bid.price,
            "pricing_model": award.requirement.pricing_model,
            "rationale": award.rationale,
            "awarded_at": award.awarded_at,
            "standstill_ends_at": award.standstill_ends_at,
            "final": award.concluded_at is not None,
        }
        for award in awards.order_by("pk")
    ]
