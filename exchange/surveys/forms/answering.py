"""The form a respondent answers: one section of the questionnaire, its fields built from the questions."""

from decimal import Decimal

from django import forms

from ..answers import date_display
from ..choice_filters import FILTERED_OUT, choice_refusal, offered_options
from ..models import Question, QuestionKind
from ..rules import constraint_refusal, default_value, is_required, typed_answers
from .when import DateAnswerField, DateBoxes, TimeAnswerField

TEXT_LIMITS = {QuestionKind.SHORT_TEXT: 500, QuestionKind.LONG_TEXT: 5000}


def plain_number(value: Decimal) -> str:
    return format(value.normalize(), "f")


def grid_field_name(question: Question, item_code: str) -> str:
    return f"{question.code}__{item_code}"


def _choices(question: Question, known: dict) -> list[tuple[str, str]]:
    """The options offered: a cascading question's only those that fit the answers known so far."""
    return [(option.code, option.label) for option in offered_options(question, known)]


def _choice_field(
    question: Question, *, required_message: str, known: dict, multiple: bool = False, **kwargs
) -> forms.Field:
    """Radios for one answer, checkboxes for several, over the question's options."""
    filtered = FILTERED_OUT.format(text=question.text) if question.choice_filter else None
    if multiple:
        return forms.MultipleChoiceField(
            choices=_choices(question, known),
            widget=forms.CheckboxSelectMultiple,
            error_messages={"required": required_message, "invalid_choice": filtered or "Select from the options"},
            **kwargs,
        )
    return forms.ChoiceField(
        choices=_choices(question, known),
        widget=forms.RadioSelect,
        error_messages={"required": required_message, "invalid_choice": filtered or "Select one of the options"},
        **kwargs,
    )


