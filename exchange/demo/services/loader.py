"""Illustrative demo data for `make demo`: real 2013 registry, invented providers and people."""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from exchange.accounts.models import Role, User
from exchange.accounts.services import membership_create, user_create
from exchange.organisations.models import Organisation, OrganisationKind, Region
from exchange.organisations.services import organisation_create, organisations_import

from .catalogue import PROVIDERS, marketplace_demo_load
from .plans import plans_demo_load
from .procurement import procurement_demo_load
from .surveys import surveys_demo_load

DEMO_PASSWORD = "Exchange-demo-2026"
ILLUSTRATIVE = "Illustrative demo organisation: not a real supplier."

OTHER_BODIES = [
    (
        "NHS Alliance / NAPC coalition",
        OrganisationKind.MEMBERSHIP_BODY,
        "",
        "Collective voice of clinical commissioning groups (NAPC and NHS Alliance).",
    ),
    (
        "NHS Clinical Commissioners",
        OrganisationKind.MEMBERSHIP_BODY,
        "",
        "Membership body of clinical commissioning groups.",
    ),
    ("NHS England", OrganisationKind.NATIONAL_BODY, "", "National body (the NHS Commissioning Board until 2013)."),
    ("Blackpool Health and Wellbeing Board", OrganisationKind.HEALTH_AND_WELLBEING_BOARD, "", ILLUSTRATIVE),
]


@dataclass(frozen=True)
class DemoPerson:
    email: str
    full_name: str
    organisation: str
    roles: tuple[str, ...]
    is_staff: bool = False


PEOPLE = [
    DemoPerson("admin@demo.example", "Priya Patel", "NHS England", (), is_staff=True),
    DemoPerson(
        "clinical.lead@demo.example", "Dr Amanda Hughes", "NHS Blackpool", (Role.CLINICAL_LEAD, Role.ORGANISATION_ADMIN)
    ),
    DemoPerson("managerial.lead@demo.example", "Tom Whitaker", "NHS Blackpool", (Role.MANAGERIAL_LEAD,)),
    DemoPerson("finance.lead@demo.example", "Grace Okafor", "NHS Blackpool", (Role.FINANCE_LEAD,)),
    DemoPerson("buyer@demo.example", "Sam Reid", "NHS Blackpool", (Role.BUYER,)),
    DemoPerson("evaluator@demo.example", "Helen Marsh", "NHS Blackpool", (Role.EVALUATOR,)),
    DemoPerson(
        "london.lead@demo.example",
        "Dr Kwame Mensah",
        "NHS Camden",
        (Role.CLINICAL_LEAD, Role.ORGANISATION_ADMIN, Role.BUYER),
    ),
    DemoPerson(
        "provider@demo.example",
        "Rachel Green",
        "Community Voice Partnership",
        (Role.PROVIDER_REPRESENTATIVE, Role.ORGANISATION_ADMIN),
    ),
    DemoPerson(
        "analyst@demo.example", "Owen Lloyd", "NHS Alliance / NAPC coalition", (Role.ANALYST, Role.ORGANISATION_ADMIN)
    ),
    DemoPerson("analyst@demo.example", "Owen Lloyd", "NHS Clinical Commissioners", (Role.ANALYST,)),
]
SURVEY_RESPONDENTS = [
    "clinical.lead@demo.example",
    "managerial.lead@demo.example",
    "finance.lead@demo.example",
    "london.lead@demo.example",
]


@transaction.atomic
def demo_load(*, marketplace: bool = True) -> tuple[list[DemoPerson], str | None]:
    """Load the registry, the demo organisations and people, their surveys and (unless `marketplace` is False, as
    for tests of the surveys' analysis) the catalogue and procurements. Running it twice adds nothing."""
    organisations_import(directory=settings.ORGANISATION_REFERENCE_DIR)
    for name, kind, sector, description in OTHER_BODIES:
        if not Organisation.objects.filter(name=name).exists():
            organisation_create(name=name, kind=kind, sector=sector, description=description)
    regions = {region.name: region for region in Region.objects.all()}
    for name, sector, region_name, *_ in PROVIDERS:
        if not Organisation.objects.filter(name=name).exists():
            organisation_create(
                name=name,
                kind=OrganisationKind.SUPPORT_PROVIDER,
                sector=sector,
                region=regions[region_name],
                description=ILLUSTRATIVE,
            )
    for person in PEOPLE:
        user = User.objects.filter(email=person.email).first()
        if user is None:
            user = user_create(
                email=person.email, full_name=person.full_name, password=DEMO_PASSWORD, is_staff=person.is_staff
            )
        organisation = Organisation.objects.get(name=person.organisation)
        if person.roles and not user.memberships.filter(organisation=organisation).exists():
            membership_create(actor=None, user=user, organisation=organisation, roles=person.roles)
    respondents = []
    for email in SURVEY_RESPONDENTS:
        user = User.objects.get(email=email)
        membership = user.memberships.select_related("organisation").first()
        assert membership is not None  # every survey respondent was given one above
        role = next(code for code in membership.role_codes if code != Role.ORGANISATION_ADMIN)
        respondents.append((user, membership.organisation, role))
    first_contact = surveys_demo_load(people=respondents)
    plans_demo_load()
    if marketplace:
        marketplace_demo_load()
        procurement_demo_load()
    _headlines()
    return PEOPLE, first_contact.token if first_contact else None


HEADLINES = [
    (
        "January 2012",
        "info_sufficient",
        ["no"],
        "had not been given sufficient information about the choices of support available.",
    ),
    (
        "January 2012",
        "offer_satisfaction",
        ["dissatisfied", "very_dissatisfied"],
        "were dissatisfied with the commissioning support being offered.",
    ),
    (
        "January 2012",
        "cluster_reasons",
        ["too_busy"],
        "had decided to use their local PCT cluster's offer because they were too busy to explore alternatives.",
    ),
    (
        "January 2012",
        "cluster_reasons",
        ["relationships"],
        "had opted for the PCT cluster's offer because relationships with PCT support staff were good.",
    ),
    (
        "2013",
        "support_development",
        ["strongly_agree", "agree"],
        "agreed that NHS England offered the support and development they needed.",
    ),
]


def _headlines() -> None:
    from exchange.analysis.models import HeadlineStatement
    from exchange.analysis.services import headline_add
    from exchange.surveys.models import Wave

    for label, code, options, predicate in HEADLINES:
        wave = Wave.objects.filter(label=label, status="closed").first()
        if wave and not HeadlineStatement.objects.filter(wave=wave, result_code=code, predicate=predicate).exists():
            headline_add(wave=wave, result_code=code, option_codes=options, predicate=predicate)
