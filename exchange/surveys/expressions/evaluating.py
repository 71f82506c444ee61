"""Carrying out a parsed expression on typed answers, as ODK Collect and Enketo do (XPath 1.0 with ODK's dates).

Values are `str`, `Decimal`, `bool`, `date`, `datetime` and `time`. An empty or missing answer is the empty string;
`number('')` is NaN, and every comparison with NaN is false, so `. > 5` on an empty answer is false. Division or
`mod` by zero gives NaN rather than an error. Evaluation never raises: every expression was parsed, and so checked,
when it was written.
"""

import decimal
import re
from collections.abc import Callable, Mapping
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from exchange.core import clock

from ..answers import date_from_iso, time_from_iso
from .parsing import Binary, Call, Here, Negate, Node, Number, Ref, String
from .patterns import subject_fits

NAN = Decimal("NaN")
EPOCH = date(1970, 1, 1)
_NUMBER = re.compile(r"^\s*-?(\d+(\.\d*)?|\.\d+)\s*$", re.ASCII)
_CONTEXT = decimal.Context(prec=28, traps=[])


def number(value: Any) -> Decimal:
    """XPath `number()`: NaN for text that is not a number (the empty string too); a date counts its days since 1
    January 1970, a time is the fraction of a day."""
    if isinstance(value, bool):
        return Decimal(int(value))
    if isinstance(value, Decimal):
        return value
    if isinstance(value, datetime):
        return Decimal((value.date() - EPOCH).days) + _day_fraction(value.time())
    if isinstance(value, date):
        return Decimal((value - EPOCH).days)
    if isinstance(value, time):
        return _day_fraction(value)
    text = str(value)
    return Decimal(text.strip()) if len(text) <= 100 and _NUMBER.match(text) else NAN


def _day_fraction(moment: time) -> Decimal:
    return _CONTEXT.divide(Decimal(moment.hour * 60 + moment.minute), Decimal(1440))


# The longest text an expression makes: no answer is longer (long text, 5,000), and a chain of calculations that
# concatenate one another cannot grow past it into gigabytes
MAX_TEXT = 5000


def string(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        if value.is_nan():
            return "NaN"
        if value.is_infinite():
            return "Infinity" if value > 0 else "-Infinity"
        text = format(value, "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return str(value)


def boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, Decimal):
        return not value.is_nan() and value != 0
    if isinstance(value, date | time):
        return True
    return value != ""


def is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _same_kind(left: Any, right: Any) -> tuple[Any, Any]:
    """A date, a time or a moment compared with text that names one: the text is read as one too."""
    for one, other in ((left, right), (right, left)):
        if isinstance(other, str) and isinstance(one, date | time):
            converted = date_from_iso(other) if isinstance(one, date) else time_from_iso(other)
            if converted is not None:
                return (one, converted) if one is left else (converted, one)
    return left, right


def _compare(operator: str, left: Any, right: Any) -> bool:
    left, right = _same_kind(left, right)
    if operator in ("=", "!="):
        if isinstance(left, bool) or isinstance(right, bool):
            equal = boolean(left) == boolean(right)
        elif isinstance(left, Decimal | date | time) or isinstance(right, Decimal | date | time):
            a, b = number(left), number(right)
            equal = not a.is_nan() and not b.is_nan() and a == b
            if operator == "!=":
                return not equal
        else:
            equal = string(left) == string(right)
        return equal if operator == "=" else not equal
    a, b = number(left), number(right)
    if a.is_nan() or b.is_nan():
        return False
    return {"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[operator]


def _arithmetic(operator: str, left: Any, right: Any) -> Decimal:
    a, b = number(left), number(right)
    if a.is_nan() or b.is_nan():
        return NAN
    if operator in ("div", "mod") and b == 0:
        return NAN
    operation = {
        "+": _CONTEXT.add,
        "-": _CONTEXT.subtract,
        "*": _CONTEXT.multiply,
        "div": _CONTEXT.divide,
        "mod": _CONTEXT.remainder,
    }[operator]
    return operation(a, b)


def _round(value: Any, places: Any = Decimal(0)) -> Decimal:
    a, digits = number(value), number(places)
    if a.is_nan() or a.is_infinite() or digits.is_nan() or not -20 <= digits <= 20:
        return NAN
    exponent = Decimal(1).scaleb(-int(digits))
    rounded = a.quantize(exponent, rounding=decimal.ROUND_HALF_UP, context=_CONTEXT)
    return a if rounded.is_nan() else rounded


def _int(value: Any) -> Decimal:
    a = number(value)
    return a if a.is_nan() or a.is_infinite() else a.to_integral_value(rounding=decimal.ROUND_DOWN, context=_CONTEXT)


def _regex(value: Any, pattern: Any) -> bool:
    # the pattern was checked by `patterns.pattern_refusal` when the expression was parsed
    subject = string(value)
    return subject_fits(string(pattern), subject) and re.fullmatch(string(pattern), subject) is not None


def _date(value: Any) -> Any:
    if isinstance(value, date):
        return value
    day = date_from_iso(string(value))
    return day if day is not None else ""


FUNCTIONS: dict[str, Callable[..., Any]] = {
    "not": lambda x: not boolean(x),
    "selected": lambda x, v: string(v).strip() in string(x).split(),
    "count-selected": lambda x: Decimal(len(string(x).split())),
    "string-length": lambda x: Decimal(len(string(x))),
    "regex": _regex,
    "today": clock.today,
    "now": clock.now,
    "date": _date,
    "concat": lambda *parts: "".join(string(part) for part in parts)[:MAX_TEXT],
    "round": _round,
    "int": _int,
    "number": number,
    "coalesce": lambda a, b: b if string(a) == "" else a,
    "true": lambda: True,
    "false": lambda: False,
}


def evaluate(node: Node, answers: Mapping[str, Any], here: Any = "") -> Any:
    """The value of `node`, with `${name}` read from `answers` (typed, see the module) and `.` as `here`."""
    if isinstance(node, Number | String):
        return node.value
    if isinstance(node, Here):
        return "" if is_empty(here) else here
    if isinstance(node, Ref):
        value = answers.get(node.name, "")
        return "" if is_empty(value) else value
    if isinstance(node, Negate):
        return _CONTEXT.minus(number(evaluate(node.operand, answers, here)))
    if isinstance(node, Binary):
        left = evaluate(node.left, answers, here)
        if node.operator in ("and", "or"):  # short-circuit, as XPath does
            if boolean(left) == (node.operator == "or"):
                return node.operator == "or"
            return boolean(evaluate(node.right, answers, here))
        right = evaluate(node.right, answers, here)
        if node.operator in ("=", "!=", "<", "<=", ">", ">="):
            return _compare(node.operator, left, right)
        return _arithmetic(node.operator, left, right)
    if isinstance(node, Call):
        if node.name == "if":
            condition, then, otherwise = node.arguments
            return evaluate(then if boolean(evaluate(condition, answers, here)) else otherwise, answers, here)
        return FUNCTIONS[node.name](*(evaluate(argument, answers, here) for argument in node.arguments))
    raise TypeError(node)  # pragma: no cover - every node type is handled above


def holds(node: Node, answers: Mapping[str, Any], here: Any = "") -> bool:
    return boolean(evaluate(node, answers, here))
