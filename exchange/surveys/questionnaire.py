"""The questionnaire of a wave as one loaded object, with routing. Pure reads: nothing here writes.

Answers travel as a dict keyed by question code: an option code (single choice, Likert), a list of option codes
(multiple choice), a dict of grid item code to option code (Likert grid), or a string (number, text, and a date or
a time as ISO text, see `answers`). A note takes no answer and has no key; nor, in a draft, do a calculated value
and a read-only question, which are worked out at submission (`complete_answers`).
"""

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.db.models import Prefetch

from .models import Condition, ConditionOperator, GridItem, Option, Question, QuestionKind, Section, Wave
from .rules import calculated, constraint_refusal, default_value, is_required, typed, typed_answers

Answers = dict[str, Any]  # JSON values, of a shape that depends on the question's kind (see above)


def _chosen(value) -> set[str]:
    if value in (None, "", [], {}):
        return set()
    if isinstance(value, list):
        return {str(item) for item in value}
    return {str(value)}


def condition_holds(condition: Condition, answers: Answers) -> bool:
    chosen = _chosen(answers.get(condition.source.code))
    wanted = set(condition.values)
    if condition.operator in (ConditionOperator.EQUALS, ConditionOperator.ANY_OF):
        return bool(chosen & wanted)
    return not (chosen & wanted)


_LOCKED: dict[tuple, "Questionnaire"] = {}
_LOCKED_LIMIT = 64


