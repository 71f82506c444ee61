"""Which group to hide next to protect a small cell, and what must be hidden with it."""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from .structure import PARENT, _Structure, group_of


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