class SectionForm(forms.Form):
    """The asked questions of one section, as NHS.UK radios, checkboxes, inputs and textareas."""

    def __init__(self, *args, questions: list[Question], answers: dict, questionnaire=None, **kwargs):
        """`questionnaire` (a `surveys.questionnaire.Questionnaire`) gives the answers of other pages that the
        questions' rules may name; without it, only this page's."""
        super().__init__(*args, **kwargs)
        self.questions = questions
        self.draft_answers = answers
        self.questionnaire = questionnaire
        self.known = {**answers, **self.posted_answers()}  # what cascading choices are filtered on
        for question in questions:
            if question.kind == QuestionKind.CALCULATE or question.readonly:
                continue  # worked out, or shown as it is: not answered here
            current = answers[question.code] if question.code in answers else default_value(question)
            self._add_fields(question, current)

    def clean(self):
        """The questions' rules, on the answers so far with this page's: a required expression that holds for an
        empty answer, a constraint a given answer breaks, and a cascading choice that does not fit, are errors of
        their field."""
        cleaned = super().clean()
        if any(question.constraint or question.required_if for question in self.questions):
            self._check_rules()
        for question in self.questions:  # a cascading answer fits the answers it depends on, this page's included
            value = cleaned.get(question.code)
            if question.choice_filter and value and question.code not in getattr(self, "skipped", set()):
                refusal = choice_refusal(question, value, {**self.known, **cleaned})
                if refusal and not self.has_error(question.code):
                    self.add_error(question.code, refusal)
        return cleaned

    def _check_rules(self) -> None:
        merged = {**self.draft_answers, **self.answers()}
        questions = self.questionnaire.questions if self.questionnaire is not None else self.questions
        effective = self.questionnaire.effective_answers(merged) if self.questionnaire is not None else merged
        values = typed_answers(questions, effective)
        skipped = getattr(self, "skipped", set())
        for question in self.questions:
            name = question.code
            if name not in self.fields or name in skipped or self.has_error(name):
                continue
            value = merged.get(name)
            if value in (None, "", [], {}):
                if question.required_if and is_required(question, values):
                    self.add_error(name, self.fields[name].error_messages.get("required") or self._missing(question))
                continue
            refusal = constraint_refusal(question, value, values)
            if refusal:
                self.add_error(name, refusal)

    @staticmethod
    def _missing(question: Question) -> str:
        return question.required_message or f"Answer the question: {question.text}"

    def shown_value(self, question: Question) -> str:
        """A read-only question's default as the respondent reads it: an option's label, a date in words."""
        value = default_value(question)
        if value in (None, "", []):
            return "Not given"
        if question.kind in (QuestionKind.SINGLE, QuestionKind.LIKERT, QuestionKind.MULTIPLE):
            labels = {option.code: option.label for option in question.options.all()}
            codes = value if isinstance(value, list) else [value]
            return ", ".join(labels.get(code, code) for code in codes)
        return date_display(value) if question.kind == QuestionKind.DATE else str(value)

    def posted_answers(self) -> dict:
        """Raw choices as sent, before validation, so routing on this same page can be worked out."""
        if not self.is_bound:
            return {}
        posted: dict = {}
        for question in self.questions:
            if question.kind == QuestionKind.MULTIPLE:
                posted[question.code] = self.data.getlist(question.code)
            elif question.kind in (QuestionKind.SINGLE, QuestionKind.LIKERT):
                posted[question.code] = self.data.get(question.code, "")
        return posted

    def skip(self, skipped: set[str]) -> None:
        """Questions not asked after all: not required, and their answers are not kept."""
        self.skipped = skipped
        for _name, field in self.fields.items():
            if field.question.code in skipped:
                field.required = False

    def _add_fields(self, question: Question, current) -> None:
        required = question.required and not question.required_if  # an expression is judged in `clean`
        missing = self._missing(question)
        if question.kind == QuestionKind.NOTE:
            return  # shown in its place, and takes no answer
        if question.kind in (QuestionKind.SINGLE, QuestionKind.LIKERT):
            field = _choice_field(
                question,
                required_message=missing if question.required_message else f"Select an answer: {question.text}",
                known=self.known,
            )
        elif question.kind == QuestionKind.MULTIPLE:
            field = _choice_field(
                question,
                required_message=f"Select at least one answer: {question.text}",
                known=self.known,
                multiple=True,
            )
        elif question.kind == QuestionKind.LIKERT_GRID:
            current = current if isinstance(current, dict) else {}
            for item in question.grid_items.all():
                name = grid_field_name(question, item.code)
                message = question.required_message or f"Select an answer for: {item.text}"
                field = _choice_field(
                    question, required_message=message, known=self.known, label=item.text, required=required
                )
                self.fields[name] = field
                self.fields[name].question = question
                self.initial[name] = current.get(item.code)
            return
        elif question.kind == QuestionKind.NUMBER:
            field = self._number_field(question)
        elif question.kind == QuestionKind.DATE:
            field = DateAnswerField(required_message=f"Enter a date: {question.text}")
        elif question.kind == QuestionKind.TIME:
            field = TimeAnswerField(required_message=f"Enter a time: {question.text}")
        else:
            limit = TEXT_LIMITS[question.kind]
            field = forms.CharField(
                max_length=limit,
                widget=forms.Textarea if question.kind == QuestionKind.LONG_TEXT else forms.TextInput,
                error_messages={"required": missing, "max_length": f"Answer in {limit:,} characters or fewer"},
            )
        field.label = question.text
        field.help_text = question.help_text
        field.required = required
        field.question = question
        if question.required_message:
            field.error_messages["required"] = question.required_message
            if isinstance(field, DateAnswerField):
                field.required_message = question.required_message
        self.fields[question.code] = field
        self.initial[question.code] = current

    def _number_field(self, question: Question) -> forms.Field:
        low, high = question.min_value, question.max_value
        if low is not None and high is not None:
            bounds = f"between {plain_number(low)} and {plain_number(high)}"
        elif low is not None:
            bounds = f"{plain_number(low)} or more"
        elif high is not None:
            bounds = f"{plain_number(high)} or less"
        else:
            bounds = ""
        kind = "a whole number" if question.whole_number else "a number"
        field_class = forms.IntegerField if question.whole_number else forms.DecimalField
        kwargs = {} if question.whole_number else {"max_digits": 12, "decimal_places": 2}
        return field_class(
            min_value=low,
            max_value=high,
            **kwargs,
            error_messages={
                "required": f"Enter {kind}: {question.text}",
                "invalid": f"Enter {kind}" + (f" {bounds}" if bounds else ""),
                "min_value": f"Enter {kind} {bounds}",
                "max_value": f"Enter {kind} {bounds}",
                "max_decimal_places": "Enter a number with no more than 2 decimal places",
            },
        )

    def date_parts(self, code: str) -> dict[str, str]:
        """A date question's three boxes as sent, or as the draft has them."""
        value = self[code].value()
        boxes = value if isinstance(value, list) else DateBoxes().decompress(value)
        return dict(zip(("day", "month", "year"), (box or "" for box in boxes), strict=True))

    def answers(self) -> dict:
        """Cleaned data in the draft's shape, keyed by question code; a note has none."""
        result: dict = {}
        for question in self.questions:
            if question.kind in (QuestionKind.NOTE, QuestionKind.CALCULATE) or question.readonly:
                continue
            if question.code in getattr(self, "skipped", set()):
                result[question.code] = ""
                continue
            if question.kind == QuestionKind.LIKERT_GRID:
                items = {
                    item.code: self.cleaned_data.get(grid_field_name(question, item.code))
                    for item in question.grid_items.all()
                }
                result[question.code] = {code: value for code, value in items.items() if value}
                continue
            value = self.cleaned_data.get(question.code)
            if isinstance(value, int | Decimal):
                value = str(value)
            result[question.code] = value if value is not None else ""
        return result
