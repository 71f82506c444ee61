"""Illustrative catalogue for `make demo`: 32 invented providers (eight per sector, spread over the four
regions), offerings across every service line, engagements and ratings. None of it describes a real supplier.

Engagements and ratings are bulk-inserted: the demo has no people at the 200 commissioners that "gave" them,
so the services' checks on who rates (which the tests cover) have no one to check. The engagements are confirmed,
as their providers would have, and each commissioner rates an offering at most once a quarter.
"""

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from exchange.accounts.models import User
from exchange.marketplace.catalogue.models import (
    Engagement,
    Offering,
    OfferingStatus,
    PricingModel,
    Rating,
    RatingReply,
    ServiceLine,
)
from exchange.marketplace.catalogue.services.offerings import offering_create, offering_status_set
from exchange.marketplace.catalogue.services.profiles import provider_profile_save
from exchange.marketplace.catalogue.services.ratings import offering_ratings_refresh, quarter_start
from exchange.marketplace.catalogue.services.search_index import offerings_search_refresh
from exchange.marketplace.catalogue.services.service_lines import service_lines_ensure
from exchange.organisations.models import Organisation, OrganisationKind, Region, Sector
from exchange.organisations.services import organisation_create

NORTH, MIDLANDS, LONDON, SOUTH = "North of England", "Midlands and East of England", "London", "South of England"
ALL_REGIONS = (NORTH, MIDLANDS, LONDON, SOUTH)

