"""The cheap proof that a count is not pinned: a whole-number solution other than the truth, made by two respondents
who are twins for every published figure (one inside the cell, one outside) exchanging answers."""

from __future__ import annotations

from typing import Any

import numpy as np


def exchange_settles(audit: Any, name: str, mask: np.ndarray) -> bool:
    """Whether a whole-number solution other than the truth changes this count by one, by two respondents who are
    twins for every published figure (one inside `mask`, one outside) exchanging answers (or, on a multiple-choice
    question, one choice moving between them). Cheap, and it settles most counts. `audit` is the `Audit` asking
    (untyped here: naming its class would import the module that imports this one)."""
    options = audit.measures.options
    if name not in options or name not in audit.signature:
        return False
    signature = audit.signature[name]
    base = set(audit.measures.in_base)
    present = [o for o in options if o in audit.position]
    mine = audit.value(name)
    answered = audit.value("answered") if "answered" in audit.position else None
    chosen = sum(audit.value(o) for o in present) if present else None
    for a in np.flatnonzero(mask):
        twins = np.flatnonzero((signature == signature[a]) & ~mask)
        if not len(twins):
            continue
        if audit.measures.multiple:
            if answered is None or len(audit.measures.in_base) < len(options):
                continue  # moving a choice could change who is counted: left to the programmes
            # One choice of this answer moves from a to a twin, or from a twin to a.
            if mine[a] >= 1 and chosen[a] - 1 >= answered[a] and (mine[twins] + 1 <= answered[twins]).any():
                return True
            if mine[a] + 1 <= answered[a] and ((mine[twins] >= 1) & (chosen[twins] - 1 >= answered[twins])).any():
                return True
            continue
        for other in present:
            if other == name or (other in base) != (name in base) or other not in audit.signature:
                continue
            if audit.signature[other][a] != signature[a]:
                continue
            theirs = audit.value(other)
            if (mine[a] >= 1 and (theirs[twins] >= 1).any()) or (theirs[a] >= 1 and (mine[twins] >= 1).any()):
                return True
    return False
