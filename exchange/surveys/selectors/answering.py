"""Reading what a respondent's link and browser lead to, writing nothing: a survey link opened by an e-mail scanner,
or any page of the answering journey only looked at (GET or HEAD), must leave no trace. Starting and saving are in
`services.responding`, on POST."""

import hashlib
from dataclasses import dataclass

from exchange.core.exceptions import ApplicationError

from ..models import Contact, ContactStatus, Draft, OpenLinkSubmission, Wave, WaveAccess, WaveStatus

WAVE_NOT_OPEN = "This survey is not open for answers."
ALREADY_SUBMITTED = "You have already submitted your answers to this survey. Thank you."
OPTED_OUT = "You have opted out of this survey."


def browser_key_hash(browser_key: str) -> str:
    """An open-link browser's key as drafts and submissions keep it."""
    return hashlib.sha256(browser_key.encode()).hexdigest()


@dataclass(frozen=True)
class RespondentLink:
    """What a survey link names: a contact's personal link, or (contact None) a wave's open link."""

    wave: Wave
    contact: Contact | None = None


def respondent_link_get(*, token: str) -> RespondentLink | None:
    """The contact whose personal token this is, else the open-link wave whose key it is; None for neither."""
    if not token:
        return None
    contact = Contact.objects.select_related("wave", "wave__series", "wave__series__owner").by_token(token).first()
    if contact is not None:
        return RespondentLink(wave=contact.wave, contact=contact)
    wave = (
        Wave.objects.select_related("series", "series__owner")
        .filter(access=WaveAccess.OPEN_LINK, open_link_key=token)
        .first()
    )
    return RespondentLink(wave=wave) if wave is not None else None


def _ensure_open(wave: Wave) -> None:
    if wave.status != WaveStatus.OPEN:
        raise ApplicationError(WAVE_NOT_OPEN)


def contact_draft_get(*, contact: Contact) -> Draft | None:
    """The contact's draft if they have one, with the refusals of `responding.draft_for_contact` (wave not open,
    answers already submitted, opted out) but nothing started or marked."""
    _ensure_open(contact.wave)
    if contact.status == ContactStatus.COMPLETED:
        raise ApplicationError(ALREADY_SUBMITTED)
    if contact.status == ContactStatus.OPTED_OUT:
        raise ApplicationError(OPTED_OUT)
    return Draft.objects.filter(contact=contact).first()


def browser_draft_get(*, wave: Wave, browser_key: str) -> Draft | None:
    """The draft this browser keeps in an open-link wave if there is one, with the refusals of
    `responding.draft_for_browser` (wave not open, already submitted from this browser) but nothing started."""
    _ensure_open(wave)
    key_hash = browser_key_hash(browser_key)
    if OpenLinkSubmission.objects.filter(wave=wave, browser_key_hash=key_hash).exists():
        raise ApplicationError(ALREADY_SUBMITTED)
    return Draft.objects.filter(wave=wave, browser_key_hash=key_hash).first()
