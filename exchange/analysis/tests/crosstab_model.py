"""The crosstab attack's questionnaires as data (`Spec`), and its own arithmetic: what every figure of
`wave_results(by="q:CODE")` must be, worked out from the answers as the test drew them (see `test_crosstab_attack`)."""

import statistics
from dataclasses import dataclass
from decimal import Decimal

import pytest

from exchange.accounts.models import Role
from exchange.analysis.results import ALL, Options
from exchange.analysis.selectors import wave_results
from exchange.surveys.models import ConditionOperator, QuestionKind, Wave

pytestmark = pytest.mark.django_db

C, M, F = Role.CLINICAL_LEAD, Role.MANAGERIAL_LEAD, Role.FINANCE_LEAD
ROLES = [C, M, F]
EQ, ANY, NOT = ConditionOperator.EQUALS, ConditionOperator.ANY_OF, ConditionOperator.NOT
SINGLE, LIKERT, MULTIPLE = QuestionKind.SINGLE, QuestionKind.LIKERT, QuestionKind.MULTIPLE
GRID, NUMBER, SHORT, LONG = (
    QuestionKind.LIKERT_GRID,
    QuestionKind.NUMBER,
    QuestionKind.SHORT_TEXT,
    QuestionKind.LONG_TEXT,
)
ONE_OPTION = (SINGLE, LIKERT, GRID)
BY_KINDS = (SINGLE, LIKERT)
EMPTY = (None, "", [], {})


# --- A questionnaire as data: what the services are asked to build, and what the test's own arithmetic reads -------


@dataclass(frozen=True)
class Spec:
    code: str
    kind: str
    section: int
    options: tuple = ()  # (code, positive, excluded from base)
    items: tuple = ()  # grid item codes
    conditions: tuple = ()  # (source code, operator, values)


GOOD = (("good", True, False), ("bad", False, False), ("dk", False, True))
FIXED = (
    Spec("q1", SINGLE, 1, (("yes", False, False), ("no", False, False), ("maybe", False, False))),
    Spec(
        "lk",
        LIKERT,
        1,
        (("agree", True, False), ("neutral", False, False), ("disagree", False, False), ("dk", False, True)),
    ),
    Spec("mc", MULTIPLE, 1, (("x", False, False), ("y", False, False), ("z", False, False), ("none", False, True))),
    Spec("r_same", SHORT, 1, (), (), (("q1", ANY, ("yes", "maybe")),)),  # routed on the same page
    Spec("num", NUMBER, 2),
    Spec("txt", SHORT, 2),
    Spec("grid", GRID, 2, GOOD, ("i1", "i2")),
    Spec("r_eq", SINGLE, 2, (("p", False, False), ("q", False, False)), (), (("q1", EQ, ("no",)),)),
    Spec("r_any", NUMBER, 2, (), (), (("mc", ANY, ("x", "z")),)),
    Spec(
        "r_not",
        MULTIPLE,
        3,
        (("u", False, False), ("v", False, False), ("na", False, True)),
        (),
        (("q1", NOT, ("yes",)),),
    ),
    Spec("r_chain", LONG, 3, (), (), (("r_eq", EQ, ("p",)),)),
    Spec(
        "r_chain_not",
        LIKERT,
        3,
        (("hi", True, False), ("lo", False, False), ("dk", False, True)),
        (),
        (("r_eq", NOT, ("q",)),),
    ),
    Spec("r_grid", GRID, 3, GOOD, ("j1", "j2"), (("lk", ANY, ("agree", "neutral")), ("mc", NOT, ("none",)))),
)


def _holds(condition, kept: dict) -> bool:
    """The test's own reading of a condition: EQUALS and ANY_OF hold when an answer kept is one of the values; NOT
    holds when none is, a source unanswered or not asked included."""
    source, operator, values = condition
    value = kept.get(source)
    chosen = set(value) if isinstance(value, list) else ({value} if value else set())
    return bool(chosen & set(values)) if operator in (EQ, ANY) else not (chosen & set(values))


def effective(questions, raw: dict) -> tuple[dict, set]:
    """(the answers that count, the codes of the questions asked), walking the questionnaire in order."""
    kept, asked = {}, set()
    for spec in questions:
        if not all(_holds(condition, kept) for condition in spec.conditions):
            continue
        asked.add(spec.code)
        if raw.get(spec.code) not in EMPTY:
            kept[spec.code] = raw[spec.code]
    return kept, asked


