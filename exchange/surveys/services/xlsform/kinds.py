"""The XLSForm question types that are ours by the same name: `note`, `date` and `time`.

A note takes no answer, so its `required` is ignored (pyxform ignores it too). A date or a time is asked as it is
(a date in day, month and year): an appearance that changes what is asked — a month and year only, a year only,
another calendar — is refused, never dropped; `no-calendar` only changes the phone's widget, so it is taken.
"""

from ...models import QuestionKind
from ..authoring import QuestionSpec
from .spec import Problem

OWN_KINDS = {"note": QuestionKind.NOTE, "date": QuestionKind.DATE, "time": QuestionKind.TIME}
HARMLESS_APPEARANCES = {"no-calendar"}


def own_kind(spec: QuestionSpec, kind: str, appearance: str, row: int | None) -> list[Problem]:
    """Map a `note`, `date` or `time` row onto `spec`; the problems, if its appearance cannot be carried out."""
    spec.kind = OWN_KINDS[kind]
    spec.required = spec.required and spec.kind != QuestionKind.NOTE
    changing = set(str(appearance or "").split()) - HARMLESS_APPEARANCES
    if spec.kind == QuestionKind.NOTE or not changing:
        return []
    asked = "day, month and year" if spec.kind == QuestionKind.DATE else "hours and minutes"
    reason = f"{kind} appearance {' '.join(sorted(changing))!r} is not supported ({kind}s are asked as {asked})"
    return [Problem("survey", row, reason)]