# name, sector, home region, regions served, service lines offered, typical quality (1–5)
PROVIDERS = [
    (
        "North of England Commissioning Support",
        Sector.NHS,
        NORTH,
        (NORTH,),
        ("business-intelligence", "contract-management", "finance", "imt"),
        3.6,
    ),
    (
        "Midlands and Lancashire Commissioning Support",
        Sector.NHS,
        MIDLANDS,
        (MIDLANDS, NORTH),
        ("business-intelligence", "procurement", "ifr-chc"),
        3.4,
    ),
    (
        "London Commissioning Support Partnership",
        Sector.NHS,
        LONDON,
        (LONDON,),
        ("business-intelligence", "contract-management", "communications", "governance"),
        3.2,
    ),
    (
        "South Coast Commissioning Support",
        Sector.NHS,
        SOUTH,
        (SOUTH,),
        ("business-intelligence", "medicines-management", "hr-od"),
        3.7,
    ),
    (
        "Yorkshire and Humber Commissioning Support",
        Sector.NHS,
        NORTH,
        (NORTH, MIDLANDS),
        ("procurement", "service-redesign", "estates"),
        3.5,
    ),
    ("Central Midlands Commissioning Support", Sector.NHS, MIDLANDS, (MIDLANDS,), ("finance", "imt", "ifr-chc"), 3.3),
    (
        "North East London Commissioning Support",
        Sector.NHS,
        LONDON,
        (LONDON, SOUTH),
        ("ifr-chc", "medicines-management", "business-intelligence"),
        3.8,
    ),
    (
        "South West Commissioning Support",
        Sector.NHS,
        SOUTH,
        (SOUTH,),
        ("contract-management", "governance", "hr-od"),
        3.9,
    ),
    (
        "Lancashire County Council Public Health Intelligence",
        Sector.LOCAL_AUTHORITY,
        NORTH,
        (NORTH,),
        ("business-intelligence", "service-redesign"),
        4.1,
    ),
    (
        "Essex Shared Services (local authority)",
        Sector.LOCAL_AUTHORITY,
        MIDLANDS,
        (MIDLANDS,),
        ("finance", "hr-od", "procurement"),
        3.6,
    ),
    (
        "Camden and Islington Council Commissioning Hub",
        Sector.LOCAL_AUTHORITY,
        LONDON,
        (LONDON,),
        ("procurement", "contract-management", "ifr-chc"),
        3.8,
    ),
    (
        "Kent County Council Commissioning Services",
        Sector.LOCAL_AUTHORITY,
        SOUTH,
        (SOUTH, LONDON),
        ("procurement", "estates", "governance"),
        3.5,
    ),
    (
        "Leeds City Council Health Intelligence",
        Sector.LOCAL_AUTHORITY,
        NORTH,
        (NORTH,),
        ("business-intelligence", "communications"),
        4.0,
    ),
    (
        "Nottinghamshire County Council Shared Services",
        Sector.LOCAL_AUTHORITY,
        MIDLANDS,
        (MIDLANDS,),
        ("hr-od", "finance", "imt"),
        3.4,
    ),
    (
        "Hackney Council Public Health Analytics",
        Sector.LOCAL_AUTHORITY,
        LONDON,
        (LONDON,),
        ("business-intelligence", "service-redesign"),
        4.2,
    ),
    (
        "Hampshire County Council Business Services",
        Sector.LOCAL_AUTHORITY,
        SOUTH,
        (SOUTH,),
        ("estates", "finance", "hr-od"),
        3.7,
    ),
    (
        "Community Voice Partnership",
        Sector.THIRD_SECTOR,
        NORTH,
        (NORTH, LONDON),
        ("communications", "business-intelligence", "service-redesign"),
        4.3,
    ),
    (
        "Healthwatch Analytics Trust",
        Sector.THIRD_SECTOR,
        LONDON,
        (LONDON,),
        ("business-intelligence", "communications"),
        4.4,
    ),
    (
        "Patients First Engagement CIC",
        Sector.THIRD_SECTOR,
        SOUTH,
        (SOUTH,),
        ("communications", "service-redesign"),
        4.0,
    ),
    ("Mind the Data CIC", Sector.THIRD_SECTOR, LONDON, (LONDON, SOUTH), ("business-intelligence", "governance"), 4.1),
    (
        "London Voluntary Health Insight",
        Sector.THIRD_SECTOR,
        LONDON,
        (LONDON,),
        ("business-intelligence", "communications"),
        3.9,
    ),
    ("Midlands Carers Insight Trust", Sector.THIRD_SECTOR, MIDLANDS, (MIDLANDS,), ("ifr-chc", "communications"), 4.2),
    (
        "Northern Community Health Intelligence CIC",
        Sector.THIRD_SECTOR,
        NORTH,
        (NORTH,),
        ("business-intelligence", "service-redesign"),
        3.8,
    ),
    (
        "East of England Third Sector Commissioning Alliance",
        Sector.THIRD_SECTOR,
        MIDLANDS,
        (MIDLANDS, SOUTH),
        ("procurement", "service-redesign"),
        3.6,
    ),
    (
        "Meridian Health Analytics Ltd",
        Sector.INDEPENDENT,
        LONDON,
        ALL_REGIONS,
        ("business-intelligence", "imt", "finance"),
        3.9,
    ),
    (
        "Pennine Procurement Partners Ltd",
        Sector.INDEPENDENT,
        NORTH,
        (NORTH, MIDLANDS),
        ("procurement", "contract-management"),
        3.7,
    ),
    (
        "Fenland Medicines Optimisation Ltd",
        Sector.INDEPENDENT,
        MIDLANDS,
        (MIDLANDS, LONDON),
        ("medicines-management",),
        4.3,
    ),
    (
        "Thameside Commissioning Consultants LLP",
        Sector.INDEPENDENT,
        LONDON,
        (LONDON, SOUTH),
        ("service-redesign", "governance", "business-intelligence"),
        3.4,
    ),
    (
        "Wessex Contract Management Ltd",
        Sector.INDEPENDENT,
        SOUTH,
        (SOUTH,),
        ("contract-management", "procurement"),
        3.8,
    ),
    ("Severn HR and OD Partners Ltd", Sector.INDEPENDENT, MIDLANDS, (MIDLANDS, SOUTH, NORTH), ("hr-od",), 3.6),
    ("Solent Estates Advisory Ltd", Sector.INDEPENDENT, SOUTH, (SOUTH, LONDON), ("estates",), 3.5),
    ("Northumbria IM&T Services Ltd", Sector.INDEPENDENT, NORTH, ALL_REGIONS, ("imt", "business-intelligence"), 3.3),
]

