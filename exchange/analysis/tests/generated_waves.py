"""Confidential waves of a given shape, built through the services, for the disclosure-control tests.

A shape: (regions, lone area team, respondents with no organisation, seed). `regions` is a list of regions, each a
list of area teams; an area team is a list of organisations; an organisation is (kind, {role: (invited, answered)}).
The lone area team is alone in a region of its own. Answers are drawn from `seed`."""

import random

from django.utils import timezone

from exchange.accounts.models import Role
from exchange.organisations.models import OrganisationKind
from exchange.organisations.tests.factories import AreaTeamFactory, OrganisationFactory, RegionFactory
from exchange.surveys.models import Confidentiality, Contact, ContactStatus, QuestionKind, WaveAccess
from exchange.surveys.services.authoring import (
    OptionSpec,
    question_create,
    section_create,
    series_create,
    wave_close,
    wave_create,
    wave_open,
)
from exchange.surveys.services.recording import RecordedResponse, responses_record

K = 10
ROLES = [Role.CLINICAL_LEAD, Role.MANAGERIAL_LEAD, Role.FINANCE_LEAD]
KINDS = [OrganisationKind.COMMISSIONER, OrganisationKind.SUPPORT_PROVIDER]


def build_wave(shape, *, close: bool = True):
    regions, lone, unknown, seed = shape
    rng = random.Random(seed)
    owner = OrganisationFactory(kind=OrganisationKind.MEMBERSHIP_BODY)
    series = series_create(owner=owner, title="Appraisal", suppression_threshold=K)
    today = timezone.localdate()
    wave = wave_create(
        series=series,
        label="generated",
        confidentiality=Confidentiality.CONFIDENTIAL,
        access=WaveAccess.INVITED,
        fieldwork_start=today,
        fieldwork_end=today,
    )
    section = section_create(wave=wave, title="Questions")
    question_create(
        section=section,
        code="info",
        kind=QuestionKind.SINGLE,
        text="Enough information?",
        options=[OptionSpec("yes", "Yes"), OptionSpec("no", "No")],
    )
    question_create(
        section=section,
        code="satisfied",
        kind=QuestionKind.LIKERT,
        text="Satisfied?",
        options=[
            OptionSpec("good", "Good", is_positive=True),
            OptionSpec("fair", "Fair"),
            OptionSpec("poor", "Poor"),
            OptionSpec("dont_know", "Don't know", excluded_from_base=True),
        ],
    )
    question_create(
        section=section,
        code="reasons",
        kind=QuestionKind.MULTIPLE,
        text="Why?",
        options=[OptionSpec("busy", "Too busy"), OptionSpec("price", "Price"), OptionSpec("trust", "Trust")],
        required=False,
    )
    now = timezone.now()
    contacts, records = [], []
    layout = [(RegionFactory(), teams) for teams in regions] + [(RegionFactory(), [lone])]
    for region, teams in layout:
        for organisations in teams:
            team = AreaTeamFactory(region=region)
            for kind, roles in organisations:
                org = OrganisationFactory(kind=kind, region=region, area_team=team)
                for role, (invited, answered) in roles.items():
                    for n in range(invited):
                        contacts.append(
                            Contact(
                                wave=wave,
                                full_name=f"{org.pk}-{role}-{n}",
                                email=f"p{org.pk}{role}{n}@example.nhs.uk",
                                role=role,
                                organisation=org,
                                **Contact.token_fields(),
                                invited_at=now,
                                status=ContactStatus.COMPLETED if n < answered else ContactStatus.INVITED,
                            )
                        )
                    records += [RecordedResponse(org, role, _answers(rng)) for _ in range(answered)]
    records += [RecordedResponse(None, rng.choice(ROLES), _answers(rng)) for _ in range(unknown)]
    Contact.objects.bulk_create(contacts)
    rng.shuffle(records)
    wave_open(wave=wave)
    responses_record(wave=wave, responses=records)
    return wave_close(wave=wave) if close else wave


def _answers(rng: random.Random) -> dict:
    answers = {"info": rng.choice(["yes", "no"]), "satisfied": rng.choice(["good", "fair", "poor", "dont_know"])}
    if rng.random() < 0.7:
        answers["reasons"] = rng.sample(["busy", "price", "trust"], rng.randint(1, 3))
    return answers
