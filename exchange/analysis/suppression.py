"""Small-number suppression: a figure whose base is under the threshold is hidden ("*"), and enough other
groups are hidden with it that no hidden base can be worked out from the total and the groups still shown."""

from collections.abc import Hashable, Mapping
from dataclasses import dataclass


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


def suppress(bases: Mapping[Hashable, int], *, threshold: int, total_shown: bool = True) -> Suppression:
    """Primary suppression of bases below `threshold`, then secondary suppression of the next smallest groups
    until no hidden base is determined by the shown total minus the shown groups. If even hiding every group
    leaves one determined, the total is hidden too."""
    hidden = {group for group, base in bases.items() if base < threshold}
    if not hidden or not total_shown:
        return Suppression(frozenset(hidden), False)
    shown = sorted((group for group in bases if group not in hidden), key=lambda g: (bases[g], str(g)))
    while _disclosed(bases, hidden, threshold) and shown:
        hidden.add(shown.pop(0))
    return Suppression(frozenset(hidden), _disclosed(bases, hidden, threshold))
