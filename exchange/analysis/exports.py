"""Response-level exports (CSV, XLSX, SPSS .sav) and the aggregate results CSV.

A confidential wave's export has no name, email, token or database key of any kind: respondents are
numbered 1..N in an order that follows neither time nor contact. Its quasi-identifiers (organisation, ODS code,
area team, region, role) are coarsened until every combination in the file is shared by at least the series'
threshold of rows, free text appears only where an analyst cleared it, dates and times never (their columns are blank;
months and hours are in the results), and below the threshold of responses there is no export at all
(`disclosure.microdata_plan`, which raises `MicrodataRefused`). A named wave's export keeps all, dates and times as
ISO text ("2013-04-01", "09:30"). Notes take no answer, so they have no column.

Every CSV and XLSX row goes through `safe_row`, so no answer or label is a live formula when opened. The .sav file
is read by statistics packages, which run no formulas, and keeps the text as given.

The rows and the plan are read by `selectors.responses`, the figures by `selectors.results`: this module writes
them out."""

import csv
import io
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from exchange.core.spreadsheets import safe_row
from exchange.surveys.models import QuestionKind, Wave
from exchange.surveys.questionnaire import Questionnaire

from .disclosure import MicrodataPlan
from .results import Options
from .selectors.responses import export_plan, question_column, response_rows
from .selectors.results import wave_results
from .when import WHEN

__all__ = ["analysis_csv", "columns_for", "export_csv", "export_sav", "export_xlsx"]

ATTRIBUTES = [
    ("organisation_code", "Organisation (ODS code)"),
    ("organisation", "Organisation"),
    ("region", "Region"),
    ("area_team", "Area team"),
    ("role", "Role"),
]
NAMED = [("name", "Name"), ("email", "Email address")]
TEXT_KINDS = ("text", "date", "time", "attribute")  # string variables in the .sav file: dates and times as ISO text
WITHHELD_IN_EXPORT = "withheld: a date or time can name who gave it (the results show months or hours)"


@dataclass
class Column:
    name: str
    label: str
    kind: str  # "choice", "flag", "number", "text", "date", "time", "attribute"
    value_labels: dict = field(default_factory=dict)  # option code -> (position, label)
    values: str = ""  # what the values are, for the codebook, where they have no labels


def columns_for(questionnaire: Questionnaire, *, named: bool, plan: MicrodataPlan | None = None) -> list[Column]:
    columns = [Column("respondent", "Respondent number", "number")]
    columns += [
        Column(name, label, "attribute")
        for name, label in ATTRIBUTES + (NAMED if named else [])
        if plan is None or plan.keeps(name)
    ]
    for question in questionnaire.questions:
        labels = {o.code: (o.position, o.label) for o in question.options.all()}
        code = question_column(question.code)
        if question.kind in (QuestionKind.SINGLE, QuestionKind.LIKERT):
            columns.append(Column(code, question.text, "choice", labels))
        elif question.kind == QuestionKind.MULTIPLE:
            columns += [
                Column(f"{code}_{o.code}", f"{question.text}: {o.label}", "flag") for o in question.options.all()
            ]
        elif question.kind == QuestionKind.LIKERT_GRID:
            columns += [
                Column(f"{code}_{item.code}", f"{question.text}: {item.text}", "choice", labels)
                for item in question.grid_items.all()
            ]
        elif question.analysed_as == QuestionKind.NUMBER:  # a number, or a calculated value that is one
            columns.append(Column(code, question.text, "number"))
        elif question.kind in WHEN:
            form = "YYYY-MM-DD" if question.kind == QuestionKind.DATE else "HH:MM, 24-hour clock"
            withheld = plan is not None and plan.confidential
            values = WITHHELD_IN_EXPORT if withheld else f"ISO {question.get_kind_display().lower()}, {form}"
            columns.append(Column(code, question.text, str(question.kind), values=values))
        elif question.kind != QuestionKind.NOTE:  # a note takes no answer: no column
            columns.append(Column(code, question.text, "text"))
    return columns


def export_csv(wave: Wave) -> bytes:
    """Codes in each question's column, and for choices a `<column>_label` column beside it."""
    plan = export_plan(wave)
    columns = columns_for(Questionnaire.for_wave(wave), named=not wave.is_confidential, plan=plan)
    header = []
    for column in columns:
        header.append(column.name)
        if column.kind == "choice":
            header.append(f"{column.name}_label")
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(safe_row(header))
    for row in response_rows(wave, plan):
        values = []
        for column in columns:
            value = row.get(column.name, "")
            values.append(value)
            if column.kind == "choice":
                values.append(column.value_labels.get(value, (None, ""))[1] if value else "")
        writer.writerow(safe_row(values))
    return buffer.getvalue().encode("utf-8-sig")


