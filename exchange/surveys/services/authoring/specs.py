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


@dataclass(frozen=True)
class RulesSpec:
    """A question's XLSForm rules (see `surveys.rules`); all empty for a question without any."""

    constraint: str = ""
    constraint_message: str = ""
    required_message: str = ""
    required_if: str = ""
    default: str = ""
    readonly: bool = False
    calculation: str = ""


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
    rules: RulesSpec = field(default_factory=RulesSpec)


@dataclass
class SectionSpec:
    code: str
    title: str
    questions: list[QuestionSpec] = field(default_factory=list)
    introduction: str = ""
