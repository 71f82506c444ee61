"""Reading an XLSForm expression into a tree, and writing a tree back as text.

The subset: `.` (this answer), `${name}`, numbers, 'strings' and "strings", `+ - * div mod`, `= != < <= > >=`,
`and or`, and the functions of `FUNCTIONS`. A hand-written tokenizer and recursive-descent parser: nothing is ever
passed to `eval`. Anything outside the subset is an `ExpressionError` with one line that says why; no other exception
leaves `parse` (an expression longer than `MAX_LENGTH` or nested deeper than `MAX_DEPTH` is refused too).
"""

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .patterns import pattern_refusal

MAX_LENGTH = 1000
MAX_DEPTH = 40

# name: (fewest arguments, most arguments or None for any number)
FUNCTIONS = {
    "not": (1, 1),
    "selected": (2, 2),
    "count-selected": (1, 1),
    "string-length": (1, 1),
    "regex": (2, 2),
    "if": (3, 3),
    "today": (0, 0),
    "now": (0, 0),
    "date": (1, 1),
    "concat": (1, None),
    "round": (1, 2),
    "int": (1, 1),
    "number": (1, 1),
    "coalesce": (2, 2),
    "true": (0, 0),
    "false": (0, 0),
}
# Lowest binding first; every operator is left-associative
LEVELS = (("or",), ("and",), ("=", "!="), ("<", "<=", ">", ">="), ("+", "-"), ("*", "div", "mod"))
PRECEDENCE = {operator: level for level, operators in enumerate(LEVELS) for operator in operators}
TOKEN = re.compile(
    r"""\s*(?:
    (?P<ref>\$\{(?P<name>[A-Za-z_][A-Za-z0-9_.-]*)\})
    |(?P<number>\d+(?:\.\d*)?|\.\d+)
    |(?P<string>'[^']*'|"[^"]*")
    |(?P<op>!=|<=|>=|=|<|>|\+|-|\*|\(|\)|,)
    |(?P<word>[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z_][A-Za-z0-9_]*)*)
    |(?P<here>\.)
    )""",
    re.VERBOSE | re.ASCII,
)


class ExpressionError(ValueError):
    """An expression outside the subset; the message is one line a form's author can act on."""


@dataclass(frozen=True)
class Number:
    value: Decimal


@dataclass(frozen=True)
class String:
    value: str


@dataclass(frozen=True)
class Here:
    """`.`, the answer being checked."""


@dataclass(frozen=True)
class Ref:
    name: str


@dataclass(frozen=True)
class Negate:
    operand: "Node"


@dataclass(frozen=True)
class Binary:
    operator: str
    left: "Node"
    right: "Node"


@dataclass(frozen=True)
class Call:
    name: str
    arguments: tuple["Node", ...]


Node = Number | String | Here | Ref | Negate | Binary | Call


