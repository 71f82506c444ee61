"""`Audit`: the least and the most each small group's count can be, given everything published (linear programming,
then integer programming where the two are less than two apart), and whether a pinned count is one the convention
allows."""

from __future__ import annotations

import math
from collections.abc import Iterator

import highspy
import numpy as np

from .constraints import _INF, linear_programme, rows_of, twin_signatures
from .measures import _EPS, Measures, Seen
from .twins import exchange_settles

_SAMPLES = 6  # random objectives solved first, to clear most counts at once
_TIME_LIMIT = 60.0  # seconds for one integer programme; beyond it the audit fails closed (see `protection`)
_SLICE_TRIES = 3  # linear solutions tried before an integer programme, each with a random objective
_WHOLE_SAMPLES = 0  # and random whole-number solutions (measured: they settle few counts for their cost)


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
        self.signature = twin_signatures(published, self.position, atoms)
        rows = rows_of(measures=measures, position=self.position, truth=self.truth, published=published, listed=listed)
        upper = np.full(n, _INF)
        upper[:atoms] = np.where(np.isfinite(bound), bound, _INF)
        self.n = n
        self.highs = highspy.Highs()
        self.highs.setOptionValue("output_flag", False)
        # Each objective starts from the last basis, which stays feasible: primal simplex, a few dozen iterations.
        self.highs.setOptionValue("presolve", "off")
        self.highs.setOptionValue("simplex_strategy", 4)
        lp = linear_programme(rows, upper)
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
        """Whether two twin respondents exchanging answers changes this count by one (see `twins`)."""
        return exchange_settles(self, name, mask)

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