@dataclass
class Questionnaire:
    wave: Wave
    sections: list[Section]
    questions_by_section: dict[int, list[Question]] = field(default_factory=dict)

    @classmethod
    def for_wave(cls, wave: Wave) -> "Questionnaire":
        """Loaded once per process for an open or closed wave, whose questionnaire can no longer change; a draft
        wave is always read afresh. The key includes `updated_at`, so a wave reopened for edits is reloaded."""
        if not wave.is_locked:
            return cls.load(wave)
        key = (wave.pk, wave.updated_at)
        cached = _LOCKED.get(key)
        if cached is None:
            cached = cls.load(wave)
            if len(_LOCKED) >= _LOCKED_LIMIT:
                _LOCKED.pop(next(iter(_LOCKED)))
            _LOCKED[key] = cached
        return cached

    @classmethod
    def load(cls, wave: Wave) -> "Questionnaire":
        questions = (
            Question.objects.filter(wave=wave)
            .select_related("section")
            .prefetch_related(
                Prefetch("options", queryset=Option.objects.order_by("position")),
                Prefetch("grid_items", queryset=GridItem.objects.order_by("position")),
                Prefetch("conditions", queryset=Condition.objects.select_related("source")),
            )
            .order_by("section__position", "position")
        )
        sections = list(Section.objects.filter(wave=wave).order_by("position"))
        by_section: dict[int, list[Question]] = {section.id: [] for section in sections}
        for question in questions:
            by_section[question.section_id].append(question)
        return cls(wave=wave, sections=sections, questions_by_section=by_section)

    @cached_property
    def questions(self) -> list[Question]:
        return [question for section in self.sections for question in self.questions_by_section[section.id]]

    @cached_property
    def by_code(self) -> dict[str, Question]:
        return {question.code: question for question in self.questions}

    @cached_property
    def conditions_of(self) -> dict[int, list[Condition]]:
        """Each question's conditions, read once per questionnaire (a locked wave's is kept per process)."""
        return {question.id: list(question.conditions.all()) for question in self.questions}

    @cached_property
    def options_by_code(self) -> dict[int, dict[str, Option]]:
        return {question.id: {option.code: option for option in question.options.all()} for question in self.questions}

    @cached_property
    def grid_items_by_code(self) -> dict[int, dict[str, GridItem]]:
        return {question.id: {item.code: item for item in question.grid_items.all()} for question in self.questions}

    def section(self, code: str) -> Section | None:
        return next((section for section in self.sections if section.code == code), None)

    def _holds(self, question: Question, answers: Answers) -> bool:
        return all(condition_holds(condition, answers) for condition in self.conditions_of[question.id])

    def is_asked(self, question: Question, answers: Answers) -> bool:
        """Asked when every condition holds; a source that was itself not asked counts as unanswered."""
        return self._holds(question, self.effective_answers(answers, upto=question))

    def routing(self, answers: Answers) -> tuple[Answers, set[int]]:
        """In one pass: the answers that count (`effective_answers`) and the ids of the questions asked
        (`is_asked` of each)."""
        kept: Answers = {}
        asked: set[int] = set()
        for question in self.questions:
            if self._holds(question, kept):
                asked.add(question.id)
                if question.code in answers:
                    kept[question.code] = answers[question.code]
        return kept, asked

    def effective_answers(self, answers: Answers, upto: Question | None = None) -> Answers:
        """The answers that count: those to questions that were asked, in questionnaire order."""
        kept: Answers = {}
        for question in self.questions:
            if upto is not None and question.id == upto.id:
                break
            if question.code in answers and self._holds(question, kept):
                kept[question.code] = answers[question.code]
        return kept

    def asked_questions(self, section: Section, answers: Answers) -> list[Question]:
        asked = self.routing(answers)[1]
        return [question for question in self.questions_by_section[section.id] if question.id in asked]

    def questions_on_page(self, section: Section, answers: Answers) -> list[Question]:
        """The section's questions to show: routing on other sections is applied; routing on a question of the
        same page cannot be known until the page is sent, so those questions are shown with their condition."""
        return self._on_page(section, self.effective_answers(answers))

    def _on_page(self, section: Section, effective: Answers) -> list[Question]:
        shown = []
        for question in self.questions_by_section[section.id]:
            if question.kind == QuestionKind.CALCULATE:
                continue  # never shown: worked out at submission
            elsewhere = [c for c in self.conditions_of[question.id] if c.source.section_id != section.id]
            if all(condition_holds(condition, effective) for condition in elsewhere):
                shown.append(question)
        return shown

    def same_page_conditions(self, question: Question) -> list[Condition]:
        return [c for c in self.conditions_of[question.id] if c.source.section_id == question.section_id]

    def sections_to_ask(self, answers: Answers) -> list[Section]:
        effective = self.effective_answers(answers)
        return [section for section in self.sections if self._on_page(section, effective)]

    def next_section(self, after: Section | None, answers: Answers) -> Section | None:
        remaining = self.sections_to_ask(answers)
        if after is None:
            return remaining[0] if remaining else None
        later = [section for section in remaining if section.position > after.position]
        return later[0] if later else None

    def previous_section(self, before: Section, answers: Answers) -> Section | None:
        earlier = [section for section in self.sections_to_ask(answers) if section.position < before.position]
        return earlier[-1] if earlier else None

    def first_unanswered_section(self, answers: Answers) -> Section | None:
        """The first section with a required asked question still unanswered (required by its flag or by its
        expression), or an answer that breaks its question's constraint; None when ready to submit."""
        effective, asked = self.routing(answers)
        values = typed_answers(self.questions, effective)
        for section in self.sections:
            if not self._on_page(section, effective):
                continue
            for question in self.questions_by_section[section.id]:
                if question.id not in asked:
                    continue
                value = effective.get(question.code)
                if is_required(question, values) and not is_answered(question, value):
                    return section
                if constraint_refusal(question, value, values):
                    return section
        return None

    def complete_answers(self, answers: Answers) -> Answers:
        """The answers that count, with each asked read-only question's default and each asked calculated value
        (a Decimal or text), worked out in questionnaire order so that a calculation may use an earlier one; a
        question's routing sees the values worked out before it."""
        effective = self.effective_answers(answers)
        values = typed_answers(self.questions, effective)
        kept: Answers = {}  # `effective_answers` of `effective` as it stands, up to the question
        for question in self.questions:
            asked = self._holds(question, kept)
            if question.readonly or question.kind == QuestionKind.CALCULATE:
                if asked:
                    value = default_value(question) if question.readonly else calculated(question, values)
                    effective[question.code] = value
                    values[question.code] = typed(question, value)
                else:
                    effective.pop(question.code, None)
            if asked and question.code in effective:
                kept[question.code] = effective[question.code]
        return effective


def is_answered(question: Question, value) -> bool:
    if question.kind == QuestionKind.LIKERT_GRID:
        return isinstance(value, dict) and all(value.get(item.code) for item in question.grid_items.all())
    return value not in (None, "", [], {})
