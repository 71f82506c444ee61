"""Answering a wave: opening a link, saving sections to a draft, and submitting exactly once."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
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
    Response,
    Section,
    Wave,
    WaveStatus,
)
from ..questionnaire import Answers, Questionnaire
from ..selectors.answering import ALREADY_SUBMITTED, OPTED_OUT, WAVE_NOT_OPEN, browser_key_hash
from ..signals import responses_written
from .answer_checks import answers_checked, rules_checked
from .responses import answer_rows, responses_release

# The refusals shared with the read-only side (`selectors.answering`) are defined there and used here.
INCOMPLETE = "Some questions still need an answer."


def _ensure_open(wave: Wave) -> None:
    if wave.status != WaveStatus.OPEN:
        raise ApplicationError(WAVE_NOT_OPEN)


@transaction.atomic
def contact_mark_opened(*, contact: Contact) -> Contact:
    """The contact pressed Start on their link's page (only looking at it marks nothing): the first time is kept. A
    contact who has completed keeps no time (`_contact_complete_apart`), so coming back marks nothing either."""
    if contact.opened_at is None and contact.status != ContactStatus.COMPLETED:
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


@dataclass(frozen=True)
class Submission:
    """What became of a submitted draft: when it was not complete, `missing` is the first section still to answer
    and nothing was written; otherwise `outcome` is the response, or in a confidential wave the waiting one."""

    wave: Wave
    outcome: Response | PendingResponse | None = None
    missing: Section | None = None


def response_submit(*, draft_id: int, questionnaire: Questionnaire | None = None) -> Response | PendingResponse | None:
    """Turn a draft into a response. Returns None when the draft was already submitted (double click, back
    button, replay): the row lock makes a second, concurrent submission find no draft and create nothing.

    In a confidential wave the answers wait, with no key or time that says whose they are, until at least the
    series' threshold of others have arrived, then enter analysis together in random order
    (`responses_release`); and the contact's status changes in a transaction of its own, after the answers', so
    that no transaction id in the database joins a person to what they answered."""
    submission = _submit_apart(Draft.objects.filter(pk=draft_id), questionnaire)
    if submission is None:
        return None
    if submission.missing is not None:
        raise ApplicationError(INCOMPLETE)
    return submission.outcome


def contact_response_submit(*, series_slug: str, wave_slug: str, contact_ids: Iterable[int]) -> Submission | None:
    """`response_submit` for the draft that whichever of `contact_ids` (the contacts a browser holds) was invited to
    answer in the wave of these slugs: found, locked and read with what the submission needs of its wave, series,
    contact and organisation in one statement. None when there is no such draft (already submitted, or none of
    theirs)."""
    drafts = Draft.objects.filter(
        contact_id__in=list(contact_ids), wave__slug=wave_slug, wave__series__slug=series_slug
    )
    return _submit_apart(drafts, None)


def _submit_apart(drafts: QuerySet[Draft], questionnaire: Questionnaire | None) -> Submission | None:
    try:
        submission, contact_id = _submit(drafts, questionnaire)
    except IntegrityError:
        # The one-response-per-contact and once-per-browser constraints caught a duplicate.
        return None
    if contact_id is not None:
        _contact_complete_apart(contact_id)
    return submission


# What a submission reads of the draft, its wave, series, contact and organisation, in its one locked query.
_SUBMITTING = (
    "answers",
    "browser_key_hash",
    "wave__status",
    "wave__slug",
    "wave__updated_at",
    "wave__confidentiality",
    "wave__series__slug",
    "wave__series__suppression_threshold",
    "contact__role",
    "contact__organisation__region_id",
    "contact__organisation__area_team_id",
    "contact__organisation__kind",
)


@transaction.atomic
def _submit(drafts: QuerySet[Draft], questionnaire: Questionnaire | None) -> tuple[Submission | None, int | None]:
    draft = (
        drafts.select_for_update(of=("self",))
        .select_related("wave__series", "contact__organisation")
        .only(*_SUBMITTING)
        .first()
    )
    if draft is None:
        return None, None
    wave = draft.wave
    _ensure_open(wave)
    questionnaire = questionnaire or Questionnaire.for_wave(wave)
    missing = questionnaire.first_unanswered_section(draft.answers)
    if missing is not None:
        return Submission(wave, missing=missing), None
    contact = draft.contact
    if contact is None:
        OpenLinkSubmission.objects.create(wave=wave, browser_key_hash=draft.browser_key_hash)
    if wave.is_confidential:
        pending = PendingResponse.objects.create(
            wave=wave,
            organisation=contact.organisation if contact else None,
            role=contact.role if contact else "",
            via_open_link=contact is None,
            answers=draft.answers,
        )
        draft.delete()
        # Counted without a lock: two last submissions at once may each see one too few, and the next releases
        # them; `responses_release` counts again under its lock, so a batch is never smaller than the threshold.
        if PendingResponse.objects.filter(wave=wave).count() >= wave.series.suppression_threshold:
            responses_release(wave=wave, questionnaire=questionnaire)
        return Submission(wave, pending), contact.pk if contact else None
    response = _response_for(wave, contact)
    response.save()
    answers = answer_rows(questionnaire, response, draft.answers)
    Answer.objects.bulk_create(answers)
    if contact is not None:
        Contact.objects.filter(pk=contact.pk).update(status=ContactStatus.COMPLETED, completed_at=timezone.now())
    draft.delete()
    # Last: every submission to the wave adds to the same tally rows, which stay locked until the commit.
    written = [(response, answers, contact.organisation.kind if contact else "")]
    responses_written.send(sender=Response, wave=wave, responses=written, questionnaire=questionnaire)
    return Submission(wave, response), None


def _contact_complete_apart(contact_id: int) -> None:
    """Completed in a transaction of its own (one statement), after the answers'. Only the status stays: any time
    on the contact could be matched against the order responses arrived in."""
    Contact.objects.filter(pk=contact_id).update(
        status=ContactStatus.COMPLETED, opened_at=None, started_at=None, completed_at=None, last_reminded_at=None
    )


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
