"""A question's rules as XLSForm expressions (constraint, required expression, calculation), its messages, its
default and whether it is read-only: checked and set on the question before it is saved."""

from decimal import Decimal, InvalidOperation

from exchange.core.exceptions import ApplicationError

from ...answers import date_from_iso, time_from_iso
from ...expressions import parse, references
from ...models import Question, QuestionKind
from ...rules import expression_refusal
from .specs import OptionSpec, RulesSpec

CALCULATION_NEEDED = "A calculated value needs a calculation."
CALCULATION_ONLY = "Only a calculated value has a calculation."
NO_RULES_HERE = "A {kind} takes no answer, so it has no constraint, required rule, default or read-only setting."
BAD_EXPRESSION = "The {what} cannot be used: {reason}."
BAD_DEFAULT = "The default {value!r} is not a possible answer to this question."
NO_DEFAULT_HERE = "A grid question cannot have a default."
CONSTRAINT_NOT_ON_GRID = "A grid question cannot have a constraint."
NO_CALCULATED_IN_RULES = "The {what} cannot name a calculated value ({code}): it is worked out only at submission."
NO_WHEN_IN_CALCULATION = (
    "A calculation cannot use a date or a time ({code}): its result would publish them exactly, which a confidential "
    "wave never does."
)


def _names_checked(question: Question, rules: RulesSpec) -> None:
    """A constraint or required rule sees the answers given, so it cannot name a calculated value; a calculation
    cannot carry a date or a time (directly or through another calculation) into a number that exports and results
    would show exactly."""
    texts = {"constraint": rules.constraint, "required rule": rules.required_if, "calculation": rules.calculation}
    named = {what: references(parse(text.strip())) for what, text in texts.items() if text.strip()}
    if not named:
        return
    kinds = dict(question.wave.questions.values_list("code", "kind"))
    calculations = dict(question.wave.questions.filter(kind=QuestionKind.CALCULATE).values_list("code", "calculation"))
    for what in ("constraint", "required rule"):
        code = next((c for c in named.get(what, []) if kinds.get(c) == QuestionKind.CALCULATE), None)
        if code:
            raise ApplicationError(NO_CALCULATED_IN_RULES.format(what=what, code=code))
    seen, pending = set(), list(named.get("calculation", []))
    while pending:  # through calculations that name calculations
        code = pending.pop()
        if code in seen:
            continue
        seen.add(code)
        if kinds.get(code) in (QuestionKind.DATE, QuestionKind.TIME):
            raise ApplicationError(NO_WHEN_IN_CALCULATION.format(code=code), extra={"field": "calculation"})
        if code in calculations:
            pending += references(parse(calculations[code]))


def rules_apply(*, question: Question, rules: RulesSpec, earlier: list[str], options: list[OptionSpec]) -> None:
    """Set `rules` on `question` (not saved), or ApplicationError saying what is wrong. `earlier` are the codes of
    the questions before it, which its expressions may name."""
    kind = question.kind
    if kind == QuestionKind.CALCULATE and not rules.calculation.strip():
        raise ApplicationError(CALCULATION_NEEDED)
    if kind != QuestionKind.CALCULATE and rules.calculation.strip():
        raise ApplicationError(CALCULATION_ONLY)
    answered = any(
        (rules.constraint, rules.constraint_message, rules.required_message, rules.required_if, rules.default)
    )
    if kind in (QuestionKind.NOTE, QuestionKind.CALCULATE) and (answered or rules.readonly):
        raise ApplicationError(NO_RULES_HERE.format(kind=QuestionKind(kind).label.split(" (")[0].lower()))
    if kind == QuestionKind.LIKERT_GRID and rules.default:
        raise ApplicationError(NO_DEFAULT_HERE)
    if kind == QuestionKind.LIKERT_GRID and rules.constraint:
        raise ApplicationError(CONSTRAINT_NOT_ON_GRID)
    for what, name, text, here in (
        ("constraint", "constraint", rules.constraint, True),
        ("required rule", "required_if", rules.required_if, False),
        ("calculation", "calculation", rules.calculation, False),
    ):
        if text.strip():
            reason = expression_refusal(text.strip(), earlier=earlier, here=here)
            if reason:
                raise ApplicationError(BAD_EXPRESSION.format(what=what, reason=reason), extra={"field": name})
    _names_checked(question, rules)
    if rules.default.strip() and not default_fits(kind, rules.default.strip(), question.whole_number, options):
        raise ApplicationError(BAD_DEFAULT.format(value=rules.default.strip()), extra={"field": "default"})
    question.constraint = rules.constraint.strip()
    question.constraint_message = rules.constraint_message.strip()
    question.required_message = rules.required_message.strip()
    question.required_if = rules.required_if.strip()
    question.default = rules.default.strip()
    question.readonly = rules.readonly
    question.calculation = rules.calculation.strip()
    if kind == QuestionKind.CALCULATE or rules.readonly:
        question.required = False


def default_fits(kind: str, value: str, whole_number: bool, options: list[OptionSpec]) -> bool:
    """Whether `value` is a possible answer of the kind: an option code (codes separated by spaces for a multiple
    choice), a number, a date "YYYY-MM-DD", a time "HH:MM", or text."""
    codes = {option.code for option in options}
    if kind in (QuestionKind.SINGLE, QuestionKind.LIKERT):
        return value in codes
    if kind == QuestionKind.MULTIPLE:
        return bool(value.split()) and set(value.split()) <= codes
    if kind == QuestionKind.NUMBER:
        try:
            number = Decimal(value)
        except InvalidOperation:
            return False
        return number.is_finite() and (not whole_number or number == number.to_integral_value())
    if kind == QuestionKind.DATE:
        return date_from_iso(value) is not None
    if kind == QuestionKind.TIME:
        return time_from_iso(value) is not None
    return True


def rules_of(question: Question) -> RulesSpec:
    return RulesSpec(
        constraint=question.constraint,
        constraint_message=question.constraint_message,
        required_message=question.required_message,
        required_if=question.required_if,
        default=question.default,
        readonly=question.readonly,
        calculation=question.calculation,
    )


def rule_dependents(question: Question) -> list[Question]:
    """The other questions of the wave whose expressions name `question`."""
    mark = "${" + question.code + "}"
    return [
        other
        for other in question.wave.questions.exclude(pk=question.pk)
        if any(mark in text for text in (other.constraint, other.required_if, other.calculation))
    ]


def earlier_codes(question: Question) -> list[str]:
    """The codes of the questions before `question` in its wave, which its expressions may name."""
    key = (question.section.position, question.position)
    return [
        code
        for code, section_position, position in question.wave.questions.values_list(
            "code", "section__position", "position"
        )
        if (section_position, position) < key
    ]
