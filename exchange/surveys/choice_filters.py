"""Cascading choices (XLSForm `choice_filter`): a question offers only the options whose columns match earlier
answers, for example the practices of the commissioner chosen before (`ccg = ${ccg}`).

The form taken is the one cascading selects use: equalities between an option's column (a column of the choices
sheet, or `name` for its code) and an earlier question's answer, joined by `and`. Anything else is refused where the
form is read, never at answering time."""

import re

PAIR = re.compile(
    r"^\s*([A-Za-z_][\w.-]*)\s*=\s*\$\{([A-Za-z_][\w.-]*)\}\s*$|^\s*\$\{([A-Za-z_][\w.-]*)\}\s*=\s*([A-Za-z_][\w.-]*)\s*$"
)
UNSUPPORTED = "choice filter {expression!r} is not supported (use column = ${{question}}, joined by 'and')"

FILTERED_OUT = "Choose an option that fits your earlier answers: {text}"

Filter = list[tuple[str, str]]  # (column of the option, code of the earlier question)


def parse_choice_filter(expression: str) -> Filter:
    """The (column, question) pairs of `expression`, or ValueError saying why it cannot be carried out."""
    pairs: Filter = []
    for part in re.split(r"\band\b", expression or ""):
        match = PAIR.match(part)
        if not match:
            raise ValueError(UNSUPPORTED.format(expression=expression))
        column, source = (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
        pairs.append((column, source))
    return pairs


def format_choice_filter(pairs: Filter) -> str:
    return " and ".join(f"{column}=${{{source}}}" for column, source in pairs)


def option_fits(code: str, columns: dict, pairs: Filter, answers: dict) -> bool:
    """Whether an option (its code and its filter columns) is offered, given the answers so far. A filter on a
    question not answered (skipped, or on the same page and not yet sent) holds for every option: the respondent is
    never left without options, and the answer is checked again once the earlier one is known."""
    for column, source in pairs:
        answer = answers.get(source)
        if answer in (None, "", [], {}):
            continue
        value = code if column == "name" else columns.get(column, "")
        if str(value) != str(answer):
            return False
    return True


def offered_options(question, answers: dict) -> list:
    """The options of `question` offered given the answers so far (all of them when it has no filter)."""
    options = list(question.options.all())
    pairs = [(column, source) for column, source in question.choice_filter or ()]
    if not pairs:
        return options
    return [option for option in options if option_fits(option.code, option.filters, pairs, answers)]


def choice_refusal(question, value, answers: dict) -> str | None:
    """Why an answer to a cascading question cannot stand with the answers it depends on, or None."""
    if not question.choice_filter or value in (None, "", [], {}):
        return None
    chosen = set(value) if isinstance(value, list) else {str(value)}
    if chosen - {option.code for option in offered_options(question, answers)}:
        return FILTERED_OUT.format(text=question.text)
    return None


def fitting_answers(questions, answers: dict) -> dict:
    """`answers` without the cascading answers that no longer fit the answers they depend on (an earlier answer was
    changed after them), in the questionnaire's order, so a chain of cascades is cleared as far as it goes: such a
    question is then unanswered and asked again, and a draft never holds an answer its submission would refuse."""
    kept = dict(answers)
    for question in questions:
        if question.choice_filter and choice_refusal(question, kept.get(question.code), kept):
            kept.pop(question.code, None)
    return kept