# Per service line: (title, summary, description, outcomes), pricing model, price range, days range.
LINE_OFFERS = {
    "business-intelligence": (
        (
            "Business intelligence and population health analytics",
            "Dashboards, risk stratification and benchmarking from primary, secondary and social care data.",
            "A managed business intelligence service: linked data warehouse, monthly activity and finance dashboards, "
            "risk stratification for case finding, and analysts who answer commissioners' questions within five days.",
            "Monthly dashboards within ten working days of month end; ad hoc analyses within five days.",
        ),
        PricingModel.PER_HEAD,
        (0.18, 0.55),
        None,
    ),
    "procurement": (
        (
            "Healthcare procurement and market management",
            "Procurement advice and running competitive tenders under the NHS procurement rules.",
            "Experienced procurement leads who plan, run and document procurements, engage the market and manage "
            "challenges, with templates that meet the NHS procurement and competition regulations.",
            "Procurements run to an agreed timetable with a documented audit trail.",
        ),
        PricingModel.DAY_RATE,
        (520, 880),
        (40, 120),
    ),
    "contract-management": (
        (
            "Contract management and provider performance",
            "Managing acute, community and mental health contracts and their quality schedules.",
            "Contract managers who run contract review meetings, challenge activity and coding, manage CQUIN and "
            "quality schedules, and reconcile year-end positions with providers.",
            "Monthly performance reports; challenges raised within contract timetables.",
        ),
        PricingModel.FIXED_ANNUAL,
        (60_000, 190_000),
        None,
    ),
    "service-redesign": (
        (
            "Service redesign and transformation",
            "Clinically led redesign of pathways, with evaluation built in from the start.",
            "Programme and clinical leads who map current pathways, engage clinicians and patients, model options "
            "and evaluate the redesigned service against agreed measures.",
            "A redesigned pathway with a baseline and an evaluation plan.",
        ),
        PricingModel.DAY_RATE,
        (480, 850),
        (30, 100),
    ),
    "communications": (
        (
            "Communications and patient engagement",
            "Engagement with patients, carers and the public, and communications that reach them.",
            "Engagement planning, public events, surveys and focus groups with seldom-heard groups, media handling "
            "and reports that show how what people said changed decisions.",
            "Engagement reports within four weeks of each exercise.",
        ),
        PricingModel.FIXED_ANNUAL,
        (25_000, 95_000),
        None,
    ),
    "medicines-management": (
        (
            "Medicines management and optimisation",
            "Pharmacists and technicians who improve prescribing quality and reduce waste.",
            "Practice-based pharmacists, formulary management, prescribing analysis and medicines safety reviews, "
            "with quarterly reports on spend and quality indicators.",
            "Prescribing savings tracked quarterly against an agreed plan.",
        ),
        PricingModel.PER_HEAD,
        (0.30, 0.95),
        None,
    ),
    "ifr-chc": (
        (
            "Individual funding requests and continuing healthcare",
            "Assessment, panels and case management for IFRs and NHS continuing healthcare.",
            "Nurse assessors and case managers who run continuing healthcare assessments within 28 days, "
            "individual funding request panels and reviews, and keep auditable records.",
            "Assessments completed within 28 days in at least 80% of cases.",
        ),
        PricingModel.PER_HEAD,
        (0.15, 0.45),
        None,
    ),
    "finance": (
        (
            "Financial management and accounting",
            "Financial planning, management accounts and statutory reporting for commissioners.",
            "Qualified accountants who produce monthly management accounts, support budget holders, prepare "
            "annual accounts and manage the ledger and payments.",
            "Month-end reports by working day eight; unqualified annual accounts.",
        ),
        PricingModel.FIXED_ANNUAL,
        (80_000, 220_000),
        None,
    ),
    "hr-od": (
        (
            "HR and organisational development",
            "Employment advice, recruitment, payroll liaison and development for commissioning staff.",
            "HR business partners, employee relations casework, recruitment support and organisational "
            "development programmes for governing bodies and staff.",
            "Casework advice within two working days.",
        ),
        PricingModel.FIXED_ANNUAL,
        (30_000, 110_000),
        None,
    ),
    "imt": (
        (
            "IM&T and GP IT services",
            "Information management and technology, including GP IT and information governance tooling.",
            "Service desk, GP IT infrastructure, clinical system support and cyber security monitoring, with "
            "information governance advice and data security toolkit support.",
            "Service desk calls answered within 60 seconds; 99.5% system availability.",
        ),
        PricingModel.PER_HEAD,
        (0.80, 2.10),
        None,
    ),
    "estates": (
        (
            "Estates strategy and management",
            "Estates strategy, lease management and premises development for primary care.",
            "Estates advisers who produce estates strategies, manage leases and void space, and support business "
            "cases for new and improved primary care premises.",
            "An estates strategy within six months; void costs reported quarterly.",
        ),
        PricingModel.DAY_RATE,
        (550, 900),
        (20, 80),
    ),
    "governance": (
        (
            "Governance, risk and legal support",
            "Corporate governance, risk management, complaints and freedom of information.",
            "Governance leads who run governing body business, assurance frameworks and risk registers, handle "
            "complaints and freedom of information requests, and buy in legal advice when needed.",
            "Freedom of information responses within 20 working days.",
        ),
        PricingModel.FIXED_ANNUAL,
        (20_000, 70_000),
        None,
    ),
}

