"""The demo's survey series and waves, loaded from `exchange/demo/data/surveys`.

Each wave's questionnaire is an XLSForm file there, read by the surveys app's own importer. `waves.yaml` holds
what a form cannot carry: the series, each wave's label, fieldwork dates, confidentiality and status, who was
asked, and how the reconstructed responses are drawn:

- `respondents` (a sample of CCGs by region, all answering in one role) or `contacts` (a sample frame of CCG leads
  with their statuses) says who answered;
- `answers` lists, in the order the wave's seeded generator draws them, the respondents' shuffle, a `subset` of
  respondents of a given size, and per question (or grid `item`) the `counts` of each option (options joined by
  ", " for a multiple choice), or free `texts`: given in turn to the first respondents, or, with `every`, drawn from
  the pool in an order of the seed and given to every n-th respondent whom the form's routing asks the question,
  while they last, so that no two are the same. An entry `among` a subset is answered by its members only. Routing
  in the form still applies.

The reconstructed responses reproduce every figure the published documents give (see each `reconstructed_note`);
everything else about them (which CCGs, the other answer options, the free text) is invented and labelled so.
"""

import random
from datetime import date
from typing import Any

from django.db import transaction

from exchange.accounts.models import Role
from exchange.core import clock
from exchange.organisations.models import Organisation, OrganisationKind
from exchange.surveys.models import Contact, ContactStatus, QuestionKind, SurveySeries, Wave
from exchange.surveys.questionnaire import Questionnaire
from exchange.surveys.services.authoring import series_create
from exchange.surveys.services.recording import RecordedResponse, responses_record
from exchange.surveys.services.xlsform import wave_import_xlsform

from .data import DATA_DIR, demo_data

SURVEYS_DATA = DATA_DIR / "surveys"

Respondent = tuple[Organisation, str]


def surveys_content() -> dict[str, Any]:
    return demo_data("surveys/waves.yaml")


def _repeat(counts: dict[Any, int]) -> list[Any]:
    return [value for value, count in counts.items() for _ in range(count)]


def _spread(counts: dict[Any, int], rng: random.Random) -> list[Any]:
    values = _repeat(counts)
    rng.shuffle(values)
    return values


def _commissioners() -> list[Organisation]:
    return list(
        Organisation.objects.filter(kind=OrganisationKind.COMMISSIONER).select_related("region").order_by("name")
    )


def _regional_sample(spec: dict[str, Any], rng: random.Random) -> list[Respondent]:
    by_region: dict[str, list[Organisation]] = {}
    for ccg in _commissioners():
        by_region.setdefault(ccg.region.name if ccg.region else "No region", []).append(ccg)
    return [
        (ccg, spec["role"])
        for region, count in spec["by_region"].items()
        for ccg in rng.sample(by_region[region], count)
    ]


def _contacted_sample(wave: Wave, spec: dict[str, Any], rng: random.Random) -> list[Respondent]:
    """Invite the frame, mark who completed (at least one lead of `organisations_completed` CCGs) and what became
    of the others; return who completed."""
    ccgs = _commissioners()
    with_extra = {ccg.pk for ccg in rng.sample(ccgs, spec["invited"] - len(spec["roles"]) * len(ccgs))}
    now = clock.now()
    contacts = []
    for ccg in ccgs:
        slug = ccg.slug.replace("nhs-", "")[:30]
        for role in spec["roles"] + ([spec["extra_role"]] if ccg.pk in with_extra else []):
            contacts.append(
                Contact(
                    wave=wave,
                    organisation=ccg,
                    role=role,
                    **Contact.token_fields(),
                    invited_at=now,
                    full_name=f"{Role(role).label} of {ccg.name}",
                    email=f"{role.replace('_', '.')}@{slug}.example.nhs.uk",
                )
            )
    contacts = Contact.objects.bulk_create(contacts)
    by_ccg: dict[int, list[Contact]] = {}
    for contact in contacts:
        by_ccg.setdefault(contact.organisation_id, []).append(contact)
    responding_ccgs = rng.sample(sorted(by_ccg), spec["organisations_completed"])
    completed = [rng.choice(by_ccg[ccg]) for ccg in responding_ccgs]
    chosen = {contact.pk for contact in completed}
    spare = [c for ccg in responding_ccgs for c in by_ccg[ccg] if c.pk not in chosen]
    completed += rng.sample(spare, spec["completed"] - len(completed))
    chosen = {contact.pk for contact in completed}
    others = [contact for contact in contacts if contact.pk not in chosen]
    rng.shuffle(others)
    for contact in completed:
        contact.status = ContactStatus.COMPLETED
    for contact, status in zip(others, _repeat(spec["others"]), strict=False):
        contact.status = status
        contact.opened_at = contact.invited_at if status in (ContactStatus.OPENED, ContactStatus.STARTED) else None
        contact.started_at = contact.invited_at if status == ContactStatus.STARTED else None
    Contact.objects.bulk_update(contacts, ["status", "opened_at", "started_at"])
    return [(contact.organisation, contact.role) for contact in completed]


