"""The integer audit of a confidential wave's published figures: the disclosure layer's last check (`protection`).

Sums and differences are not the only way to recover a count. Counts are whole numbers between 0 and the number of
people invited, an answer's count is at most the number who answered, and so on; with those bounds, figures that no
sum or difference gives can still pin a small group's count ("at most 8 of region 2's 8 clinical leads and at least 8
of them": all of them). This module writes what the layer would publish as the attacker would — one unknown count
per atom (organisation × role) and measure (respondents, answered, counted, each answer), an equation per published
figure, the bounds and the links between measures — and asks linear programming (HiGHS) for the least and the most
each small group's count can be, then integer programming where the two are less than two apart. A count pinned to
one value is a disclosure unless it follows from what holds for a whole group of at least k containing it (nobody in
it chose the answer, or everyone invited responded): the convention the layer's property states.

Most counts are cleared without a programme of their own: every solution found (the true counts first, then those of
a few random objectives and of every programme solved) shows a range for every count at once, and a count seen to
take values two or more apart cannot be pinned.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field

import highspy
import numpy as np

_INF = highspy.kHighsInf
_EPS = 1e-6
_SAMPLES = 6  # random objectives solved first, to clear most counts at once
_TIME_LIMIT = 60.0  # seconds for one integer programme; beyond it the audit fails closed (see `protection`)
_SLICE_TRIES = 3  # linear solutions tried before an integer programme, each with a random objective
_WHOLE_SAMPLES = 0  # and random whole-number solutions (measured: they settle few counts for their cost)


@dataclass
class Measures:
    """A question's counts per atom, the measure each is a share of, and how they are linked."""

    values: dict  # name -> vector per atom ("respondents" among them)
    shares: dict  # name -> the name it is a share of ("respondents" -> "frame")
    options: list  # option measures, in any order
    in_base: list  # option measures inside the counted base
    multiple: bool = False  # a multiple-choice question: any number of options per respondent


