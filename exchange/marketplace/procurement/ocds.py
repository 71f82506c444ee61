"""Open Contracting Data Standard 1.1 releases for published requirements: the tender, its parties, the award
and, once the standstill has ended, the contract. Amounts are whole-term values in pounds: the winning price
turned into a yearly cost for the partners' combined population (as the catalogue does), times the term."""

import copy
import datetime
import json
from functools import cache

import ocdsmerge
from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone

from exchange.core import clock
from exchange.marketplace.procurement.models import (
    Bid,
    BidStatus,
    ClarificationQuestion,
    Requirement,
    RequirementPartner,
    RequirementRoute,
    RequirementStatus,
)
from exchange.marketplace.procurement.ocds_parts import (
    bid_statistics,
    budget,
    contract_period,
    iso,
    item,
    london,
    notice,
    party,
    reference,
    term_days,
    whole_term_value,
)
from exchange.marketplace.procurement.ocds_schema import release_schema
from exchange.marketplace.procurement.scoring import MAX_SCORE

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


def requirement_release(
    requirement: Requirement, *, release_id: str, date: datetime.datetime, tag: list[str], now: datetime.datetime
) -> dict:
    """The requirement as it stands at `now`, as a release with that id, date and tag."""
    if requirement.status == RequirementStatus.DRAFT or not requirement.ocid:
        raise ValueError("only published requirements have releases")
    partner_rows = list(requirement.partners.all())
    partners = [partner.commissioner for partner in partner_rows]
    bids = [bid for bid in requirement.bids.all() if bid.status == BidStatus.SUBMITTED]
    bids_open = requirement.bids_sealed(now)  # tenderers stay out of the data until the deadline
    parties = {}
    questions_url = settings.SITE_URL + reverse("marketplace:requirement-detail", args=[requirement.pk])
    for commissioner in partners:
        lead = commissioner.pk == requirement.lead_id
        roles = ["buyer", "procuringEntity", "sourceParty"] if lead else ["buyer", "sourceParty"]
        parties[commissioner.pk] = party(commissioner, roles, questions_url if lead else None)
    tenderers = [] if bids_open else [bid.provider for bid in bids]
    for provider in tenderers:
        parties[provider.pk] = party(provider, ["tenderer"])
    criteria = list(requirement.criteria.all())
    weights = "; ".join(f"{criterion.title} {criterion.weight}%" for criterion in criteria)
    tender = {
        "id": f"{requirement.ocid}-tender",
        "title": requirement.title,
        "description": requirement.summary,
        "status": TENDER_STATUS.get(requirement.status, "active"),
        "procuringEntity": reference(requirement.lead),
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
            "startDate": iso(requirement.published_at),
            "endDate": iso(requirement.clarification_deadline),
        },
        "tenderPeriod": {"startDate": iso(requirement.published_at), "endDate": iso(requirement.bid_deadline)},
        # The term as the buyers set it, in days counted from the bid deadline (the real dates come with the contract)
        "contractPeriod": {"durationInDays": term_days(requirement)},
        "hasEnquiries": bool(requirement.questions.all()),
        "items": [item(line) for line in requirement.service_lines.all()],
        "documents": [notice(requirement, "UK4", "tenderNotice", "tender notice", requirement.published_at)],
    }
    if requirement.estimated_value:
        tender["value"] = {"amount": float(requirement.estimated_value), "currency": "GBP"}
    if not bids_open:
        tender["numberOfTenderers"] = len(tenderers)
        tender["tenderers"] = [reference(provider) for provider in tenderers]
    release = {
        "ocid": requirement.ocid,
        "id": release_id,
        "date": iso(date),
        "tag": tag,
        "initiationType": "tender",
        "language": "en",
        "parties": list(parties.values()),
        "buyer": reference(requirement.lead),
        "tender": tender,
    }
    award = (
        getattr(requirement, "award", None)
        if requirement.status in (RequirementStatus.AWARDED, RequirementStatus.CONCLUDED)
        else None
    )
    budget_value = whole_term_value(requirement, award.bid.price) if award else requirement.estimated_value
    release["planning"] = {"budget": budget(requirement, partner_rows, budget_value)}
    if award:
        parties[award.bid.provider_id]["roles"].append("supplier")
        value = {"amount": float(whole_term_value(requirement, award.bid.price)), "currency": "GBP"}
        release["awards"] = [
            {
                "id": f"{requirement.ocid}-award",
                "title": f"Award of {requirement.title}",
                "description": award.rationale,
                "status": "active" if award.concluded_at else "pending",
                "date": iso(award.awarded_at),
                "value": value,
                "suppliers": [reference(award.bid.provider)],
                "documents": [notice(requirement, "UK6", "awardNotice", "contract award notice", award.awarded_at)],
            }
        ]
        release["bids"] = {"statistics": bid_statistics(requirement, bids)}
        if award.contract_signed_on:
            release["awards"][0]["contractPeriod"] = contract_period(award)
        if award.concluded_at:
            contract = {
                "id": f"{requirement.ocid}-contract",
                "awardID": f"{requirement.ocid}-award",
                "title": requirement.title,
                "status": award.contract_status(timezone.localdate(now)),
                "value": value,
            }
            if award.contract_signed_on:
                contract["dateSigned"] = iso(london(award.contract_signed_on))
                contract["period"] = contract_period(award)
                signed = london(award.contract_signed_on)
                contract["documents"] = [
                    notice(requirement, "UK7", "contractNotice", "contract details notice", signed)
                ]
            release["contracts"] = [contract]
    return release


