"""The demo procurements loaded from `exchange/demo/data/procurement.yaml` through the procurement services: one joint
requirement awarded and concluded, one open for bids, their moments counted from the time of loading, and every entry
of the file in what is loaded."""

import datetime

import pytest
from django.utils import timezone

from exchange.accounts.models import Membership, Role
from exchange.accounts.tests.factories import MembershipFactory, UserFactory
from exchange.core import clock
from exchange.demo.services.data import demo_data
from exchange.demo.services.procurement import procurement_demo_load
from exchange.marketplace.models import Award, Bid, BidAnswer, ModeratedScore, Requirement, Score
from exchange.marketplace.procurement.services import requirements
from exchange.organisations.models import Organisation

from .test_services_catalogue import loaded_for_the_module, registry_and_catalogue
from .vocabulary import closest_lines, terms_of

pytestmark = pytest.mark.django_db
PROCUREMENT = demo_data("procurement.yaml")
# The demo's sign-ins the procurements act as (the demo loader gives them their memberships).
SIGN_INS = [
    ("buyer@demo.example", "NHS Blackpool", Role.BUYER),
    ("evaluator@demo.example", "NHS Blackpool", Role.EVALUATOR),
    ("provider@demo.example", "Community Voice Partnership", Role.PROVIDER_REPRESENTATIVE),
]
PAST, CURRENT = (requirement["title"] for requirement in PROCUREMENT["requirements"])


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """The moments just before and just after the procurements were loaded."""
    with loaded_for_the_module(django_db_blocker):
        registry_and_catalogue()
        for email, organisation, role in SIGN_INS:
            organisation = Organisation.objects.get(name=organisation)
            MembershipFactory(user=UserFactory(email=email), organisation=organisation, roles=[role])
        before = clock.now()
        procurement_demo_load()
        yield before, clock.now()


def test_blackpool_leads_two_joint_requirements_with_fylde_and_wyre(loaded):
    for requirement in Requirement.objects.all():
        assert requirement.lead.name == "NHS Blackpool"
        partners = requirement.partners.values_list("commissioner__name", flat=True)
        assert sorted(partners) == ["NHS Blackpool", "NHS Fylde & Wyre"]
    assert dict(Requirement.objects.values_list("title", "status")) == {PAST: "concluded", CURRENT: "published"}


def test_the_past_requirement_is_awarded_to_community_voice_and_concluded(loaded):
    award = Award.objects.get(requirement__title=PAST)
    assert award.bid.provider.name == "Community Voice Partnership"
    assert award.concluded_at == award.standstill_ends_at
    assert award.rationale == PROCUREMENT["requirements"][0]["award"]["rationale"]


def test_every_evaluator_of_the_past_requirement_scored_every_bid_and_submitted(loaded):
    past = Requirement.objects.get(title=PAST)
    assert sorted(assignment.evaluator.email for assignment in past.evaluators.all()) == [
        "evaluator@demo.example",
        "evaluator@fylde.example",
    ]
    assert not past.evaluators.filter(scores_submitted_at=None).exists()
    assert Score.objects.filter(bid__requirement=past).count() == 2 * 3 * 3
    assert ModeratedScore.objects.filter(bid__requirement=past).count() == 3 * 3
    evaluation = PROCUREMENT["requirements"][0]["evaluation"]
    assert set(Score.objects.filter(bid__requirement=past).values_list("justification", flat=True)) == {
        evaluation["justification"]
    }
    assert set(ModeratedScore.objects.filter(bid__requirement=past).values_list("rationale", flat=True)) == {
        evaluation["moderation"]
    }


def test_the_open_requirement_has_its_evaluators_and_no_bids_or_questions(loaded):
    current = Requirement.objects.get(title=CURRENT)
    assert current.evaluators.count() == 2
    assert not Bid.objects.filter(requirement=current).exists()
    assert not current.questions.exists()


