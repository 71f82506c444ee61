"""Each reviewer does exactly what its power allows, and nothing else, at every stage of a review: every person
tries every act at every stage, through the services; what the powers refuse is refused with its reason and writes
nothing, what they allow is not refused for want of power."""

import datetime

import pytest

from exchange.core.exceptions import ApplicationError
from exchange.plans import services
from exchange.plans.models import Advice, Assurance, ConductRating, Endorsement, Opinion, PlanVersion, Referral, Review
from exchange.plans.permissions import NOT_COMMISSIONER, NOT_NOW, NOT_THE_REVIEWER, POWER_LIMIT
from exchange.plans.powers import Act
from exchange.plans.tests.conftest import NOW, SECTIONS, reviewer_of

OPEN_AT = NOW + datetime.timedelta(hours=2)
REFUSALS = {NOT_COMMISSIONER, NOT_THE_REVIEWER, *NOT_NOW.values()}
PEOPLE = [
    "lead",
    "blackpool_buyer",
    "board_lead",
    "senate_lead",
    "practice_lead",
    "area_team_lead",
    "other_board_lead",
    "elsewhere_lead",
    "staff",
]
# Whom each person acts for in the review (None: no reviewing organisation)
OWN = {"board_lead": "board", "senate_lead": "senate", "practice_lead": "practice", "area_team_lead": "area_team"}
# The reviewer an act is naturally done as, when the person has none of its own
NATURAL = {"advise": "senate", "opine": "board", "refer_back": "board", "endorse": "practice", "assure": "area_team"}
POWERS = {
    "senate": {"advise"},
    "board": {"opine", "refer_back"},
    "practice": {"endorse"},
    "area_team": {"assure"},
}
STAGES = {
    "advise": {"open"},
    "opine": {"open"},
    "refer_back": {"open"},
    "endorse": {"open"},
    "assure": {"open", "closed", "decided"},
    "revise": {"open", "closed"},
    "respond_to_advice": {"open", "closed"},
    "answer_referral": {"open", "closed"},
    "decide": {"open", "closed"},
    "rate_conduct": {"decided"},
}
COMMISSIONER_ACTS = {"revise", "respond_to_advice", "answer_referral", "decide", "rate_conduct"}


def _person(system, name):
    return system.practice_leads[0] if name == "practice_lead" else getattr(system, name)


def _organisation(system, key):
    return system.practices[0] if key == "practice" else getattr(system, key)


@pytest.fixture
def staged(system, review, request):
    """The review at a stage, with advice from the senate and a referral from the board of version 1, and a version
    2 from the commissioner; decided (advice accepted, referral answered by version 2) for the last stage."""
    stage = request.param
    advice = services.advice_give(
        actor=system.senate_lead, reviewer=reviewer_of(review, system.senate), text="Add stroke.", now=OPEN_AT
    )
    referral = services.referral_make(
        actor=system.board_lead,
        reviewer=reviewer_of(review, system.board),
        priorities=system.priorities[1:],
        reasons="Alcohol harm is missing.",
        now=OPEN_AT,
    )
    version = services.plan_revise(
        actor=system.lead, plan=review.plan, sections=SECTIONS, note="Alcohol harm added.", now=OPEN_AT
    )
    at = OPEN_AT + datetime.timedelta(hours=1)
    if stage in ("closed", "decided"):
        at = review.closes_at + datetime.timedelta(hours=1)
    if stage == "decided":
        services.advice_respond(actor=system.lead, advice=advice, outcome="accepted", reasons="Added.", now=OPEN_AT)
        services.referral_answer(
            actor=system.lead, referral=referral, reasons="See v2.", new_version=version, now=OPEN_AT
        )
        services.review_decide(actor=system.lead, review=review, decision="Agreed as version 2.", now=at)
        at += datetime.timedelta(hours=1)
    return stage, review, advice, referral, at


