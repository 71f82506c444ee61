"""Open Contracting Data Standard 1.1 releases for published requirements: the tender, its parties, the award
and, once the standstill has ended, the contract. Amounts are whole-term values in pounds: the winning price
turned into a yearly cost for the partners' combined population (as the catalogue does), times the term."""

import datetime
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone

from exchange.core import clock
from exchange.marketplace.catalogue.value import estimated_annual_cost
from exchange.marketplace.procurement.models import (
    Bid,
    BidStatus,
    ClarificationQuestion,
    Requirement,
    RequirementPartner,
    RequirementRoute,
    RequirementStatus,
)
from exchange.marketplace.procurement.scoring import MAX_SCORE, population_shares
from exchange.marketplace.procurement.standstill import LONDON

PUBLISHER = "Commissioning Exchange"
# Declared in every package: bid statistics (the bid extension), published once a requirement is awarded, and each
# joint buyer's share of the cost (the budget breakdown extension).
EXTENSIONS = [
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/v1.1.5/extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_budget_breakdown_extension/master/extension.json",
]
LICENSE = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
TENDER_STATUS = {
    RequirementStatus.PUBLISHED: "active",
    RequirementStatus.AWARDED: "complete",
    RequirementStatus.CONCLUDED: "complete",
    RequirementStatus.CANCELLED: "cancelled",
}


def _iso(moment) -> str:
    return moment.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")


# The registers an organisation may be identified by (org-id.guide schemes), best first: the Central Digital
# Platform's PPON (what Find a Tender uses), Companies House, the Charity Commission, the NHS's ODS codes.
REGISTERS = [
    ("GB-PPON", "ppon"),
    ("GB-COH", "companies_house_number"),
    ("GB-CHC", "charity_number"),
    ("GB-NHS", "ods_code"),
]


def _identifiers(organisation) -> list[dict]:
    legal_name = organisation.legal_name or organisation.name
    return [
        {"scheme": scheme, "id": getattr(organisation, field), "legalName": legal_name}
        for scheme, field in REGISTERS
        if getattr(organisation, field)
    ]


def party_id(organisation) -> str:
    """The organisation's best registered identifier (`GB-PPON-…`, `GB-COH-…`, `GB-CHC-…`, `GB-NHS-…`); without
    one, a stable id under the publisher's own prefix (its database id, which never changes, unlike its name)."""
    identifiers = _identifiers(organisation)
    if identifiers:
        return f"{identifiers[0]['scheme']}-{identifiers[0]['id']}"
    return f"{settings.OCDS_PREFIX}-org-{organisation.pk}"


def _party(organisation, roles: list[str]) -> dict:
    party = {"id": party_id(organisation), "name": organisation.name, "roles": roles}
    identifiers = _identifiers(organisation)
    if identifiers:
        party["identifier"] = identifiers[0]
    if identifiers[1:]:
        party["additionalIdentifiers"] = identifiers[1:]
    return party


def _reference(organisation) -> dict:
    return {"id": party_id(organisation), "name": organisation.name}


def _item(line) -> dict:
    """A service line as an item: classified by its main CPV code, with its other codes and the exchange's own
    service line code as additional classifications."""
    own = {"scheme": "XI-CX-SL", "id": line.code, "description": line.name}
    codes = [{"scheme": "CPV", "id": code["id"], "description": code["description"]} for code in line.cpv]
    item = {"id": line.code, "description": line.name, "classification": codes[0] if codes else own}
    if codes:
        item["additionalClassifications"] = [*codes[1:], own]
    return item


def _budget(requirement: Requirement, partners: list, value: Decimal | None) -> dict:
    """Each buyer's share of the cost, by registered population (as the app shows it), with its amount once there
    is a value to share: the award's, else the estimate. Amounts are rounded to pence, the difference given to the
    largest share, so that they total the value."""
    shares = population_shares({partner.pk: partner.population for partner in partners})
    combined = sum(partner.population for partner in partners)
    amounts = {pk: (value * share).quantize(Decimal("0.01")) for pk, share in shares.items()} if value else {}
    if amounts:
        largest = max(shares, key=lambda pk: (shares[pk], -pk))
        amounts[largest] += value - sum(amounts.values())
    breakdown = []
    for partner in partners:
        entry = {
            "id": party_id(partner.commissioner),
            "description": (
                f"{partner.commissioner.name} pays {shares[partner.pk]:.2%} of the cost: its registered population "
                f"of {partner.population:,} in the buyers' {combined:,}."
            ),
            "sourceParty": _reference(partner.commissioner),
        }
        if amounts:
            entry["amount"] = {"amount": float(amounts[partner.pk]), "currency": "GBP"}
        breakdown.append(entry)
    return {
        "description": "Each buyer pays its registered population's share of the cost.",
        "budgetBreakdown": breakdown,
    }


