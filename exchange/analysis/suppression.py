"""Small-number suppression: a figure whose base is under the threshold is hidden ("*"), and enough other
groups are hidden with it that no hidden base can be worked out from the total and the groups still shown."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Suppression:
    hidden: frozenset
    total_hidden: bool


def _feasible(bounds: list[tuple[int, int]], total: int, index: int) -> tuple[int, int]:
    """The values hidden group `index` can take, given every hidden group's bounds and their known sum."""
    others_low = sum(low for i, (low, _) in enumerate(bounds) if i != index)
    others_high = sum(high for i, (_, high) in enumerate(bounds) if i != index)
    low, high = bounds[index]
    return max(low, total - others_high), min(high, total - others_low)


def _disclosed(bases: Mapping, hidden: set, threshold: int) -> bool:
    if not hidden:
        return False
    if len(hidden) == 1:
        return True
    hidden_sum = sum(bases[group] for group in hidden)
    bounds = [(1, threshold - 1) if bases[group] < threshold else (threshold, hidden_sum) for group in hidden]
    return any(low == high for low, high in (_feasible(bounds, hidden_sum, i) for i in range(len(bounds))))


def _cells_disclosed(cells: Mapping[Any, Mapping[Any, float]], hidden: set) -> bool:
    """With the hidden groups' total per answer known (overall minus the shown groups), a hidden group's
    percentage for an answer is given away when none of the hidden groups chose it (all 0%) or all of them did
    (all 100%), unless the overall figure already says so for everyone. Percentages are of each group's sum
    of the cells given."""
    hidden_base = sum(sum(cells.get(group, {}).values()) for group in hidden)
    overall_base = sum(sum(row.values()) for row in cells.values())
    options = {option for group in cells for option in cells[group]}
    for option in options:
        hidden_count = sum(cells.get(group, {}).get(option, 0) for group in hidden)
        overall_count = sum(cells.get(group, {}).get(option, 0) for group in cells)
        if hidden_count in (0, hidden_base) and overall_count not in (0, overall_base):
            return True
    return False


def suppress(
    bases: Mapping[Any, float],
    *,
    threshold: int,
    total_shown: bool = True,
    cells: Sequence[Mapping[Any, Mapping[Any, float]]] = (),
) -> Suppression:
    """Primary suppression of bases below `threshold`, then secondary suppression of the next smallest groups
    until no hidden base is determined by the shown total minus the shown groups and, for each table in `cells`
    (each group's count per answer, one answer per respondent), no hidden percentage is either. If even hiding every
    group leaves something determined, the total is hidden too."""
    hidden = {group for group, base in bases.items() if base < threshold}
    if not hidden or not total_shown:
        return Suppression(frozenset(hidden), False)

    def disclosed() -> bool:
        return _disclosed(bases, hidden, threshold) or any(_cells_disclosed(table, hidden) for table in cells)

    shown = sorted((group for group in bases if group not in hidden), key=lambda g: (bases[g], str(g)))
    while disclosed() and shown:
        hidden.add(shown.pop(0))
    return Suppression(frozenset(hidden), disclosed())
