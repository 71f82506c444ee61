"""Step 4 of the layer: hide more groups until the integer audit (`analysis.audit`) finds no small group's or
crossing's count pinned to one value; its answers kept in memory by a digest of what it reads."""

from __future__ import annotations

import hashlib
import logging

import numpy as np

from ..audit import Audit, Measures, Seen
from .hiding import _candidates, _closure
from .structure import LISTED, _Structure

logger = logging.getLogger(__name__)
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
