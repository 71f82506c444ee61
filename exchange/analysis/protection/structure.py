"""A confidential wave as the disclosure layer sees it: atoms (organisation × role), the groups every output can
name as sets of atoms, what is always published (everyone, the export's combinations), and the small groups and
crossings that must stay unknown."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from django.db.models import Count

from exchange.surveys.models import Contact, Response, Wave, WaveAccess

from ..disclosure import LEVELS, coarsest_needed

PARTITIONS = ("region", "area_team", "organisation", "role", "organisation_kind")
LISTED = ("region", "area_team", "role", "organisation_kind")  # the breakdowns, whose tables list their groups
PARENT = {"area_team": "region", "organisation": "area_team"}

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