def _attempt(system, review, advice, referral, act, actor, reviewer, at):
    calls = {
        "advise": lambda: services.advice_give(actor=actor, reviewer=reviewer, text="Think again.", now=at),
        "opine": lambda: services.opinion_give(
            actor=actor, reviewer=reviewer, takes_proper_account=False, text="Not enough on alcohol.", now=at
        ),
        "refer_back": lambda: services.referral_make(
            actor=actor,
            reviewer=reviewer,
            priorities=list(reviewer.organisation.strategy_priorities.all()) or system.priorities[:1],
            reasons="Conflicts with our strategy.",
            now=at,
        ),
        "endorse": lambda: services.endorsement_give(actor=actor, reviewer=reviewer, endorses=True, now=at),
        "assure": lambda: services.assurance_give(
            actor=actor, reviewer=reviewer, rating="good", reasons="Sound.", now=at
        ),
        "revise": lambda: services.plan_revise(
            actor=actor, plan=review.plan, sections=SECTIONS, note="Tidied.", now=at
        ),
        "respond_to_advice": lambda: services.advice_respond(
            actor=actor, advice=advice, outcome="partly_accepted", reasons="In part.", now=at
        ),
        "answer_referral": lambda: services.referral_answer(
            actor=actor, referral=referral, reasons="We keep our plan: alcohol is in section 2.", now=at
        ),
        "decide": lambda: services.review_decide(actor=actor, review=review, decision="Agreed.", now=at),
        "rate_conduct": lambda: services.conduct_rate(
            actor=actor,
            reviewer=reviewer_of(review, system.board),
            ratings={"common_purpose": (4, ""), "local_leadership": (3, ""), "honesty": (5, "Clear.")},
            now=at,
        ),
    }
    return calls[act]()


def _written(review):
    return (
        Advice.objects.count(),
        Opinion.objects.count(),
        Referral.objects.filter(answer="").count(),
        Endorsement.objects.count(),
        Assurance.objects.count(),
        PlanVersion.objects.count(),
        ConductRating.objects.count(),
        Review.objects.get(pk=review.pk).decided_at,
    )


@pytest.mark.parametrize("staged", ["open", "closed", "decided"], indirect=True)
@pytest.mark.parametrize("act", list(STAGES))
@pytest.mark.parametrize("person", PEOPLE)
def test_each_person_may_do_exactly_what_their_organisations_power_allows_at_each_stage(system, staged, act, person):
    stage, review, advice, referral, at = staged
    actor = _person(system, person)
    own = OWN.get(person)
    reviewer = reviewer_of(review, _organisation(system, own or NATURAL.get(act, "board")))
    allowed_by_power = person == "lead" if act in COMMISSIONER_ACTS else own is not None and act in POWERS[own]
    allowed = allowed_by_power and stage in STAGES[act]
    before = _written(review)
    try:
        _attempt(system, review, advice, referral, act, actor, reviewer, at)
    except ApplicationError as refused:
        power_limits = {message.format(act=a.label.lower()) for message in POWER_LIMIT.values() for a in Act}
        about_power = refused.message in REFUSALS | power_limits
        if allowed:
            assert not about_power, f"{person} refused {act} at {stage}: {refused.message}"
        else:
            assert about_power, f"{person} refused {act} at {stage} for another reason: {refused.message}"
            assert _written(review) == before, "a refused act wrote something"
        return
    assert allowed, f"{person} was let {act} at {stage}"


def test_a_senate_cannot_refer_back_or_block_and_its_advice_changes_nothing(system, review):
    senate = reviewer_of(review, system.senate)
    services.advice_give(actor=system.senate_lead, reviewer=senate, text="Add a stroke pathway.", now=OPEN_AT)
    review.plan.refresh_from_db()
    assert review.plan.status == "in_review" and review.plan.versions.count() == 1
    with pytest.raises(ApplicationError) as refused:
        services.referral_make(
            actor=system.senate_lead, reviewer=senate, priorities=system.priorities, reasons="Block.", now=OPEN_AT
        )
    assert refused.value.message == POWER_LIMIT["advise"]
    # and the commissioner decides without accepting it, once it has said why
    (advice,) = Advice.objects.all()
    services.advice_respond(
        actor=system.lead, advice=advice, outcome="not_accepted", reasons="Covered by the network.", now=OPEN_AT
    )
    services.review_decide(actor=system.lead, review=review, decision="Agreed.", now=review.closes_at)
    review.refresh_from_db()
    assert review.decided_at is not None


