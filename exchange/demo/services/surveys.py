"""Two waves reconstructed from published figures, and an open wave the demo people can answer.

The original micro-data of both surveys is not public. These responses are built so that every figure the
published documents give is reproduced exactly (see RECONSTRUCTED_2012 and RECONSTRUCTED_2013); everything
else about them (which CCGs, the other answer options, the free text) is invented and labelled so.
"""

import random
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from exchange.accounts.models import Role
from exchange.organisations.models import Organisation, OrganisationKind
from exchange.surveys.models import (
    ConditionOperator,
    Confidentiality,
    Contact,
    ContactStatus,
    QuestionKind,
    SurveySeries,
    WaveStatus,
)
from exchange.surveys.services.authoring import (
    ConditionSpec,
    OptionSpec,
    question_create,
    section_create,
    series_create,
    wave_copy,
    wave_create,
)
from exchange.surveys.services.contacts import new_token
from exchange.surveys.services.recording import RecordedResponse, responses_record

RECONSTRUCTED_2012 = (
    "Reconstructed from the published figures of the NHS Clinical Commissioning Coalition's press release of "
    "6 March 2012 (95 responses: London 12.6%, North of England 33.7%, Midlands and East 32.6%, South of England "
    "21.1%; 84.2% not given sufficient information; of the 75 who answered the follow-up questions, 70.7% "
    "dissatisfied with the support offered, 20% chose the PCT cluster because too busy to explore alternatives and "
    "26.7% because relationships were good; more than four fifths dissatisfied with the roll-out, fewer than a fifth "
    "content). The original responses are not public: which CCGs answered, and answers the release does not give, "
    "are illustrative."
)
RECONSTRUCTED_2013 = (
    "Reconstructed from the published figures of NHS Clinical Commissioners' appraisal of NHS England (Ipsos MORI, "
    "reported 5 December 2013): 273 of 569 CCG leads contacted responded (48%), from 177 of the 211 CCGs; about one "
    "in three agreed that NHS England offered the support and development needed. The original responses are not "
    "public: the contacts, which CCGs answered, and answers the report does not give are illustrative."
)

REGION_COUNTS_2012 = {"London": 12, "North of England": 32, "Midlands and East of England": 31, "South of England": 20}
SATISFACTION = [
    OptionSpec("very_satisfied", "Very satisfied", is_positive=True),
    OptionSpec("satisfied", "Satisfied", is_positive=True),
    OptionSpec("neither", "Neither satisfied nor dissatisfied"),
    OptionSpec("dissatisfied", "Dissatisfied"),
    OptionSpec("very_dissatisfied", "Very dissatisfied"),
]
AGREEMENT = [
    OptionSpec("strongly_agree", "Strongly agree", is_positive=True),
    OptionSpec("agree", "Agree", is_positive=True),
    OptionSpec("neither", "Neither agree nor disagree"),
    OptionSpec("disagree", "Disagree"),
    OptionSpec("strongly_disagree", "Strongly disagree"),
    OptionSpec("dont_know", "Don't know", excluded_from_base=True),
]


def _spread(counts: dict[str, int], rng: random.Random) -> list[str]:
    values = [code for code, count in counts.items() for _ in range(count)]
    rng.shuffle(values)
    return values


def _commissioners_by_region() -> dict[str, list[Organisation]]:
    result: dict[str, list[Organisation]] = {}
    for ccg in (
        Organisation.objects.filter(kind=OrganisationKind.COMMISSIONER).select_related("region").order_by("name")
    ):
        result.setdefault(ccg.region.name if ccg.region else "No region", []).append(ccg)
    return result


