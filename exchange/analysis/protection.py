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
cache; the audit's answers are also kept in memory by a digest of what it reads.
Named waves are not protected this way (their respondents agreed to be named); their tables keep the per-table
suppression of `suppression.py` for reliability.
"""

from __future__ import annotations

import hashlib
import logging
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from django.core.cache import cache
from django.db.models import Count, Max, Q

from exchange.surveys.models import Answer, Contact, QuestionKind, Response, Wave, WaveAccess

from .audit import Audit, Measures, Seen
from .disclosure import LEVELS, coarsest_needed

PARTITIONS = ("region", "area_team", "organisation", "role", "organisation_kind")
LISTED = ("region", "area_team", "role", "organisation_kind")  # the breakdowns, whose tables list their groups
logger = logging.getLogger(__name__)
PARENT = {"area_team": "region", "organisation": "area_team"}
FILTER_WITH_BREAKDOWN = (
    "This is a confidential wave: a role filter cannot be combined with a breakdown, because the filtered table and "
    "the unfiltered one together would show small groups of people by subtraction. Choose one or the other."
)
FILTER_SPLITS_HIDDEN = (
    "This is a confidential wave: the roles chosen would show, by subtraction from the role table, the answers of "
    "roles with fewer than {k} respondents. Choose all of {hidden} or none of them."
)
RESULTS_AFTER_CLOSE = (
    "This is a confidential wave that is still open: its results are published when it closes. Until then its "
    "answers wait in batches and only the response rates show, because results seen before and after a batch — or "
    "before and after the last few answers that closing releases — would show those few people's answers."
)
WEIGHTING_REFUSED = (
    "This is a confidential wave: weighted figures are offered for all respondents, by region or by role only, and "
    "only where its response-level export already shows region by role, since weights by region and role would "
    "otherwise publish combinations of small groups of people."
)

# An atom: (organisation id or None, region id or 0, area team id or 0, organisation kind or "", role or "").
ATOM_FIELDS = ("organisation_id", "region_id", "area_team_id", "organisation__kind", "role")
_POSITION = {"organisation": 0, "region": 1, "area_team": 2, "organisation_kind": 3, "role": 4}
# The export's attribute names, in the atom's terms (the ODS code and the name both stand for the organisation).
_EXPORT_ATTRIBUTE = {
    "organisation_code": "organisation",
    "organisation": "organisation",
    "area_team": "area_team",
    "region": "region",
    "role": "role",
}


class Refused(ValueError):
    """This combination of options would disclose small groups; the message says why, for the analyst."""


def _atom(values: tuple) -> tuple:
    organisation, region, area_team, kind, role = values
    return (organisation or None, region or 0, area_team or 0, kind or "", role or "")


def group_of(atom: tuple, partition: str):
    """The key of the group `atom` falls in, as the results tables key them (0 or "" for "Not known")."""
    return atom[_POSITION[partition]]


@dataclass
class _Structure:
    atoms: list[tuple]
    respondents: np.ndarray
    bound: np.ndarray  # the most respondents each atom could have: its frame, or infinity where no frame binds
    k: int
    microdata: tuple[str, ...] | None  # the partitions the export keeps, None when there is no export
    groups: list[tuple[str, object]] = field(default_factory=list)
    masks: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=bool))
    fixed: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=bool))  # always published
    cells: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=bool))  # small groups and crossings
    cell_partitions: list = field(default_factory=list)
    large: list = field(default_factory=list)  # groups and crossings of k or more, and everyone: see `audit`

    def sizes(self, values: np.ndarray, masks: np.ndarray) -> np.ndarray:
        return masks.astype(float) @ values


def _load_structure(wave: Wave) -> _Structure:
    k = wave.series.suppression_threshold
    counts = {
        _atom(values[:5]): values[5]
        for values in Response.objects.filter(wave=wave).values_list(*ATOM_FIELDS).annotate(n=Count("pk"))
    }
    frame: dict[tuple, int] = defaultdict(int)
    binding = wave.access == WaveAccess.INVITED
    for values in (
        Contact.objects.filter(wave=wave, invited_at__isnull=False)
        .values_list(
            "organisation_id", "organisation__region_id", "organisation__area_team_id", "organisation__kind", "role"
        )
        .annotate(n=Count("pk"))
    ):
        frame[_atom(values[:5])] += values[5]
    binding = binding and bool(frame)
    # In the order of their keys (numbers as numbers), so that the same wave loaded again has the same order.
    atoms = sorted(set(counts) | set(frame), key=lambda atom: tuple(_sortable(value) for value in atom))
    respondents = np.array([counts.get(atom, 0) for atom in atoms], dtype=float)
    bound = np.array(
        [frame[atom] if binding and frame.get(atom, 0) >= counts.get(atom, 0) else np.inf for atom in atoms],
        dtype=float,
    )
    microdata = _microdata_partitions(atoms, counts, k) if wave.is_confidential else None
    return _Structure(atoms=atoms, respondents=respondents, bound=bound, k=k, microdata=microdata)


def _sortable(value) -> tuple:
    return (value is None, isinstance(value, str), value if value is not None else 0)


def _microdata_partitions(atoms: list[tuple], counts: dict, k: int) -> tuple[str, ...] | None:
    """What the response-level export keeps, as partitions (the same choice `disclosure.microdata_plan` makes)."""
    names = {"organisation_code": 0, "organisation": 0, "area_team": 2, "region": 1, "role": 4}
    records = [
        {name: atom[position] for name, position in names.items()} for atom in atoms for _ in range(counts.get(atom, 0))
    ]
    if len(records) < k:
        return None
    _, kept = coarsest_needed(records, k=k)
    assert any(kept == attributes for _, attributes in LEVELS)
    return tuple(dict.fromkeys(_EXPORT_ATTRIBUTE[name] for name in kept))


def _build(structure: _Structure) -> None:
    atoms = structure.atoms
    groups: dict[tuple, np.ndarray] = {}
    for partition in PARTITIONS:
        for index, atom in enumerate(atoms):
            key = group_of(atom, partition)
            if partition == "organisation" and key is None:
                continue  # respondents with no organisation have no organisation report
            groups.setdefault((partition, key), np.zeros(len(atoms), dtype=bool))[index] = True
    structure.groups = list(groups)
    structure.masks = np.array([groups[g] for g in structure.groups]).reshape(len(groups), len(atoms))
    fixed = [np.ones(len(atoms), dtype=bool)]
    if structure.microdata is not None:
        combos: dict[tuple, np.ndarray] = {}
        for index, atom in enumerate(atoms):
            key = tuple(group_of(atom, partition) for partition in structure.microdata)
            combos.setdefault(key, np.zeros(len(atoms), dtype=bool))[index] = True
        fixed += list(combos.values())
    structure.fixed = np.array(fixed)


def _in_span(rows: np.ndarray, vectors: np.ndarray) -> np.ndarray:
    """Which `vectors` are linear combinations of `rows` (so follow exactly from the figures those rows publish)."""
    if len(vectors) == 0:
        return np.zeros(0, dtype=bool)
    if len(rows) == 0:
        return np.zeros(len(vectors), dtype=bool)
    _, singular, basis = np.linalg.svd(rows, full_matrices=False)
    rank = int((singular > singular[0] * 1e-9).sum())
    basis = basis[:rank]
    residual = vectors - (vectors @ basis.T) @ basis
    return np.abs(residual).max(axis=1) < 1e-6


@dataclass
class Protection:
    """What a confidential wave may show. `hidden` holds (partition, key) pairs of the wave-level decision."""

    wave_id: int
    k: int
    structure: _Structure
    hidden: frozenset
    empty: frozenset  # groups with no respondent: known to be empty
    triples: list  # (parent mask, [child group indices]) where the parent is exactly the union of the children
    outside_frame: int = 0  # responses from outside the contact list (loaded from elsewhere, or an open link)
    per_question: dict = field(default_factory=dict)  # (question id, grid item id) -> frozenset

    def hidden_in(self, partition: str, *, question_id: int | None = None, item_id: int = 0) -> set:
        hidden = self.hidden if question_id is None else self.per_question.get((question_id, item_id), self.hidden)
        return {key for part, key in hidden if part == partition}

    def is_hidden(self, partition: str, key, *, question_id: int | None = None, item_id: int = 0) -> bool:
        hidden = self.hidden if question_id is None else self.per_question.get((question_id, item_id), self.hidden)
        return (partition, key) in hidden

    @property
    def microdata(self) -> tuple[str, ...] | None:
        return self.structure.microdata

    def refusal(self, *, by: str, roles: tuple[str, ...], weighted: bool, closed: bool) -> str | None:
        """Why these dashboard options cannot be shown for this wave; None when they can."""
        if not closed:
            return RESULTS_AFTER_CLOSE
        if weighted and (by not in ("", "region", "role") or not {"region", "role"} <= set(self.microdata or ())):
            return WEIGHTING_REFUSED
        if roles and by:
            return FILTER_WITH_BREAKDOWN
        if roles:
            return self.filter_refusal(roles)
        return None

    def filter_refusal(self, roles: tuple[str, ...], *, question_id: int | None = None, item_id: int = 0) -> str | None:
        hidden = self.hidden_in("role", question_id=question_id, item_id=item_id)
        chosen = set(roles) & hidden
        if chosen and chosen != hidden:
            from exchange.accounts.models import Role

            labels = dict(Role.choices)
            names = " and ".join(sorted(labels.get(role, role or "no role") for role in hidden))
            return FILTER_SPLITS_HIDDEN.format(k=self.k, hidden=names)
        return None


def _disclosures(structure: _Structure, hidden: set[int], empty: set[int], triples) -> list[tuple[int, list[int]]]:
    """A small group or crossing at risk, with the groups whose hiding would protect it, best first."""
    masks = structure.masks
    shown = [i for i in range(len(structure.groups)) if i not in hidden and i not in empty]
    rows = np.vstack([structure.fixed, masks[shown]]).astype(float)
    cells = structure.cells
    at_risk = _in_span(rows, cells.astype(float)) if len(cells) else np.zeros(0, dtype=bool)
    for position in np.flatnonzero(at_risk)[:1]:
        return [(-1, _candidates(structure, position, hidden | empty))]
    # (b): a set of hidden groups that subtraction gives, all of whose people responded.
    for parent, children in triples:
        parent_full = structure.respondents[parent].sum() == structure.bound[parent].sum()
        rest = [c for c in children if c in hidden]
        if not rest or parent_full:
            continue
        union = masks[rest].any(axis=0)
        if structure.respondents[union].sum() == structure.bound[union].sum():
            options = [
                c
                for c in children
                if c not in hidden
                and c not in empty
                and structure.respondents[masks[c]].sum() < structure.bound[masks[c]].sum()
            ]
            return [(rest[0], sorted(options, key=lambda c: structure.respondents[masks[c]].sum()))]
    return []


def _candidates(structure: _Structure, position: int, unavailable: set[int]) -> list[int]:
    """Groups to hide to protect small cell `position`: shown groups that overlap it, those of its own partitions
    first and, among those, its siblings (same parent: the region of an area team, the area team of an
    organisation); smallest first."""
    cell, partitions = structure.cells[position], structure.cell_partitions[position]
    masks, respondents = structure.masks, structure.respondents
    parents = {
        (PARENT[part], group_of(structure.atoms[int(np.argmax(cell))], PARENT[part]))
        for part in partitions
        if part in PARENT
    }

    def parent_of(i):
        part = PARENT.get(structure.groups[i][0])
        return (part, group_of(structure.atoms[int(np.argmax(masks[i]))], part)) if part else None

    def order(i):
        own = structure.groups[i][0] in partitions
        sibling = own and (parent_of(i) in parents or structure.groups[i][0] not in PARENT)
        return (not sibling, not own, respondents[masks[i]].sum())

    available = [i for i in range(len(structure.groups)) if i not in unavailable]
    touching = [i for i in available if (masks[i] & cell).any() or structure.groups[i][0] in partitions]
    return sorted(touching, key=order) or sorted(available, key=order)


CROSSINGS = [
    ("region", "role"),
    ("area_team", "role"),
    ("organisation", "role"),
    ("organisation_kind", "role"),
    ("organisation_kind", "region"),
    ("organisation_kind", "area_team"),
]


def _small_cells(structure: _Structure) -> None:
    """Every group and every crossing of two classifications with 1 to k - 1 respondents: what must stay unknown."""
    cells: dict[tuple, np.ndarray] = {}
    partitions: dict[tuple, tuple] = {}
    for (partition, key), mask in zip(structure.groups, structure.masks, strict=True):
        cells[(partition, key)], partitions[(partition, key)] = mask, (partition,)
    for first, second in CROSSINGS:
        for index, atom in enumerate(structure.atoms):
            key = (first, group_of(atom, first), second, group_of(atom, second))
            if first == "organisation" and key[1] is None:
                continue
            cells.setdefault(key, np.zeros(len(structure.atoms), dtype=bool))[index] = True
            partitions[key] = (first, second)
    small = [key for key, mask in cells.items() if 0 < structure.respondents[mask].sum() < structure.k]
    structure.cells = np.array([cells[key] for key in small], dtype=bool).reshape(len(small), len(structure.atoms))
    structure.cell_partitions = [partitions[key] for key in small]
    large = [mask for mask in cells.values() if structure.respondents[mask].sum() >= structure.k]
    structure.large = large + [np.ones(len(structure.atoms), dtype=bool)]


def _closure(structure: _Structure, index: int, hidden: set[int], empty: set[int]) -> set[int]:
    """Group `index` and what must be hidden with it for hiding it to mean anything: wherever a finer
    classification splits it exactly (an area team into its organisations) and shows every part, its smallest
    part too, and so on down."""
    masks = structure.masks
    chosen, queue = {index}, [index]
    while queue:
        group = masks[queue.pop()]
        parts: dict[str, list[int]] = defaultdict(list)
        for i, (partition, _) in enumerate(structure.groups):
            if i in empty or not (masks[i] & group).any():
                continue
            parts[partition].append(i)
        for members in parts.values():
            inside = [i for i in members if not (masks[i] & ~group).any() and (masks[i] != group).any()]
            if len(inside) != len(members) or not inside:
                continue  # this classification cuts across the group, or does not split it
            if any(i in hidden or i in chosen for i in inside):
                continue
            smallest = min(inside, key=lambda i: structure.respondents[masks[i]].sum())
            chosen.add(smallest)
            queue.append(smallest)
    return chosen


def _triples(structure: _Structure, empty: set[int]) -> list:
    """(parent mask, children) wherever a published set (overall, an export combination, a group) is exactly the
    union of some partition's groups: hidden children there sum to parent minus shown children."""
    masks = structure.masks
    by_partition: dict[str, list[int]] = defaultdict(list)
    for i, (partition, _) in enumerate(structure.groups):
        if i not in empty:
            by_partition[partition].append(i)
    parents = list(structure.fixed) + [masks[i] for i in range(len(masks)) if i not in empty]
    triples = []
    for parent in parents:
        for members in by_partition.values():
            inside = [i for i in members if not (masks[i] & ~parent).any() and masks[i].any()]
            overlapping = [i for i in members if (masks[i] & parent).any()]
            if len(inside) > 1 and len(inside) == len(overlapping):
                triples.append((parent, inside))
    return triples


