"""Procurement's part of the read-only API: published requirements and awards."""

import datetime
from decimal import Decimal

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError

from exchange.core.api import Problem
from exchange.marketplace.procurement.models import Award, RequirementStatus
from exchange.marketplace.procurement.ocds import published_requirements

router = Router()


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


@router.get(
    "/requirements",
    response=list[RequirementOut],
    summary="Published requirements",
    operation_id="exchange_marketplace_api_requirement_list",
)
def requirement_list(request: HttpRequest):
    return [_requirement(requirement) for requirement in published_requirements()]


@router.get(
    "/requirements/{requirement_id}",
    response={200: RequirementOut, 404: Problem, 422: Problem},
    summary="One published requirement",
    operation_id="exchange_marketplace_api_requirement_detail",
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


@router.get(
    "/awards",
    response=list[AwardOut],
    summary="Awards, in standstill or final",
    operation_id="exchange_marketplace_api_award_list",
)
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
