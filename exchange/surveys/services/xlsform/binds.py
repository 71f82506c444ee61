"""A question's XLSForm rules: `constraint` (bounds on a number, else an expression) with `constraint_message`,
`required` as an expression with `required_message`, `default`, `read_only`, and the `calculate` type with its
`calculation`. pyxform hands them over as bind keys (`constraint`, `jr:constraintMsg`, `required`, `jr:requiredMsg`,
`readonly`, `calculate`) and the node key `default`. An expression outside the subset of `surveys.expressions`, or
naming a question that is not earlier in the form, is refused at its row.
"""

import re
from collections.abc import Callable, Iterable
from decimal import Decimal

from exchange.core.spreadsheets import unescape_cell

from ...models import QuestionKind
from ...rules import expression_refusal
from ..authoring import QuestionSpec, RulesSpec
from .spec import TRUE_VALUES, Problem, truthy

FALSE_VALUES = {"no", "false", "false()", "0", "n"}
PYXFORM_PATH = re.compile(r"\.\./([A-Za-z_][\w.-]*)")  # pyxform's own paths (or_other) are references
CALCULATION_NEEDED = "a calculate row needs a calculation"
CALCULATION_ELSEWHERE = "a calculation on a question that is not of type calculate is not supported"
NO_RULES_HERE = "a note takes no answer: its constraint, required, default and read_only are not supported"


def references_of(expression: str) -> str:
    return PYXFORM_PATH.sub(r"${\1}", str(expression or "").strip())


LEADING_BOUND = re.compile(r"\s*\.\s*(>=|<=)\s*(-?\d+(?:\.\d+)?)\s*(?:$|\band\b)")


def number_bounds(constraint: str) -> tuple[Decimal | None, Decimal | None, str]:
    """(smallest, largest, the rest): the `. >= a` and `. <= b` that open `constraint` (joined by `and`) are a
    number's bounds, and what follows them is its constraint (outer brackets taken off)."""
    low = high = None
    position = 0
    while match := LEADING_BOUND.match(constraint, position):
        value = Decimal(match.group(2))
        if match.group(1) == ">=":
            low = value
        else:
            high = value
        position = match.end()
    return low, high, unwrap(constraint[position:].strip())


def unwrap(expression: str) -> str:
    """`expression` without brackets around the whole of it."""
    while expression.startswith("(") and expression.endswith(")") and _closes_at_end(expression):
        expression = expression[1:-1].strip()
    return expression


def _closes_at_end(expression: str) -> bool:
    depth, quote = 0, ""
    for index, char in enumerate(expression):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "()":
            depth += 1 if char == "(" else -1
            if depth == 0:
                return index == len(expression) - 1
    return False


def constraint_cell(low: Decimal | None, high: Decimal | None, constraint: str) -> str:
    """A number's bounds and constraint as one `constraint` cell that `number_bounds` reads back."""
    bounds = [f". >= {_plain(low)}" if low is not None else "", f". <= {_plain(high)}" if high is not None else ""]
    parts = [part for part in bounds if part]
    if constraint:
        parts.append(f"({constraint})" if parts else constraint)
    return " and ".join(parts)


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")


def bind_rules(
    spec: QuestionSpec, node: dict, *, text: Callable[[object], str], earlier: Iterable[str], row: int | None
) -> list[Problem]:
    """Map the question's rules onto `spec`; the problems, one line each, if any cannot be carried out."""
    bind = node.get("bind") or {}
    earlier = list(earlier)
    problems: list[Problem] = []

    def expression(key: str, what: str, *, here: bool) -> str:
        written = references_of(unescape_cell(str(bind.get(key) or "")))  # as written before export escaped it
        if not written:
            return ""
        refusal = expression_refusal(written, earlier=earlier, here=here)
        if refusal:
            problems.append(Problem("survey", row, f"{what} {refusal}"))
        return written

    constraint = expression("constraint", "constraint", here=True)
    # bounds are lifted only where that changes nothing: no message of the author's to lose, no `or` to regroup
    if (
        constraint
        and spec.kind == QuestionKind.NUMBER
        and not bind.get("jr:constraintMsg")
        and " or " not in constraint
    ):
        spec.min_value, spec.max_value, constraint = number_bounds(constraint)
    required = str(bind.get("required") or "").strip()
    required_if = ""
    if required and required.lower() not in TRUE_VALUES | FALSE_VALUES:
        required_if = expression("required", "required", here=False)
        spec.required = False
    calculation = expression("calculate", "calculation", here=False)
    if spec.kind == QuestionKind.CALCULATE:
        spec.text = spec.text or spec.code
        spec.required = False
        if not calculation:
            problems.append(Problem("survey", row, CALCULATION_NEEDED))
    elif calculation:
        problems.append(Problem("survey", row, CALCULATION_ELSEWHERE))
        calculation = ""
    spec.rules = RulesSpec(
        constraint=constraint,
        constraint_message=text(bind.get("jr:constraintMsg")) if constraint else "",
        required_message=text(bind.get("jr:requiredMsg")),
        required_if=required_if,
        default=unescape_cell(str(node.get("default") or "").strip()),
        readonly=truthy(bind.get("readonly")),
        calculation=calculation,
    )
    if "${" in spec.rules.default or "(" in spec.rules.default:
        problems.append(Problem("survey", row, "defaults worked out from other answers are not supported"))
    readonly = str(bind.get("readonly") or "").strip().lower()
    if readonly and readonly not in TRUE_VALUES | FALSE_VALUES:
        problems.append(Problem("survey", row, "read_only given as an expression is not supported"))
    if spec.kind == QuestionKind.NOTE and (constraint or required_if or spec.rules.default):
        problems.append(Problem("survey", row, NO_RULES_HERE))
    if spec.kind == QuestionKind.NOTE:
        spec.rules = RulesSpec()  # a note is read-only in XLSForm anyway
    if spec.rules.readonly:
        spec.required = False
    return problems


def grid_refusals(items: list[dict], row: int | None) -> list[Problem]:
    """A grid's rows take no rules of their own: a constraint, required expression, default, read_only or
    calculation on one is refused rather than dropped."""
    for item in items:
        bind = item.get("bind") or {}
        required = str(bind.get("required") or "").strip().lower()
        if (
            any(bind.get(key) for key in ("constraint", "readonly", "calculate"))
            or item.get("default")
            or (required and required not in TRUE_VALUES | FALSE_VALUES)
        ):
            return [
                Problem(
                    "survey",
                    row,
                    "constraints, required expressions, defaults, read_only and calculations"
                    " on the rows of a grid are not supported",
                )
            ]
    return []