def _protect(structure: _Structure) -> Protection:
    _build(structure)
    sizes = structure.masks.astype(float) @ structure.respondents
    empty = {i for i, size in enumerate(sizes) if size == 0}
    # Atoms in an empty group are known zeros: drop them, so nothing is asked of them.
    known = structure.masks[sorted(empty)].any(axis=0) if empty else np.zeros(len(structure.atoms), dtype=bool)
    keep = ~known
    structure.atoms = [atom for atom, kept in zip(structure.atoms, keep, strict=True) if kept]
    structure.respondents, structure.bound = structure.respondents[keep], structure.bound[keep]
    structure.masks, structure.fixed = structure.masks[:, keep], structure.fixed[:, keep]
    structure.fixed = structure.fixed[structure.fixed.any(axis=1)]
    hidden = {i for i, size in enumerate(sizes) if 0 < size < structure.k}
    _small_cells(structure)
    triples = _triples(structure, empty)
    for _ in range(len(structure.groups)):
        found = _disclosures(structure, hidden, empty, triples)
        if not found:
            break
        _, options = found[0]
        if not options:
            hidden |= {i for i in range(len(structure.groups)) if i not in empty}
            break
        hidden |= _closure(structure, options[0], hidden, empty)
    respondents = Measures(
        values={"respondents": structure.respondents}, shares={"respondents": "frame"}, options=[], in_base=[]
    )
    _audit(structure, respondents, hidden, hidden, empty)
    framed = np.isfinite(structure.bound)
    return Protection(
        outside_frame=int(structure.respondents[~framed].sum()) if framed.any() else 0,
        wave_id=0,
        k=structure.k,
        structure=structure,
        hidden=frozenset(structure.groups[i] for i in hidden),
        empty=frozenset(structure.groups[i] for i in empty),
        triples=triples,
    )


