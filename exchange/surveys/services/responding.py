"""Answering a wave: opening a link, saving sections to a draft, and submitting exactly once."""

import hashlib
import random
from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from exchange.core.exceptions import ApplicationError

from ..choice_filters import fitting_answers
from ..models import (
    Answer,
    Contact,
    ContactStatus,
    Draft,
    OpenLinkSubmission,
    PendingResponse,
    QuestionKind,
    Response,
    Wave,
    WaveStatus,
)
from ..questionnaire import Answers, Questionnaire
from ..signals import responses_written
from .answer_checks import answers_checked, rules_checked

WAVE_NOT_OPEN = "This survey is not open for answers."
INCOMPLETE = "Some questions still need an answer."
ALREADY_SUBMITTED = "You have already submitted your answers to this survey. Thank you."
OPTED_OUT = "You have opted out of this survey."
CALCULATED_LIMIT = Decimal(10) ** 12  # Answer.number holds 14 digits, 2 of them decimals; larger is kept as text


def _cents(value: Decimal) -> Decimal:  # rounded first, so 999999999999.995 is too large, as it is once stored
    return value.quantize(Decimal("0.01")) if value.is_finite() and abs(value) < CALCULATED_LIMIT * 10 else value


def browser_key_hash(browser_key: str) -> str:
    return hashlib.sha256(browser_key.encode()).hexdigest()


def _ensure_open(wave: Wave) -> None:
    if wave.status != WaveStatus.OPEN:
        raise ApplicationError(WAVE_NOT_OPEN)


@transaction.atomic
def contact_mark_opened(*, contact: Contact) -> Contact:
    if contact.opened_at is None:
        contact.opened_at = timezone.now()
        if contact.status == ContactStatus.INVITED:
            contact.status = ContactStatus.OPENED
        contact.save(update_fields=["opened_at", "status"])
    return contact


@transaction.atomic
def draft_for_contact(*, contact: Contact) -> Draft:
    """The contact's draft, started on first use. Refuses contacts who have completed or opted out."""
    _ensure_open(contact.wave)
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    if contact.status == ContactStatus.COMPLETED:
        raise ApplicationError(ALREADY_SUBMITTED)
    if contact.status == ContactStatus.OPTED_OUT:
        raise ApplicationError(OPTED_OUT)
    draft, created = Draft.objects.get_or_create(contact=contact, defaults={"wave": contact.wave})
    if created:
        now = timezone.now()
        contact.started_at = contact.started_at or now
        contact.opened_at = contact.opened_at or now
        contact.status = ContactStatus.STARTED
        contact.save(update_fields=["started_at", "opened_at", "status"])
    return draft


@transaction.atomic
def draft_for_browser(*, wave: Wave, browser_key: str) -> Draft:
    _ensure_open(wave)
    key_hash = browser_key_hash(browser_key)
    if OpenLinkSubmission.objects.filter(wave=wave, browser_key_hash=key_hash).exists():
        raise ApplicationError(ALREADY_SUBMITTED)
    draft, _ = Draft.objects.get_or_create(wave=wave, browser_key_hash=key_hash)
    return draft


@transaction.atomic
def draft_save_answers(*, draft: Draft, answers: Answers) -> Draft:
    """Merge one section's answers into the draft; earlier sections are kept as they were. An answer refused by
    `answers_checked` or `rules_checked` (`answer_checks`) saves nothing."""
    _ensure_open(draft.wave)
    questionnaire = Questionnaire.for_wave(draft.wave)
    answers_checked(questionnaire, answers, {**draft.answers, **answers})
    locked = Draft.objects.select_for_update().filter(pk=draft.pk).first()
    if locked is None:
        raise ApplicationError(ALREADY_SUBMITTED)
    rules_checked(questionnaire, {**locked.answers, **answers}, answers)
    locked.answers = fitting_answers(questionnaire.questions, {**locked.answers, **answers})
    locked.save(update_fields=["answers", "saved_at"])
    return locked


def answer_rows(questionnaire: Questionnaire, response: Response, answers: Answers) -> list[Answer]:
    rows: list[Answer] = []
    answers_checked(questionnaire, answers)
    effective = questionnaire.complete_answers(answers)  # with read-only defaults and calculated values
    for question in questionnaire.questions:
        value = effective.get(question.code)
        if value in (None, "", [], {}):
            continue
        options = {option.code: option for option in question.options.all()}
        if question.kind in (QuestionKind.SINGLE, QuestionKind.LIKERT):
            rows.append(Answer(response=response, question=question, option=options[value]))
        elif question.kind == QuestionKind.MULTIPLE:
            # Each option once, however often it was sent: a respondent chooses an option or does not.
            rows.extend(
                Answer(response=response, question=question, option=options[code]) for code in dict.fromkeys(value)
            )
        elif question.kind == QuestionKind.LIKERT_GRID:
            items = {item.code: item for item in question.grid_items.all()}
            rows.extend(
                Answer(response=response, question=question, grid_item=items[item], option=options[code])
                for item, code in value.items()
                if item in items and code in options
            )
        elif question.kind == QuestionKind.NUMBER:
            rows.append(Answer(response=response, question=question, number=value))
        elif question.kind == QuestionKind.NOTE:
            continue  # a note takes no answer
        elif (
            question.kind == QuestionKind.CALCULATE
            and isinstance(value, Decimal)
            and abs(_cents(value)) < CALCULATED_LIMIT
        ):
            rows.append(Answer(response=response, question=question, number=_cents(value)))
        else:  # text, and dates and times as ISO text (see `surveys.answers`)
            rows.append(Answer(response=response, question=question, text=str(value)))
    return rows


