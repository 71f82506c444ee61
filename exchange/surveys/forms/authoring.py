"""Forms for writing questionnaires. Options, grid items and routing are typed one per line, so an analyst can
paste a list from a document; each line is checked and a bad one is named."""

import re

from django import forms

from ..expressions import ExpressionError, parse
from ..models import ConditionOperator, QuestionKind
from ..services.authoring import ConditionSpec, OptionSpec

CODE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
OPTION_FLAGS = {"positive", "excluded"}


class SectionForm(forms.Form):
    title = forms.CharField(label="Section title", max_length=200, error_messages={"required": "Enter a section title"})
    introduction = forms.CharField(
        label="Introduction (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class QuestionForm(forms.Form):
    code = forms.CharField(
        label="Question code",
        max_length=64,
        help_text="Letters, numbers and underscores. Keep the same code in every wave to compare years.",
        error_messages={"required": "Enter a question code"},
    )
    kind = forms.ChoiceField(label="Type of question", choices=QuestionKind.choices)
    text = forms.CharField(
        label="Question",
        max_length=500,
        help_text="For a note, the text shown to respondents in its place.",
        error_messages={"required": "Enter the question"},
    )
    help_text = forms.CharField(label="Help text (optional)", max_length=500, required=False)
    required = forms.BooleanField(label="An answer is required (a note never takes one)", required=False, initial=True)
    options = forms.CharField(
        label="Options (choice, Likert and grid questions)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="One per line: code | label, then | positive or | excluded if they apply. "
        "For example: agree | Agree | positive, or dk | Don't know | excluded",
    )
    grid_items = forms.CharField(
        label="Grid items (grid questions)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One per line: code | statement",
    )
    routing = forms.CharField(
        label="Ask only if (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One condition per line, all must hold: "
        "code equals option, code any_of option,option, or code not option",
    )
    min_value = forms.DecimalField(label="Smallest number allowed (optional)", required=False)
    max_value = forms.DecimalField(label="Largest number allowed (optional)", required=False)
    whole_number = forms.BooleanField(label="Whole numbers only", required=False, initial=True)
    constraint = forms.CharField(
        label="Rule the answer must meet (optional)",
        max_length=1000,
        required=False,
        help_text="An XLSForm constraint, for example: string-length(.) <= 10, or . <= today(). "
        "Use . for this answer and ${code} for an earlier question's.",
    )
    constraint_message = forms.CharField(
        label="Message when the rule is not met (optional)", max_length=500, required=False
    )
    required_message = forms.CharField(
        label="Message when the question is left unanswered (optional)", max_length=500, required=False
    )
    required_if = forms.CharField(
        label="Required only when (optional)",
        max_length=1000,
        required=False,
        help_text="An XLSForm expression on earlier questions, for example: ${role} = 'gp'. "
        "When set, it decides whether an answer is required.",
    )
    default = forms.CharField(
        label="Default answer (optional)",
        max_length=500,
        required=False,
        help_text="Shown filled in. An option code (codes separated by spaces for multiple choice), a number, "
        "a date as YYYY-MM-DD or a time as HH:MM.",
    )
    readonly = forms.BooleanField(label="Read-only: shown with its default, not answered", required=False)
    calculation = forms.CharField(
        label="Calculation (calculated values only)",
        max_length=1000,
        required=False,
        help_text="Worked out from earlier answers when the response is submitted, for example: ${staff} * 2",
    )

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            self.fields["code"].disabled = True
            self.fields["kind"].disabled = True

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        if not CODE.match(code):
            raise forms.ValidationError(
                "The code must start with a letter and use only letters, numbers and underscores"
            )
        return code

    def clean_options(self) -> list[OptionSpec]:
        result = []
        for number, line in enumerate(self._lines("options"), start=1):
            parts = [part.strip() for part in line.split("|")]
            if len(parts) < 2 or not CODE.match(parts[0]) or not parts[1]:
                raise forms.ValidationError(f"Option line {number} must be code | label")
            flags = {flag.lower() for flag in parts[2:] if flag}
            if flags - OPTION_FLAGS:
                raise forms.ValidationError(f"Option line {number}: use only 'positive' or 'excluded' after the label")
            result.append(OptionSpec(parts[0], parts[1], "positive" in flags, "excluded" in flags))
        return result

    def clean_grid_items(self) -> list[tuple[str, str]]:
        result = []
        for number, line in enumerate(self._lines("grid_items"), start=1):
            parts = [part.strip() for part in line.split("|", 1)]
            if len(parts) != 2 or not CODE.match(parts[0]) or not parts[1]:
                raise forms.ValidationError(f"Grid item line {number} must be code | statement")
            result.append((parts[0], parts[1]))
        return result

    def clean_routing(self) -> list[ConditionSpec]:
        result = []
        for number, line in enumerate(self._lines("routing"), start=1):
            parts = line.split(None, 2)
            if len(parts) != 3 or parts[1] not in ConditionOperator.values:
                raise forms.ValidationError(
                    f"Routing line {number} must be: code equals option, code any_of a,b, or code not a"
                )
            values = tuple(value.strip() for value in parts[2].split(",") if value.strip())
            result.append(ConditionSpec(parts[0], parts[1], values))
        return result

    def clean_constraint(self) -> str:
        return _expression(self.cleaned_data["constraint"])

    def clean_required_if(self) -> str:
        return _expression(self.cleaned_data["required_if"])

    def clean_calculation(self) -> str:
        return _expression(self.cleaned_data["calculation"])

    def _lines(self, name: str) -> list[str]:
        return [line.strip() for line in (self.cleaned_data.get(name) or "").splitlines() if line.strip()]


def _expression(text: str) -> str:
    text = text.strip()
    if text:
        try:
            parse(text)
        except ExpressionError as error:
            raise forms.ValidationError(f"This expression cannot be used: {error}") from None
    return text


def question_initial(question) -> dict:
    def option_line(option) -> str:
        flags = (" | positive" if option.is_positive else "") + (" | excluded" if option.excluded_from_base else "")
        return f"{option.code} | {option.label}{flags}"

    return {
        "code": question.code,
        "kind": question.kind,
        "text": question.text,
        "help_text": question.help_text,
        "required": question.required,
        "options": "\n".join(option_line(o) for o in question.options.all()),
        "grid_items": "\n".join(f"{i.code} | {i.text}" for i in question.grid_items.all()),
        "routing": "\n".join(f"{c.source.code} {c.operator} {','.join(c.values)}" for c in question.conditions.all()),
        "min_value": question.min_value,
        "max_value": question.max_value,
        "whole_number": question.whole_number,
        "constraint": question.constraint,
        "constraint_message": question.constraint_message,
        "required_message": question.required_message,
        "required_if": question.required_if,
        "default": question.default,
        "readonly": question.readonly,
        "calculation": question.calculation,
    }