def _survey_2012(owner: Organisation) -> None:
    series = series_create(
        owner=owner,
        title="Commissioning support survey",
        description="CCGs' views of the commissioning support on offer to them, "
        "asked by the NAPC and NHS Alliance coalition.",
    )
    wave = wave_create(
        series=series,
        label="January 2012",
        confidentiality=Confidentiality.CONFIDENTIAL,
        fieldwork_start=date(2012, 1, 9),
        fieldwork_end=date(2012, 1, 31),
        reconstructed_note=RECONSTRUCTED_2012,
    )
    choices = section_create(wave=wave, title="Your choices of commissioning support")
    question_create(
        section=choices,
        code="info_sufficient",
        kind=QuestionKind.SINGLE,
        text="Have you been given sufficient information about the choices of commissioning support available to you?",
        options=[OptionSpec("yes", "Yes"), OptionSpec("no", "No, and we would welcome more")],
    )
    question_create(
        section=choices,
        code="rollout_satisfaction",
        kind=QuestionKind.LIKERT,
        options=SATISFACTION,
        text="How satisfied are you with the way the programme of commissioning support is being rolled out?",
    )
    offer = section_create(wave=wave, title="The support offered to your CCG")
    question_create(
        section=offer,
        code="offer_satisfaction",
        kind=QuestionKind.LIKERT,
        options=SATISFACTION,
        required=False,
        text="How satisfied are you with the commissioning support being offered to your CCG?",
    )
    question_create(
        section=offer,
        code="cluster_reasons",
        kind=QuestionKind.MULTIPLE,
        required=False,
        text="If you have decided to use your local PCT cluster's offer, why?",
        options=[
            OptionSpec("too_busy", "Too busy to explore alternative arrangements"),
            OptionSpec("relationships", "Relationships with PCT support staff are good"),
            OptionSpec("quality", "The quality of the support is good"),
            OptionSpec("not_using_cluster", "We have not decided to use the PCT cluster's offer"),
        ],
    )
    question_create(
        section=offer, code="comments", kind=QuestionKind.LONG_TEXT, required=False, text="Any other comments?"
    )

    rng = random.Random(2012)
    by_region = _commissioners_by_region()
    organisations = [
        ccg for region, count in REGION_COUNTS_2012.items() for ccg in rng.sample(by_region[region], count)
    ]
    rng.shuffle(organisations)
    info = _spread({"no": 80, "yes": 15}, rng)
    rollout = _spread({"very_dissatisfied": 30, "dissatisfied": 48, "satisfied": 14, "very_satisfied": 3}, rng)
    follow_up = [True] * 75 + [False] * 20
    rng.shuffle(follow_up)
    offer_answers = _spread(
        {"very_dissatisfied": 21, "dissatisfied": 32, "neither": 7, "satisfied": 13, "very_satisfied": 2}, rng
    )
    # 15 too busy, 20 good relationships (5 give both reasons), 8 quality, 37 not using the cluster: 75 in all.
    reasons = (
        [["too_busy"]] * 10
        + [["too_busy", "relationships"]] * 5
        + [["relationships"]] * 12
        + [["relationships", "quality"]] * 3
        + [["quality"]] * 8
        + [["not_using_cluster"]] * 37
    )
    rng.shuffle(reasons)
    comments = [
        "We would value a real choice of provider, judged on value.",
        "Good relationships with PCT support staff, but the cluster's offer may be unaffordable.",
        "Too early to say; the offer keeps changing.",
    ]
    responses = []
    answered = 0
    for index, organisation in enumerate(organisations):
        answers: dict[str, Any] = {"info_sufficient": info[index], "rollout_satisfaction": rollout[index]}
        if follow_up[index]:
            answers["offer_satisfaction"] = offer_answers[answered]
            answers["cluster_reasons"] = reasons[answered]
            if answered < len(comments):
                answers["comments"] = comments[answered]
            answered += 1
        responses.append(RecordedResponse(organisation=organisation, role=Role.CLINICAL_LEAD, answers=answers))
    responses_record(wave=wave, responses=responses)
    wave.status = WaveStatus.CLOSED
    wave.save(update_fields=["status"])