# Measures per question: (name, the measure it is a share of). "respondents" is every atom's respondents.
def _answer_values(wave: Wave, structure: _Structure) -> dict:
    index = {atom: i for i, atom in enumerate(structure.atoms)}
    atom_fields = [f"response__{name}" for name in ATOM_FIELDS]
    answers = Answer.objects.filter(response__wave=wave)
    values: dict = defaultdict(dict)

    def add(key, measure, atom, n):
        position = index.get(atom)
        if position is None:
            return
        vector = values[key].setdefault(measure, np.zeros(len(structure.atoms)))
        vector[position] += n

    for row in (
        answers.filter(option__isnull=False)
        .values_list(*atom_fields, "question_id", "grid_item_id", "option_id")
        .annotate(n=Count("id"))
    ):
        add((row[5], row[6] or 0), ("option", row[7]), _atom(row[:5]), row[8])
    in_base = Q(option__isnull=True) | Q(option__excluded_from_base=False)
    for row in answers.values_list(*atom_fields, "question_id", "grid_item_id").annotate(
        answered=Count("response", distinct=True), counted=Count("response", distinct=True, filter=in_base)
    ):
        add((row[5], row[6] or 0), "answered", _atom(row[:5]), row[7])
        add((row[5], row[6] or 0), "counted", _atom(row[:5]), row[8])
    return values


