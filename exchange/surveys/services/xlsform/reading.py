"""Reading an XLSForm with pyxform and mapping every row to our questionnaire.

Each construct we cannot represent is listed as a `Problem` (sheet, row, reason); if there is any, nothing is
imported. Cells escaped on export (`safe_cell`) are unescaped here, so a form survives export and re-import unchanged.
"""

import logging
import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction

from exchange.core.exceptions import ApplicationError
from exchange.core.spreadsheets import unescape_cell

from ...models import QuestionKind, SurveySeries, Wave
from ..authoring import ConditionSpec, OptionSpec, QuestionSpec, SectionSpec, sections_create, wave_create
from .kinds import OWN_KINDS, own_kind
from .routing import RoutingError, parse_relevant
from .spec import FormSpec, Problem, XLSFormError
from .workbook import Workbook, form_languages, workbook_read

logger = logging.getLogger(__name__)

TRUE_VALUES = {"yes", "true", "true()", "1", "y"}
GRID_MARKER = "reserved_name_for_field_list_labels"
BOUND = r"^\.\s*(>=|<=)\s*(-?\d+(?:\.\d+)?)$"


def _truthy(value) -> bool:
    return str(value or "").strip().lower() in TRUE_VALUES


# Bind and question attributes a form may carry that this importer does not carry out: refused, never dropped
UNSUPPORTED_BIND = {
    "readonly": "read-only questions are not supported",
    "calculate": "calculations are not supported",
    "jr:constraintMsg": "constraint messages are not supported",
    "jr:requiredMsg": "required messages are not supported",
}


