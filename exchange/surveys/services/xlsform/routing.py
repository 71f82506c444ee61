"""Translating XLSForm `relevant` expressions to and from our routing.

Supported: `${q} = 'x'`, `${q} != 'x'`, `selected(${q}, 'x')`, `not(...)`, and `and`/`or`, as long as the whole
expression is a conjunction of conditions each on one question (an `or` may only join options of one question).
"""

import re
from dataclasses import dataclass

from ...models import ConditionOperator

TOKEN = re.compile(
    r"""\s*(?:(?P<ref>\$\{(?P<name>[A-Za-z_][\w.-]*)\})|(?P<string>'[^']*'|"[^"]*")|(?P<op>!=|=)|(?P<word>and|or|not|selected)\b|(?P<punct>[(),]))"""
)


class RoutingError(ValueError):
    pass


@dataclass(frozen=True)
class Term:
    source: str
    values: frozenset[str]
    positive: bool


def _tokens(expression: str) -> list[tuple[str, str]]:
    tokens, position = [], 0
    expression = expression.strip()
    while position < len(expression):
        match = TOKEN.match(expression, position)
        if not match or match.end() == position:
            raise RoutingError(f"cannot read {expression[position : position + 20]!r}")
        position = match.end()
        for kind in ("ref", "string", "op", "word", "punct"):
            if match.group(kind) is not None:
                value = match.group("name") if kind == "ref" else match.group(kind)
                if kind == "string":
                    value = value[1:-1]
                tokens.append((kind, value))
                break
    return tokens


class _Parser:
    def __init__(self, expression: str):
        self.tokens = _tokens(expression)
        self.index = 0

    def peek(self):
        return self.tokens[self.index] if self.index < len(self.tokens) else (None, None)

    def take(self, kind=None, value=None):
        token = self.peek()
        if token[0] is None or (kind and token[0] != kind) or (value and token[1] != value):
            raise RoutingError(f"expected {value or kind}, found {token[1]!r}")
        self.index += 1
        return token[1]

    def parse(self) -> list[Term]:
        terms = self.or_expression()
        if self.peek()[0] is not None:
            raise RoutingError(f"unexpected {self.peek()[1]!r}")
        return terms

    def or_expression(self) -> list[Term]:
        alternatives = [self.and_expression()]
        while self.peek() == ("word", "or"):
            self.take()
            alternatives.append(self.and_expression())
        if len(alternatives) == 1:
            return alternatives[0]
        flat = [terms[0] for terms in alternatives if len(terms) == 1]
        if len(flat) != len(alternatives) or len({t.source for t in flat}) != 1 or not all(t.positive for t in flat):
            raise RoutingError("'or' may only join options of the same question")
        return [Term(flat[0].source, frozenset().union(*(t.values for t in flat)), True)]

    def and_expression(self) -> list[Term]:
        terms = self.unary()
        while self.peek() == ("word", "and"):
            self.take()
            terms = terms + self.unary()
        return terms

    def unary(self) -> list[Term]:
        kind, value = self.peek()
        if (kind, value) == ("word", "not"):
            self.take()
            self.take("punct", "(")
            inner = self.or_expression()
            self.take("punct", ")")
            if len(inner) != 1 or not inner[0].positive:
                raise RoutingError("not(...) may only hold conditions on one question")
            return [Term(inner[0].source, inner[0].values, False)]
        if (kind, value) == ("punct", "("):
            self.take()
            inner = self.or_expression()
            self.take("punct", ")")
            return inner
        if (kind, value) == ("word", "selected"):
            self.take()
            self.take("punct", "(")
            source = self.take("ref")
            self.take("punct", ",")
            option = self.take("string")
            self.take("punct", ")")
            return [Term(source, frozenset([option]), True)]
        if kind == "ref":
            source = self.take("ref")
            operator = self.take("op")
            option = self.take("string")
            return [Term(source, frozenset([option]), operator == "=")]
        raise RoutingError(f"unexpected {value!r}")


def parse_relevant(expression: str) -> list[tuple[str, str, tuple[str, ...]]]:
    """`relevant` → [(source code, operator, option codes)], AND-ed. Raises RoutingError for anything else."""
    conditions: list[tuple[str, str, tuple[str, ...]]] = []
    for term in _Parser(expression).parse():
        values = tuple(sorted(term.values))
        if not term.positive:
            operator = ConditionOperator.NOT
        elif len(values) == 1:
            operator = ConditionOperator.EQUALS
        else:
            operator = ConditionOperator.ANY_OF
        conditions.append((term.source, operator, values))
    return conditions


def format_relevant(conditions: list[tuple[str, str, tuple[str, ...]]], multiple_sources: set[str]) -> str:
    """Our routing → a `relevant` expression that `parse_relevant` reads back to the same conditions."""
    parts = []
    for source, operator, values in conditions:

        def atom(value: str, source=source) -> str:
            if source in multiple_sources:
                return f"selected(${{{source}}}, '{value}')"
            return f"${{{source}}} = '{value}'"

        joined = " or ".join(atom(value) for value in values)
        if operator == ConditionOperator.NOT:
            parts.append(f"not({joined})")
        elif len(values) > 1:
            parts.append(f"({joined})")
        else:
            parts.append(joined)
    return " and ".join(parts)
