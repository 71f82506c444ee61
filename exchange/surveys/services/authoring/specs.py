"""What a questionnaire is written from: a section's and a question's content, its options and routing."""

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class OptionSpec:
    code: str
    label: str
    is_positive: bool = False
    excluded_from_base: bool = False
    filters: tuple[tuple[str, str], ...] = ()  # (column, value) a cascading question's filter matches


@dataclass(frozen=True)
class ConditionSpec:
    source_code: str
    operator: str
    values: tuple[str, ...]


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
    choice_filter: list[tuple[str, str]] = field(default_factory=list)  # (column, earlier question code)


@dataclass
class SectionSpec:
    code: str
    title: str
    questions: list[QuestionSpec] = field(default_factory=list)
    introduction: str = ""