def response_submit(*, draft_id: int, questionnaire: Questionnaire) -> Response | PendingResponse | None:
    """Turn a draft into a response. Returns None when the draft was already submitted (double click, back
    button, replay): the row lock makes a second, concurrent submission find no draft and create nothing.

    In a confidential wave the answers wait, with no key or time that says whose they are, until at least the
    series' threshold of others have arrived, then enter analysis together in random order
    (`responses_release`); and the contact's status changes in a transaction of its own, after the answers', so
    that no transaction id in the database joins a person to what they answered."""
    try:
        outcome, contact_id = _submit(draft_id=draft_id, questionnaire=questionnaire)
    except IntegrityError:
        # The one-response-per-contact and once-per-browser constraints caught a duplicate.
        return None
    if contact_id is not None:
        _contact_complete_apart(contact_id)
    return outcome


@transaction.atomic
def _submit(*, draft_id: int, questionnaire: Questionnaire):
    draft = Draft.objects.select_for_update(of=("self",)).filter(pk=draft_id).select_related("wave", "contact").first()
    if draft is None:
        return None, None
    wave = draft.wave
    _ensure_open(wave)
    if questionnaire.first_unanswered_section(draft.answers) is not None:
        raise ApplicationError(INCOMPLETE)
    if wave.is_confidential:
        contact = (
            Contact.objects.select_related("organisation").filter(pk=draft.contact_id).first()
            if draft.contact_id is not None
            else None
        )
        pending = PendingResponse.objects.create(
            wave=wave,
            organisation=contact.organisation if contact else None,
            role=contact.role if contact else "",
            via_open_link=contact is None,
            answers=draft.answers,
        )
        if contact is None:
            OpenLinkSubmission.objects.create(wave=wave, browser_key_hash=draft.browser_key_hash)
        draft.delete()
        responses_release(wave=wave, questionnaire=questionnaire)
        return pending, contact.pk if contact else None
    contact = (
        Contact.objects.select_for_update().select_related("organisation").filter(pk=draft.contact_id).first()
        if draft.contact_id is not None
        else None
    )
    response = _response_for(wave, contact)
    response.save()
    answers = answer_rows(questionnaire, response, draft.answers)
    Answer.objects.bulk_create(answers)
    responses_written.send(
        sender=Response,
        wave=wave,
        responses=[(response, answers, contact.organisation.kind if contact else "")],
        questionnaire=questionnaire,
    )
    if contact is not None:
        _contact_complete(contact, confidential=False)
    else:
        OpenLinkSubmission.objects.create(wave=wave, browser_key_hash=draft.browser_key_hash)
    draft.delete()
    return response, None


@transaction.atomic
def _contact_complete_apart(contact_id: int) -> None:
    contact = Contact.objects.select_for_update().filter(pk=contact_id).first()
    if contact is not None:
        _contact_complete(contact, confidential=True)


@transaction.atomic
def responses_release(*, wave: Wave, questionnaire: Questionnaire | None = None, at_close: bool = False) -> int:
    """Release a confidential wave's waiting responses into analysis once there are at least the series' threshold
    of them (or all that are left when the wave closes), in random order, under one transaction: responses,
    answers and tallies of a batch share their transaction id and their order says nothing. Returns how many."""
    pending = list(
        # Locked in key order, so that two submissions releasing at once cannot deadlock.
        PendingResponse.objects.select_for_update(of=("self",))
        .filter(wave=wave)
        .select_related("organisation")
        .order_by("pk")
    )
    if not pending or (len(pending) < wave.series.suppression_threshold and not at_close):
        return 0
    random.SystemRandom().shuffle(pending)
    questionnaire = questionnaire or Questionnaire.for_wave(wave)
    written = []
    for waiting in pending:
        organisation = waiting.organisation
        response = Response(
            wave=wave,
            organisation=organisation,
            region_id=organisation.region_id if organisation else None,
            area_team_id=organisation.area_team_id if organisation else None,
            role=waiting.role,
            via_open_link=waiting.via_open_link,
        )
        response.save()
        answers = answer_rows(questionnaire, response, waiting.answers)
        written.append((response, answers, organisation.kind if organisation else ""))
    Answer.objects.bulk_create([answer for _, answers, _ in written for answer in answers])
    responses_written.send(sender=Response, wave=wave, responses=written, questionnaire=questionnaire)
    PendingResponse.objects.filter(pk__in=[waiting.pk for waiting in pending]).delete()
    return len(pending)


def _contact_complete(contact: Contact, *, confidential: bool) -> None:
    contact.status = ContactStatus.COMPLETED
    if confidential:
        # Only the status stays: any time on the contact could be matched against the order responses arrived in.
        contact.opened_at = contact.started_at = contact.completed_at = contact.last_reminded_at = None
    else:
        contact.completed_at = timezone.now()
    contact.save(update_fields=["status", "opened_at", "started_at", "completed_at", "last_reminded_at"])


def _response_for(wave: Wave, contact: Contact | None) -> Response:
    if contact is None:
        return Response(wave=wave, via_open_link=True)
    organisation = contact.organisation
    return Response(
        wave=wave,
        contact=None if wave.is_confidential else contact,
        organisation=organisation,
        region_id=organisation.region_id,
        area_team_id=organisation.area_team_id,
        role=contact.role,
        submitted_on=None if wave.is_confidential else _today(),
    )


def _today() -> date:
    return timezone.localdate()