def _denominators(question) -> dict:
    """Each option measure's denominator: what its percentage is a share of."""
    shares = {"answered": "respondents", "counted": "answered"}
    for option in question.options.all():
        if question.kind == QuestionKind.MULTIPLE or option.excluded_from_base:
            shares[("option", option.pk)] = "answered"
        else:
            shares[("option", option.pk)] = "counted"
    return shares


def _protect_questions(protection: Protection, wave: Wave) -> None:
    """The groups hidden for each question (or grid item): the wave's, and more where a set of hidden groups that
    subtraction gives would all have chosen an answer, or none of them, while the set it comes from did not."""
    from exchange.surveys.questionnaire import Questionnaire

    structure = protection.structure
    answer_values = _answer_values(wave, structure)
    index = {g: i for i, g in enumerate(structure.groups)}
    empty = {index[g] for g in protection.empty}
    wave_hidden = {index[g] for g in protection.hidden}
    for question in Questionnaire.for_wave(wave).questions:
        items = [item.pk for item in question.grid_items.all()] or [0]
        shares = _denominators(question)
        for item_id in items:
            found = answer_values.get((question.pk, item_id), {})
            # In the questionnaire's order, whatever order the database returned the counts in (the audit's memory
            # of earlier answers is keyed by position).
            order = ["answered", "counted"] + [("option", option.pk) for option in question.options.all()]
            measures = {"respondents": structure.respondents} | {name: found[name] for name in order if name in found}
            hidden = {index[g] for g in protection.hidden}
            while _protect_answers(structure, protection.triples, measures, shares, hidden, empty):
                pass
            for name, value in measures.items():
                if name != "respondents":
                    _protect_zeros(structure, value, hidden, empty)
            audited = Measures(
                values=measures,
                shares={"respondents": "frame", **shares},
                options=[("option", option.pk) for option in question.options.all()],
                in_base=[("option", option.pk) for option in question.options.all() if not option.excluded_from_base],
                multiple=question.kind == QuestionKind.MULTIPLE,
            )
            _audit(structure, audited, wave_hidden, hidden, empty)
            protection.per_question[(question.pk, item_id)] = frozenset(structure.groups[i] for i in hidden)