def test_a_board_refers_back_at_most_once_per_version_and_only_with_reasons_and_its_own_priorities(system, review):
    board = reviewer_of(review, system.board)

    def refer(priorities, reasons):
        return services.referral_make(
            actor=system.board_lead, reviewer=board, priorities=priorities, reasons=reasons, now=OPEN_AT
        )

    for priorities, reasons, message in [
        ([], "Missing alcohol.", "Name the strategy priorities the plan conflicts with."),
        (system.priorities[1:], "  ", "Give your reasons."),
        ([system.other_priority], "Air.", "Name priorities of your own board's joint health and wellbeing strategy."),
    ]:
        with pytest.raises(ApplicationError) as refused:
            refer(priorities, reasons)
        assert refused.value.message == message
    assert not Referral.objects.exists()
    referral = refer(system.priorities[1:], "Alcohol harm is missing.")
    with pytest.raises(ApplicationError, match="already done this for this version"):
        refer(system.priorities[1:], "Again.")
    version = services.plan_revise(
        actor=system.lead, plan=review.plan, sections=SECTIONS, note="Alcohol added.", now=OPEN_AT
    )
    services.referral_answer(actor=system.lead, referral=referral, reasons="See v2.", new_version=version, now=OPEN_AT)
    second = refer(system.priorities[:1], "Childhood weight now weaker.")
    assert second.version == version


def test_a_referral_cannot_stop_the_decision_once_answered(system, review):
    referral = services.referral_make(
        actor=system.board_lead,
        reviewer=reviewer_of(review, system.board),
        priorities=system.priorities[1:],
        reasons="Alcohol harm is missing.",
        now=OPEN_AT,
    )
    with pytest.raises(ApplicationError) as refused:
        services.review_decide(actor=system.lead, review=review, decision="Agreed.", now=review.closes_at)
    assert refused.value.message == services.deciding.UNANSWERED
    services.referral_answer(
        actor=system.lead, referral=referral, reasons="Alcohol is the council's lead.", now=review.closes_at
    )
    decided = services.review_decide(actor=system.lead, review=review, decision="Agreed.", now=review.closes_at)
    referral.refresh_from_db()
    assert decided.decided_at and referral.answer == "confirmed"


def test_an_answer_by_new_version_must_be_a_later_version_of_this_plan(system, review):
    referral = services.referral_make(
        actor=system.board_lead,
        reviewer=reviewer_of(review, system.board),
        priorities=system.priorities[1:],
        reasons="Alcohol harm is missing.",
        now=OPEN_AT,
    )
    with pytest.raises(ApplicationError) as refused:
        services.referral_answer(
            actor=system.lead, referral=referral, reasons="v1", new_version=referral.version, now=OPEN_AT
        )
    assert refused.value.message == services.deciding.NOT_A_LATER_VERSION


def test_while_the_window_is_open_the_commissioner_decides_only_once_every_reviewer_has_spoken(system, review):
    with pytest.raises(ApplicationError) as refused:
        services.review_decide(actor=system.lead, review=review, decision="Agreed.", now=OPEN_AT)
    assert refused.value.message == services.deciding.STILL_WAITING


def test_a_version_written_during_the_review_is_not_decided_early_over_the_reviewers_heads(system, review):
    at = OPEN_AT
    for reviewer in review.reviewers.exclude(power="assure"):
        organisation = reviewer.organisation
        if reviewer.power == "advise":
            advice = services.advice_give(actor=system.senate_lead, reviewer=reviewer, text="Fine.", now=at)
            services.advice_respond(actor=system.lead, advice=advice, outcome="accepted", reasons="Yes.", now=at)
        elif reviewer.power == "opine":
            services.opinion_give(
                actor=system.board_lead, reviewer=reviewer, takes_proper_account=True, text="Good.", now=at
            )
        else:
            lead = system.practice_leads[system.practices.index(organisation)]
            services.endorsement_give(actor=lead, reviewer=reviewer, endorses=True, now=at)
    services.plan_revise(actor=system.lead, plan=review.plan, sections=SECTIONS, note="Late change.", now=at)
    with pytest.raises(ApplicationError) as refused:
        services.review_decide(actor=system.lead, review=review, decision="Agreed.", now=at)
    assert refused.value.message == services.deciding.STILL_WAITING
    decided = services.review_decide(actor=system.lead, review=review, decision="Agreed.", now=review.closes_at)
    assert decided.decided_version.number == 2
