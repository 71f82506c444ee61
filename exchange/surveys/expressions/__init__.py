"""XLSForm expressions (constraints, `required` conditions, calculations): `parsing` reads and writes them,
`evaluating` carries them out on typed answers, `patterns` guards `regex()`."""

from .evaluating import boolean, evaluate, holds, is_empty, number, string
from .parsing import ExpressionError, Node, is_numeric, parse, references, unparse, uses_here

__all__ = [
    "ExpressionError",
    "Node",
    "boolean",
    "evaluate",
    "holds",
    "is_empty",
    "is_numeric",
    "number",
    "parse",
    "references",
    "string",
    "unparse",
    "uses_here",
]
