"""Headline statements: a sentence with its figure and base, e.g. "84.2% of respondents (80 of 95) had not been
given sufficient information about the choices of support available." Defined as data per wave. For a
multiple-choice question the figure is the share of respondents who chose any of the options named, each respondent
counted once."""

from dataclasses import dataclass

from exchange.surveys.models import QuestionKind, Wave

from ..models import HeadlineStatement
from ..results import Result
from .counts import respondents_choosing_any


@dataclass(frozen=True)
class Headline:
    text: str
    percent: float | None
    count: int
    base: int
    suppressed: bool


def headline(result: Result, option_codes: list[str], predicate: str, *, subject: str = "respondents") -> Headline:
    """`predicate` completes the sentence: "84.2% of respondents (80 of 95) <predicate>"."""
    group = result.overall
    chosen = [cell for cell in group.cells if cell.code in option_codes]
    if result.question.kind == QuestionKind.MULTIPLE:
        # Respondents may choose several options: count each respondent once, not each choice.
        count = respondents_choosing_any(wave=result.question.wave, question=result.question, option_codes=option_codes)
    else:
        count = sum(cell.count for cell in chosen)
    excluded = any(not cell.in_base for cell in chosen)
    base = group.answered if excluded else group.base
    if group.suppressed or base == 0:
        return Headline(f"Too few answers to report ({subject} {predicate}).", None, count, base, True)
    percent = count / base
    return Headline(f"{percent * 100:.1f}% of {subject} ({count} of {base}) {predicate}", percent, count, base, False)


def wave_headlines(*, wave: Wave, results: list[Result]) -> list[Headline]:
    """The statements defined for `wave` whose result is among `results` (the overall figures), in their order."""
    by_code = {result.code: result for result in results}
    return [
        headline(by_code[h.result_code], h.option_codes, h.predicate)
        for h in HeadlineStatement.objects.filter(wave=wave)
        if h.result_code in by_code
    ]