class Audit:
    """One linear programme of what is published, kept loaded; each question about it is a new objective."""

    def __init__(
        self,
        *,
        measures: Measures,
        published: dict,
        bound: np.ndarray,
        listed: dict | None = None,
        seed: int = 0,
    ):
        """`published`: measure name -> list of atom masks whose totals are published for that measure; `listed`:
        measure name -> masks whose totals are known to be at least one (a group a table lists, figures hidden)."""
        self.measures = measures
        self.names = ["respondents"] + [name for name in measures.values if name != "respondents"]
        self.position = {name: i for i, name in enumerate(self.names)}
        atoms = len(bound)
        self.atoms = atoms
        n = atoms * len(self.names)
        self.truth = np.concatenate([np.asarray(measures.values[name], dtype=float) for name in self.names])
        rows: list[tuple[list[int], list[float], float, float]] = []
        # Atoms that every published figure of a measure counts together or not at all ("twins": two hidden
        # organisations of one area team, kind and role): an answer can change places between them unseen.
        self.signature = {}
        for name, masks in published.items():
            if name in self.position:
                membership = np.array(masks, dtype=bool).reshape(len(masks), atoms)
                packed = np.packbits(membership, axis=0).T
                self.signature[name] = np.array([hash(row.tobytes()) for row in packed])

        def column(name, atom):
            return self.position[name] * atoms + atom

        seen = set()
        for name, masks in published.items():
            if name not in self.position:
                continue
            for mask in masks:
                key = (name, mask.tobytes())
                if key in seen or not mask.any():
                    continue
                seen.add(key)
                indices = [column(name, a) for a in np.flatnonzero(mask)]
                value = float(self.truth[indices].sum())
                rows.append((indices, [1.0] * len(indices), value, value))
        for name, masks in (listed or {}).items():
            # A table lists a group (its figures hidden or not) only if someone in it answered: at least one.
            for mask in masks:
                if name in self.position and mask.any():
                    rows.append(([column(name, a) for a in np.flatnonzero(mask)], [1.0] * int(mask.sum()), 1.0, _INF))
        has = self.position.__contains__
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
        upper = np.full(n, _INF)
        upper[:atoms] = np.where(np.isfinite(bound), bound, _INF)
        self.n = n
        self.highs = highspy.Highs()
        self.highs.setOptionValue("output_flag", False)
        # Each objective starts from the last basis, which stays feasible: primal simplex, a few dozen iterations.
        self.highs.setOptionValue("presolve", "off")
        self.highs.setOptionValue("simplex_strategy", 4)
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
        self.highs.passModel(lp)
        self.lp, self.lower, self.upper = lp, np.zeros(n), upper
        self.mip: highspy.Highs | None = None  # integer programmes run apart, so as not to lose the basis
        self.columns = np.arange(n, dtype=np.int32)
        self.rng = np.random.default_rng(seed)
        self._intervals: dict = {}
        self.stats = {"slice": 0, "mip": 0}

    def _solve(self, objective: np.ndarray, sense) -> tuple[float, np.ndarray]:
        self.highs.changeColsCost(self.n, self.columns, objective)
        self.highs.changeObjectiveSense(sense)
        self.highs.run()
        status = self.highs.getModelStatus()
        if status != highspy.HighsModelStatus.kOptimal:
            raise ArithmeticError(f"the audit's linear programme ended {status}")
        return self.highs.getInfo().objective_function_value, np.array(self.highs.getSolution().col_value)

    def _integer(self, objective: np.ndarray) -> tuple[int, int]:
        """The integer interval, where the linear one is [low, high]: integer programmes for both ends."""
        ends = []
        for sense in (highspy.ObjSense.kMinimize, highspy.ObjSense.kMaximize):
            mip = self._mip()
            mip.setOptionValue("mip_max_improving_sols", highspy.kHighsIInf)
            mip.changeColsCost(self.n, self.columns, objective)
            mip.changeObjectiveSense(sense)
            mip.run()
            status = mip.getModelStatus()
            if status != highspy.HighsModelStatus.kOptimal:
                raise ArithmeticError(f"the audit's integer programme ended {status}")
            ends.append(round(mip.getInfo().objective_function_value))
        return ends[0], ends[1]

    def _reachable(self, objective: np.ndarray, value: int, near: np.ndarray) -> np.ndarray | None:
        """A whole-number solution that gives `objective` the value `value`, if there is one: an integer programme
        that stops at the first solution it finds. First with every atom fixed at its true counts except those a
        linear solution `near` moves (small, and any solution it finds is one of the whole programme), then whole."""
        nonzero = np.flatnonzero(objective)
        # A linear solution on the slice where the count is `value` is often whole already.
        self.highs.addRow(value, value, len(nonzero), nonzero.astype(np.int32), objective[nonzero])
        try:
            for _ in range(_SLICE_TRIES):
                self.highs.changeColsCost(self.n, self.columns, self.rng.normal(size=self.n))
                self.highs.run()
                if self.highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
                    break
                solution = np.array(self.highs.getSolution().col_value)
                if np.abs(solution - np.round(solution)).max() < _EPS:
                    self.stats["slice"] += 1
                    return np.round(solution)
        finally:
            self.highs.deleteRows(1, np.array([self.highs.getNumRow() - 1], dtype=np.int32))
        self.stats["mip"] += 1
        mip = self._mip()
        mip.setOptionValue("mip_max_improving_sols", 1)
        mip.changeColsCost(self.n, self.columns, np.zeros(self.n))
        mip.addRow(value, value, len(nonzero), nonzero.astype(np.int32), objective[nonzero])
        moved = np.abs(near - self.truth).reshape(len(self.names), self.atoms).max(axis=0) > _EPS
        fixed = np.flatnonzero(~np.tile(moved, len(self.names)))
        try:
            for attempt in ("near", "whole"):
                if attempt == "near":
                    mip.changeColsBounds(len(fixed), fixed.astype(np.int32), self.truth[fixed], self.truth[fixed])
                else:
                    mip.changeColsBounds(self.n, self.columns, self.lower, self.upper)
                mip.run()
                status = mip.getModelStatus()
                if status in (highspy.HighsModelStatus.kOptimal, highspy.HighsModelStatus.kSolutionLimit):
                    return np.array(mip.getSolution().col_value)
                if status != highspy.HighsModelStatus.kInfeasible:
                    raise ArithmeticError(f"the audit's integer programme ended {status}")
            return None
        finally:
            mip.changeColsBounds(self.n, self.columns, self.lower, self.upper)
            mip.deleteRows(1, np.array([mip.getNumRow() - 1], dtype=np.int32))

    def _whole_sample(self) -> np.ndarray:
        mip = self._mip()
        mip.setOptionValue("mip_max_improving_sols", 1)
        mip.changeColsCost(self.n, self.columns, self.rng.normal(size=self.n))
        mip.run()
        return np.array(mip.getSolution().col_value)

    def _mip(self) -> highspy.Highs:
        if self.mip is None:
            self.mip = highspy.Highs()
            self.mip.setOptionValue("output_flag", False)
            self.mip.setOptionValue("mip_rel_gap", 0.0)  # whole-number ends exactly, however large the count
            self.mip.setOptionValue("mip_abs_gap", 0.5)
            self.mip.setOptionValue("time_limit", _TIME_LIMIT)
            self.lp.integrality_ = [highspy.HighsVarType.kInteger] * self.n
            self.mip.passModel(self.lp)
        return self.mip

    def objective(self, name: str, mask: np.ndarray, *, minus: str | None = None) -> np.ndarray:
        vector = np.zeros(self.n)
        start = self.position[name] * self.atoms
        vector[start : start + self.atoms] += mask
        if minus is not None:
            start = self.position[minus] * self.atoms
            vector[start : start + self.atoms] -= mask
        return vector

    def interval(self, name: str, mask: np.ndarray, *, minus: str | None = None) -> tuple[int, int]:
        """The whole numbers `name` (less `minus`) can take over the atoms of `mask`, given everything published."""
        key = (name, minus, mask.tobytes())
        if key not in self._intervals:
            objective = self.objective(name, mask, minus=minus)
            ends = []
            for sense in (highspy.ObjSense.kMinimize, highspy.ObjSense.kMaximize):
                value, solution = self._solve(objective, sense)
                whole = np.abs(solution - np.round(solution)).max() < _EPS
                ends.append((math.ceil(value - _EPS), math.floor(value + _EPS), whole))
            (low, _, low_whole), (_, high, high_whole) = ends
            if high - low <= 1 and not (low_whole and high_whole):
                low, high = self._integer(objective)
            self._intervals[key] = (low, high)
        return self._intervals[key]

    def pinned(self, cells: np.ndarray, seen: Seen, large: list) -> Iterator[tuple[int, str, int]]:
        """(cell, measure, value) for each count of a cell in `cells` that takes one whole value only, as found,
        except zeros inside large groups known to be zero (`zeros`). `seen` carries the ranges of earlier audits of
        the same cells, whose every solution is still one here when this audit publishes less."""
        names = self.names
        if seen.low is None:
            seen.start(self._spread(cells, self.truth))
            for _ in range(_SAMPLES):
                self._see(cells, seen, self._solve(self.rng.normal(size=self.n), highspy.ObjSense.kMinimize)[1])
            for _ in range(_WHOLE_SAMPLES):
                self._see(cells, seen, self._whole_sample())
        zeros = {name: self.zeros(name, large) for name in names}
        for cell in range(len(cells)):
            for i, name in enumerate(names):
                if seen.open(cell, i) or not (cells[cell] & ~zeros[name]).any():
                    continue
                if self._exchange(name, cells[cell]):
                    seen.settle(cell, i)
                    continue
                objective = self.objective(name, cells[cell])
                ends, solutions = [], []
                for sense in (highspy.ObjSense.kMinimize, highspy.ObjSense.kMaximize):
                    value, solution = self._solve(objective, sense)
                    self._see(cells, seen, solution)
                    ends.append(value)
                    solutions.append(solution)
                    if seen.open(cell, i):
                        break
                else:
                    # The linear range holds one whole number (the true count), or two with no solution seen at
                    # the second: only integer programming can tell which.
                    low, high = math.ceil(ends[0] - _EPS), math.floor(ends[1] + _EPS)
                    true = round(seen.whole_low[cell, i])
                    far = 1 if true == low else 0
                    other = self._reachable(objective, (low, high)[far], solutions[far]) if low < high else None
                    if other is None:
                        yield cell, name, true
                    else:
                        self._see(cells, seen, other)

    def value(self, name: str) -> np.ndarray:
        start = self.position[name] * self.atoms
        return self.truth[start : start + self.atoms]

    def _exchange(self, name: str, mask: np.ndarray) -> bool:
        """Whether a whole-number solution other than the truth changes this count by one, by two respondents who
        are twins for every published figure (one inside `mask`, one outside) exchanging answers (or, on a
        multiple-choice question, one choice moving between them). Cheap, and it settles most counts."""
        options = self.measures.options
        if name not in options or name not in self.signature:
            return False
        signature = self.signature[name]
        base = set(self.measures.in_base)
        present = [o for o in options if o in self.position]
        mine = self.value(name)
        answered = self.value("answered") if "answered" in self.position else None
        chosen = sum(self.value(o) for o in present) if present else None
        for a in np.flatnonzero(mask):
            twins = np.flatnonzero((signature == signature[a]) & ~mask)
            if not len(twins):
                continue
            if self.measures.multiple:
                if answered is None or len(self.measures.in_base) < len(options):
                    continue  # moving a choice could change who is counted: left to the programmes
                # One choice of this answer moves from a to a twin, or from a twin to a.
                if mine[a] >= 1 and chosen[a] - 1 >= answered[a] and (mine[twins] + 1 <= answered[twins]).any():
                    return True
                if mine[a] + 1 <= answered[a] and ((mine[twins] >= 1) & (chosen[twins] - 1 >= answered[twins])).any():
                    return True
                continue
            for other in present:
                if other == name or (other in base) != (name in base) or other not in self.signature:
                    continue
                if self.signature[other][a] != signature[a]:
                    continue
                theirs = self.value(other)
                if (mine[a] >= 1 and (theirs[twins] >= 1).any()) or (theirs[a] >= 1 and (mine[twins] >= 1).any()):
                    return True
        return False

    def zeros(self, name: str, large: list) -> np.ndarray:
        """The atoms known to count none for `name` through a large group that is worked out to be zero: any small
        group inside them is zero too, which the convention allows (a table's 0% says as much of k people)."""
        known = np.zeros(self.atoms, dtype=bool)
        truth = self.truth[self.position[name] * self.atoms : (self.position[name] + 1) * self.atoms]
        for group in large:
            if truth[group].sum() == 0 and (group & ~known).any() and self.interval(name, group) == (0, 0):
                known |= group
        return known

    def _see(self, cells: np.ndarray, seen: Seen, solution: np.ndarray) -> None:
        seen.see(self._spread(cells, solution), whole=np.abs(solution - np.round(solution)).max() < _EPS)

    def _spread(self, cells: np.ndarray, solution: np.ndarray) -> np.ndarray:
        """Each cell's count of each measure in `solution`: cells × measures."""
        per_measure = solution.reshape(len(self.names), self.atoms)
        return cells.astype(float) @ per_measure.T

    def said_of_a_large_group(self, name: str, mask: np.ndarray, value: int, large: list, bound: np.ndarray) -> bool:
        """Whether `value`, pinned for the atoms of `mask`, follows from what holds for whole groups of at least k
        that together hold them, shown or worked out: none of them, or all of them (the 0% or 100% any table may
        show). Such a figure says nothing of the small group that it does not say of k people or more."""
        touching = [group for group in large if (group & mask).any()]

        def covered(holds) -> bool:
            left = mask.copy()
            for group in touching:
                if (group & left).any() and holds(group):
                    left &= ~group
                    if not left.any():
                        return True
            return False

        if value == 0 and covered(lambda group: self.interval(name, group) == (0, 0)):
            return True
        share = self.measures.shares.get(name)
        if share == "frame":
            if not np.isfinite(bound[mask]).all() or value != bound[mask].sum():
                return False
            return covered(
                lambda group: (
                    np.isfinite(bound[group]).all()
                    and self.interval(name, group) == (bound[group].sum(), bound[group].sum())
                )
            )
        if share not in self.position or self.interval(share, mask) != (value, value):
            return False
        return self.said_of_a_large_group(share, mask, value, large, bound) and covered(
            lambda group: self.interval(share, group, minus=name) == (0, 0)
        )


