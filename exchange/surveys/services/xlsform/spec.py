"""What an XLSForm reads into (sections and questions as `authoring` writes them), and what goes wrong: a problem
names the sheet and row a person can find."""

from dataclasses import dataclass, field

from ..authoring import SectionSpec


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
