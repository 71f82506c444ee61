"""A deadline as the buyer sets it: a date in NHS.UK's three boxes (day, month, year) and an hour from a list, London
time. The list holds whole hours only, so the form cannot say 2:59am; the requirement service refuses any deadline
off the hour whoever calls it (`services.requirements.deadline_on_the_hour`).

Error messages follow the NHS.UK date input ("Bid deadline must include a month", "Bid deadline must be a real date")
and name the box at fault, for its red border and for the error summary's link (`error_anchor`)."""

import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings

from exchange.core.moments import day_text, hour_text

LONDON = ZoneInfo(settings.TIME_ZONE)
DATE_PARTS = ("day", "month", "year")
PARTS = (*DATE_PARTS, "hour")
# 1am to 11pm: a deadline at midnight is read as the start of the day by some and the end by others.
HOURS = [(str(hour), hour_text(hour)) for hour in range(1, 24)]
DEFAULT_HOUR = "12"
YEAR_DIGITS = "Year must include 4 numbers"


class DeadlineBoxes(forms.MultiWidget):
    """The day, month and year boxes and the hour list, named `<field>-day`, `-month`, `-year` and `-hour`."""

    def __init__(self, attrs=None):
        widgets = {"day": forms.TextInput, "month": forms.TextInput, "year": forms.TextInput, "hour": forms.Select}
        super().__init__(widgets, attrs)
        self.widgets_names = [f"-{part}" for part in PARTS]

    def decompress(self, value) -> list[str]:
        if not isinstance(value, datetime.datetime):
            return ["", "", "", DEFAULT_HOUR]
        local = value.astimezone(LONDON)
        return [str(local.day), str(local.month), str(local.year), str(local.hour)]


class DeadlineField(forms.Field):
    """A deadline on the hour, London time, cleaned to an aware datetime."""

    widget = DeadlineBoxes
    hours = HOURS

    def __init__(self, *, label: str, **kwargs):
        super().__init__(label=label, **kwargs)
        self.error_parts: tuple[str, ...] = ()

    def error_anchor(self, auto_id: str) -> str:
        return f"{auto_id}-{(self.error_parts or PARTS)[0]}"

    def parts(self, value) -> dict[str, str]:
        """What each box shows: what was typed, or the initial deadline taken apart."""
        boxes = value if isinstance(value, list | tuple) else self.widget.decompress(value)
        return dict(zip(PARTS, (str(box or "").strip() for box in boxes), strict=False))

    def _refuse(self, message: str, *parts: str) -> forms.ValidationError:
        self.error_parts = parts
        return forms.ValidationError(message)

    def clean(self, value) -> datetime.datetime | None:
        self.error_parts = ()
        parts = self.parts(value)
        name = str(self.label)
        missing = [part for part in DATE_PARTS if not parts.get(part)]
        if len(missing) == len(DATE_PARTS):
            if self.required:
                raise self._refuse(f"Enter the {name.lower()}", *DATE_PARTS)
            return None
        if missing:
            raise self._refuse(f"{name} must include a {' and '.join(missing)}", *missing)
        for part in ("day", "month"):
            # Two digits at most: a longer number is no day or month, and one past C's range overflows date().
            if not parts[part].isdecimal() or len(parts[part]) > 2:
                raise self._refuse(f"{name} must be a real date", part)
        if not parts["year"].isdecimal() or len(parts["year"]) != 4:
            raise self._refuse(YEAR_DIGITS, "year")
        try:
            day = datetime.date(int(parts["year"]), int(parts["month"]), int(parts["day"]))
        except ValueError:
            wrong = "month" if not 1 <= int(parts["month"]) <= 12 else "day"
            raise self._refuse(f"{name} must be a real date", wrong) from None
        if parts.get("hour") not in dict(HOURS):
            raise self._refuse(f"Choose the time of the {name.lower()} from the list", "hour")
        naive = datetime.datetime.combine(day, datetime.time(int(parts["hour"])))
        deadline = naive.replace(tzinfo=LONDON)
        if deadline.astimezone(datetime.UTC).astimezone(LONDON).replace(tzinfo=None) != naive:
            raise self._refuse(
                f"There is no {hour_text(naive.hour)} on {day_text(day)}: the clocks go forward. Choose another time",
                "hour",
            )
        return deadline
