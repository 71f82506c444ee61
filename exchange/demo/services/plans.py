"""Illustrative plans for `make demo`: the bodies that oversee NHS Blackpool (from `data/organisations/`, the board
and its strategy priorities, the senate, five member practices, the Lancashire area team), a lead for each, one
review finished (referred back, advised, endorsed by three practices of five, answered with a new version, decided,
assured, rated) and one in progress. Every step goes through the plans services as the person it names."""

import datetime
from pathlib import Path

from django.conf import settings
from django.db import transaction

from exchange.accounts.models import Role, User
from exchange.accounts.services import membership_create, user_create
from exchange.core import clock
from exchange.organisations.models import Organisation
from exchange.organisations.services import oversight_bodies_import
from exchange.plans import services
from exchange.plans.models import Plan, StrategyPriority

DEMO_PASSWORD = "Exchange-demo-2026"
DATA = Path(settings.BASE_DIR) / "data" / "organisations"
BOARD = "Blackpool Health and Wellbeing Board"
SENATE = "Greater Manchester, Lancashire and South Cumbria Clinical Senate"
AREA_TEAM = "NHS England Lancashire Area Team"
PRACTICES = [
    "Promenade Medical Practice",
    "North Shore Surgery",
    "Stanley Park Health Centre",
    "Marton Moss Family Practice",
    "Layton Green Group Practice",
]
# (email, name, organisation): illustrative people
PEOPLE = [
    ("board.lead@demo.example", "Cllr Joan Haworth", BOARD),
    ("senate.lead@demo.example", "Prof Ian Dunmore", SENATE),
    ("area.team@demo.example", "Margaret Ashworth", AREA_TEAM),
    *[(f"practice{n}@demo.example", f"Dr Practice Lead {n}", name) for n, name in enumerate(PRACTICES, 1)],
]
PRIORITIES = [
    ("P1", "Healthy weight in childhood"),
    ("P2", "Reducing harm from alcohol"),
    ("P3", "Mental wellbeing in every community"),
]
SECTIONS = [
    {"heading": "Childhood weight", "text": "A weight management service in every primary school by March 2015."},
    {"heading": "Urgent care", "text": "One urgent care centre open every day, beside the emergency department."},
]


def _person(email: str) -> User:
    return User.objects.get(email=email)


def _people_ensure() -> None:
    for email, name, organisation_name in PEOPLE:
        user = User.objects.filter(email=email).first() or user_create(
            email=email, full_name=name, password=DEMO_PASSWORD
        )
        organisation = Organisation.objects.get(name=organisation_name)
        if not user.memberships.filter(organisation=organisation).exists():
            membership_create(actor=None, user=user, organisation=organisation, roles=[Role.MANAGERIAL_LEAD])


def _reviewer(review, name: str):
    return review.reviewers.get(organisation__name=name)


@transaction.atomic
def plans_demo_load() -> None:
    oversight_bodies_import(
        boards=DATA / "boards.csv", senates=DATA / "senates.csv", practices=DATA / "practices.csv", area_teams=True
    )
    _people_ensure()
    if Plan.objects.exists():
        return
    board = Organisation.objects.get(name=BOARD)
    priorities = [StrategyPriority.objects.create(board=board, code=c, title=t) for c, t in PRIORITIES]
    blackpool, lead = Organisation.objects.get(name="NHS Blackpool"), _person("clinical.lead@demo.example")
    now = clock.now()
    _finished(blackpool, lead, priorities, now - datetime.timedelta(days=150))
    _in_progress(blackpool, lead, priorities, now - datetime.timedelta(days=5))