def _positions(members: list[bool]) -> list[int | None]:
    """Each respondent's place among the members of a subset, or None for a non-member."""
    places: list[int | None] = []
    count = 0
    for member in members:
        places.append(count if member else None)
        count += member
    return places


def _value(entry: dict[str, Any], drawn: list[Any] | None, position: int | None) -> Any:
    if position is None:
        return None
    if "every" in entry:  # `drawn` is the pool of texts in the seed's order; `position` counts those asked
        turn, offset = divmod(position, entry["every"])
        return drawn[turn] if drawn is not None and offset == 0 and turn < len(drawn) else None
    if drawn is not None:
        return drawn[position]
    return entry["texts"][position] if position < len(entry["texts"]) else None


def _drawn(entry: dict[str, Any], rng: random.Random) -> list[Any] | None:
    if "counts" in entry:
        return _spread(entry["counts"], rng)
    if "every" in entry:
        return rng.sample(entry["texts"], len(entry["texts"]))
    return None


def _responses(
    wave: Wave, plan: list[dict[str, Any]], respondents: list[Respondent], rng: random.Random
) -> list[RecordedResponse]:
    questionnaire = Questionnaire.load(wave)
    multiple = {question.code for question in questionnaire.questions if question.kind == QuestionKind.MULTIPLE}
    columns: list[tuple[dict[str, Any], list[Any] | None]] = []
    subsets: dict[str, list[int | None]] = {}
    for entry in plan:
        if "shuffle" in entry:
            rng.shuffle(respondents)
        elif "subset" in entry:
            members = _spread({True: entry["size"], False: len(respondents) - entry["size"]}, rng)
            subsets[entry["subset"]] = _positions(members)
        else:
            columns.append((entry, _drawn(entry, rng)))
    asked = [0] * len(columns)  # for each column given `every` n-th asked respondent: how many were asked so far
    responses = []
    for index, (organisation, role) in enumerate(respondents):
        answers: dict[str, Any] = {}
        for number, (entry, drawn) in enumerate(columns):
            code = entry["question"]
            if "every" in entry:
                if not questionnaire.is_asked(questionnaire.by_code[code], answers):
                    continue
                position: int | None = asked[number]
                asked[number] += 1
            else:
                position = subsets[entry["among"]][index] if "among" in entry else index
            value = _value(entry, drawn, position)
            if value is None:
                continue
            if "item" in entry:
                answers.setdefault(code, {})[entry["item"]] = value
            else:
                answers[code] = value.split(", ") if code in multiple else value
        responses.append(RecordedResponse(organisation=organisation, role=role, answers=answers))
    return responses


def _invite(wave: Wave, people: list) -> Contact | None:
    first = None
    for user, organisation, role in people:
        contact = Contact.objects.create(
            wave=wave,
            organisation=organisation,
            role=role,
            full_name=user.full_name,
            email=user.email,
            **Contact.token_fields(),
            invited_at=clock.now(),
        )
        first = first or contact
    return first


def _wave_load(series: SurveySeries, spec: dict[str, Any], people: list) -> Contact | None:
    wave = wave_import_xlsform(
        series=series,
        label=spec["label"],
        data=(SURVEYS_DATA / spec["form"]).read_bytes(),
        confidentiality=spec["confidentiality"],
    )
    wave.fieldwork_start, wave.fieldwork_end = (date.fromisoformat(day) for day in spec["fieldwork"])
    wave.reconstructed_note = spec.get("reconstructed_note", "")
    wave.save(update_fields=["fieldwork_start", "fieldwork_end", "reconstructed_note"])
    if "answers" in spec:
        rng = random.Random(spec["seed"])
        if "contacts" in spec:
            respondents = _contacted_sample(wave, spec["contacts"], rng)
        else:
            respondents = _regional_sample(spec["respondents"], rng)
        responses_record(wave=wave, responses=_responses(wave, spec["answers"], respondents, rng))
    wave.status = spec["status"]
    wave.save(update_fields=["status"])
    return _invite(wave, people) if spec.get("invite_demo_people") else None


def _invited_wave(content: dict[str, Any]) -> Wave | None:
    for series in content["series"]:
        for spec in series["waves"]:
            if spec.get("invite_demo_people"):
                return Wave.objects.filter(series__title=series["title"], label=spec["label"]).first()
    return None


@transaction.atomic
def surveys_demo_load(*, people: list) -> Contact | None:
    """`people`: (user, organisation, role) to invite to the wave marked `invite_demo_people`. Returns the first
    one's contact. Running it twice adds nothing."""
    content = surveys_content()
    if SurveySeries.objects.filter(title__in=[series["title"] for series in content["series"]]).exists():
        wave = _invited_wave(content)
        return wave.contacts.order_by("pk").first() if wave else None
    first = None
    for series_spec in content["series"]:
        series = series_create(
            owner=Organisation.objects.get(name=series_spec["owner"]),
            title=series_spec["title"],
            description=series_spec["description"],
        )
        for spec in series_spec["waves"]:
            first = _wave_load(series, spec, people) or first
    return first
