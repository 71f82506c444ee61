"""What the surveys tests build: a questionnaire with every question type and every routing operator (through the
services), an owner with an analyst, and contacts in a wave's sample frame."""

from datetime import date
from decimal import Decimal

import factory

from exchange.accounts.models import Role
from exchange.accounts.tests.factories import MembershipFactory
from exchange.core.tokens import token_derived, token_hash, token_salt_new
from exchange.organisations.tests.factories import OrganisationFactory
from exchange.surveys.models import ConditionOperator, Confidentiality, Contact, QuestionKind, WaveAccess
from exchange.surveys.models.contacts import TOKEN_PURPOSE
from exchange.surveys.services.authoring import (
    ConditionSpec,
    OptionSpec,
    RulesSpec,
    question_create,
    section_create,
    series_create,
    wave_create,
)

AGREE = [
    OptionSpec("strongly_agree", "Strongly agree", is_positive=True),
    OptionSpec("agree", "Agree", is_positive=True),
    OptionSpec("disagree", "Disagree"),
    OptionSpec("strongly_disagree", "Strongly disagree"),
    OptionSpec("dont_know", "Don't know", excluded_from_base=True),
]


class ContactFactory(factory.django.DjangoModelFactory):
    """A person in a wave's sample frame (pass the wave; the organisation is a new one unless given)."""

    class Meta:
        model = Contact

    full_name = factory.Sequence(lambda n: f"Person {n}")
    email = factory.Sequence(lambda n: f"person{n}@example.nhs.uk")
    role = Role.CLINICAL_LEAD
    organisation = factory.SubFactory(OrganisationFactory)
    token_salt = factory.LazyFunction(token_salt_new)
    token_hash = factory.LazyAttribute(
        lambda contact: token_hash(token_derived(purpose=TOKEN_PURPOSE, salt=contact.token_salt))
    )


def owner_with_analyst():
    owner = OrganisationFactory(name="NHS Clinical Commissioners", slug="nhscc", kind="membership_body")
    analyst = MembershipFactory(organisation=owner, roles=[Role.ANALYST]).user
    return owner, analyst


def full_wave(*, owner=None, confidentiality=Confidentiality.CONFIDENTIAL, access=WaveAccess.INVITED, label="2013"):
    owner = owner or OrganisationFactory(kind="membership_body")
    series = series_create(owner=owner, title="Appraisal of NHS England")
    wave = wave_create(
        series=series,
        label=label,
        confidentiality=confidentiality,
        access=access,
        fieldwork_start=date(2013, 10, 1),
        fieldwork_end=date(2013, 11, 15),
    )
    choice = section_create(wave=wave, title="Your support")
    question_create(
        section=choice,
        code="info",
        kind=QuestionKind.SINGLE,
        text="Have you been given enough information about your choices?",
        options=[OptionSpec("yes", "Yes"), OptionSpec("no", "No")],
    )
    question_create(
        section=choice,
        code="satisfied",
        kind=QuestionKind.LIKERT,
        text="How satisfied are you with the support offered?",
        options=[
            OptionSpec("very_satisfied", "Very satisfied", is_positive=True),
            OptionSpec("satisfied", "Satisfied", is_positive=True),
            OptionSpec("dissatisfied", "Dissatisfied"),
            OptionSpec("very_dissatisfied", "Very dissatisfied"),
        ],
        conditions=[ConditionSpec("info", ConditionOperator.EQUALS, ("no",))],
    )
    question_create(
        section=choice,
        code="reasons",
        kind=QuestionKind.MULTIPLE,
        text="Why did you choose your current support?",
        options=[
            OptionSpec("too_busy", "Too busy to explore alternatives"),
            OptionSpec("relationships", "Good relationships"),
            OptionSpec("price", "Price"),
        ],
        required=False,
    )
    more = section_create(wave=wave, title="About your relationship")
    question_create(
        section=more,
        code="behaviours",
        kind=QuestionKind.LIKERT_GRID,
        text="How far do you agree that NHS England shows these behaviours?",
        options=AGREE,
        grid_items=[
            ("common_purpose", "Common purpose"),
            ("local_leadership", "Local leadership and accountability"),
            ("honesty", "Honesty and transparency"),
        ],
    )
    question_create(
        section=more,
        code="staff",
        kind=QuestionKind.NUMBER,
        text="How many staff work on commissioning support?",
        min_value=Decimal("0"),
        max_value=Decimal("500"),
    )
    question_create(
        section=more,
        code="why_not",
        kind=QuestionKind.SHORT_TEXT,
        text="What stopped you exploring alternatives?",
        conditions=[ConditionSpec("reasons", ConditionOperator.ANY_OF, ("too_busy", "price"))],
        required=False,
    )
    final = section_create(wave=wave, title="Anything else")
    question_create(
        section=final,
        code="comments",
        kind=QuestionKind.LONG_TEXT,
        text="Any other comments?",
        required=False,
        conditions=[ConditionSpec("info", ConditionOperator.NOT, ("yes",))],
    )
    return wave


def when_section(wave, *, date_required: bool = True):
    """A section of a note, a date and an optional time, added to a draft wave (the kinds that are not choices)."""
    section = section_create(wave=wave, title="When you started")
    question_create(
        section=section,
        code="about_dates",
        kind=QuestionKind.NOTE,
        text="These questions are about when your organisation started.",
        help_text="Give your best guess.",
    )
    question_create(
        section=section,
        code="started_on",
        kind=QuestionKind.DATE,
        text="When did your organisation start?",
        required=date_required,
    )
    question_create(
        section=section,
        code="meets_at",
        kind=QuestionKind.TIME,
        text="At what time does your board usually meet?",
        required=False,
    )
    return section


def rules_section(wave):
    """A section of questions with XLSForm rules, added to a draft wave: a constraint with its message, one with the
    default message, a required message and a required rule, a default, a read-only question and two calculated
    values (a number and text)."""
    section = section_create(wave=wave, title="Your team")
    question_create(
        section=section, code="role", kind=QuestionKind.SINGLE, text="Your role?", options=ROLES, required=True
    )
    rules = [
        ("nhs_number", QuestionKind.SHORT_TEXT, "NHS number?", RulesSpec(**NHS_NUMBER)),
        ("gmc", QuestionKind.SHORT_TEXT, "GMC number?", RulesSpec(required_if="${role} = 'gp'", required_message=GMC)),
        ("team_size", QuestionKind.NUMBER, "Team size?", RulesSpec(default="5", constraint=". != 13")),
        ("region_name", QuestionKind.SHORT_TEXT, "Your region", RulesSpec(readonly=True, default="North East")),
        ("doubled", QuestionKind.CALCULATE, "Twice the team", RulesSpec(calculation="${team_size} * 2")),
        ("tag", QuestionKind.CALCULATE, "Role and team", RulesSpec(calculation="concat(${role}, '-', ${team_size})")),
    ]
    for code, kind, text, spec in rules:
        question_create(section=section, code=code, kind=kind, text=text, required=False, rules=spec)
    return section


ROLES = [OptionSpec("gp", "GP"), OptionSpec("nurse", "Nurse")]
NHS_NUMBER = {"constraint": "regex(., '[0-9]{10}')", "constraint_message": "Enter a 10-digit NHS number"}
GMC = "Enter your GMC number"