def export_xlsx(wave: Wave) -> bytes:
    import openpyxl  # here, not at the top: every command that imports this module would wait for it

    plan = export_plan(wave)
    columns = columns_for(Questionnaire.for_wave(wave), named=not wave.is_confidential, plan=plan)
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("responses")
    sheet.append(safe_row(column.name for column in columns))
    for row in response_rows(wave, plan):
        sheet.append(
            safe_row(
                column.value_labels.get(row.get(column.name), (None, row.get(column.name, "")))[1]
                if column.kind == "choice"
                else row.get(column.name, "")
                for column in columns
            )
        )
    codebook = book.create_sheet("codebook")
    codebook.append(["variable", "label", "values"])
    for column in columns:
        values = "; ".join(f"{code} = {label}" for code, (_, label) in column.value_labels.items())
        codebook.append(
            safe_row(
                [
                    column.name,
                    column.label,
                    values or ("0 = not selected; 1 = selected" if column.kind == "flag" else column.values),
                ]
            )
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def export_sav(wave: Wave) -> bytes:
    """SPSS: choices as numbers (the option's position) with value labels, and every variable labelled."""
    import pandas  # heavy: imported only when a .sav file is written, not by every command that loads this module
    import pyreadstat

    plan = export_plan(wave)
    columns = columns_for(Questionnaire.for_wave(wave), named=not wave.is_confidential, plan=plan)
    data: dict[str, list] = {column.name: [] for column in columns}
    for row in response_rows(wave, plan):
        for column in columns:
            value = row.get(column.name)
            if column.kind == "choice":
                value = column.value_labels[value][0] if value else None
            elif column.kind in TEXT_KINDS:
                value = value or ""
            data[column.name].append(value)
    frame = pandas.DataFrame(
        {
            name: pandas.Series(values, dtype="object" if _is_text(columns, name) else "float64")
            for name, values in data.items()
        }
    )
    value_labels = {
        column.name: {float(position): label for position, label in column.value_labels.values()}
        for column in columns
        if column.kind == "choice"
    }
    value_labels.update({c.name: {0.0: "Not selected", 1.0: "Selected"} for c in columns if c.kind == "flag"})
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "wave.sav"
        pyreadstat.write_sav(
            frame,
            str(path),
            column_labels={c.name: c.label[:250] for c in columns},
            variable_value_labels=value_labels,
        )
        return path.read_bytes()


def _is_text(columns: list[Column], name: str) -> bool:
    return next(c.kind for c in columns if c.name == name) in TEXT_KINDS


AGGREGATE_HEADER = [
    "question_code",
    "option_code",
    "group",
    "count",
    "base",
    "percent",
    "ci_low",
    "ci_high",
    "suppressed",
    "value",
    "answered",
    "asked",
]
NUMBER_STATISTICS = ["mean", "median", "lower_quartile", "upper_quartile"]


def analysis_csv(wave: Wave, *, by: str = "") -> bytes:
    """One row per question × option × group; suppressed figures are blank with suppressed = 1. `answered` is the
    number in the group who answered the question and `asked` the number it was asked of (routed in): `asked` less
    `answered` skipped it. `asked` is blank where it is not published (a group of a confidential wave)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(safe_row(AGGREGATE_HEADER))
    for result in wave_results(wave=wave, options=Options(by=by)):
        for group in [result.overall, *result.groups]:
            if result.question.analysed_as == QuestionKind.NUMBER:
                _number_rows(writer, result.code, group)
                continue
            cells = group.cells + ([group.positive] if group.positive else [])
            for cell in cells:
                if group.suppressed:
                    writer.writerow(safe_row([result.code, cell.code, group.label, "", "", "", "", "", 1, "", "", ""]))
                    continue
                base = group.base if cell.in_base else group.answered
                writer.writerow(
                    safe_row(
                        [
                            result.code,
                            cell.code,
                            group.label,
                            cell.count,
                            base,
                            _round(cell.percent),
                            _round(cell.interval.low if cell.interval else None),
                            _round(cell.interval.high if cell.interval else None),
                            0,
                            "",
                            *_bases(group),
                        ]
                    )
                )
    return buffer.getvalue().encode("utf-8")


def _bases(group) -> list:
    """The number answering and the number asked (blank where not published)."""
    return [_whole(group.answered), "" if group.asked is None else _whole(group.asked)]


def _whole(value) -> str:
    return f"{value:.0f}" if isinstance(value, float) else str(value)


def _number_rows(writer, code: str, group) -> None:
    """A number question: n (as the base), mean with its 95% interval, median and quartiles, one row each."""
    summary = group.summary
    for statistic in NUMBER_STATISTICS:
        if group.suppressed or not summary:
            writer.writerow(
                safe_row(
                    [code, statistic, group.label, "", "", "", "", "", 1 if group.suppressed else 0, ""]
                    + (["", ""] if group.suppressed else _bases(group))
                )
            )
            continue
        low, high = (summary["mean_low"], summary["mean_high"]) if statistic == "mean" else (None, None)
        writer.writerow(
            safe_row(
                [
                    code,
                    statistic,
                    group.label,
                    "",
                    summary["n"],
                    "",
                    _round(low),
                    _round(high),
                    0,
                    _round(summary[statistic]),
                    *_bases(group),
                ]
            )
        )


def _round(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"
