"""What an XLSForm reads into (sections and questions as `authoring` writes them), and what goes wrong: a problem
names the sheet and row a person can find."""

from dataclasses import dataclass, field

from ..authoring import SectionSpec

# The XLSForm vocabulary the reader understands
TRUE_VALUES = {"yes", "true", "true()", "1", "y"}
GRID_MARKER = "reserved_name_for_field_list_labels"
BOUND = r"^\.\s*(>=|<=)\s*(-?\d+(?:\.\d+)?)$"


def truthy(value) -> bool:
    return str(value or "").strip().lower() in TRUE_VALUES


# Bind and question attributes a form may carry that this importer does not carry out: refused, never dropped
# (constraints, required expressions, messages, defaults, read-only and calculations are ours: see `binds`)
UNSUPPORTED_BIND: dict[str, str] = {}


# Metadata an ODK or Kobo phone records about the interview; a web survey has its own (submission time, channel)
METADATA = {"start", "end", "today", "deviceid", "subscriberid", "simserial", "phonenumber", "username", "email"}
METADATA |= {"audit", "start-geopoint", "background-audio"}


@dataclass(frozen=True)
class Problem:
    sheet: str
    row: int | None
    reason: str

    def __str__(self) -> str:
        if self.sheet == "workbook":  # the file as a whole, not one of its sheets
            return f"The file: {self.reason}"
        return (
            f"{self.sheet} sheet, row {self.row}: {self.reason}" if self.row else f"{self.sheet} sheet: {self.reason}"
        )


class XLSFormError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(str(problem) for problem in problems))


@dataclass
class FormSpec:
    title: str
    sections: list[SectionSpec]
    language: str | None = None  # the language of the labels taken, when the form has several
    rows: dict[str, int] = field(default_factory=dict)  # each question's row on the survey sheet
    later_rows: dict[str, int] = field(default_factory=dict)  # the last row of a name used twice
    ignored: list[Problem] = field(default_factory=list)  # rows left out on purpose (device metadata), said so