def release_text(release: dict) -> str:
    """A release as it is stored and served: compact JSON, written once."""
    return json.dumps(release, ensure_ascii=False, separators=(",", ":"))


def publisher() -> dict:
    entry = {"name": PUBLISHER, "uri": settings.SITE_URL + "/"}
    if settings.OCDS_PUBLISHER_SCHEME and settings.OCDS_PUBLISHER_UID:
        entry.update(scheme=settings.OCDS_PUBLISHER_SCHEME, uid=settings.OCDS_PUBLISHER_UID)
    return entry


def package_envelope(*, uri_path: str, now: datetime.datetime | None = None) -> dict:
    """What a release or record package says about itself, before its releases or records."""
    return {
        "uri": settings.SITE_URL + uri_path,
        "version": "1.1",
        "extensions": EXTENSIONS,
        "publishedDate": iso(clock.or_now(now)),
        "publisher": publisher(),
        "license": LICENSE,
        "publicationPolicy": settings.SITE_URL + reverse("ocds:publication-policy"),
    }


def package_text(envelope: dict, key: str, items: list[str]) -> str:
    """The package as JSON text, with `items` (JSON texts) placed as they are under `key`, last: a stored release
    reaches the reader byte for byte as it was written."""
    head = json.dumps({**envelope, key: []}, ensure_ascii=False, indent=2)
    marker = f'"{key}": []\n}}'
    if not head.endswith(marker):
        raise ValueError(f"{key} must be the package's last member")
    return head[: -len(marker)] + f'"{key}": [\n' + ",\n".join(items) + "\n]\n}"


@cache
def _merger() -> ocdsmerge.Merger:
    return ocdsmerge.Merger(schema=copy.deepcopy(release_schema(tuple(EXTENSIONS))))


def record(ocid: str, releases: list[dict], *, package_url: str) -> dict:
    """An OCDS record: the releases of one contracting process, linked (each is in the release package at
    `package_url`), and the compiled release OCP's reference implementation (ocdsmerge) makes of them."""
    return {
        "ocid": ocid,
        "releases": [
            {"url": f"{package_url}#{release['id']}", "date": release["date"], "tag": release["tag"]}
            for release in releases
        ],
        "compiledRelease": _merger().create_compiled_release(releases),
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
            Prefetch("partners", queryset=RequirementPartner.objects.select_related("commissioner__region")),
            Prefetch("bids", queryset=Bid.objects.select_related("provider__region").order_by("pk")),
            Prefetch("questions", queryset=ClarificationQuestion.objects.only("pk", "requirement_id")),
        )
        .order_by("published_at", "pk")
    )