class _Reader:
    def __init__(self, workbook: Workbook, language: str | None = None):
        self.rows = workbook.survey_rows
        self.problems: list[Problem] = []
        self.kinds: dict[str, str] = {}
        self.choices = workbook.form.get("choices") or {}
        languages = list(form_languages(workbook.form, {}))
        default = workbook.form.get("default_language")
        self.languages = languages
        self.language = language or (default if default in languages else languages[0] if languages else None)
        if language and language not in languages:
            self.problems.append(Problem("settings", None, f"the form has no labels in {language!r}"))

    def row(self, name: str) -> int | None:
        """The question's row; for the text question pyxform adds after an `or_other` choice, its question's row."""
        return self.rows.get(name) or self.rows.get(name.removesuffix("_other"))

    def text(self, value, row: int | None, what: str) -> str:
        """A label or hint in the chosen language (a single `label::English` column is simply the label)."""
        if isinstance(value, dict):
            value = value.get(self.language) or ""
        return unescape_cell(str(value or "").strip())

    def form(self, data: dict) -> FormSpec:
        sections: list[SectionSpec] = []
        loose: SectionSpec | None = None
        for child in data.get("children", []):
            kind = child.get("type")
            if kind == "group" and child.get("name") == "meta":
                continue  # pyxform's own instanceID block
            if kind == "group" and self._is_grid(child):
                question = self.grid(child)
                title = question.text if question else child["name"]
                sections.append(SectionSpec(code=child["name"], title=title, questions=[question] if question else []))
                loose = None
            elif kind == "group":
                sections.append(self.section(child))
                loose = None
            else:
                if loose is None:
                    loose = SectionSpec(code=f"part-{len(sections) + 1}", title="Questions")
                    sections.append(loose)
                question = self.question(child)
                if question:
                    loose.questions.append(question)
        sections = [section for section in sections if section.questions]
        if not sections and not self.problems:
            self.problems.append(Problem("survey", None, "the form has no questions"))
        return FormSpec(title=self.text(data.get("title"), None, "the title"), sections=sections)

    @staticmethod
    def _is_grid(group: dict) -> bool:
        return any(str(child.get("name", "")).startswith(GRID_MARKER) for child in group.get("children", []))

    def section(self, group: dict) -> SectionSpec:
        section = SectionSpec(
            code=group["name"],
            title=self.text(group.get("label") or group["name"], self.row(group["name"]), "the label"),
        )
        for child in group.get("children", []):
            if child.get("type") == "group":
                if self._is_grid(child):
                    question = self.grid(child)
                else:
                    self.problems.append(
                        Problem(
                            "survey",
                            self.row(child["name"]),
                            "groups inside groups are not supported (use a table-list group for a grid)",
                        )
                    )
                    question = None
            else:
                question = self.question(child)
            if question:
                section.questions.append(question)
        return section

    def grid(self, group: dict) -> QuestionSpec | None:
        name = group["name"]
        row = self.row(name)
        items = [
            c
            for c in group["children"]
            if not str(c.get("name", "")).startswith(GRID_MARKER) and c.get("type") != "note"
        ]
        label_note = next((c for c in group["children"] if c.get("type") == "note"), None)
        if not items or any(item.get("type") != "select one" for item in items):
            self.problems.append(
                Problem("survey", row, "a table-list group must hold only select_one questions on one list")
            )
            return None
        lists = {item.get("itemset") or item.get("list_name") for item in items}
        if len(lists) != 1:
            self.problems.append(Problem("survey", row, "every row of a grid must use the same choice list"))
            return None
        first = items[0]
        self.kinds[name] = QuestionKind.LIKERT_GRID
        return QuestionSpec(
            code=name,
            kind=QuestionKind.LIKERT_GRID,
            text=self.text((label_note or {}).get("label") or group.get("label") or name, row, "the label"),
            required=_truthy(first.get("bind", {}).get("required")),
            options=self.options(first, row),
            grid_items=[
                (item["name"], self.text(item.get("label"), self.row(item["name"]), "the label")) for item in items
            ],
            conditions=self.conditions(group, row),
        )

    def question(self, node: dict) -> QuestionSpec | None:
        name, kind = node.get("name", ""), node.get("type")
        row = self.row(name)
        appearance = (node.get("control") or {}).get("appearance", "")
        bind = node.get("bind") or {}
        spec = QuestionSpec(
            code=name,
            kind="",
            text=self.text(node.get("label"), row, "the label"),
            help_text=self.text(node.get("hint"), row, "the hint"),
            required=_truthy(bind.get("required")),
        )
        if kind == "select one":
            spec.kind = QuestionKind.LIKERT if appearance == "likert" else QuestionKind.SINGLE
            spec.options = self.options(node, row)
        elif kind == "select all that apply":
            spec.kind = QuestionKind.MULTIPLE
            spec.options = self.options(node, row)
        elif kind in ("integer", "decimal"):
            spec.kind = QuestionKind.NUMBER
            spec.whole_number = kind == "integer"
            self.bounds(spec, bind.get("constraint", ""), row)
        elif kind == "text":
            spec.kind = QuestionKind.LONG_TEXT if appearance == "multiline" else QuestionKind.SHORT_TEXT
        elif kind in OWN_KINDS:  # note, date, time
            self.problems += own_kind(spec, kind, appearance, row)
        else:
            self.problems.append(Problem("survey", row, f"question type {kind!r} is not supported"))
            return None
        if bind.get("constraint") and spec.kind != QuestionKind.NUMBER:
            self.problems.append(Problem("survey", row, "constraints are only supported on numbers"))
        self.unsupported(node, bind, row)
        if not spec.text:
            self.problems.append(Problem("survey", row, "the question has no label"))
        spec.conditions = self.conditions(node, row)
        self.kinds[name] = spec.kind
        return spec

    def unsupported(self, node: dict, bind: dict, row: int | None) -> None:
        """What the question asks for that this importer would otherwise drop: each refused in its own line."""
        for attribute, reason in UNSUPPORTED_BIND.items():
            if bind.get(attribute) and not (attribute == "readonly" and not _truthy(bind[attribute])):
                self.problems.append(Problem("survey", row, reason))
        required = str(bind.get("required") or "").strip().lower()
        if required and required not in TRUE_VALUES | {"no", "false", "false()", "0", "n"}:
            reason = f"required {bind['required']!r} is an expression, which is not supported"
            self.problems.append(Problem("survey", row, reason))
        if node.get("default") not in (None, ""):
            self.problems.append(Problem("survey", row, "default answers are not supported"))

    def options(self, node: dict, row: int | None) -> list[OptionSpec]:
        if node.get("choice_filter"):
            self.problems.append(Problem("survey", row, "choice filters are not supported"))
        # pyxform lists a question's choices inline, or (randomised, filtered) in the form's choice lists
        choices = node.get("choices") or self.choices.get(node.get("itemset") or node.get("list_name") or "") or []
        return [
            OptionSpec(
                code=str(choice["name"]),
                # a choice without a label shows its name, as in ODK (pyxform only warns)
                label=self.text(choice.get("label"), row, "a choice label") or str(choice["name"]),
                is_positive=_truthy(choice.get("positive")),
                excluded_from_base=_truthy(choice.get("exclude_from_base")),
            )
            for choice in choices
        ]

    def bounds(self, spec: QuestionSpec, constraint: str, row: int | None) -> None:
        if not constraint:
            return
        for part in re.split(r"\s+and\s+", constraint.strip()):
            match = re.match(BOUND, part.strip())
            if not match:
                self.problems.append(
                    Problem("survey", row, f"constraint {constraint!r} is not supported (use '. >= a and . <= b')")
                )
                return
            try:
                value = Decimal(match.group(2))
            except InvalidOperation:
                self.problems.append(Problem("survey", row, f"bound {match.group(2)!r} is not a number"))
                return
            if match.group(1) == ">=":
                spec.min_value = value
            else:
                spec.max_value = value

    def conditions(self, node: dict, row: int | None) -> list[ConditionSpec]:
        expression = (node.get("bind") or {}).get("relevant", "")
        if not expression:
            return []
        expression = re.sub(r"\.\./([A-Za-z_][\w.-]*)", r"${\1}", expression)  # pyxform's own paths (or_other)
        try:
            parsed = parse_relevant(expression)
        except RoutingError as error:
            self.problems.append(Problem("survey", row, f"relevant {expression!r} cannot be represented: {error}"))
            return []
        for source, _, _ in parsed:
            if self.kinds.get(source) not in (QuestionKind.SINGLE, QuestionKind.LIKERT, QuestionKind.MULTIPLE):
                self.problems.append(
                    Problem("survey", row, f"relevant refers to {source!r}, which is not an earlier choice question")
                )
                return []
        return [ConditionSpec(source, operator, values) for source, operator, values in parsed]


