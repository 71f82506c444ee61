"""The linear programme of what a confidential wave publishes, as the attacker would write it: one unknown count per
atom and measure, an equation per published figure, and the bounds and links between measures."""

from __future__ import annotations

import highspy
import numpy as np

from .measures import Measures

_INF = highspy.kHighsInf
Row = tuple[list[int], list[float], float, float]  # columns, coefficients, lower and upper bound


def twin_signatures(published: dict, position: dict, atoms: int) -> dict:
    """Per measure, a signature per atom: atoms with the same one are counted together or not at all by every
    published figure of that measure ("twins": two hidden organisations of one area team, kind and role), so an
    answer can change places between them unseen."""
    signature = {}
    for name, masks in published.items():
        if name in position:
            membership = np.array(masks, dtype=bool).reshape(len(masks), atoms)
            packed = np.packbits(membership, axis=0).T
            signature[name] = np.array([hash(row.tobytes()) for row in packed])
    return signature


def rows_of(
    *, measures: Measures, position: dict, truth: np.ndarray, published: dict, listed: dict | None
) -> list[Row]:
    """Each published figure as an equation on its atoms' counts, each listed group as "at least one", and the links
    between one atom's measures (answered at most respondents, the options' counts against answered and counted)."""
    atoms = len(truth) // len(position)
    rows: list[Row] = []

    def column(name, atom):
        return position[name] * atoms + atom

    seen = set()
    for name, masks in published.items():
        if name not in position:
            continue
        for mask in masks:
            key = (name, mask.tobytes())
            if key in seen or not mask.any():
                continue
            seen.add(key)
            indices = [column(name, a) for a in np.flatnonzero(mask)]
            value = float(truth[indices].sum())
            rows.append((indices, [1.0] * len(indices), value, value))
    for name, masks in (listed or {}).items():
        # A table lists a group (its figures hidden or not) only if someone in it answered: at least one.
        for mask in masks:
            if name in position and mask.any():
                rows.append(([column(name, a) for a in np.flatnonzero(mask)], [1.0] * int(mask.sum()), 1.0, _INF))
    has = position.__contains__
    for a in range(atoms):
        if has("answered"):
            rows.append(([column("answered", a), column("respondents", a)], [1.0, -1.0], -_INF, 0.0))
        if has("counted") and has("answered"):
            equal = measures.multiple and len(measures.in_base) == len(measures.options)
            rows.append(([column("counted", a), column("answered", a)], [1.0, -1.0], -_INF if not equal else 0, 0))
        options = [o for o in measures.options if has(o)]
        in_base = [o for o in measures.in_base if has(o)]
        if not options or not has("answered"):
            continue
        if measures.multiple:
            for option in options:
                rows.append(([column(option, a), column("answered", a)], [1.0, -1.0], -_INF, 0.0))
            chosen = [column(o, a) for o in options]
            rows.append((chosen + [column("answered", a)], [1.0] * len(chosen) + [-1.0], 0.0, _INF))
            if has("counted") and len(in_base) < len(options):
                # Counted: those who chose an answer in the base. Each such answer's count is at most it, their
                # sum at least it, and the others chose only answers outside the base, at least one each.
                for option in in_base:
                    rows.append(([column(option, a), column("counted", a)], [1.0, -1.0], -_INF, 0.0))
                counted = [column(o, a) for o in in_base]
                rows.append((counted + [column("counted", a)], [1.0] * len(counted) + [-1.0], 0.0, _INF))
                outside = [column(o, a) for o in options if o not in in_base]
                rows.append(
                    (
                        outside + [column("answered", a), column("counted", a)],
                        [1.0] * len(outside) + [-1.0, 1.0],
                        0.0,
                        _INF,
                    )
                )
        else:
            chosen = [column(o, a) for o in options]
            rows.append((chosen + [column("answered", a)], [1.0] * len(chosen) + [-1.0], 0.0, 0.0))
            if has("counted"):
                counted = [column(o, a) for o in in_base]
                rows.append((counted + [column("counted", a)], [1.0] * len(counted) + [-1.0], 0.0, 0.0))
    return rows


def linear_programme(rows: list[Row], upper: np.ndarray) -> highspy.HighsLp:
    """The rows, with every count between 0 and `upper`, as a HiGHS model (no objective yet)."""
    n = len(upper)
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = n, len(rows)
    lp.col_cost_, lp.col_lower_, lp.col_upper_ = np.zeros(n), np.zeros(n), upper
    lp.row_lower_ = np.array([row[2] for row in rows], dtype=float)
    lp.row_upper_ = np.array([row[3] for row in rows], dtype=float)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    starts, indices, values = [0], [], []
    for row_indices, row_values, _, _ in rows:
        indices += row_indices
        values += row_values
        starts.append(len(indices))
    lp.a_matrix_.start_ = np.array(starts, dtype=np.int32)
    lp.a_matrix_.index_ = np.array(indices, dtype=np.int32)
    lp.a_matrix_.value_ = np.array(values, dtype=float)
    return lp