def _questionnaire_2013(wave) -> None:
    support = section_create(wave=wave, title="Support and development")
    question_create(
        section=support,
        code="support_development",
        kind=QuestionKind.LIKERT,
        options=AGREEMENT,
        text="NHS England offers the support and development we need to maximise our potential as a CCG.",
    )
    question_create(
        section=support,
        code="area_team_working",
        kind=QuestionKind.LIKERT,
        options=AGREEMENT,
        text="Our CCG and our NHS England area team work well together.",
    )
    behaviours = section_create(wave=wave, title="The behaviours agreed in Ways of Working")
    question_create(
        section=behaviours,
        code="behaviours",
        kind=QuestionKind.LIKERT_GRID,
        options=AGREEMENT,
        text="How far do you agree that NHS England shows each of these behaviours in its work with your CCG?",
        grid_items=[
            ("common_purpose", "Common purpose"),
            ("local_leadership", "Local leadership and accountability"),
            ("honesty_transparency", "Honesty and transparency"),
        ],
    )
    primary = section_create(wave=wave, title="Primary care and direct commissioning")
    question_create(
        section=primary,
        code="shared_vision_primary_care",
        kind=QuestionKind.LIKERT,
        options=AGREEMENT,
        text="We share a vision with NHS England for what we are trying to achieve for primary care.",
    )
    question_create(
        section=primary,
        code="primary_care_improve",
        kind=QuestionKind.LONG_TEXT,
        required=False,
        text="What would most improve how primary care is commissioned in your area?",
        conditions=[
            ConditionSpec("shared_vision_primary_care", ConditionOperator.ANY_OF, ("disagree", "strongly_disagree"))
        ],
    )


def _contacts_2013(wave, rng: random.Random) -> list[Contact]:
    ccgs = list(
        Organisation.objects.filter(kind=OrganisationKind.COMMISSIONER).select_related("region").order_by("name")
    )
    with_finance = {ccg.pk for ccg in rng.sample(ccgs, 569 - 2 * len(ccgs))}
    now = timezone.now()
    contacts = []
    for ccg in ccgs:
        roles = [Role.CLINICAL_LEAD, Role.MANAGERIAL_LEAD] + ([Role.FINANCE_LEAD] if ccg.pk in with_finance else [])
        for role in roles:
            slug = ccg.slug.replace("nhs-", "")[:30]
            contacts.append(
                Contact(
                    wave=wave,
                    organisation=ccg,
                    role=role,
                    token=new_token(),
                    invited_at=now,
                    full_name=f"{Role(role).label} of {ccg.name}",
                    email=f"{role.replace('_', '.')}@{slug}.example.nhs.uk",
                )
            )
    return Contact.objects.bulk_create(contacts)