def _term_days(requirement: Requirement) -> int:
    start = timezone.localdate(requirement.bid_deadline)
    return (start + relativedelta(months=requirement.term_months) - start).days


def whole_term_value(requirement: Requirement, price: Decimal) -> Decimal:
    population = sum(partner.population for partner in requirement.partners.all())
    yearly = estimated_annual_cost(
        pricing_model=requirement.pricing_model,
        price=price,
        estimated_days=requirement.estimated_days,
        population=population,
    )
    return (yearly * requirement.term_months / 12).quantize(Decimal("0.01"))


def requirement_release(requirement: Requirement, *, now: datetime.datetime | None = None) -> dict:
    if requirement.status == RequirementStatus.DRAFT or not requirement.ocid:
        raise ValueError("only published requirements have releases")
    partner_rows = list(requirement.partners.all())
    partners = [partner.commissioner for partner in partner_rows]
    bids = [bid for bid in requirement.bids.all() if bid.status == BidStatus.SUBMITTED]
    bids_open = requirement.bids_sealed(clock.or_now(now))  # tenderers stay out of the data until the deadline
    parties = {}
    for commissioner in partners:
        roles = ["buyer", "procuringEntity"] if commissioner.pk == requirement.lead_id else ["buyer"]
        roles.append("sourceParty")
        parties[commissioner.pk] = _party(commissioner, roles)
    tenderers = [] if bids_open else [bid.provider for bid in bids]
    for provider in tenderers:
        parties[provider.pk] = _party(provider, ["tenderer"])
    criteria = list(requirement.criteria.all())
    weights = "; ".join(f"{criterion.title} {criterion.weight}%" for criterion in criteria)
    tender = {
        "id": f"{requirement.ocid}-tender",
        "title": requirement.title,
        "description": requirement.summary,
        "status": TENDER_STATUS.get(requirement.status, "active"),
        "procuringEntity": _reference(requirement.lead),
        "procurementMethod": "selective" if requirement.route == RequirementRoute.INVITED else "open",
        "procurementMethodDetails": requirement.get_route_display(),
        "mainProcurementCategory": "services",
        "awardCriteria": "ratedCriteria",
        "awardCriteriaDetails": (
            f"{weights}; price {requirement.price_weight}% (lowest price ÷ bid price × weight). Criteria scored "
            f"0–{MAX_SCORE} by several evaluators, then moderated."
        ),
        "submissionMethod": ["electronicSubmission"],
        "enquiryPeriod": {
            "startDate": _iso(requirement.published_at),
            "endDate": _iso(requirement.clarification_deadline),
        },
        "tenderPeriod": {"startDate": _iso(requirement.published_at), "endDate": _iso(requirement.bid_deadline)},
        # The term as the buyers set it, in days counted from the bid deadline (the real dates come with the contract)
        "contractPeriod": {"durationInDays": _term_days(requirement)},
        "hasEnquiries": bool(requirement.questions.all()),
        "items": [_item(line) for line in requirement.service_lines.all()],
        "documents": [_notice(requirement, "UK4", "tenderNotice", "tender notice", requirement.published_at)],
    }
    if requirement.estimated_value:
        tender["value"] = {"amount": float(requirement.estimated_value), "currency": "GBP"}
    if not bids_open:
        tender["numberOfTenderers"] = len(tenderers)
        tender["tenderers"] = [_reference(provider) for provider in tenderers]
    release = {
        "ocid": requirement.ocid,
        "id": f"{requirement.ocid}-{requirement.status}-{int(requirement.updated_at.timestamp())}",
        "date": _iso(requirement.updated_at),
        "tag": ["tender"],
        "initiationType": "tender",
        "language": "en",
        "parties": list(parties.values()),
        "buyer": _reference(requirement.lead),
        "tender": tender,
    }
    award = (
        getattr(requirement, "award", None)
        if requirement.status in (RequirementStatus.AWARDED, RequirementStatus.CONCLUDED)
        else None
    )
    budget_value = whole_term_value(requirement, award.bid.price) if award else requirement.estimated_value
    release["planning"] = {"budget": _budget(requirement, partner_rows, budget_value)}
    if award:
        parties[award.bid.provider_id]["roles"].append("supplier")
        value = {"amount": float(whole_term_value(requirement, award.bid.price)), "currency": "GBP"}
        release["tag"] = ["award"]
        release["awards"] = [
            {
                "id": f"{requirement.ocid}-award",
                "title": f"Award of {requirement.title}",
                "description": award.rationale,
                "status": "active" if award.concluded_at else "pending",
                "date": _iso(award.awarded_at),
                "value": value,
                "suppliers": [_reference(award.bid.provider)],
                "documents": [_notice(requirement, "UK6", "awardNotice", "contract award notice", award.awarded_at)],
            }
        ]
        release["bids"] = {"statistics": _bid_statistics(requirement, bids)}
        if award.contract_signed_on:
            release["awards"][0]["contractPeriod"] = _contract_period(award)
        if award.concluded_at:
            release["tag"] = ["award", "contract"]
            contract = {
                "id": f"{requirement.ocid}-contract",
                "awardID": f"{requirement.ocid}-award",
                "title": requirement.title,
                "status": award.contract_status(timezone.localdate(clock.or_now(now))),
                "value": value,
            }
            if award.contract_signed_on:
                contract["dateSigned"] = _iso(_london(award.contract_signed_on))
                contract["period"] = _contract_period(award)
                signed = _london(award.contract_signed_on)
                contract["documents"] = [
                    _notice(requirement, "UK7", "contractNotice", "contract details notice", signed)
                ]
            release["contracts"] = [contract]
    return release