_AUDITS: dict = {}  # the audit's answers by a digest of everything it reads: a pure function, so kept in memory
_AUDITS_KEPT = 256


def _audit(structure: _Structure, measures: Measures, wave_hidden: set, hidden: set, empty: set) -> None:
    """Hide more groups (into `hidden`) until the integer audit finds no count of a small group or crossing pinned
    to one value, beyond what a whole group of k or more says (`audit`). Respondents are published for the groups
    the wave shows (`wave_hidden` hides), a question's other counts for those `hidden` leaves."""
    names = {name: i for i, name in enumerate(measures.values)}
    digest = hashlib.sha256()
    for array in (structure.masks, structure.fixed, structure.cells, structure.respondents, structure.bound):
        digest.update(repr(array.shape).encode() + np.ascontiguousarray(array).tobytes())
    for mask in structure.large:
        digest.update(mask.tobytes())
    for name, value in measures.values.items():
        digest.update(repr((names[name], names.get(measures.shares.get(name), measures.shares.get(name)))).encode())
        digest.update(np.asarray(value, dtype=float).tobytes())
    digest.update(
        repr(
            (
                [names.get(o) for o in measures.options],
                [names.get(o) for o in measures.in_base],
                measures.multiple,
                structure.cell_partitions,
                sorted(wave_hidden),
                sorted(hidden),
                sorted(empty),
            )
        ).encode()
    )
    key = digest.hexdigest()
    if key not in _AUDITS:
        chosen = set(hidden)
        _audit_now(structure, measures, wave_hidden if wave_hidden is not hidden else chosen, chosen, empty)
        if len(_AUDITS) >= _AUDITS_KEPT:
            _AUDITS.pop(next(iter(_AUDITS)))
        _AUDITS[key] = frozenset(chosen)
    hidden |= _AUDITS[key]


