"""Reading an XLSForm with pyxform and mapping every row to our questionnaire.

Each construct we cannot represent is listed as a `Problem` (sheet, row, reason); if there is any, nothing is
imported. Cells escaped on export (`safe_cell`) are unescaped here, so a form survives export and re-import unchanged.
"""

import logging
import re

from exchange.core.spreadsheets import unescape_cell

from ...models import QuestionKind
from ..authoring import ConditionSpec, OptionSpec, QuestionSpec, SectionSpec
from .binds import bind_rules, grid_refusals
from .kinds import OWN_KINDS, own_kind
from .layout import (
    MAX_GROUP_DEPTH,
    SECTION_TITLE_MAX,
    choice_filter_of,
    option_filters,
    section_code,
    section_title,
    unsupported_content,
)
from .routing import RoutingError, parse_relevant
from .spec import GRID_MARKER, METADATA, FormSpec, Problem, XLSFormError, truthy
from .workbook import Workbook, form_languages, workbook_read

logger = logging.getLogger(__name__)


class _Reader:
    def __init__(self, workbook: Workbook, language: str | None = None):
        self.rows = workbook.survey_rows
        self.types = workbook.survey_types
        self.ignored: list[Problem] = []
        self.problems: list[Problem] = []
        self.kinds: dict[str, str] = {}
        self.choices = workbook.form.get("choices") or {}
        languages = form_languages(workbook.form)
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
        self.collect(data.get("children", []), sections, code=None, title=None, inherited=[], depth=0)
        sections = [section for section in sections if section.questions]
        if not sections and not self.problems:
            self.problems.append(Problem("survey", None, "the form has no questions"))
        return FormSpec(title=self.text(data.get("title"), None, "the title"), sections=sections)

    @staticmethod
    def _is_grid(group: dict) -> bool:
        return any(str(child.get("name", "")).startswith(GRID_MARKER) for child in group.get("children", []))

    def collect(self, children: list, sections: list[SectionSpec], *, code, title, inherited: list, depth: int) -> None:
        """The questions of `children`, in order, into sections: a group is a section (a group inside a group
        too, titled after both, and the outer group's questions after it continue in a section of their own);
        questions outside any group go into "Questions" parts. A group's `relevant` applies to every question in
        it, with the question's own."""
        current: SectionSpec | None = None
        for child in children:
            if child.get("type") == "group" and child.get("name") == "meta":
                continue  # pyxform's own instanceID block
            if child.get("type") == "group" and not self._is_grid(child):
                row = self.row(child["name"])
                label = self.text(child.get("label"), row, "the label") or child["name"]
                if depth >= MAX_GROUP_DEPTH or len(label) > SECTION_TITLE_MAX:
                    reason = f"groups nested more than {MAX_GROUP_DEPTH} deep are not supported"
                    if depth < MAX_GROUP_DEPTH:
                        reason = f"the group's label is longer than {SECTION_TITLE_MAX} characters"
                    self.problems.append(Problem("survey", row, reason))
                    continue
                self.collect(
                    child.get("children", []),
                    sections,
                    code=child["name"],
                    title=section_title(title, label),
                    inherited=inherited + self.conditions(child, row),
                    depth=depth + 1,
                )
                current = None
                continue
            grid = child.get("type") == "group"
            question = self.grid(child) if grid else self.question(child)
            if question is None:
                continue
            question.conditions = inherited + question.conditions
            taken = {section.code for section in sections}
            if grid and title is None:  # a grid on its own is a section of its own, and what follows another
                grid_title = section_title(None, question.text[:SECTION_TITLE_MAX])
                sections.append(
                    SectionSpec(code=section_code(child["name"], taken), title=grid_title, questions=[question])
                )
                current = None
                continue
            if current is None:
                current = SectionSpec(code=section_code(code, taken), title=title or "Questions")
                sections.append(current)
            current.questions.append(question)

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
        self.problems += grid_refusals(items, row)
        self.kinds[name] = QuestionKind.LIKERT_GRID
        return QuestionSpec(
            code=name,
            kind=QuestionKind.LIKERT_GRID,
            text=self.text((label_note or {}).get("label") or group.get("label") or name, row, "the label"),
            required=truthy(first.get("bind", {}).get("required")),
            options=self.options(first, row),
            grid_items=[
                (item["name"], self.text(item.get("label"), self.row(item["name"]), "the label")) for item in items
            ],
            conditions=self.conditions(group, row),
        )

    def question(self, node: dict) -> QuestionSpec | None:
        name, kind = node.get("name", ""), node.get("type")
        row = self.row(name)
        if kind in METADATA:  # what a phone records about the interview, not a question: ignored, and said so
            self.ignored.append(Problem("survey", row, f"{kind!r} ({name}) is device metadata: not recorded"))
            return None
        appearance = (node.get("control") or {}).get("appearance", "")
        bind = node.get("bind") or {}
        spec = QuestionSpec(
            code=name,
            kind="",
            text=self.text(node.get("label"), row, "the label"),
            help_text=self.text(node.get("hint"), row, "the hint"),
            required=truthy(bind.get("required")),
        )
        if kind == "select one":
            spec.kind = QuestionKind.LIKERT if appearance == "likert" else QuestionKind.SINGLE
            spec.options = self.options(node, row, spec)
        elif kind == "select all that apply":
            spec.kind = QuestionKind.MULTIPLE
            spec.options = self.options(node, row, spec)
        elif kind in ("integer", "decimal"):
            spec.kind = QuestionKind.NUMBER
            spec.whole_number = kind == "integer"
        elif kind == "text":
            spec.kind = QuestionKind.LONG_TEXT if appearance == "multiline" else QuestionKind.SHORT_TEXT
        elif kind in OWN_KINDS:  # note, date, time
            self.problems += own_kind(spec, kind, appearance, row)
        elif kind == "calculate":
            spec.kind = QuestionKind.CALCULATE
        else:
            written = self.types.get(name, kind)
            self.problems.append(Problem("survey", row, f"question type {written!r} is not supported"))
            return None
        self.problems += bind_rules(
            spec, node, text=lambda value: self.text(value, row, ""), earlier=self.kinds, row=row
        )
        reasons = unsupported_content(node, bind, spec.text, spec.help_text)
        self.problems += [Problem("survey", row, reason) for reason in reasons]
        if not spec.text:
            self.problems.append(Problem("survey", row, "the question has no label"))
        spec.conditions = self.conditions(node, row)
        self.kinds[name] = spec.kind
        return spec

    def options(self, node: dict, row: int | None, spec: QuestionSpec | None = None) -> list[OptionSpec]:
        if node.get("choice_filter"):  # cascading choices: on questions asked before this one, or refused
            pairs, reasons = choice_filter_of(node["choice_filter"], set(self.kinds) if spec else None)
            self.problems += [Problem("survey", row, reason) for reason in reasons]
            if spec is not None:
                spec.choice_filter = pairs
        if str(node.get("itemset", "")).lower().endswith((".csv", ".xml", ".geojson")):
            self.problems.append(Problem("survey", row, "choices from a file (select_one_from_file) are not supported"))
        # pyxform lists a question's choices inline, or (randomised, filtered) in the form's choice lists
        choices = node.get("choices") or self.choices.get(node.get("itemset") or node.get("list_name") or "") or []
        if any(choice.get("media") for choice in choices):
            self.problems.append(Problem("survey", row, "images, audio and video in choices are not supported"))
        return [
            OptionSpec(
                code=str(choice["name"]),
                # a choice without a label shows its name, as in ODK (pyxform only warns)
                label=self.text(choice.get("label"), row, "a choice label") or str(choice["name"]),
                is_positive=truthy(choice.get("positive")),
                excluded_from_base=truthy(choice.get("exclude_from_base")),
                filters=option_filters(choice),
            )
            for choice in choices
        ]

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
    first), or XLSFormError listing each problem once; or, for a workbook beyond the upload bounds (rows, columns,
    cells, size unpacked), `UploadRefused` (an ApplicationError) before pyxform reads it. Nothing else leaves here."""
    workbook = workbook_read(data)
    try:
        reader = _Reader(workbook, language)
        if reader.problems:  # no such language: nothing else is worth saying
            raise XLSFormError(reader.problems)
        spec = reader.form(workbook.form)
    except XLSFormError:
        raise
    except Exception as error:  # a shape of pyxform's JSON this reader does not know: refused, and logged
        logger.exception("XLSForm mapping failed")
        raise XLSFormError(
            [Problem("survey", None, f"the form uses something this importer cannot read ({type(error).__name__})")]
        ) from error
    if reader.problems:
        raise XLSFormError(_unique(reader.problems))
    spec.language = reader.language if len(reader.languages) > 1 else None
    spec.ignored = _unique(reader.ignored)
    spec.rows, spec.later_rows = reader.rows, workbook.later_rows
    return spec
