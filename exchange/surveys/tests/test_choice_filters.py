"""Cascading choices (`surveys.choice_filters`): the filters real forms use are read, anything else is refused with
one clear reason, and an option is offered only when every earlier answer it depends on matches."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exchange.surveys.choice_filters import format_choice_filter, option_fits, parse_choice_filter


@pytest.mark.parametrize(
    ("expression", "pairs"),
    [
        ("ccg=${ccg}", [("ccg", "ccg")]),
        ("ccg = ${ccg} and size=${size}", [("ccg", "ccg"), ("size", "size")]),
        ("${region} = region", [("region", "region")]),
        ("name=${earlier}", [("name", "earlier")]),
    ],
)
def test_the_filters_of_cascading_selects_are_read(expression, pairs):
    assert parse_choice_filter(expression) == pairs
    assert parse_choice_filter(format_choice_filter(pairs)) == pairs


@pytest.mark.parametrize(
    "expression",
    ["", "ccg != ${ccg}", "starts-with(name, ${q})", "ccg=${ccg} or size=${size}", "ccg='lancs'", "${a}=${b}"],
)
def test_any_other_filter_is_refused_with_its_reason(expression):
    with pytest.raises(ValueError, match="is not supported"):
        parse_choice_filter(expression)


@given(st.text(max_size=60))
def test_no_text_makes_the_parser_raise_anything_but_a_refusal(text):
    try:
        parse_choice_filter(text)
    except ValueError as error:
        assert "is not supported" in str(error)


def test_an_option_is_offered_only_when_every_answer_it_depends_on_matches():
    pairs = [("ccg", "ccg"), ("size", "size")]
    assert option_fits("p1", {"ccg": "00R", "size": "big"}, pairs, {"ccg": "00R", "size": "big"})
    assert not option_fits("p1", {"ccg": "00R", "size": "big"}, pairs, {"ccg": "00R", "size": "small"})
    assert not option_fits("p1", {"ccg": "00R"}, pairs, {"ccg": "00R", "size": "big"}), "a missing column fits nothing"
    assert option_fits("p1", {"ccg": "00R"}, pairs, {"ccg": "00R"}), "an unanswered question filters nothing out"
    assert option_fits("a", {}, [("name", "first")], {"first": "a"})
