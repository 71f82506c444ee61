"""Writing a wave's questionnaire: sections, questions, options, grid items and routing, one by one or whole."""

from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify

from exchange.core.exceptions import ApplicationError

from ...models import Condition, GridItem, Option, Question, QuestionKind, Section, Wave
from ...models.questionnaire import CHOICE_KINDS
from .rules import earlier_codes, rule_dependents, rules_apply
from .specs import ConditionSpec, OptionSpec, QuestionSpec, RulesSpec, SectionSpec

WAVE_LOCKED = "This wave is open or closed, so its questionnaire can no longer change. Copy it to a new wave."
WAVE_HAS_RESPONSES = (
    "This wave already has responses, so its questionnaire can no longer change (an edited question would lose its"
    " answers). Copy it to a new wave."
)
POSITIVE_OUT_OF_BASE = "An answer kept out of the base (such as “don't know”) cannot also count as positive."
OPTIONS_NEEDED = "A choice question needs at least two options."
GRID_ITEMS_NEEDED = "A grid needs at least one item."
CODE_TAKEN = "Another question in this wave already has the code {code}."
FILTER_ON_CHOICES = "Only a choice question can filter its options on earlier answers."
FILTER_SOURCE_LATER = "A choice filter can only use a question asked before this one ({code} is not)."
FILTER_SOURCE_KIND = "A choice filter needs one answer to match: {code} takes several."
SOURCE_LATER = "A question can only be routed on an earlier choice question."
UNKNOWN_OPTION = "Routing on {code} uses an option it does not have: {value}."
RULES_NAME_IT = "The rules of {codes} name this question. Change them first."


def _ensure_editable(wave: Wave) -> None:
    if wave.is_locked:
        raise ApplicationError(WAVE_LOCKED)
    if wave.responses.exists():  # a draft wave with imported responses: its answers hang on its options
        raise ApplicationError(WAVE_HAS_RESPONSES)


def _next_position(queryset) -> int:
    return (queryset.aggregate(top=Max("position"))["top"] or 0) + 1


@transaction.atomic
def section_create(*, wave: Wave, title: str, code: str = "", introduction: str = "") -> Section:
    _ensure_editable(wave)
    position = _next_position(wave.sections.all())
    section = Section(
        wave=wave,
        title=title,
        code=slugify(code or title)[:60] or f"section-{position}",
        position=position,
        introduction=introduction,
    )
    number = position
    while wave.sections.filter(code=section.code).exists():  # a free code, however the others were named
        section.code = f"{slugify(code or title)[:54] or 'section'}-{number}"
        number += 1
    section.full_clean()
    section.save()
    return section


def _check_conditions(wave: Wave, conditions: Sequence[ConditionSpec], position_key) -> list:
    resolved = []
    for spec in conditions:
        source = Question.objects.filter(wave=wave, code=spec.source_code).select_related("section").first()
        if source is None or source.kind not in CHOICE_KINDS - {QuestionKind.LIKERT_GRID}:
            raise ApplicationError(SOURCE_LATER)
        if (source.section.position, source.position) >= position_key:
            raise ApplicationError(SOURCE_LATER)
        known = set(source.options.values_list("code", flat=True))
        for value in spec.values:
            if value not in known:
                raise ApplicationError(UNKNOWN_OPTION.format(code=source.code, value=value))
        resolved.append((source, spec))
    return resolved