def _london(day: datetime.date, time: datetime.time = datetime.time(0)) -> datetime.datetime:
    return datetime.datetime.combine(day, time, tzinfo=LONDON)


def _contract_period(award) -> dict:
    """The signed contract's first and last days, as the moments they begin and end in London."""
    return {
        "startDate": _iso(_london(award.contract_starts_on)),
        "endDate": _iso(_london(award.contract_ends_on, datetime.time(23, 59, 59))),
    }


def _notice(requirement: Requirement, code: str, document_type: str, title: str, published) -> dict:
    """The UK notice (Procurement Act 2023) a stage of the process corresponds to, as a document of the release."""
    return {
        "id": f"{requirement.ocid}-{code}",
        "documentType": document_type,
        "title": f"{code} {title}",
        "url": settings.SITE_URL + reverse("marketplace:requirement-detail", args=[requirement.pk]),
        "datePublished": _iso(published),
        "format": "text/html",
        "language": "en",
    }


def _bid_statistics(requirement: Requirement, bids: list) -> list[dict]:
    """How many bids there were and the lowest and highest whole-term bid values: published with the award, never
    while bids are sealed. Every submitted bid counts as valid (the exchange disqualifies none)."""
    values = [whole_term_value(requirement, bid.price) for bid in bids]
    statistics = [{"id": "bids", "measure": "bids", "value": len(bids), "date": _iso(requirement.bid_deadline)}]
    if values:
        for measure, value in (("lowestValidBidValue", min(values)), ("highestValidBidValue", max(values))):
            statistics.append({"id": measure, "measure": measure, "value": float(value), "currency": "GBP"})
    return statistics


def release_package(requirements, *, uri_path: str, now: datetime.datetime | None = None) -> dict:
    now = clock.or_now(now)
    return {
        "uri": settings.SITE_URL + uri_path,
        "version": "1.1",
        "extensions": EXTENSIONS,
        "publishedDate": _iso(now),
        "publisher": {"name": PUBLISHER},
        "license": LICENSE,
        "publicationPolicy": settings.SITE_URL + reverse("ocds:publication-policy"),
        "releases": [requirement_release(requirement, now=now) for requirement in requirements],
    }


def published_requirements():
    """Every published requirement with all its release reads: a page of releases costs the same few queries
    whatever its size."""
    return (
        Requirement.objects.exclude(status=RequirementStatus.DRAFT)
        .exclude(ocid=None)
        .select_related("lead", "award__bid__provider")
        .prefetch_related(
            "service_lines",
            "criteria",
            Prefetch("partners", queryset=RequirementPartner.objects.select_related("commissioner")),
            Prefetch("bids", queryset=Bid.objects.select_related("provider").order_by("pk")),
            Prefetch("questions", queryset=ClarificationQuestion.objects.only("pk", "requirement_id")),
        )
        .order_by("published_at", "pk")
    )