def _audit_now(structure: _Structure, measures: Measures, wave_hidden: set, hidden: set, empty: set) -> None:
    # Each distinct set of atoms once (an organisation with one role is also its crossing with that role), leaving
    # out everyone: a wave of fewer than k, whose response count the tracking page gives.
    distinct = {mask.tobytes(): i for i, mask in reversed(list(enumerate(structure.cells))) if not mask.all()}
    positions = np.array(sorted(distinct.values()), dtype=int)
    cells = structure.cells[positions]
    if not len(cells):
        return
    seen = Seen()
    for _ in range(len(structure.groups) + 1):
        published = {}
        for name in measures.values:
            hiding = wave_hidden if name == "respondents" else hidden
            shown = [i for i in range(len(structure.groups)) if i not in hiding and i not in empty]
            published[name] = list(structure.fixed) + list(structure.masks[shown])
        # Every table lists every group with a respondent (its figures hidden or not, the same groups for every
        # question, see `results`): each such group is known to hold at least one.
        listed = {
            "respondents": [
                structure.masks[i]
                for i, (partition, _) in enumerate(structure.groups)
                if i not in empty and partition in LISTED
            ]
        }
        try:
            audit = Audit(measures=measures, published=published, bound=structure.bound, listed=listed)
            found = next(
                (
                    cell
                    for cell, name, value in audit.pinned(cells, seen, structure.large)
                    if not audit.said_of_a_large_group(name, cells[cell], value, structure.large, structure.bound)
                ),
                None,
            )
        except ArithmeticError:
            # The solver could not finish (a time limit, a numerical failure): fail closed, hiding every group.
            logger.exception("disclosure audit failed; hiding every group")
            hidden |= {i for i in range(len(structure.groups)) if i not in empty}
            return
        if found is None:
            return
        options = _candidates(structure, int(positions[found]), hidden | empty)
        if not options:
            hidden |= {i for i in range(len(structure.groups)) if i not in empty}
            return
        hidden |= _closure(structure, options[0], hidden, empty)