ILLUSTRATIVE = "Illustrative demo organisation: not a real supplier."
COMMENTS = [
    "Responsive team that understood our population.",
    "Good analysts, but reports were often late at year end.",
    "Value for money has improved since we renegotiated.",
    "Strong relationship; they came to our governing body when asked.",
    "Quality was patchy in the first quarter and better since.",
    "",
    "",
]


def _population(organisation: Organisation) -> int:
    """An illustrative registered population, stable for each CCG (the reference data holds none)."""
    return random.Random(organisation.ons_code or organisation.name).randrange(90_000, 650_000, 1_000)


@transaction.atomic
def marketplace_demo_load(*, today: datetime.date | None = None) -> int:
    """Load the demo catalogue. Running it again adds nothing. Returns the number of offerings."""
    today = today or timezone.localdate()
    for commissioner in Organisation.objects.filter(kind=OrganisationKind.COMMISSIONER, registered_population=None):
        commissioner.registered_population = (
            172_000 if commissioner.name == "NHS Blackpool" else _population(commissioner)
        )
        commissioner.save(update_fields=["registered_population"])
    if Offering.objects.exists():
        return Offering.objects.count()
    service_lines_ensure()
    regions = {region.name: region for region in Region.objects.all()}
    lines = {line.code: line for line in ServiceLine.objects.all()}
    admin = User.objects.filter(is_staff=True).order_by("pk").first()
    rng = random.Random(2013)
    qualities = {}
    for name, sector, home, served, line_codes, quality in PROVIDERS:
        provider = Organisation.objects.filter(name=name).first()
        if provider is None:
            provider = organisation_create(
                name=name,
                kind=OrganisationKind.SUPPORT_PROVIDER,
                sector=sector,
                region=regions[home],
                description=ILLUSTRATIVE,
            )
        provider_profile_save(
            actor=admin,
            provider=provider,
            regions_served=[regions[region] for region in served],
            accreditations="Cyber Essentials Plus\nISO 9001"
            if rng.random() < 0.5
            else "Data Security and Protection Toolkit: standards met",
            case_studies=f"Supported commissioners across {served[0]} since 2013 (illustrative).",
        )
        for code in line_codes:
            (title, summary, description, outcomes), model, (low, high), days = LINE_OFFERS[code]
            price = Decimal(
                str(
                    round(
                        rng.uniform(low, high),
                        2 if model == PricingModel.PER_HEAD else -2 if model == PricingModel.FIXED_ANNUAL else 0,
                    )
                )
            )
            offering = offering_create(
                actor=admin,
                provider=provider,
                title=title if rng.random() < 0.5 else f"{title}: {provider.name.split(' (')[0]}",
                summary=summary,
                description=description,
                outcomes=outcomes,
                service_lines=[lines[code]]
                + ([lines[line_codes[0]]] if code != line_codes[0] and rng.random() < 0.25 else []),
                regions=[regions[region] for region in served],
                pricing_model=model,
                price=price,
                estimated_days=rng.randint(*days) if days else None,
                minimum_term_months=rng.choice([12, 12, 24, 36]),
            )
            offering_status_set(actor=admin, offering=offering, status=OfferingStatus.PUBLISHED)
            qualities[offering.pk] = quality
    draft = Offering.objects.filter(provider__name="Community Voice Partnership").first()
    if draft:
        offering_create(
            actor=admin,
            provider=draft.provider,
            title="Digital inclusion engagement (draft)",
            summary="Reaching people who do not use digital services, for commissioners' engagement duties.",
            service_lines=list(draft.service_lines.all()),
            regions=list(draft.regions.all()),
            pricing_model=PricingModel.FIXED_ANNUAL,
            price=Decimal("38000"),
        )
    _engagements_and_ratings(rng, qualities, today)
    offering_ratings_refresh()
    offerings_search_refresh(offerings=Offering.objects.all())
    return Offering.objects.count()


