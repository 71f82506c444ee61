"""The XLSForm expression subset: parsing refuses what is outside it with its own one-line error and nothing else,
formatting reads back to the same tree, and evaluation follows ODK on empty answers, dates, types and division by
zero, never raising. The `regex()` guard refuses patterns that could hang a worker."""

import time as clock_time
from datetime import date, time, timedelta
from decimal import Decimal

import pytest
import time_machine
from hypothesis import given, settings
from hypothesis import strategies as st

from exchange.core import clock
from exchange.surveys.expressions import ExpressionError, evaluate, holds, parse, references, unparse
from exchange.surveys.expressions.patterns import pattern_refusal


def value(text: str, answers: dict | None = None, here=""):
    return evaluate(parse(text), answers or {}, here)


@pytest.mark.parametrize(
    "text",
    [
        ". >= 5 and . <= 10",
        "selected(${why}, 'cost') or count-selected(${why}) > 2",
        "if(${a} = 1, 2 div 0, round(3.14159, 2))",
        "regex(., '^[0-9]{10}$')",
        "-(1 + 2) * 3 mod 4",
        "1 - (2 - 3)",
        'not(string-length(.) < 3) and . != "it\'s"',
        "concat(${a}, '-', int(number(${b})))",
        ". <= today() and . > date('2000-01-01')",
        "coalesce(${a}, 'none') = 'none' or now() != ''",
    ],
)
def test_the_subset_reads_and_formats_back_to_the_same_tree(text):
    assert parse(unparse(parse(text))) == parse(text)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("pulldata('a', 'b', 'c', .)", "pulldata() is not supported"),
        ("sum(${a})", "sum() is not supported"),
        (". >", "the expression ends too soon"),
        ("(. > 1", "expected ')' at the end"),
        (". > 1)", "unexpected ')'"),
        ("${a} = 1 ; drop", "cannot read '; drop'"),
        ("__import__('os')", "__import__() is not supported"),
        ("selected(${a})", "selected() takes 2 arguments"),
        ("regex(., ${pattern})", "regex() takes its pattern as a 'quoted' string"),
        ("date('2023-02-30')", "date('2023-02-30') is not a real date written 'YYYY-MM-DD'"),
        ("1e5 > .", "unexpected 'e5'"),
        ("", "the expression is empty"),
        ("(" * 50 + "1" + ")" * 50, "the expression is nested more than 40 deep"),
        ("1 + " * 600 + "1", "the expression is longer than 1000 characters"),
    ],
)
def test_an_expression_outside_the_subset_is_refused_in_one_line(text, reason):
    with pytest.raises(ExpressionError) as error:
        parse(text)
    assert str(error.value) == reason


ATOMS = st.sampled_from([".", "${a}", "${b}", "1", "2.5", "'x'", '"y"', "today()", "count-selected(${a})"])
OPERATORS = st.sampled_from(["+", "-", "*", "div", "mod", "=", "!=", "<", "<=", ">", ">=", "and", "or"])


@st.composite
def expressions(draw, depth=0):
    if depth > 3 or draw(st.booleans()):
        return draw(ATOMS)
    shape = draw(st.sampled_from(["binary", "paren", "not", "if", "negate"]))
    inner = [draw(expressions(depth=depth + 1)) for _ in range(3)]
    return {
        "binary": f"{inner[0]} {draw(OPERATORS)} {inner[1]}",
        "paren": f"({inner[0]})",
        "not": f"not({inner[0]})",
        "if": f"if({inner[0]}, {inner[1]}, {inner[2]})",
        "negate": f"-{inner[0]}",
    }[shape]


@settings(max_examples=300, deadline=None)
@given(text=expressions(), a=st.sampled_from(["", "x y", "3", Decimal("-2"), date(2024, 2, 29)]))
def test_every_expression_of_the_subset_formats_back_and_evaluates_without_raising(text, a):
    tree = parse(text)
    assert parse(unparse(tree)) == tree
    evaluate(tree, {"a": a, "b": ""}, here=a)


@settings(max_examples=500, deadline=None)
@given(parts=st.lists(st.sampled_from([*"$.{}()'\",-+*<>=!ab12 ", " div ", " mod ", " and ", "not("]), max_size=30))
def test_any_text_is_parsed_or_refused_with_our_error_and_nothing_else(parts):
    try:
        tree = parse("".join(parts))
    except ExpressionError as error:
        assert str(error) and "\n" not in str(error)
        return
    evaluate(tree, {}, here="")


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=60))
def test_arbitrary_unicode_is_parsed_or_refused_with_our_error(text):
    try:
        tree = parse(text)
    except ExpressionError as error:
        assert "\n" not in str(error)
        return
    evaluate(tree, {}, here=text)


def test_an_empty_answer_compares_false_and_a_constraint_on_it_would_not_hold():
    assert value(". > 5") is False
    assert value(". < 5") is False
    assert value(". = ''") is True
    assert value("number(.)").is_nan()
    assert value("${missing} + 1").is_nan()
    assert value("string-length(${missing})") == 0


