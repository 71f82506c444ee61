"""The disclosure-control layer for a confidential wave's aggregate figures: every table, filter, report and headline
of such a wave asks it which groups it may show (`wave_protection(wave).hidden_in(...)`).

The property. Call a *small group* any group of respondents an output can name by who they are — a region, an area
team, an organisation, a role, a kind of organisation, their "Not known" groups, and any intersection of those —
that holds between 1 and k − 1 respondents (k = the series' threshold, default 10). From everything published for a
confidential wave taken together (every breakdown, role filter, organisation report, headline, the tracking page,
the contacts page's frame and the k-anonymous response-level export), nobody can work out exactly how many people
of a small group responded, nor how many of them gave any answer — except what follows from a whole group of at
least k containing it, shown or worked out: none of them (nobody in the region chose it, so nobody in its area teams
did) or all of them (everyone invited from an organisation of k or more responded, so each of its roles did): the 0%
or 100% any table may show, and the convention of tau-ARGUS and the national statistics offices. Groups formed by an
*answer* (a breakdown by another question) identify nobody: the response-level export carries every answer anyway,
and protects people through their quasi-identifiers.

How it holds. All the published tables of a wave are protected as one linked set over "atoms" (organisation × role,
with the respondents who have no organisation as atoms of their own), as tau-ARGUS protects linked tables:

1. Every group is a set of atoms. The groups published exactly are the overall figure, the response-level export's
   combinations (each of at least k rows, see `disclosure`) and every group not hidden; a group with no respondent
   is known to be empty, so its atoms are known zeros.
2. Primary suppression hides every small group. Secondary suppression then hides more (the smallest group beside
   the one at risk first) until (a) no hidden small group is a linear combination of what is published — no sum or
   difference of published figures gives it, across hierarchies (region ⊃ area team ⊃ organisation), crossing
   classifications (kind, role) and the export; (b) no set of hidden groups that differencing does give is known to
   have responded in full (the contacts page shows the frame); and (c) per question, no such set is known to have
   chosen an answer all together or not at all, unless the group it is taken from did so too.
3. A role filter is offered only as a union of the role table's shown groups, with all its hidden roles or none
   (so its figures follow from the role table), and never with a breakdown; weighting only overall, by region or by
   role, where the export already shows region by role (so weighted figures follow from it). Nothing is published
   while the wave is open: results before and after a batch, or before and after the last few answers closing
   releases, would show those few people's answers. Refusing is a valid answer: the message says why.

4. Last, the integer audit (`audit`): counts are whole numbers within the frame, an answer's count is at most the
   number who answered, and such bounds can pin a count that no sum or difference gives. For the wave (respondents)
   and then for each question (every count), linear and integer programming bound every small group's and
   crossing's count given everything the layer would publish; where one is pinned to a single value beyond what
   whole groups of k or more say (none of them, all of them), one more group is hidden, and the audit runs again.
   The audit also knows what a table's list of groups says: every table of the wave lists the same groups (those
   with anyone answering anything, see `results`), each of which holds at least one person, figures hidden or not.
   If a solver cannot finish, the audit fails closed: every group is hidden.

`tests/test_linked_tables_attack.py` attacks the property with integer programming over generated waves, written
independently of this module. The audit costs tens of seconds on a wave of a few hundred organisations, so a closed
confidential wave's decision is worked out by a task when it closes (`tasks.protection_prepare`) and kept in the
database (`services.decisions`); the audit's answers are also kept in memory by a digest of what it reads.

Named waves are not protected this way (their respondents agreed to be named); their tables keep the per-table
suppression of `suppression.py` for reliability.

The modules: `structure` (the atoms, groups and small cells of a wave), `hiding` (which group to hide next, and
what must be hidden with it), `secondary` (the wave's groups: steps 1 and 2), `questions` (each question's:
step 2 (c)), `integer` (step 4, asking `audit`), `decision` (`Protection`, what every output asks, and the
refusals of step 3). `wave_protection` here is the one entry point.
"""

from __future__ import annotations

import hashlib

from django.db.models import Count, Max

from exchange.surveys.models import Answer, Contact, Response, Wave

from ..services.decisions import disclosure_decision_keep
from .decision import (
    FILTER_SPLITS_HIDDEN,
    FILTER_WITH_BREAKDOWN,
    RESULTS_AFTER_CLOSE,
    WEIGHTING_REFUSED,
    Protection,
    Refused,
)
from .questions import _protect_questions
from .secondary import _protect
from .structure import (
    ATOM_FIELDS,
    LISTED,
    PARTITIONS,
    _load_structure,
    _Structure,  # noqa: F401 - decisions cached before the package split name it here
    group_of,
)

__all__ = [
    "FILTER_SPLITS_HIDDEN",
    "FILTER_WITH_BREAKDOWN",
    "LISTED",
    "PARTITIONS",
    "RESULTS_AFTER_CLOSE",
    "WEIGHTING_REFUSED",
    "Protection",
    "Refused",
    "group_of",
    "wave_protection",
]


def _digest(wave: Wave) -> str:
    rows = sorted(
        map(repr, Response.objects.filter(wave=wave).values_list(*ATOM_FIELDS).annotate(n=Count("pk")))
    ) + sorted(
        map(
            repr,
            Contact.objects.filter(wave=wave, invited_at__isnull=False)
            .values_list("organisation_id", "role")
            .annotate(n=Count("pk")),
        )
    )
    answers = Answer.objects.filter(response__wave=wave).aggregate(n=Count("pk"), last=Max("pk"))
    rows.append(repr((answers, int(wave.series.suppression_threshold), str(wave.access))))
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()[:32]


def wave_protection(wave: Wave, *, per_question: bool = True) -> Protection | None:
    """The layer's decision for `wave`, or None for a named wave. Kept in the database until any response, frame
    entry or threshold of the wave changes (a confidential wave's responses arrive in batches), so that every
    output, on every machine, follows one decision for one state of the wave. `per_question=False`: the wave's
    groups only (what the tracking page needs while the wave is open), without the questions' audits."""
    if not wave.is_confidential:
        return None

    def work_out() -> Protection:
        protection = _protect(_load_structure(wave))
        protection.wave_id = wave.pk
        if per_question:
            _protect_questions(protection, wave)
        return protection

    # The digest changes with the wave: no decision kept goes stale.
    return disclosure_decision_keep(wave=wave, digest=_digest(wave), per_question=per_question, work_out=work_out)