def _unique(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))


def read_xlsform(data: bytes, *, language: str | None = None) -> FormSpec:
    """The questionnaire of an XLSForm (labels in `language`, by default the form's default language or its
    first), or XLSFormError listing each problem once. Nothing but XLSFormError leaves here."""
    workbook = workbook_read(data)
    reader = _Reader(workbook, language)
    if reader.problems:  # no such language: nothing else is worth saying
        raise XLSFormError(reader.problems)
    try:
        spec = reader.form(workbook.form)
    except Exception as error:  # a shape of pyxform's JSON this reader does not know: refused, and logged
        logger.exception("XLSForm mapping failed")
        raise XLSFormError(
            [Problem("survey", None, f"the form uses something this importer cannot read ({type(error).__name__})")]
        ) from error
    if reader.problems:
        raise XLSFormError(_unique(reader.problems))
    spec.language = reader.language if len(reader.languages) > 1 else None
    spec.rows = reader.rows
    return spec


@transaction.atomic
def wave_import_xlsform(
    *, series: SurveySeries, label: str, data: bytes, confidentiality: str, language: str | None = None
) -> Wave:
    """A new wave from an XLSForm. Refusals are XLSFormError (the form) or ApplicationError (the wave), nothing
    else, and nothing is saved."""
    spec = read_xlsform(data, language=language)
    try:
        wave = wave_create(series=series, label=label, confidentiality=confidentiality)
    except ValidationError as error:
        raise ApplicationError(" ".join(error.messages)) from error
    try:
        sections_create(wave=wave, sections=spec.sections)
    except ApplicationError as error:  # a rule of our questionnaires the form breaks: at the question's row
        code = str(error.extra.get("code", ""))
        raise XLSFormError([Problem("survey", spec.rows.get(code), f"{code}: {error.message}")]) from error
    return wave