@transaction.atomic
def question_create(
    *,
    section: Section,
    code: str,
    kind: str,
    text: str,
    help_text: str = "",
    required: bool = True,
    options: Sequence[OptionSpec] = (),
    grid_items: Sequence[tuple[str, str]] = (),
    conditions: Sequence[ConditionSpec] = (),
    min_value: Decimal | None = None,
    max_value: Decimal | None = None,
    whole_number: bool = True,
    choice_filter: Sequence[tuple[str, str]] = (),
    rules: RulesSpec | None = None,
) -> Question:
    wave = section.wave
    _ensure_editable(wave)
    if Question.objects.filter(wave=wave, code=code).exists():
        raise ApplicationError(CODE_TAKEN.format(code=code))
    question = Question(
        wave=wave,
        section=section,
        position=_next_position(section.questions.all()),
        code=code,
        kind=kind,
        text=text,
        help_text=help_text,
        required=required and kind != QuestionKind.NOTE,  # a note takes no answer (as pyxform ignores `required`)
        min_value=min_value,
        max_value=max_value,
        whole_number=whole_number,
        choice_filter=[list(pair) for pair in choice_filter],
    )
    rules_apply(question=question, rules=rules or RulesSpec(), earlier=earlier_codes(question), options=list(options))
    question.full_clean(validate_unique=False)
    resolved = _check_conditions(wave, conditions, (section.position, question.position))
    _check_choice_filter(wave, kind, choice_filter, (section.position, question.position))
    _check_options(kind, options, grid_items)
    question.save()
    _write_children(question, options, grid_items, resolved)
    return question


def _check_choice_filter(wave: Wave, kind: str, pairs: Sequence[tuple[str, str]], position_key) -> None:
    """A cascading question filters its options on questions asked before it."""
    if pairs and kind not in (QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.LIKERT):
        raise ApplicationError(FILTER_ON_CHOICES)
    for _, source_code in pairs:
        source = Question.objects.filter(wave=wave, code=source_code).select_related("section").first()
        if source is None or (source.section.position, source.position) >= position_key:
            raise ApplicationError(FILTER_SOURCE_LATER.format(code=source_code))
        if source.kind in (QuestionKind.MULTIPLE, QuestionKind.LIKERT_GRID):  # not one answer to match
            raise ApplicationError(FILTER_SOURCE_KIND.format(code=source_code))


def _check_options(kind: str, options: Sequence[OptionSpec], grid_items: Sequence[tuple[str, str]]) -> None:
    if kind in CHOICE_KINDS and len(options) < 2:
        raise ApplicationError(OPTIONS_NEEDED)
    if kind == QuestionKind.LIKERT_GRID and not grid_items:
        raise ApplicationError(GRID_ITEMS_NEEDED)
    codes = [option.code for option in options]
    if len(set(codes)) != len(codes):
        raise ApplicationError("Each option needs its own code.")
    if any(option.is_positive and option.excluded_from_base for option in options):
        raise ApplicationError(POSITIVE_OUT_OF_BASE)
    item_codes = [code for code, _ in grid_items]
    if len(set(item_codes)) != len(item_codes):
        raise ApplicationError("Each grid item needs its own code.")


def _write_children(question: Question, options, grid_items, resolved_conditions) -> None:
    if question.kind in CHOICE_KINDS:
        rows = [
            Option(
                question=question,
                position=index,
                code=spec.code,
                label=spec.label,
                is_positive=spec.is_positive,
                excluded_from_base=spec.excluded_from_base,
                filters=dict(spec.filters),
            )
            for index, spec in enumerate(options, start=1)
        ]
        for row in rows:
            row.full_clean(exclude=["question"], validate_unique=False)
        Option.objects.bulk_create(rows)
    if question.kind == QuestionKind.LIKERT_GRID:
        items = [
            GridItem(question=question, position=index, code=code, text=text)
            for index, (code, text) in enumerate(grid_items, start=1)
        ]
        for item in items:
            item.full_clean(exclude=["question"], validate_unique=False)
        GridItem.objects.bulk_create(items)
    Condition.objects.bulk_create(
        [
            Condition(question=question, source=source, operator=spec.operator, values=list(spec.values))
            for source, spec in resolved_conditions
        ]
    )


