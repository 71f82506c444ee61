"""The wave's groups: primary suppression of every small group, then secondary suppression until no hidden small
group or crossing follows from what is published (steps 1 and 2 of the layer), and the integer audit of the
respondents (step 4)."""

from __future__ import annotations

import numpy as np

from ..audit import Measures
from .decision import Protection
from .hiding import _candidates, _closure, _in_span
from .integer import _audit
from .structure import _build, _small_cells, _Structure, _triples


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