# --- The independent computation ------------------------------------------------------------------------------------


def expected_group(members: list[tuple[dict, set]], spec: Spec, item: str) -> dict:
    """Every figure of one group of respondents, from each member's (kept answers, questions asked)."""
    excluded = {code for code, _, out in spec.options if out}
    positive = {code for code, pos, _ in spec.options if pos}
    asked = sum(1 for _, asked_codes in members if spec.code in asked_codes)
    values = [(kept.get(spec.code) or {}).get(item) if item else kept.get(spec.code) for kept, _ in members]
    values = [value for value in values if value not in EMPTY]
    answered = len(values)
    if spec.kind == MULTIPLE:
        counted = sum(1 for value in values if set(value) - excluded)
        counts = {code: sum(1 for value in values if code in value) for code, _, _ in spec.options}
    elif spec.kind in ONE_OPTION:
        counted = sum(1 for value in values if value not in excluded)
        counts = {code: sum(1 for value in values if value == code) for code, _, _ in spec.options}
    else:
        counted, counts = answered, {}
    figures = {"asked": asked, "answered": answered, "base": counted, "counts": counts, "percents": {}}
    for code, n in counts.items():
        denominator = answered if code in excluded else counted
        figures["percents"][code] = n / denominator if denominator else None
    if positive and spec.kind != MULTIPLE:
        figures["positive"] = sum(counts[code] for code in positive)
    if spec.kind == NUMBER:
        numbers = [float(Decimal(str(value))) for value in values]
        figures["summary"] = (
            {"n": len(numbers), "mean": statistics.fmean(numbers), "median": statistics.median(numbers)}
            if numbers
            else None
        )
    return figures


def check_group(group, expected: dict, where) -> None:
    figures = (group.asked, group.answered, group.base)
    assert figures == (expected["asked"], expected["answered"], expected["base"]), (where, "asked, answered, base")
    assert not group.suppressed, where
    assert {cell.code: cell.count for cell in group.cells} == expected["counts"], (where, "counts")
    for cell in group.cells:
        wanted = expected["percents"][cell.code]
        assert cell.percent == (None if wanted is None else pytest.approx(wanted)), (where, cell.code)
    if "positive" in expected:
        assert group.positive is not None and group.positive.count == expected["positive"], (where, "positive")
    if "summary" in expected:
        summary, wanted = group.summary, expected["summary"]
        if wanted is None:
            assert summary is None, (where, "summary", summary)
        else:
            assert summary is not None, (where, "summary missing")
            assert summary["n"] == wanted["n"], (where, "summary n")
            assert summary["mean"] == pytest.approx(wanted["mean"]), (where, "mean")
            assert summary["median"] == pytest.approx(wanted["median"]), (where, "median")


def check_results(wave: Wave, questions, respondents, by: str, roles: tuple = ()) -> None:
    """Every figure of the crosstab of `wave` by question `by` (restricted to `roles` if given) against the
    computation above from `respondents`, (role, raw answers) as drawn. The groups are the options of `by` chosen
    (and kept) by someone who answered the question, or the grid item."""
    people = [effective(questions, raw) for role, raw in respondents if not roles or role in roles]
    by_options = {o.pk: o.code for o in wave.questions.get(code=by).options.all()}
    options = Options(by=f"q:{by}", roles=roles, finite_population=False)
    results = {r.code: r for r in wave_results(wave=wave, options=options)}
    for spec in questions:
        for item in spec.items or ("",):
            code = f"{spec.code}_{item}" if item else spec.code
            result = results[code]
            where = (by, roles, code)
            assert result.overall.label == ALL
            check_group(result.overall, expected_group(people, spec, item), (*where, ALL))
            groups = {by_options[group.key]: group for group in result.groups}
            wanted = {}
            for option in by_options.values():
                expected = expected_group([p for p in people if p[0].get(by) == option], spec, item)
                if expected["answered"]:
                    wanted[option] = expected
            assert groups.keys() == wanted.keys(), (where, "groups")
            for option, expected in wanted.items():
                check_group(groups[option], expected, (*where, option))
