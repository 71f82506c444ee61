"""XLSForm `relevant` expressions and our routing (`services.xlsform.routing`): what is read, what is refused, and
that a written expression reads back to the same conditions."""

import pytest

from exchange.surveys.models import ConditionOperator
from exchange.surveys.services.xlsform.routing import RoutingError, format_relevant, parse_relevant


@pytest.mark.parametrize(
    ("expression", "conditions"),
    [
        ("${info} = 'no'", [("info", ConditionOperator.EQUALS, ("no",))]),
        ("${info} != 'yes'", [("info", ConditionOperator.NOT, ("yes",))]),
        ("not(${info} = 'yes' or ${info} = 'dk')", [("info", ConditionOperator.NOT, ("dk", "yes"))]),
        (
            "selected(${why}, 'price') or selected(${why}, 'busy')",
            [("why", ConditionOperator.ANY_OF, ("busy", "price"))],
        ),
        (
            "${info} = 'no' and selected(${why}, 'price')",
            [("info", ConditionOperator.EQUALS, ("no",)), ("why", ConditionOperator.EQUALS, ("price",))],
        ),
    ],
)
def test_a_supported_expression_is_read_as_conditions(expression, conditions):
    assert parse_relevant(expression) == conditions


@pytest.mark.parametrize(
    "expression",
    ["${info} = 'no' or ${why} = 'price'", "not(${info} = 'no' and ${why} = 'price')", "${staff} > 3", "${info} ="],
)
def test_an_expression_our_routing_cannot_hold_is_refused(expression):
    with pytest.raises(RoutingError):
        parse_relevant(expression)


def test_a_written_expression_reads_back_to_the_same_conditions():
    conditions = [
        ("info", ConditionOperator.NOT, ("dk", "yes")),
        ("why", ConditionOperator.ANY_OF, ("busy", "price")),
        ("rating", ConditionOperator.EQUALS, ("good",)),
    ]
    assert parse_relevant(format_relevant(conditions, multiple_sources={"why"})) == conditions
