"""One commissioner's system of oversight: NHS Blackpool, its Health and Wellbeing Board (with two strategy
priorities), the clinical senate covering its area team, five member practices and the area team, a lead for each,
and a commissioner elsewhere with its own board (whose people must be refused everything here)."""

import datetime
from dataclasses import dataclass

import pytest

from exchange.accounts.models import Role
from exchange.accounts.tests.factories import MembershipFactory, UserFactory
from exchange.organisations.models import Organisation, OrganisationKind
from exchange.organisations.tests.factories import AreaTeamFactory, OrganisationFactory
from exchange.plans.models import StrategyPriority

NOW = datetime.datetime.now(tz=datetime.UTC).replace(microsecond=0)


@dataclass
class System:
    blackpool: Organisation
    board: Organisation
    senate: Organisation
    practices: list
    area_team: Organisation
    elsewhere: Organisation
    other_board: Organisation
    priorities: list
    other_priority: StrategyPriority
    lead: object
    board_lead: object
    senate_lead: object
    practice_leads: list
    area_team_lead: object
    elsewhere_lead: object
    other_board_lead: object
    blackpool_buyer: object
    staff: object


def _lead(organisation, role=Role.MANAGERIAL_LEAD):
    return MembershipFactory(organisation=organisation, roles=[role]).user


@pytest.fixture
def system(db) -> System:
    lancashire, london = AreaTeamFactory(name="Lancashire"), AreaTeamFactory(name="London")
    blackpool = OrganisationFactory(name="NHS Blackpool", area_team=lancashire, region=lancashire.region)
    elsewhere = OrganisationFactory(name="NHS Camden", area_team=london, region=london.region)

    def body(name, kind, **fields):
        return OrganisationFactory(name=name, kind=kind, **fields)

    board = body("Blackpool Health and Wellbeing Board", OrganisationKind.HEALTH_AND_WELLBEING_BOARD)
    board.overlapping_commissioners.add(blackpool)
    other_board = body("Camden Health and Wellbeing Board", OrganisationKind.HEALTH_AND_WELLBEING_BOARD)
    other_board.overlapping_commissioners.add(elsewhere)
    senate = body("Greater Manchester, Lancashire and South Cumbria Clinical Senate", OrganisationKind.CLINICAL_SENATE)
    senate.senate_area_teams.add(lancashire)
    practices = [body(f"Practice {n}", OrganisationKind.GP_PRACTICE, member_of=blackpool) for n in range(1, 6)]
    area_team = body("NHS England Lancashire", OrganisationKind.AREA_TEAM, area_team=lancashire)
    priorities = [
        StrategyPriority.objects.create(board=board, code="P1", title="Healthy weight in childhood"),
        StrategyPriority.objects.create(board=board, code="P2", title="Reducing alcohol harm"),
    ]
    other_priority = StrategyPriority.objects.create(board=other_board, code="C1", title="Air quality")
    return System(
        blackpool=blackpool,
        board=board,
        senate=senate,
        practices=practices,
        area_team=area_team,
        elsewhere=elsewhere,
        other_board=other_board,
        priorities=priorities,
        other_priority=other_priority,
        lead=_lead(blackpool, Role.CLINICAL_LEAD),
        board_lead=_lead(board),
        senate_lead=_lead(senate),
        practice_leads=[_lead(practice) for practice in practices],
        area_team_lead=_lead(area_team),
        elsewhere_lead=_lead(elsewhere, Role.CLINICAL_LEAD),
        other_board_lead=_lead(other_board),
        blackpool_buyer=_lead(blackpool, Role.BUYER),
        staff=UserFactory(is_staff=True),
    )


SECTIONS = [
    {"heading": "Our priorities", "text": "Fewer children above a healthy weight by 2016."},
    {"heading": "Urgent care", "text": "One urgent care centre open every day."},
]


@pytest.fixture
def plan(system):
    from exchange.plans.services import plan_create

    return plan_create(
        actor=system.lead,
        commissioner=system.blackpool,
        title="Blackpool two-year operating plan",
        period_start=(NOW + datetime.timedelta(days=120)).date(),
        period_end=(NOW + datetime.timedelta(days=850)).date(),
        sections=SECTIONS,
        priorities=system.priorities[:1],
    )


@pytest.fixture
def review(system, plan):
    """The plan in review for four weeks, opened now, to every organisation that may review it."""
    from exchange.plans.services import review_open

    reviewers = [system.board, system.senate, *system.practices, system.area_team]
    return review_open(
        actor=system.lead, plan=plan, closes_at=NOW + datetime.timedelta(days=28), reviewers=reviewers, now=NOW
    )


def reviewer_of(review, organisation):
    return review.reviewers.get(organisation=organisation)