def _protect_zeros(structure: _Structure, value: np.ndarray, hidden: set, empty: set) -> None:
    """A zero that a group of k or more shows (or that subtraction gives) is allowed: nobody in it chose the answer.
    But it also tells, for that answer, that its atoms are zeros; and with those taken out, a small crossing can
    become a difference of what is published (the finance leads' count in the export, less the zero of one region,
    is the count of the finance leads of the other region). Hide more until no small cell follows, zeros included."""
    masks = structure.masks
    for _ in range(len(structure.groups)):
        shown = [i for i in range(len(structure.groups)) if i not in hidden and i not in empty]
        rows = np.vstack([structure.fixed, masks[shown]]).astype(float)
        derivable = _in_span(rows, masks.astype(float))
        zero_sets = [masks[i] for i in range(len(masks)) if derivable[i] and value[masks[i]].sum() == 0]
        zero_sets += [mask for mask in structure.fixed if value[mask].sum() == 0]
        if not zero_sets or not len(structure.cells):
            return
        keep = ~np.any(zero_sets, axis=0)
        cells = structure.cells[:, keep]
        alive = cells.any(axis=1)  # a cell wholly inside a zero is the zero itself: allowed
        reduced = rows[:, keep]
        at_risk = np.zeros(len(cells), dtype=bool)
        at_risk[alive] = _in_span(reduced[reduced.any(axis=1)], cells[alive].astype(float))
        if not at_risk.any():
            return
        options = _candidates(structure, int(np.flatnonzero(at_risk)[0]), hidden | empty)
        if not options:
            return
        hidden |= _closure(structure, options[0], hidden, empty)


def _protect_answers(structure: _Structure, triples, measures: dict, shares: dict, hidden: set, empty: set) -> bool:
    """Hide one more group if some derivable set of hidden groups is unanimous on a measure; True if it did."""
    masks = structure.masks
    for parent, children in triples:
        rest = [c for c in children if c in hidden]
        if not rest:
            continue
        union = masks[rest].any(axis=0)
        for measure, share in shares.items():
            value, whole = measures.get(measure), measures.get(share)
            if value is None or whole is None:
                continue
            part_value, part_whole = value[union].sum(), whole[union].sum()
            parent_value, parent_whole = value[parent].sum(), whole[parent].sum()
            if part_whole == 0 or part_value not in (0, part_whole) or parent_value in (0, parent_whole):
                continue
            breaking = [
                c
                for c in children
                if c not in hidden
                and c not in empty
                and (value[masks[c]].sum() > 0 if part_value == 0 else value[masks[c]].sum() < whole[masks[c]].sum())
            ]
            if breaking:
                hidden.add(min(breaking, key=lambda c: structure.respondents[masks[c]].sum()))
                return True
    return False


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
    """The layer's decision for `wave`, or None for a named wave. Kept in the cache until any response, frame entry
    or threshold of the wave changes (a confidential wave's responses arrive in batches). `per_question=False`: the
    wave's groups only (what the tracking page needs while the wave is open), without the questions' audits."""
    if not wave.is_confidential:
        return None
    key = f"cx:protection:{wave.pk}:{_digest(wave)}:{int(per_question)}"
    protection = cache.get(key)
    if protection is None:
        protection = _protect(_load_structure(wave))
        protection.wave_id = wave.pk
        if per_question:
            _protect_questions(protection, wave)
        cache.set(key, protection, None)  # the digest changes with the wave: no entry goes stale
    return protection
