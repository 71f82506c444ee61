"""What an XLSForm reads into, and what goes wrong: a problem names the sheet and row a person can find."""

from dataclasses import dataclass, field
from decimal import Decimal

from ..authoring import ConditionSpec, OptionSpec


@dataclass(frozen=True)
class Problem:
    sheet: str
    row: int | None
    reason: str

    def __str__(self) -> str:
        return (
            f"{self.sheet} sheet, row {self.row}: {self.reason}" if self.row else f"{self.sheet} sheet: {self.reason}"
        )


class XLSFormError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(str(problem) for problem in problems))


@dataclass
class QuestionSpec:
    code: str
    kind: str
    text: str
    help_text: str = ""
    required: bool = False
    options: list[OptionSpec] = field(default_factory=list)
    grid_items: list[tuple[str, str]] = field(default_factory=list)
    conditions: list[ConditionSpec] = field(default_factory=list)
    min_value: Decimal | None = None
    max_value: Decimal | None = None
    whole_number: bool = True


@dataclass
class SectionSpec:
    code: str
    title: str
    questions: list[QuestionSpec] = field(default_factory=list)


@dataclass
class FormSpec:
    title: str
    sections: list[SectionSpec]
