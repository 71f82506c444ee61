"""The parts of an OCDS release, each from the exchange's data: moments in UTC, parties by their best registered
identifier, items by CPV, each buyer's share of the cost, the bid statistics, the UK notices, the contract period.
Amounts are whole-term values in pounds: a price turned into a yearly cost for the partners' combined population
(as the catalogue does), times the term."""

import datetime
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from exchange.marketplace.catalogue.value import estimated_annual_cost
from exchange.marketplace.procurement.models import Requirement
from exchange.marketplace.procurement.scoring import population_shares
from exchange.marketplace.procurement.standstill import LONDON


def iso(moment) -> str:
    return moment.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")


# The registers an organisation may be identified by (org-id.guide schemes), best first: the Central Digital
# Platform's PPON (what Find a Tender uses), Companies House, the Charity Commission, the NHS's ODS codes.
REGISTERS = [
    ("GB-PPON", "ppon"),
    ("GB-COH", "companies_house_number"),
    ("GB-CHC", "charity_number"),
    ("GB-NHS", "ods_code"),
]


def registered_identifiers(organisation) -> list[dict]:
    legal_name = organisation.legal_name or organisation.name
    return [
        {"scheme": scheme, "id": getattr(organisation, field), "legalName": legal_name}
        for scheme, field in REGISTERS
        if getattr(organisation, field)
    ]


def party_id(organisation) -> str:
    """The organisation's best registered identifier (`GB-PPON-…`, `GB-COH-…`, `GB-CHC-…`, `GB-NHS-…`); without
    one, a stable id under the publisher's own prefix (its database id, which never changes, unlike its name)."""
    identifiers = registered_identifiers(organisation)
    if identifiers:
        return f"{identifiers[0]['scheme']}-{identifiers[0]['id']}"
    return f"{settings.OCDS_PREFIX}-org-{organisation.pk}"


def party(organisation, roles: list[str], contact_url: str | None = None) -> dict:
    """An organisation as a party: its identifiers, the region of England it is in (the registry holds no street
    address), and a contact point: `contact_url` (where the procuring entity takes questions), else its website."""
    entry = {"id": party_id(organisation), "name": organisation.name, "roles": roles}
    identifiers = registered_identifiers(organisation)
    if identifiers:
        entry["identifier"] = identifiers[0]
    if identifiers[1:]:
        entry["additionalIdentifiers"] = identifiers[1:]
    if organisation.region_id:
        entry["address"] = {"region": organisation.region.name, "countryName": "United Kingdom"}
    if contact_url or organisation.website:
        entry["contactPoint"] = {"name": organisation.name, "url": contact_url or organisation.website}
    return entry


def reference(organisation) -> dict:
    return {"id": party_id(organisation), "name": organisation.name}


def item(line) -> dict:
    """A service line as an item: classified by its main CPV code, with its other codes and the exchange's own
    service line code as additional classifications."""
    own = {"scheme": "XI-CX-SL", "id": line.code, "description": line.name}
    codes = [{"scheme": "CPV", "id": code["id"], "description": code["description"]} for code in line.cpv]
    item = {"id": line.code, "description": line.name, "classification": codes[0] if codes else own}
    if codes:
        item["additionalClassifications"] = [*codes[1:], own]
    return item


def budget(requirement: Requirement, partners: list, value: Decimal | None) -> dict:
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
            "sourceParty": reference(partner.commissioner),
        }
        if amounts:
            entry["amount"] = {"amount": float(amounts[partner.pk]), "currency": "GBP"}
        breakdown.append(entry)
    return {
        "description": "Each buyer pays its registered population's share of the cost.",
        "budgetBreakdown": breakdown,
    }


def term_days(requirement: Requirement) -> int:
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


def london(day: datetime.date, time: datetime.time = datetime.time(0)) -> datetime.datetime:
    return datetime.datetime.combine(day, time, tzinfo=LONDON)


def contract_period(award) -> dict:
    """The signed contract's first and last days, as the moments they begin and end in London."""
    return {
        "startDate": iso(london(award.contract_starts_on)),
        "endDate": iso(london(award.contract_ends_on, datetime.time(23, 59, 59))),
    }


def notice(requirement: Requirement, code: str, document_type: str, title: str, published) -> dict:
    """The UK notice (Procurement Act 2023) a stage of the process corresponds to, as a document of the release."""
    return {
        "id": f"{requirement.ocid}-{code}",
        "documentType": document_type,
        "title": f"{code} {title}",
        "url": settings.SITE_URL + reverse("marketplace:requirement-detail", args=[requirement.pk]),
        "datePublished": iso(published),
        "format": "text/html",
        "language": "en",
    }


def bid_statistics(requirement: Requirement, bids: list) -> list[dict]:
    """How many bids there were (and from SMEs, when every bidder has said), and the lowest and highest whole-term
    bid values: published with the award, never while bids are sealed. Every submitted bid counts as valid (the
    exchange disqualifies none)."""
    values = [whole_term_value(requirement, bid.price) for bid in bids]
    statistics = [{"id": "bids", "measure": "bids", "value": len(bids), "date": iso(requirement.bid_deadline)}]
    sme = [bid.provider.is_sme for bid in bids]
    if bids and None not in sme:  # counted only when every bidder has said whether it is an SME
        statistics.append(
            {"id": "smeBids", "measure": "smeBids", "value": sum(sme), "date": iso(requirement.bid_deadline)}
        )
    if values:
        for measure, value in (("lowestValidBidValue", min(values)), ("highestValidBidValue", max(values))):
            statistics.append({"id": measure, "measure": measure, "value": float(value), "currency": "GBP"})
    return statistics
