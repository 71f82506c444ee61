"""Reading an XLSForm with pyxform and mapping every row to our questionnaire.

Each construct we cannot represent is listed as a `Problem` (sheet, row, reason); if there is any, nothing is
imported. Cells escaped on export (`safe_cell`) are unescaped here, so a form survives export and re-import unchanged.
"""

import re
import tempfile
from decimal import Decimal, InvalidOperation
from pathlib import Path

import openpyxl
from django.db import transaction
from pyxform.errors import PyXFormError
from pyxform.xls2json import parse_file_to_json

from exchange.core.spreadsheets import unescape_cell

from ...models import QuestionKind, SurveySeries, Wave
from ..authoring import ConditionSpec, OptionSpec, QuestionSpec, SectionSpec, sections_create, wave_create
from .routing import RoutingError, parse_relevant
from .spec import FormSpec, Problem, XLSFormError

TRUE_VALUES = {"yes", "true", "true()", "1", "y"}
GRID_MARKER = "reserved_name_for_field_list_labels"
BOUND = r"^\.\s*(>=|<=)\s*(-?\d+(?:\.\d+)?)$"


def _truthy(value) -> bool:
    return str(value or "").strip().lower() in TRUE_VALUES


def _rows_by_name(path: Path) -> dict[str, int]:
    """The survey sheet's row number for each name, so problems point at a row a person can find."""
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    rows: dict[str, int] = {}
    if "survey" in workbook.sheetnames:
        sheet = workbook["survey"]
        header = None
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if header is None:
                header = [str(v or "").strip().lower() for v in values]
                continue
            if "name" in header:
                name = values[header.index("name")]
                if name:
                    rows.setdefault(str(name).strip(), number)
    workbook.close()
    return rows


def _text(value, problems: list[Problem], row: int | None, what: str) -> str:
    if isinstance(value, dict):
        problems.append(Problem("survey", row, f"{what} has translations, which are not supported"))
        return ""
    return unescape_cell(str(value or "").strip())


class _Reader:
    def __init__(self, rows: dict[str, int]):
        self.rows = rows
        self.problems: list[Problem] = []
        self.kinds: dict[str, str] = {}

    def row(self, name: str) -> int | None:
        return self.rows.get(name)

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
        return FormSpec(title=_text(data.get("title"), self.problems, None, "the title"), sections=sections)

    @staticmethod
    def _is_grid(group: dict) -> bool:
        return any(str(child.get("name", "")).startswith(GRID_MARKER) for child in group.get("children", []))

    def section(self, group: dict) -> SectionSpec:
        section = SectionSpec(
            code=group["name"],
            title=_text(group.get("label") or group["name"], self.problems, self.row(group["name"]), "the label"),
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
            text=_text((label_note or {}).get("label") or group.get("label") or name, self.problems, row, "the label"),
            required=_truthy(first.get("bind", {}).get("required")),
            options=self.options(first, row),
            grid_items=[
                (item["name"], _text(item.get("label"), self.problems, self.row(item["name"]), "the label"))
                for item in items
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
            text=_text(node.get("label"), self.problems, row, "the label"),
            help_text=_text(node.get("hint"), self.problems, row, "the hint"),
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
        else:
            self.problems.append(Problem("survey", row, f"question type {kind!r} is not supported"))
            return None
        if bind.get("constraint") and spec.kind != QuestionKind.NUMBER:
            self.problems.append(Problem("survey", row, "constraints are only supported on numbers"))
        if not spec.text:
            self.problems.append(Problem("survey", row, "the question has no label"))
        spec.conditions = self.conditions(node, row)
        self.kinds[name] = spec.kind
        return spec

    def options(self, node: dict, row: int | None) -> list[OptionSpec]:
        if node.get("choice_filter"):
            self.problems.append(Problem("survey", row, "choice filters are not supported"))
        return [
            OptionSpec(
                code=str(choice["name"]),
                label=_text(choice.get("label"), self.problems, row, "a choice label"),
                is_positive=_truthy(choice.get("positive")),
                excluded_from_base=_truthy(choice.get("exclude_from_base")),
            )
            for choice in node.get("choices") or []
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


def read_xlsform(data: bytes) -> FormSpec:
    if not data.startswith(b"PK"):
        raise XLSFormError([Problem("workbook", None, "the file is not an .xlsx workbook")])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "form.xlsx"
        path.write_bytes(data)
        try:
            parsed = parse_file_to_json(str(path))
        except PyXFormError as error:
            raise XLSFormError([Problem("survey", None, f"pyxform: {error}")]) from error
        except Exception as error:  # a damaged workbook surfaces as many exception types from openpyxl
            raise XLSFormError(
                [Problem("workbook", None, f"the file could not be read as an XLSForm ({error})")]
            ) from error
        reader = _Reader(_rows_by_name(path))
        spec = reader.form(parsed)
    if reader.problems:
        raise XLSFormError(reader.problems)
    return spec


@transaction.atomic
def wave_import_xlsform(*, series: SurveySeries, label: str, data: bytes, confidentiality: str) -> Wave:
    spec = read_xlsform(data)
    wave = wave_create(series=series, label=label, confidentiality=confidentiality)
    sections_create(wave=wave, sections=spec.sections)
    return wave