def _tokens(text: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    position, end = 0, len(text.rstrip())
    while position < end:
        match = TOKEN.match(text, position)
        if not match or match.end() == position:
            raise ExpressionError(f"cannot read {text[position:end].strip()[:20]!r}")
        position = match.end()
        kind = next(kind for kind in ("ref", "number", "string", "op", "word", "here") if match.group(kind) is not None)
        value = match.group("name") if kind == "ref" else match.group(kind)
        if kind == "word" and value in ("and", "or", "div", "mod"):
            kind = "op"
        tokens.append((kind, value))
    return tokens


class _Parser:
    def __init__(self, text: str):
        self.tokens = _tokens(text)
        self.index = 0
        self.depth = 0

    def peek(self) -> tuple[str, str] | tuple[None, None]:
        return self.tokens[self.index] if self.index < len(self.tokens) else (None, None)

    def take(self, value: str) -> None:
        if self.peek()[1] != value or self.peek()[0] not in ("op",):
            found = self.peek()[1]
            raise ExpressionError(f"expected {value!r}, found {found!r}" if found else f"expected {value!r} at the end")
        self.index += 1

    def binary(self, level: int) -> Node:
        if level == len(LEVELS):
            return self.unary()
        node = self.binary(level + 1)
        while self.peek()[0] == "op" and self.peek()[1] in LEVELS[level]:
            operator = str(self.peek()[1])
            self.index += 1
            node = Binary(operator, node, self.binary(level + 1))
        return node

    def unary(self) -> Node:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExpressionError(f"the expression is nested more than {MAX_DEPTH} deep")
        try:
            if self.peek() == ("op", "-"):
                self.index += 1
                return Negate(self.unary())
            return self.primary()
        finally:
            self.depth -= 1

    def primary(self) -> Node:
        kind, value = self.peek()
        if kind is None:
            raise ExpressionError("the expression ends too soon")
        self.index += 1
        if kind == "number":
            return Number(Decimal(value))
        if kind == "string":
            return String(value[1:-1])
        if kind == "ref":
            return Ref(value)
        if kind == "here":
            return Here()
        if (kind, value) == ("op", "("):
            inner = self.binary(0)
            self.take(")")
            return inner
        if kind == "word":
            return self.call(value)
        raise ExpressionError(f"unexpected {value!r}")

    def call(self, name: str) -> Call:
        if name not in FUNCTIONS:
            raise ExpressionError(
                f"{name}() is not supported" if self.peek() == ("op", "(") else f"unexpected {name!r}"
            )
        self.take("(")
        arguments: list[Node] = []
        if self.peek() != ("op", ")"):
            arguments.append(self.binary(0))
            while self.peek() == ("op", ","):
                self.index += 1
                arguments.append(self.binary(0))
        self.take(")")
        fewest, most = FUNCTIONS[name]
        if len(arguments) < fewest or (most is not None and len(arguments) > most):
            wanted = str(fewest) if fewest == most else f"{fewest} or more" if most is None else f"{fewest} to {most}"
            raise ExpressionError(f"{name}() takes {wanted} argument{'s' if wanted != '1' else ''}")
        if name == "regex":
            if not isinstance(arguments[1], String):
                raise ExpressionError("regex() takes its pattern as a 'quoted' string")
            refusal = pattern_refusal(arguments[1].value)
            if refusal:
                raise ExpressionError(refusal)
        if name == "date" and isinstance(arguments[0], String) and not _iso_date(arguments[0].value):
            raise ExpressionError(f"date({arguments[0].value!r}) is not a real date written 'YYYY-MM-DD'")
        return Call(name, tuple(arguments))


def _iso_date(text: str) -> bool:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text, re.ASCII):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def parse(text: str) -> Node:
    """The tree of `text`, or ExpressionError saying why it is outside the subset."""
    text = str(text)
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"the expression is longer than {MAX_LENGTH} characters")
    if not text.strip():
        raise ExpressionError("the expression is empty")
    parser = _Parser(text)
    node = parser.binary(0)
    if parser.peek()[0] is not None:
        raise ExpressionError(f"unexpected {parser.peek()[1]!r}")
    return node


def references(node: Node) -> list[str]:
    """The names `${…}` the expression refers to, each once, in order."""
    found: dict[str, None] = {}
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, Ref):
            found[current.name] = None
        elif isinstance(current, Negate):
            stack.append(current.operand)
        elif isinstance(current, Binary):
            stack += [current.right, current.left]
        elif isinstance(current, Call):
            stack += reversed(current.arguments)
    return list(found)


def uses_here(node: Node) -> bool:
    if isinstance(node, Here):
        return True
    if isinstance(node, Negate):
        return uses_here(node.operand)
    if isinstance(node, Binary):
        return uses_here(node.left) or uses_here(node.right)
    if isinstance(node, Call):
        return any(uses_here(argument) for argument in node.arguments)
    return False


def is_numeric(node: Node) -> bool:
    """Whether the expression's value is always a number (arithmetic, number(), round(), …), so a calculated value
    of it is kept and analysed as a number."""
    if isinstance(node, Number | Negate):
        return True
    if isinstance(node, Binary):
        return node.operator in ("+", "-", "*", "div", "mod")
    if isinstance(node, Call):
        if node.name == "if":
            return is_numeric(node.arguments[1]) and is_numeric(node.arguments[2])
        return node.name in ("count-selected", "string-length", "round", "int", "number")
    return False


def unparse(node: Node) -> str:
    """`node` as text that `parse` reads back to the same tree."""
    if isinstance(node, Number):
        return format(node.value, "f")
    if isinstance(node, String):
        return f'"{node.value}"' if "'" in node.value else f"'{node.value}'"
    if isinstance(node, Here):
        return "."
    if isinstance(node, Ref):
        return f"${{{node.name}}}"
    if isinstance(node, Negate):
        inner = unparse(node.operand)
        return f"-{inner}" if isinstance(node.operand, Number | Ref | Here | Call | Negate) else f"-({inner})"
    if isinstance(node, Binary):
        level = PRECEDENCE[node.operator]
        left, right = unparse(node.left), unparse(node.right)
        if isinstance(node.left, Binary) and PRECEDENCE[node.left.operator] < level:
            left = f"({left})"
        if isinstance(node.right, Binary) and PRECEDENCE[node.right.operator] <= level:
            right = f"({right})"
        return f"{left} {node.operator} {right}"
    return f"{node.name}({', '.join(unparse(argument) for argument in node.arguments)})"