def test_division_and_mod_by_zero_give_nan_not_an_error():
    assert value("1 div 0").is_nan()
    assert value("5 mod 0").is_nan()
    assert value("round(1 div 0, 2)").is_nan()
    assert value("(1 div 0) > 1") is False


def test_numbers_are_decimals_and_round_half_up_and_int_truncates():
    assert value("0.1 + 0.2") == Decimal("0.3")
    assert value("round(2.345, 2)") == Decimal("2.35")
    assert value("round(-2.5)") == Decimal("-3")
    assert value("int(-3.7)") == Decimal("-3")
    assert value("7 mod 3") == 1
    assert value("round(1, 9999)").is_nan()


def test_dates_compare_with_dates_and_iso_text_and_count_days():
    with time_machine.travel(clock.now(), tick=False):
        today = clock.today()
        assert value(". <= today()", here=today) is True
        assert value(". <= today()", here=today + timedelta(days=1)) is False
        assert value("today() - date('1970-01-02')") == (today - date(1970, 1, 2)).days
    assert value(". > '2020-01-01'", here=date(2020, 1, 2)) is True
    assert value(". = date('2020-01-02')", here=date(2020, 1, 2)) is True
    assert value("date(${d})", {"d": "not a date"}) == ""


def test_times_compare_with_times_and_hh_mm_text():
    assert value(". > '09:00'", here=time(9, 30)) is True
    assert value(". > '09:00'", here=time(8, 59)) is False


def test_choices_are_codes_and_multiple_choices_codes_separated_by_spaces():
    answers = {"why": "cost speed", "role": "gp"}
    assert value("selected(${why}, 'speed')", answers) is True
    assert value("selected(${why}, 'spe')", answers) is False
    assert value("count-selected(${why})", answers) == 2
    assert value("${role} = 'gp'", answers) is True
    assert value("coalesce(${none}, ${role})", answers) == "gp"
    assert value("concat(${role}, '/', 3 * 2)", answers) == "gp/6"


def test_text_that_is_a_number_compares_as_a_number_against_one():
    assert value(". = 5", here="5.0") is True
    assert value(". > 10", here="9") is False
    assert value("if(. = 'yes', 1, 0)", here="yes") == 1


def test_references_are_listed_once_in_order():
    assert references(parse("${b} + ${a} * ${b} + count-selected(${c})")) == ["b", "a", "c"]


def test_regex_matches_the_whole_answer():
    assert holds(parse("regex(., '[0-9]{10}')"), {}, here="0123456789")
    assert not holds(parse("regex(., '[0-9]{10}')"), {}, here="01234567890")


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        ("(a+)+$", "a repetition inside a repetition"),
        ("(a|aa)*b", "an alternation inside a repetition"),
        ("(\\d{2,})*", "a repetition inside a repetition"),
        ("(x)\\1", "back-references are not supported"),
        ("a*b*c*d*", "more than 3 repetitions of varying length"),
        ("(a?){66}a{66}", "a repetition inside a repetition"),
        ("a{0,50}" * 28 + "b", "more than 3 repetitions of varying length"),
        ("a?" * 30, "more than 3 repetitions of varying length"),
        ("[", "is not a valid regular expression"),
        ("a" * 201, "longer than 200 characters"),
    ],
)
def test_a_pattern_that_could_hang_a_worker_is_refused(pattern, reason):
    assert reason in (pattern_refusal(pattern) or "")
    with pytest.raises(ExpressionError):
        parse(f"regex(., '{pattern}')")


@pytest.mark.parametrize(
    "pattern",
    ["[^@]+@[^@]+\\.[^@]+", ".*x.*y", "[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}", "a*a*a*b", "a*a*b", ".*.*=.*"],
)
def test_an_allowed_pattern_is_quick_on_the_longest_hostile_answer(pattern):
    assert pattern_refusal(pattern) is None
    tree = parse(f"regex(., '{pattern}')")
    started = clock_time.perf_counter()
    for hostile in ("@" * 5000, "a" * 5000, "a" * 1000, "x" * 2500 + "@" * 2500, "a@" * 2500, "a." * 2500):
        evaluate(tree, {}, here=hostile)
    assert clock_time.perf_counter() - started < 1.0


def test_a_cubic_pattern_is_not_tried_on_a_long_answer():
    assert holds(parse("regex(., 'a*a*a*')"), {}, here="a" * 1000)
    assert not holds(parse("regex(., 'a*a*a*')"), {}, here="a" * 1001)


def test_a_chain_of_concatenations_cannot_grow_past_the_longest_answer():
    from exchange.surveys.expressions.evaluating import MAX_TEXT

    big = evaluate(parse("concat(" + ", ".join(["${t}"] * 160) + ")"), {"t": "x" * 5000})
    assert len(big) == MAX_TEXT
    bigger = evaluate(parse("string-length(concat(" + ", ".join(["${c}"] * 150) + "))"), {"c": big})
    assert bigger == MAX_TEXT
