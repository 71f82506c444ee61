"""Writing a wave as an XLSForm with openpyxl.

Every cell passes through `safe_cell`, so a label such as "=HYPERLINK(...)" is not a live formula in the workbook.
"""

import io

import openpyxl

from exchange.core.spreadsheets import safe_cell

from ...choice_filters import format_choice_filter
from ...models import QuestionKind, Wave
from ...questionnaire import Questionnaire
from .binds import constraint_cell
from .routing import format_relevant


def wave_export_xlsform(*, wave: Wave) -> bytes:
    questionnaire = Questionnaire.load(wave)
    multiple = {q.code for q in questionnaire.questions if q.kind == QuestionKind.MULTIPLE}
    workbook = openpyxl.Workbook()
    survey = workbook.active
    survey.title = "survey"
    survey.append(
        ["type", "name", "label", "hint", "required", "relevant", "appearance", "constraint", *RULE_COLUMNS]
        + ["choice_filter"]
    )
    choices = workbook.create_sheet("choices")
    # a cascading question's options carry the columns its filter matches
    columns = sorted({key for q in questionnaire.questions for o in q.options.all() for key in o.filters})
    choices.append(["list_name", "name", "label", "positive", "exclude_from_base", *columns])
    for section in questionnaire.sections:
        survey.append(["begin_group", section.code, section.title, "", "", "", "", ""])
        for question in questionnaire.questions_by_section[section.id]:
            relevant = format_relevant(
                [(c.source.code, c.operator, tuple(sorted(c.values))) for c in question.conditions.all()], multiple
            )
            required = question.required_if or ("yes" if question.required else "")
            for option in question.options.all():
                choices.append(
                    [
                        question.code,
                        option.code,
                        option.label,
                        "yes" if option.is_positive else "",
                        "yes" if option.excluded_from_base else "",
                        *[option.filters.get(column, "") for column in columns],
                    ]
                )
            if question.kind == QuestionKind.LIKERT_GRID:
                survey.append(["begin_group", question.code, question.text, "", "", relevant, "table-list", ""])
                for item in question.grid_items.all():
                    survey.append([f"select_one {question.code}", item.code, item.text, "", required, "", "", ""])
                survey.append(["end_group", "", "", "", "", "", "", ""])
                continue
            row_type, appearance, constraint = _type_of(question)
            cascade = format_choice_filter([(column, source) for column, source in question.choice_filter])
            survey.append(
                [row_type, question.code, question.text, question.help_text, required, relevant, appearance, constraint]
                + _rules(question)
                + ([cascade] if question.choice_filter else [])
            )
        survey.append(["end_group", "", "", "", "", "", "", ""])
    settings_sheet = workbook.create_sheet("settings")
    settings_sheet.append(["form_title", "form_id", "version"])
    settings_sheet.append(
        [f"{wave.series.title}, {wave.label}", f"{wave.series.slug}_{wave.slug}".replace("-", "_"), "1"]
    )
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                cell.value = safe_cell(cell.value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


RULE_COLUMNS = ["constraint_message", "required_message", "default", "read_only", "calculation"]


def _rules(question) -> list[str]:
    return [
        question.constraint_message,
        question.required_message,
        question.default,
        "yes" if question.readonly else "",
        question.calculation,
    ]


def _type_of(question) -> tuple[str, str, str]:
    if question.kind == QuestionKind.SINGLE:
        return f"select_one {question.code}", "", question.constraint
    if question.kind == QuestionKind.LIKERT:
        return f"select_one {question.code}", "likert", question.constraint
    if question.kind == QuestionKind.MULTIPLE:
        return f"select_multiple {question.code}", "", question.constraint
    if question.kind == QuestionKind.NUMBER:
        constraint = constraint_cell(question.min_value, question.max_value, question.constraint)
        return ("integer" if question.whole_number else "decimal"), "", constraint
    if question.kind == QuestionKind.LONG_TEXT:
        return "text", "multiline", question.constraint
    if question.kind in (QuestionKind.NOTE, QuestionKind.DATE, QuestionKind.TIME, QuestionKind.CALCULATE):
        return str(question.kind), "", question.constraint  # pyxform's type names are ours
    return "text", "", question.constraint
