"""The linked-tables attack's solver: integer programming over what was collected gives the least and the most each
count of a small group can be, and what follows from whole groups of K or more (see `test_linked_tables_attack`)."""

import highspy
import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

from exchange.analysis.tests.linked_tables_collect import (
    Model,
)
from exchange.surveys.models import QuestionKind


class Attack:
    """min and max of any count of any set of atoms, over integer counts that satisfy every published equation."""

    def __init__(self, model: Model):
        self.model = model
        self.index = {(m, a): i for i, (m, a) in enumerate((m, a) for m in model.measures for a in model.atoms)}
        n = len(self.index)
        rows, low, high = [], [], []

        def row(coefficients, lo, hi):
            vector = np.zeros(n)
            for key, c in coefficients:
                vector[self.index[key]] += c
            rows.append(vector)
            low.append(lo)
            high.append(hi)

        for measure, atoms, value in set(model.equations):
            row([((measure, a), 1) for a in atoms], value, value)
        for measure, atoms in model.at_least_one:
            row([((measure, a), 1) for a in atoms], 1, np.inf)
        for atom in model.atoms:
            for code, question in model.questions.items():
                options = list(question.options.all())
                row([((((code, "answered")), atom), 1), (("respondents", atom), -1)], -np.inf, 0)
                row([(((code, "counted"), atom), 1), (((code, "answered"), atom), -1)], -np.inf, 0)
                if question.kind == QuestionKind.MULTIPLE:
                    for option in options:
                        row([(((code, option.code), atom), 1), (((code, "answered"), atom), -1)], -np.inf, 0)
                    row([(((code, o.code), atom), 1) for o in options] + [(((code, "answered"), atom), -1)], 0, np.inf)
                    row([(((code, "counted"), atom), 1), (((code, "answered"), atom), -1)], 0, 0)
                else:
                    row([(((code, o.code), atom), 1) for o in options] + [(((code, "answered"), atom), -1)], 0, 0)
                    row(
                        [(((code, o.code), atom), 1) for o in options if not o.excluded_from_base]
                        + [(((code, "counted"), atom), -1)],
                        0,
                        0,
                    )
        matrix, low, high = sparse.csc_array(np.array(rows)), np.array(low), np.array(high)
        upper = np.array([model.frame[a] for _, a in self.index], dtype=float)
        self.milp_constraint = LinearConstraint(matrix, low, high)
        self.milp_bounds = Bounds(np.zeros(n), upper)
        # One linear programme, kept loaded: each question is a new objective, solved from the last basis.
        self.highs = highspy.Highs()
        self.highs.setOptionValue("output_flag", False)
        self.highs.setOptionValue("presolve", "off")
        lp = highspy.HighsLp()
        lp.num_col_, lp.num_row_ = n, len(low)
        lp.col_cost_, lp.col_lower_, lp.col_upper_ = np.zeros(n), np.zeros(n), upper
        lp.row_lower_, lp.row_upper_ = low, high
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_, lp.a_matrix_.index_, lp.a_matrix_.value_ = matrix.indptr, matrix.indices, matrix.data
        self.highs.passModel(lp)
        self.columns = np.arange(n, dtype=np.int32)

    def _relaxed(self, objective) -> tuple[float, float]:
        ends = []
        for sense in (highspy.ObjSense.kMinimize, highspy.ObjSense.kMaximize):
            self.highs.changeColsCost(len(objective), self.columns, objective)
            self.highs.changeObjectiveSense(sense)
            self.highs.run()
            assert self.highs.getModelStatus() == highspy.HighsModelStatus.kOptimal
            ends.append(self.highs.getInfo().objective_function_value)
        return ends[0], ends[1]

    def _integer(self, objective) -> tuple[int, int]:
        ends = []
        for sign in (1, -1):
            result = milp(
                sign * objective,
                constraints=self.milp_constraint,
                bounds=self.milp_bounds,
                integrality=np.ones(len(objective)),
            )
            assert result.success, result.message
            ends.append(round(sign * result.fun))
        return ends[0], ends[1]

    def interval(self, measure, atoms, *, minus=None) -> tuple[int, int]:
        """The integer interval of `measure` over `atoms` (less `minus` over them, if given). The linear relaxation
        first; where it leaves at most two whole numbers, integer programming settles it (elsewhere the interval is
        wide whatever the corners)."""
        objective = np.zeros(len(self.index))
        for atom in atoms:
            objective[self.index[(measure, atom)]] += 1
            if minus is not None:
                objective[self.index[(minus, atom)]] -= 1
        low, high = self._relaxed(objective)
        low, high = int(np.ceil(low - 1e-6)), int(np.floor(high + 1e-6))
        if high - low <= 1:
            low, high = self._integer(objective)
        return low, high


def _shares(model: Model) -> dict:
    """What each count is a part of: respondents of the frame, answered of respondents, and so on."""
    shares = {"respondents": "frame"}
    for code, question in model.questions.items():
        shares[(code, "answered")], shares[(code, "counted")] = "respondents", (code, "answered")
        for option in question.options.all():
            in_base = question.kind != QuestionKind.MULTIPLE and not option.excluded_from_base
            shares[(code, option.code)] = (code, "counted") if in_base else (code, "answered")
    return shares


def _said_of_a_large_group(attack: Attack, large: list, shares: dict, measure, atoms, value) -> bool:
    """Whether `value`, found exactly for `atoms`, follows from what holds for whole groups of at least K that
    together hold them, shown or worked out: none of them ("no clinical lead chose it", and no managerial lead, so
    nobody of an organisation's two leads did), or all of them (all of an organisation's people responded, so all of
    each of its roles did). That says nothing of anyone that it does not say of K people or more, like the 0% or 100%
    a published table may show. The convention's exception, not a recovery."""
    model = attack.model
    touching = [group for _, group in large if group & atoms]

    def covered(holds) -> bool:
        left = set(atoms)
        for group in touching:
            if group & left and holds(group):
                left -= group
                if not left:
                    return True
        return False

    if value == 0 and covered(lambda group: attack.interval(measure, group) == (0, 0)):
        return True
    share = shares[measure]
    if share == "frame":
        frame = sum(model.frame[a] for a in atoms)
        return value == frame and covered(
            lambda group: attack.interval(measure, group) == (sum(model.frame[a] for a in group),) * 2
        )
    if attack.interval(share, atoms) != (value, value):
        return False
    return _said_of_a_large_group(attack, large, shares, share, atoms, value) and covered(
        lambda group: attack.interval(share, group, minus=measure) == (0, 0)
    )
