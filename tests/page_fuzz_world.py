"""A small world for the page fuzzer, built through the apps' own factories and services: an organisation of each
kind, a published joint requirement with two bids and an evaluator, offerings with a confirmed engagement, a rating
and a shortlist, an open survey wave with a contact, a plan in review, an invitation and a password-reset link.
Every moment is relative to the clock."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from exchange.accounts.models import Role
from exchange.accounts.tests.factories import InvitationFactory, MembershipFactory, UserFactory
from exchange.core import clock
from exchange.marketplace.catalogue.services.ratings import engagement_confirm, engagement_record, rating_create
from exchange.marketplace.catalogue.services.service_lines import service_lines_ensure
from exchange.marketplace.catalogue.services.shortlists import shortlist_create
from exchange.marketplace.catalogue.tests.factories import OfferingFactory, ProviderFactory, representative
from exchange.marketplace.procurement.tests.factories import (
    BidFactory,
    ClarificationQuestionFactory,
    EvaluatorAssignmentFactory,
    RequirementFactory,
)
from exchange.organisations.models import OrganisationKind, Sector
from exchange.organisations.tests.factories import AreaTeamFactory, OrganisationFactory, RegionFactory
from exchange.plans.models import StrategyPriority
from exchange.plans.services import plan_create, review_open
from exchange.surveys.services.authoring import wave_open
from exchange.surveys.tests.factories import ContactFactory, full_wave, when_section

INVITATION_TOKEN = "page-fuzz-invitation-token"


@dataclass
class FuzzWorld:
    people: dict  # persona name -> user (None: anonymous)
    seeds: list[str] = field(default_factory=list)  # pages no menu links to: a survey link, an invitation, a reset
    survey_link: str = ""  # the contact's link, which anonymous opens and starts before the crawl


def _member(organisation, *roles):
    return MembershipFactory(organisation=organisation, roles=list(roles)).user


def fuzz_world() -> FuzzWorld:
    service_lines_ensure()
    north, london = RegionFactory(ons_code="E40000001", name="North"), RegionFactory(ons_code="E40000003")
    lancashire = AreaTeamFactory(name="Lancashire", region=north)
    blackpool = OrganisationFactory(
        name="NHS Blackpool", area_team=lancashire, region=north, registered_population=172_000
    )
    camden = OrganisationFactory(name="NHS Camden", region=london, registered_population=250_000)
    staff = UserFactory(is_staff=True, is_superuser=True)
    lead = _member(blackpool, Role.CLINICAL_LEAD, Role.BUYER, Role.ORGANISATION_ADMIN)
    camden_buyer = _member(camden, Role.BUYER)

    # The marketplace: two providers, their offerings, an engagement rated and replied to, a shortlist.
    ours = ProviderFactory(name="Community Voice Partnership", sector=Sector.THIRD_SECTOR, region=north)
    theirs = ProviderFactory(name="Meridian Health Analytics Ltd", sector=Sector.INDEPENDENT, region=north)
    us, them = representative(ours), representative(theirs)
    mine = OfferingFactory(
        actor=staff, provider=ours, service_lines=("business-intelligence",), regions=[north, london]
    )
    other = OfferingFactory(actor=staff, provider=theirs, service_lines=("business-intelligence",), regions=[north])
    started = clock.today() - datetime.timedelta(days=200)
    engagement = engagement_record(actor=lead, offering=mine, commissioner=blackpool, started_on=started)
    engagement = engagement_confirm(actor=us, engagement=engagement)
    score = {"quality": 4, "responsiveness": 4, "value_for_money": 3, "relationship": 4}
    rating_create(actor=lead, engagement=engagement, comment="Good", **score)
    shortlist_create(actor=lead, name="BI options", offerings=[mine, other], organisation=blackpool)

    # A joint requirement, published, asked about, bid for by both providers, with an evaluator.
    requirement = RequirementFactory(
        lead=blackpool,
        owner=lead,
        partners=[(camden, camden_buyer)],
        criteria=[("Approach", 50), ("Social value", 20, "social_value")],
        published=True,
    )
    ClarificationQuestionFactory(requirement=requirement, provider=ours)
    BidFactory(requirement=requirement, provider=ours, by=us, price=Decimal("0.40"))
    BidFactory(requirement=requirement, provider=theirs, by=them, price=Decimal("0.32"))
    evaluator = _member(blackpool, Role.EVALUATOR)
    EvaluatorAssignmentFactory(requirement=requirement, evaluator=evaluator)
    RequirementFactory(lead=blackpool, owner=lead, title="A draft requirement")

    # Surveys: an open wave of a membership body's series (every kind of question, a date among them), a contact.
    wave = full_wave()
    when_section(wave)
    wave = wave_open(wave=wave)
    analyst = _member(wave.series.owner, Role.ANALYST, Role.ORGANISATION_ADMIN)
    contact = ContactFactory(wave=wave, organisation=blackpool, invited_at=clock.now())

    # Plans: Blackpool's plan in review by a board, a senate, a practice and its area team.
    kind = OrganisationKind
    board = OrganisationFactory(name="Blackpool Health and Wellbeing Board", kind=kind.HEALTH_AND_WELLBEING_BOARD)
    board.overlapping_commissioners.add(blackpool)
    senate = OrganisationFactory(name="Lancashire Clinical Senate", kind=kind.CLINICAL_SENATE)
    senate.senate_area_teams.add(lancashire)
    practice = OrganisationFactory(name="Practice 1", kind=kind.GP_PRACTICE, member_of=blackpool, ods_code="P81001")
    area_team = OrganisationFactory(name="NHS England Lancashire", kind=kind.AREA_TEAM, area_team=lancashire)
    OrganisationFactory(name="A national body", kind=kind.NATIONAL_BODY)
    priority = StrategyPriority.objects.create(board=board, code="P1", title="Healthy weight in childhood")
    now = clock.now()
    plan = plan_create(
        actor=lead,
        commissioner=blackpool,
        title="Blackpool two-year operating plan",
        period_start=(now + datetime.timedelta(days=120)).date(),
        period_end=(now + datetime.timedelta(days=850)).date(),
        sections=[{"heading": "Our priorities", "text": "Fewer children above a healthy weight."}],
        priorities=[priority],
    )
    review_open(
        actor=lead,
        plan=plan,
        closes_at=now + datetime.timedelta(days=28),
        reviewers=[board, senate, practice, area_team],
        now=now,
    )
    board_lead = _member(board, Role.MANAGERIAL_LEAD)
    for organisation in (senate, practice, area_team):
        _member(organisation, Role.MANAGERIAL_LEAD)

    # Links that arrive by e-mail.
    InvitationFactory(organisation=blackpool, invited_by=lead, token=INVITATION_TOKEN)
    forgetful = UserFactory()
    uid = urlsafe_base64_encode(force_bytes(forgetful.pk))
    reset = f"/accounts/password-reset/{uid}/{default_token_generator.make_token(forgetful)}/"
    people = {
        "anonymous": None,
        "buyer": lead,
        "provider": us,
        "staff": staff,
        "evaluator": evaluator,
        "analyst": analyst,
        "reviewer": board_lead,
    }
    return FuzzWorld(
        survey_link=f"/surveys/respond/{contact.token}/",
        people=people,
        seeds=[
            f"/surveys/respond/{contact.token}/",
            f"/surveys/answer/{wave.series.slug}/{wave.slug}/",
            f"/accounts/invitations/{INVITATION_TOKEN}/",
            reset,
        ],
    )
