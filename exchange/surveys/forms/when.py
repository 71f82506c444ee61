"""Date and time answers as the NHS.UK design system asks for them: a date in three boxes (day, month, year) with its
error messages ("Date must include a month", "Enter a real date"), each linking to the first box that is wrong; a
time in one box on the 24-hour clock. Both clean to the ISO text the draft keeps (see `surveys.answers`)."""

from datetime import date

from django import forms

from ..answers import MONTHS, date_from_iso, date_iso, time_from_typed, time_iso

DATE_PARTS = ("day", "month", "year")
REAL_DATE = "Enter a real date"
YEAR_DIGITS = "Year must include 4 numbers"
MISSING_PARTS = "Date must include a {parts}"
TIME_LIKE = "Enter a time like 14:30"


class DateBoxes(forms.MultiWidget):
    """The day, month and year boxes, named `<code>-day`, `<code>-month` and `<code>-year`: a question code has no
    hyphen, so no other question's field can take these names."""

    def __init__(self, attrs=None):
        super().__init__(dict.fromkeys(DATE_PARTS, forms.TextInput), attrs)
        self.widgets_names = [f"-{part}" for part in DATE_PARTS]

    def decompress(self, value) -> list[str]:
        day = date_from_iso(value)
        return [str(day.day), str(day.month), str(day.year)] if day else ["", "", ""]


def _month(text: str) -> int | None:
    """A month as a number (3 or 03) or a name of three letters or more (Mar, March, Sept), as GOV.UK advises."""
    if text.isdecimal():
        return int(text) if len(text) <= 2 else None  # a longer number is no month (and may overflow int())
    lowered = text.lower()
    if len(lowered) < 3:
        return None
    return next((n for n, name in enumerate(MONTHS, start=1) if name.lower().startswith(lowered)), None)


class DateAnswerField(forms.Field):
    """A date in three boxes. `error_parts` names the boxes an error is about, for their red border and for the
    error summary's link (`error_anchor`)."""

    widget = DateBoxes

    def __init__(self, *, required_message: str, **kwargs):
        super().__init__(**kwargs)
        self.required_message = required_message
        self.error_parts: tuple[str, ...] = ()

    def error_anchor(self, auto_id: str) -> str:
        return f"{auto_id}-{(self.error_parts or DATE_PARTS)[0]}"

    def _refuse(self, message: str, *parts: str) -> forms.ValidationError:
        self.error_parts = parts
        return forms.ValidationError(message)

    def clean(self, value) -> str:
        self.error_parts = ()
        boxes = list(value) if isinstance(value, list | tuple) else DateBoxes().decompress(value)
        parts = dict(zip(DATE_PARTS, (str(box or "").strip() for box in boxes), strict=False))
        missing = [part for part in DATE_PARTS if not parts.get(part)]
        if len(missing) == len(DATE_PARTS):
            if self.required:
                raise self._refuse(self.required_message, *DATE_PARTS)
            return ""
        if missing:
            raise self._refuse(MISSING_PARTS.format(parts=" and ".join(missing)), *missing)
        month = _month(parts["month"])
        if not parts["day"].isdecimal() or len(parts["day"]) > 2:  # a longer number would overflow date()
            raise self._refuse(REAL_DATE, "day")
        if month is None or not 1 <= month <= 12:
            raise self._refuse(REAL_DATE, "month")
        if not parts["year"].isdecimal() or len(parts["year"]) != 4:
            raise self._refuse(YEAR_DIGITS, "year")
        try:
            answer = date(int(parts["year"]), month, int(parts["day"]))
        except ValueError:
            raise self._refuse(REAL_DATE, "day" if int(parts["year"]) else "year") from None
        return date_iso(answer)


class TimeAnswerField(forms.CharField):
    """A time in one box, "14:30" (also "9:05", "14.30" or "1430"), kept as "HH:MM"."""

    def __init__(self, *, required_message: str, **kwargs):
        super().__init__(
            max_length=20, error_messages={"required": required_message, "max_length": TIME_LIKE}, **kwargs
        )

    def clean(self, value) -> str:
        text = super().clean(value)
        if not text:
            return ""
        moment = time_from_typed(text)
        if moment is None:
            raise forms.ValidationError(TIME_LIKE)
        return time_iso(moment)