def _survey_2013(owner: Organisation) -> SurveySeries:
    series = series_create(
        owner=owner,
        title="Appraisal of NHS England",
        description="CCG leads' appraisal of how NHS England works with them, "
        "against the behaviours agreed in Ways of Working.",
    )
    wave = wave_create(
        series=series,
        label="2013",
        confidentiality=Confidentiality.CONFIDENTIAL,
        fieldwork_start=date(2013, 10, 1),
        fieldwork_end=date(2013, 11, 8),
        reconstructed_note=RECONSTRUCTED_2013,
    )
    _questionnaire_2013(wave)
    rng = random.Random(2013)
    contacts = _contacts_2013(wave, rng)
    by_ccg: dict[int, list[Contact]] = {}
    for contact in contacts:
        by_ccg.setdefault(contact.organisation_id, []).append(contact)
    responding_ccgs = rng.sample(sorted(by_ccg), 177)
    completed = [rng.choice(by_ccg[ccg]) for ccg in responding_ccgs]
    chosen = {contact.pk for contact in completed}
    spare = [c for ccg in responding_ccgs for c in by_ccg[ccg] if c.pk not in chosen]
    completed += rng.sample(spare, 273 - len(completed))
    chosen = {contact.pk for contact in completed}
    others = [contact for contact in contacts if contact.pk not in chosen]
    rng.shuffle(others)
    for contact in completed:
        contact.status = ContactStatus.COMPLETED
    for contact, status in zip(
        others,
        [ContactStatus.OPTED_OUT] * 11
        + [ContactStatus.BOUNCED] * 6
        + [ContactStatus.STARTED] * 19
        + [ContactStatus.OPENED] * 41,
        strict=False,
    ):
        contact.status = status
        contact.opened_at = contact.invited_at if status in (ContactStatus.OPENED, ContactStatus.STARTED) else None
        contact.started_at = contact.invited_at if status == ContactStatus.STARTED else None
    Contact.objects.bulk_update(contacts, ["status", "opened_at", "started_at"])

    # One in three of those giving a view (88 of 264; 9 said "don't know") agree.
    support = _spread(
        {"strongly_agree": 14, "agree": 74, "neither": 60, "disagree": 89, "strongly_disagree": 27, "dont_know": 9}, rng
    )
    area_team = _spread(
        {"strongly_agree": 52, "agree": 118, "neither": 48, "disagree": 38, "strongly_disagree": 11, "dont_know": 6},
        rng,
    )
    vision = _spread(
        {"strongly_agree": 9, "agree": 58, "neither": 71, "disagree": 94, "strongly_disagree": 33, "dont_know": 8}, rng
    )
    grid = {
        "common_purpose": _spread(
            {
                "strongly_agree": 28,
                "agree": 110,
                "neither": 62,
                "disagree": 54,
                "strongly_disagree": 12,
                "dont_know": 7,
            },
            rng,
        ),
        "local_leadership": _spread(
            {"strongly_agree": 20, "agree": 92, "neither": 70, "disagree": 66, "strongly_disagree": 17, "dont_know": 8},
            rng,
        ),
        "honesty_transparency": _spread(
            {"strongly_agree": 24, "agree": 96, "neither": 64, "disagree": 62, "strongly_disagree": 19, "dont_know": 8},
            rng,
        ),
    }
    rng.shuffle(completed)
    responses = []
    for index, contact in enumerate(completed):
        answers = {
            "support_development": support[index],
            "area_team_working": area_team[index],
            "behaviours": {item: values[index] for item, values in grid.items()},
            "shared_vision_primary_care": vision[index],
        }
        if vision[index] in ("disagree", "strongly_disagree") and index % 4 == 0:
            answers["primary_care_improve"] = "Clear roles and resources for CCGs to co-commission primary care."
        responses.append(RecordedResponse(organisation=contact.organisation, role=contact.role, answers=answers))
    responses_record(wave=wave, responses=responses)
    wave.status = WaveStatus.CLOSED
    wave.save(update_fields=["status"])
    return series


def _open_wave_2014(series: SurveySeries, people: list) -> Contact | None:
    wave = wave_copy(wave=series.waves.get(label="2013"), label="2014")
    wave.fieldwork_start, wave.fieldwork_end = date(2014, 10, 1), date(2014, 11, 14)
    wave.reconstructed_note = ""
    wave.status = WaveStatus.OPEN
    wave.save(update_fields=["fieldwork_start", "fieldwork_end", "reconstructed_note", "status"])
    first = None
    for user, organisation, role in people:
        contact = Contact.objects.create(
            wave=wave,
            organisation=organisation,
            role=role,
            full_name=user.full_name,
            email=user.email,
            token=new_token(),
            invited_at=timezone.now(),
        )
        first = first or contact
    return first


@transaction.atomic
def surveys_demo_load(*, people: list) -> Contact | None:
    """`people`: (user, organisation, role) to invite to the open 2014 wave. Returns the first one's contact."""
    if SurveySeries.objects.filter(title="Appraisal of NHS England").exists():
        wave = SurveySeries.objects.get(title="Appraisal of NHS England").waves.filter(label="2014").first()
        return wave.contacts.order_by("pk").first() if wave else None
    _survey_2012(Organisation.objects.get(name="NHS Alliance / NAPC coalition"))
    series = _survey_2013(Organisation.objects.get(name="NHS Clinical Commissioners"))
    return _open_wave_2014(series, people)
