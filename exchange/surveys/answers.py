"""Date and time answers: how they are kept, read back, shown to people and grouped for results.

A date is kept as ISO text "YYYY-MM-DD" and a time as "HH:MM" (24-hour), in drafts and in `Answer.text`: no new
column, the text sorts as the dates and times do, and it reads back exactly. Results group dates by month
("2024-03") and times by hour ("14:00"), so no table shows the exact day or minute anyone gave.
"""

import re
from datetime import date, time

from .models import QuestionKind

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$", re.ASCII)
_ISO_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$", re.ASCII)
_TYPED_TIME = re.compile(r"^(\d{1,2})[:.]?(\d{2})$")
NOT_A_DATE = "{code}: {value!r} is not a real date written YYYY-MM-DD."
NOT_A_TIME = "{code}: {value!r} is not a time on the 24-hour clock written HH:MM."
NOTE_ANSWERED = "{code} is a note, which takes no answer."


def date_from_iso(text: str) -> date | None:
    """The date `text` names in ISO form ("2024-03-17"), or None if it is not one (31 February is not)."""
    match = _ISO_DATE.match(str(text or "").strip())
    if not match:
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def time_from_iso(text: str) -> time | None:
    """The time `text` names as "HH:MM" on the 24-hour clock, or None."""
    match = _ISO_TIME.match(str(text or "").strip())
    return time(int(match.group(1)), int(match.group(2))) if match else None


def time_from_typed(text: str) -> time | None:
    """A time as people type it on the 24-hour clock: "14:30", "9:05", "14.30" or "1430"; None if it is not one."""
    match = _TYPED_TIME.match(str(text or "").strip())
    if not match:
        return None
    hour, minute = int(match.group(1)), int(match.group(2))
    return time(hour, minute) if hour < 24 and minute < 60 else None


def date_iso(value: date) -> str:
    return value.isoformat()


def time_iso(value: time) -> str:
    return value.strftime("%H:%M")


def date_display(text: str) -> str:
    """ "17 March 2024" for "2024-03-17"; anything else as it is."""
    value = date_from_iso(text)
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}" if value else str(text)


def month_of(text: str) -> str | None:
    """The month a date answer falls in, "2024-03"; None if it is not a date."""
    value = date_from_iso(text)
    return f"{value.year:04d}-{value.month:02d}" if value else None


def hour_of(text: str) -> str | None:
    """The hour a time answer falls in, "14:00"; None if it is not a time."""
    value = time_from_iso(text)
    return f"{value.hour:02d}:00" if value else None


def month_label(month: str) -> str:
    """ "March 2024" for "2024-03"."""
    year, number = month.split("-")
    return f"{MONTHS[int(number) - 1]} {int(year)}"


def hour_label(hour: str) -> str:
    """ "14:00 to 14:59" for "14:00"."""
    return f"{hour} to {hour[:2]}:59"


def answer_refusal(question, value) -> str | None:
    """Why `value` cannot be kept as the answer to a note, a date or a time question; None if it can (or if the
    question is of another kind). An empty value is no answer, which routing and `required` judge."""
    if value in (None, "", [], {}):
        return None
    message = None
    if question.kind == QuestionKind.NOTE:
        message = NOTE_ANSWERED
    elif question.kind == QuestionKind.DATE and (not isinstance(value, str) or date_from_iso(value) is None):
        message = NOT_A_DATE
    elif question.kind == QuestionKind.TIME and (not isinstance(value, str) or time_from_iso(value) is None):
        message = NOT_A_TIME
    return message.format(code=question.code, value=value) if message else None
