"""What the integer audit reasons about (a question's counts per atom and their links) and what its earlier
audits of the same cells saw."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

_EPS = 1e-6


@dataclass
class Measures:
    """A question's counts per atom, the measure each is a share of, and how they are linked."""

    values: dict  # name -> vector per atom ("respondents" among them)
    shares: dict  # name -> the name it is a share of ("respondents" -> "frame")
    options: list  # option measures, in any order
    in_base: list  # option measures inside the counted base
    multiple: bool = False  # a multiple-choice question: any number of options per respondent


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
