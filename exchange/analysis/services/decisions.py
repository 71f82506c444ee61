"""A confidential wave's disclosure decisions, kept in the database for each state of the wave (`DisclosureDecision`):
worked out once, by the task that runs when the wave closes or by the first output that asks, then read by every web
machine and worker, whatever happens to the page cache."""

from __future__ import annotations

import logging
import pickle
from collections.abc import Callable
from datetime import timedelta
from typing import TypeVar

from django.db import transaction

from exchange.core import clock
from exchange.surveys.models import Wave

from ..models import DisclosureDecision

logger = logging.getLogger(__name__)

T = TypeVar("T")
STALE = timedelta(hours=1)


def disclosure_decision_keep(*, wave: Wave, digest: str, per_question: bool, work_out: Callable[[], T]) -> T:
    """The decision kept for this state of `wave` (`digest`), or else `work_out()`'s, kept.

    The first one kept stays: a decision worked out at the same time elsewhere is dropped for it, since the integer
    audit's time limits make a decision depend on how busy the machine was, and every output of one state of a wave
    must follow one decision. Decisions of the wave's other states are dropped once an hour old (they are never
    asked for again unless the wave goes back to that very state, and then one is worked out again)."""
    kept = _kept(wave, digest, per_question)
    if kept is not None:
        return kept
    decision = work_out()
    data = pickle.dumps(decision, protocol=pickle.HIGHEST_PROTOCOL)
    with transaction.atomic():
        DisclosureDecision.objects.bulk_create(
            [DisclosureDecision(wave=wave, digest=digest, per_question=per_question, decision=data)],
            ignore_conflicts=True,
        )
        # Other states' decisions go only once they are an hour old: a request still on an older state (it read the
        # wave before a batch was released) must not drop the newer state's decision, which would then be worked out
        # again, perhaps differently; no request lasts an hour.
        stale = DisclosureDecision.objects.filter(
            wave=wave, per_question=per_question, created_at__lt=clock.now() - STALE
        )
        stale.exclude(digest=digest).delete()
    stored = _stored(wave, digest, per_question)
    if stored is None or stored == data:
        return decision
    return pickle.loads(stored)  # another process kept its decision first: follow that one


def _stored(wave: Wave, digest: str, per_question: bool) -> bytes | None:
    data = (
        DisclosureDecision.objects.filter(wave=wave, digest=digest, per_question=per_question)
        .values_list("decision", flat=True)
        .first()
    )
    return None if data is None else bytes(data)


def _kept(wave: Wave, digest: str, per_question: bool):
    data = _stored(wave, digest, per_question)
    if data is None:
        return None
    try:
        return pickle.loads(data)
    except Exception:
        # Kept by an older version of the code whose classes have changed: work it out again.
        logger.warning("The disclosure decision kept for wave %s cannot be read; working it out again", wave.pk)
        DisclosureDecision.objects.filter(wave=wave, digest=digest, per_question=per_question).delete()
        return None
