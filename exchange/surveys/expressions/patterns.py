"""The guard on `regex()` patterns, so that no answer can make a worker hang on a pattern.

Python's `re` backtracks and has no timeout, so a pattern is judged before it is ever used, when the form is
imported or the question written (never while someone answers):

- at most `MAX_PATTERN` characters, and it must compile;
- no repetition (`?` included) or alternation inside a repetition (`(a+)+`, `(a|aa)*`, `(a?){30}`): the shapes that
  backtrack exponentially;
- no back-references (`\\1`, `(?P=name)`), which no linear engine can match;
- at most `MAX_OPEN_REPEATS` repetitions of varying length (`?`, `*`, `+`, `{m,n}`; a fixed count such as `{10}`
  does not backtrack) in all, so the worst case is polynomial: with two it is quadratic, and an answer (at most
  5,000 characters, long text) is
  matched in milliseconds; with three it is cubic, so such a pattern is only tried on answers of at most
  `CUBIC_SUBJECT` characters, and a longer answer does not match it (`subject_fits`). The tests time both.
"""

import re
import re._constants as constants  # type: ignore[import-not-found]
import re._parser as parser  # type: ignore[import-not-found]

MAX_PATTERN = 200
MAX_OPEN_REPEATS = 3
CUBIC_SUBJECT = 1000
REPEATS = {constants.MAX_REPEAT, constants.MIN_REPEAT, constants.POSSESSIVE_REPEAT}
BACKREFERENCES = {constants.GROUPREF, constants.GROUPREF_EXISTS}


def _walk(items, inside_repeat: bool, counts: dict[str, int]) -> str | None:
    for operator, argument in items:
        if operator in BACKREFERENCES:
            return "back-references are not supported"
        if operator in REPEATS:
            low, high, body = argument
            if (high > 1 or low != high) and inside_repeat:  # `?` too: `(a?){30}` backtracks exponentially
                return "a repetition inside a repetition is not supported (it can take forever to match)"
            if low != high:  # every repetition of varying length (`?`, `*`, `+`, `{m,n}`) is a choice to backtrack
                counts["open"] += 1
            refusal = _walk(body, inside_repeat or high > 1, counts)
        elif operator == constants.SUBPATTERN:
            refusal = _walk(argument[-1], inside_repeat, counts)
        elif operator == constants.BRANCH and inside_repeat:
            refusal = "an alternation inside a repetition is not supported (it can take forever to match)"
        elif operator == constants.BRANCH:
            refusal = next((r for branch in argument[1] if (r := _walk(branch, inside_repeat, counts))), None)
        elif operator in (constants.ASSERT, constants.ASSERT_NOT):
            refusal = _walk(argument[1], inside_repeat, counts)
        elif operator == constants.ATOMIC_GROUP:
            refusal = _walk(argument, inside_repeat, counts)
        else:
            refusal = None
        if refusal:
            return refusal
    return None


def pattern_refusal(pattern: str) -> str | None:
    """Why `pattern` cannot be used in `regex()`, in one line; None if it can."""
    if len(pattern) > MAX_PATTERN:
        return f"regex() patterns longer than {MAX_PATTERN} characters are not supported"
    try:
        re.compile(pattern)
        tree = parser.parse(pattern)
    except (re.error, RecursionError, OverflowError, ValueError) as error:
        return f"regex() pattern {pattern!r} is not a valid regular expression ({error})"
    counts = {"open": 0}
    refusal = _walk(tree, False, counts)
    _OPEN[pattern] = counts["open"]
    if refusal:
        return f"regex() pattern {pattern!r}: {refusal}"
    if counts["open"] > MAX_OPEN_REPEATS:
        repeats = f"{MAX_OPEN_REPEATS} repetitions of varying length (? * + {{m,n}})"
        return f"regex() pattern {pattern!r} has more than {repeats}"
    return None


_OPEN: dict[str, int] = {}


def subject_fits(pattern: str, subject: str) -> bool:
    """Whether `pattern` (already allowed by `pattern_refusal`) may be tried on `subject` (see the module)."""
    if pattern not in _OPEN:
        pattern_refusal(pattern)
    return _OPEN.get(pattern, MAX_OPEN_REPEATS) < MAX_OPEN_REPEATS or len(subject) <= CUBIC_SUBJECT