@transaction.atomic
def question_update(
    *,
    question: Question,
    text: str,
    help_text: str = "",
    required: bool = True,
    options: Sequence[OptionSpec] = (),
    grid_items: Sequence[tuple[str, str]] = (),
    conditions: Sequence[ConditionSpec] = (),
    min_value: Decimal | None = None,
    max_value: Decimal | None = None,
    whole_number: bool = True,
    rules: RulesSpec | None = None,
) -> Question:
    """Rewrites the question's text, options, items, routing and rules; its code and kind stay."""
    _ensure_editable(question.wave)
    question.text, question.help_text = text, help_text
    question.required = required and question.kind != QuestionKind.NOTE
    question.min_value, question.max_value, question.whole_number = min_value, max_value, whole_number
    rules_apply(question=question, rules=rules or RulesSpec(), earlier=earlier_codes(question), options=list(options))
    question.full_clean(validate_unique=False)
    resolved = _check_conditions(question.wave, conditions, (question.section.position, question.position))
    _check_options(question.kind, options, grid_items)
    removed = set(question.options.values_list("code", flat=True)) - {option.code for option in options}
    for dependent in Condition.objects.filter(source=question):
        if removed & set(dependent.values):
            raise ApplicationError("Another question is routed on an option you removed. Change its routing first.")
    kept = {option.code: tuple(sorted(option.filters.items())) for option in question.options.all()}
    # the pages do not edit a cascading option's filter columns: an option keeps them when its code stays
    options = [replace(option, filters=option.filters or kept.get(option.code, ())) for option in options]
    question.save()
    question.options.all().delete()
    question.grid_items.all().delete()
    question.conditions.all().delete()
    _write_children(question, options, grid_items, resolved)
    return question


@transaction.atomic
def question_delete(*, question: Question) -> None:
    _ensure_editable(question.wave)
    if question.dependents.exists():
        raise ApplicationError("Other questions are routed on this one. Change their routing first.")
    if any(source == question.code for other in question.wave.questions.all() for _, source in other.choice_filter):
        raise ApplicationError("Another question's choices are filtered on this one. Change that question first.")
    if rule_dependents(question):
        raise ApplicationError(RULES_NAME_IT.format(codes=", ".join(q.code for q in rule_dependents(question))))
    question.delete()


@transaction.atomic
def question_move(*, question: Question, direction: int) -> None:
    """Swap with the neighbour above (-1) or below (+1) in the same section. Routing must stay on earlier questions."""
    _ensure_editable(question.wave)
    siblings = list(question.section.questions.order_by("position"))
    index = next(i for i, q in enumerate(siblings) if q.id == question.id)
    other_index = index + direction
    if not 0 <= other_index < len(siblings):
        return
    other = siblings[other_index]
    later, earlier = (other, question) if direction > 0 else (question, other)
    if later.conditions.filter(source=earlier).exists() or any(s == earlier.code for _, s in later.choice_filter):
        raise ApplicationError(f"{later.code} is routed on {earlier.code}, so it must stay after it.")
    if later in rule_dependents(earlier):
        raise ApplicationError(f"{later.code}'s rules name {earlier.code}, so it must stay after it.")
    question.position, other.position = other.position, question.position
    Question.objects.bulk_update([question, other], ["position"])


@transaction.atomic
def sections_create(*, wave: Wave, sections: Sequence[SectionSpec]) -> None:
    """Writes a whole questionnaire (a copied wave's, an imported form's) section by section, in order."""
    for spec in sections:
        try:
            section = section_create(wave=wave, title=spec.title, code=spec.code, introduction=spec.introduction)
        except ValidationError as error:
            raise ApplicationError(" ".join(error.messages), extra={"code": spec.code}) from error
        for question in spec.questions:
            _question_from_spec(section, question)


def _question_from_spec(section, question: QuestionSpec) -> None:
    """One question of a whole questionnaire; a refusal names the question (`extra["code"]`)."""
    try:
        question_create(
            section=section,
            code=question.code,
            kind=question.kind,
            text=question.text,
            help_text=question.help_text,
            required=question.required,
            options=question.options,
            grid_items=question.grid_items,
            conditions=question.conditions,
            min_value=question.min_value,
            max_value=question.max_value,
            whole_number=question.whole_number,
            choice_filter=question.choice_filter,
            rules=question.rules,
        )
    except ValidationError as error:
        message = " ".join(error.messages)
        raise ApplicationError(message, extra={"code": question.code}) from error
    except ApplicationError as error:
        raise ApplicationError(error.message, extra={"code": question.code}) from error