def _finished(blackpool, lead, priorities, start: datetime.datetime) -> None:
    def day(n: int) -> datetime.datetime:
        return start + datetime.timedelta(days=n)

    plan = services.plan_create(
        actor=lead,
        commissioner=blackpool,
        title="NHS Blackpool operating plan 2014/15 to 2015/16",
        period_start=day(60).date(),
        period_end=day(790).date(),
        sections=SECTIONS,
        priorities=priorities[:1],
    )
    review = services.review_open(
        actor=lead,
        plan=plan,
        closes_at=day(28),
        now=day(0),
        reviewers=Organisation.objects.filter(name__in=[BOARD, SENATE, AREA_TEAM, *PRACTICES]),
    )
    referral = services.referral_make(
        actor=_person("board.lead@demo.example"),
        reviewer=_reviewer(review, BOARD),
        priorities=priorities[1:2],
        reasons="The plan says nothing on alcohol, the board's second priority: admissions for alcohol are twice "
        "the national rate.",
        now=day(9),
    )
    advice = services.advice_give(
        actor=_person("senate.lead@demo.example"),
        reviewer=_reviewer(review, SENATE),
        now=day(11),
        text="Add a stroke pathway with the hyper-acute unit at Preston; and measure time to thrombolysis.",
    )
    version = services.plan_revise(
        actor=lead,
        plan=plan,
        now=day(20),
        priorities=priorities[:2],
        sections=[*SECTIONS, {"heading": "Alcohol", "text": "An alcohol liaison nurse at Blackpool Victoria."}],
        note="An alcohol liaison service, as the Health and Wellbeing Board asked.",
    )
    for n, name in enumerate(PRACTICES, 1):  # of version 2, the one decided
        services.endorsement_give(
            actor=_person(f"practice{n}@demo.example"),
            reviewer=_reviewer(review, name),
            endorses=n <= 3,
            comment="" if n <= 3 else "Urgent care still far from the north of the town.",
            now=day(21 + n),
        )
    services.referral_answer(
        actor=lead,
        referral=referral,
        new_version=version,
        now=day(21),
        reasons="Version 2 adds an alcohol liaison service at the hospital.",
    )
    services.advice_respond(
        actor=lead,
        advice=advice,
        outcome="partly_accepted",
        now=day(22),
        reasons="The stroke network leads on the pathway; we will report time to thrombolysis.",
    )
    # version 2 (day 20) kept the window open to day 34 for the reviewers' view of it
    services.review_decide(actor=lead, review=review, decision="Agreed as version 2.", now=day(35))
    services.assurance_give(
        actor=_person("area.team@demo.example"),
        reviewer=_reviewer(review, AREA_TEAM),
        rating="good",
        reasons="Clear priorities and a well-run review.",
        now=day(36),
    )
    for name, scores in ((BOARD, (4, 4, 5)), (SENATE, (5, 4, 4)), (AREA_TEAM, (3, 3, 4))):
        ratings = dict(zip(("common_purpose", "local_leadership", "honesty"), ((s, "") for s in scores), strict=True))
        services.conduct_rate(actor=lead, reviewer=_reviewer(review, name), ratings=ratings, now=day(37))


def _in_progress(blackpool, lead, priorities, start: datetime.datetime) -> None:
    plan = services.plan_create(
        actor=lead,
        commissioner=blackpool,
        title="Urgent and emergency care plan",
        period_start=(start + datetime.timedelta(days=90)).date(),
        period_end=(start + datetime.timedelta(days=820)).date(),
        sections=[{"heading": "Urgent care", "text": "A single number and one centre for urgent care."}],
    )
    review = services.review_open(
        actor=lead,
        plan=plan,
        closes_at=start + datetime.timedelta(days=28),
        now=start,
        reviewers=Organisation.objects.filter(name__in=[BOARD, SENATE, AREA_TEAM, *PRACTICES]),
    )
    services.advice_give(
        actor=_person("senate.lead@demo.example"),
        reviewer=_reviewer(review, SENATE),
        text="Include the ambulance service in the design.",
        now=start + datetime.timedelta(days=2),
    )
    for n, name in enumerate(PRACTICES[:2], 1):
        services.endorsement_give(
            actor=_person(f"practice{n}@demo.example"),
            reviewer=_reviewer(review, name),
            endorses=True,
            now=start + datetime.timedelta(days=3),
        )