def _quarters_before(today: datetime.date, count: int) -> list[datetime.date]:
    quarters, day = [], quarter_start(today)
    for _ in range(count):
        day = quarter_start(day - datetime.timedelta(days=1))
        quarters.append(day)
    return quarters


def _score(rng: random.Random, centre: float) -> int:
    return max(1, min(5, round(rng.gauss(centre, 0.8))))


def _engagements_and_ratings(rng: random.Random, qualities: dict[int, float], today: datetime.date) -> None:
    commissioners_by_region: dict[int | None, list[Organisation]] = {}
    for commissioner in Organisation.objects.filter(kind=OrganisationKind.COMMISSIONER).order_by("ons_code"):
        commissioners_by_region.setdefault(commissioner.region_id, []).append(commissioner)
    blackpool = Organisation.objects.filter(name="NHS Blackpool").first()
    confirmed_at = timezone.now()
    ratings = []
    for offering in Offering.objects.filter(pk__in=list(qualities)).prefetch_related("regions").order_by("pk"):
        pool = [c for region in offering.regions.all() for c in commissioners_by_region.get(region.pk, [])]
        buyers = rng.sample(pool, k=min(len(pool), rng.choice([0, 1, 2, 3, 4, 6, 9])))
        if blackpool and offering.provider.name == "Community Voice Partnership" and blackpool not in buyers:
            buyers.append(blackpool)
        for commissioner in buyers:
            started = today - datetime.timedelta(days=rng.randint(200, 1500))
            # Confirmed, as if its provider had: only confirmed engagements' ratings are allowed.
            engagement = Engagement.objects.create(
                offering=offering, commissioner=commissioner, started_on=started, confirmed_at=confirmed_at
            )
            for quarter in _quarters_before(today, rng.randint(1, 4)):
                if quarter < started:
                    continue
                centre = qualities[offering.pk]
                ratings.append(
                    Rating(
                        engagement=engagement,
                        offering=offering,
                        commissioner=commissioner,
                        quarter=quarter,
                        quality=_score(rng, centre),
                        responsiveness=_score(rng, centre),
                        value_for_money=_score(rng, centre - 0.2),
                        relationship=_score(rng, centre + 0.1),
                        comment=rng.choice(COMMENTS),
                    )
                )
    Rating.objects.bulk_create(ratings, batch_size=500)
    replied = Rating.objects.filter(offering__provider__name="Healthwatch Analytics Trust").exclude(comment="").first()
    if replied:
        RatingReply.objects.create(
            rating=replied, text="Thank you. We have added an analyst to cover year-end reporting."
        )