def test_the_moments_of_the_file_are_counted_from_the_time_of_loading(loaded):
    before, after = loaded
    for entry in PROCUREMENT["requirements"]:
        requirement = Requirement.objects.get(title=entry["title"])
        for field in ("clarification_deadline", "bid_deadline"):
            assert on_the_day(getattr(requirement, field), entry[field], before, after), field
        assert between(requirement.published_at, entry["published"], before, after)
    question = PROCUREMENT["requirements"][0]["questions"][0]
    assert between(Requirement.objects.get(title=PAST).questions.get().answered_at, question["answered"], before, after)


def between(moment: datetime.datetime, spec: dict[str, int], before, after) -> bool:
    days = datetime.timedelta(days=spec.get("days_ahead", 0) - spec.get("days_ago", 0))
    return before + days <= moment <= after + days


def on_the_day(deadline: datetime.datetime, spec: dict[str, int], before, after) -> bool:
    """A deadline falls at midday, London time, on the day the file names, counted from the time of loading."""
    days = datetime.timedelta(days=spec.get("days_ahead", 0) - spec.get("days_ago", 0))
    local = timezone.localtime(deadline)
    days_named = {timezone.localtime(before + days).date(), timezone.localtime(after + days).date()}
    return local.date() in days_named and local.time() == datetime.time(12)


def test_every_deadline_of_the_demo_is_on_the_hour(loaded):
    deadlines = Requirement.objects.values_list("clarification_deadline", "bid_deadline")
    assert len(deadlines) == len(PROCUREMENT["requirements"])
    assert all(requirements.deadline_on_the_hour(moment) for pair in deadlines for moment in pair)


def test_every_person_the_file_adds_holds_the_role_it_gives(loaded):
    for person in PROCUREMENT["people"]:
        membership = Membership.objects.get(user__email=person["email"], organisation__name=person["organisation"])
        assert membership.user.full_name == person["name"]
        assert membership.role_codes == [person["role"]]


def test_every_question_bid_answer_and_score_of_the_file_is_loaded(loaded):
    entry = PROCUREMENT["requirements"][0]
    past = Requirement.objects.get(title=PAST)
    questions = past.questions.values_list("provider__name", "asked_by__email", "question", "answer")
    assert list(questions) == [
        (question["provider"], question["asked_by"], question["question"], question["answer"])
        for question in entry["questions"]
    ]
    for bid_entry in entry["bids"]:
        bid = Bid.objects.get(requirement=past, provider__name=bid_entry["provider"])
        assert (str(bid.price), bid.status, bid.submitted_by.email) == (
            bid_entry["price"],
            "submitted",
            bid_entry["by"],
        )
        assert dict(BidAnswer.objects.filter(bid=bid).values_list("criterion__title", "text")) == bid_entry["answers"]
        moderated = ModeratedScore.objects.filter(bid=bid).values_list("criterion__title", "score")
        assert dict(moderated) == bid_entry["scores"]


def test_loading_the_procurements_again_adds_nothing(loaded):
    counts = (Requirement.objects.count(), Bid.objects.count(), Score.objects.count())
    procurement_demo_load()
    assert (Requirement.objects.count(), Bid.objects.count(), Score.objects.count()) == counts


def test_each_demo_requirement_s_outcomes_and_text_are_about_its_own_service_line(loaded):
    """The communications requirement promises communications outcomes, not dashboards: its outcomes use more of its
    line's words than of any other line's, and so do its title, summary and description together."""
    for requirement in Requirement.objects.prefetch_related("service_lines"):
        (line,) = (line.code for line in requirement.service_lines.all())
        words = "\n".join((requirement.title, requirement.summary, requirement.description))
        for text in (requirement.outcomes, words):
            assert len(terms_of(line, text)) >= 3, (requirement.title, terms_of(line, text))
            assert closest_lines(text) == {line}, (requirement.title, closest_lines(text))


def test_no_two_bid_answers_of_the_demo_are_the_same(loaded):
    answers = list(BidAnswer.objects.values_list("text", flat=True))
    assert len(answers) == 9 and len(set(answers)) == len(answers)
    assert not any("illustrative" in answer.lower() for answer in answers)