@dataclass
class Seen:
    """The least and the most each cell's count of each measure was seen to take in a whole-number-feasible or linear
    solution, and the counts already shown to take two whole values: carried from one audit of a wave or question to
    the next, as more is hidden (hiding only adds solutions)."""

    low: np.ndarray | None = None
    high: np.ndarray | None = None
    whole_low: np.ndarray | None = None  # over whole-number solutions only (the true counts among them)
    whole_high: np.ndarray | None = None
    settled: set = field(default_factory=set)

    def start(self, truth: np.ndarray) -> None:
        self.low, self.high, self.whole_low, self.whole_high = (truth.copy() for _ in range(4))

    def see(self, values: np.ndarray, *, whole: bool) -> None:
        np.minimum(self.low, values, out=self.low)
        np.maximum(self.high, values, out=self.high)
        if whole:
            np.minimum(self.whole_low, values, out=self.whole_low)
            np.maximum(self.whole_high, values, out=self.whole_high)

    def open(self, cell: int, measure: int) -> bool:
        """Whether this count is known to take two whole values or more."""
        if (cell, measure) in self.settled:
            return True
        if self.whole_high[cell, measure] - self.whole_low[cell, measure] > 0.5:
            return True
        return math.floor(self.high[cell, measure] + _EPS) - math.ceil(self.low[cell, measure] - _EPS) >= 2

    def settle(self, cell: int, measure: int) -> None:
        self.settled.add((cell, measure))
