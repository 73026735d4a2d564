"""Date arithmetic of the rule language: relative dates and time windows become fixed dates in Python,
before anything reaches the engine, so every engine compares against the same literal dates.

Months and years are calendar months and years; a day that does not exist in the target month falls on
its last day (2024-03-31 - 1m = 2024-02-29), as python-dateutil's relativedelta does.
"""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta

from segmint.rules import ast


class CalendarError(ValueError):
    """A date moved past year 9999 (or before year 1); `date` is the expression, as 2024-01-31 + 9000y."""

    def __init__(self, date: str):
        self.date = date
        super().__init__(f"{date} is outside the calendar")


def shift(day: dt.date, sign: int, duration: ast.Duration) -> dt.date:
    """`day` moved by `duration`, backwards when sign is -1."""
    n = sign * duration.amount
    step = {
        "d": relativedelta(days=n),
        "w": relativedelta(weeks=n),
        "m": relativedelta(months=n),
        "y": relativedelta(years=n),
    }[duration.unit]
    try:
        return day + step
    except (OverflowError, ValueError) as exc:
        raise CalendarError(f"{day} {'+' if sign > 0 else '-'} {duration.text()}") from exc


def text_date(text: str) -> dt.date | None:
    """A date written as text ("2024-01-31" or "31.01.2024"), or None when it is not one."""
    for fmt in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    return None


def out_of_order(low, high) -> bool:
    """Whether the date `low` (Date, RelativeDate or date-like String) is later than `high` on every
    reference date, so a `between` from one to the other selects nobody whatever "today" is: two fixed
    dates (2024-12-31, "31.12.2024"), or two dates relative to today in the same kind of unit (days and
    weeks, or calendar months and years; `today` alone goes with either). today - 1m and today - 30d
    change order with the month, so they are not compared."""
    fixed = [_fixed(value) for value in (low, high)]
    if None not in fixed:
        return fixed[0] > fixed[1]
    steps = [_steps(value) for value in (low, high)]
    if None in steps:
        return False
    (low_unit, low_steps), (high_unit, high_steps) = steps
    return (low_unit == high_unit or None in (low_unit, high_unit)) and low_steps > high_steps


def _fixed(value) -> dt.date | None:
    if isinstance(value, ast.Date):
        return value.value
    return text_date(value.value) if isinstance(value, ast.String) else None


def _steps(value) -> tuple[str | None, int] | None:
    """A relative date as its unit kind ("d" for days and weeks, "m" for months and years; None for
    `today`) and its signed number of those; None for anything else."""
    if not isinstance(value, ast.RelativeDate):
        return None
    if value.offset is None:
        return None, 0
    unit, amount = value.offset.unit, value.sign * value.offset.amount
    if unit in ("d", "w"):
        return "d", amount * 7 if unit == "w" else amount
    return "m", amount * 12 if unit == "y" else amount


def as_date(value, what: str = "as_of") -> dt.date | None:
    """A date argument of the Python API as a date: a date, a datetime (its day) or text that is a date
    ("2025-06-30", "30.06.2025"); None stays None. Anything else is refused saying what was given (a
    string used to reach the engine as text, and a datetime failed comparisons with dates)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        day = text_date(value)
        if day is None:
            raise ValueError(f"{what} {value!r} is not a date; write it as 2025-06-30 (or 30.06.2025)")
        return day
    raise TypeError(
        f"{what} is a date (datetime.date or text such as '2025-06-30'), not {type(value).__name__}"
    )


def literal_date(value, today: dt.date) -> dt.date | None:
    """The date a Date, RelativeDate or date-like String stands for (None for anything else)."""
    if isinstance(value, ast.Date):
        return value.value
    if isinstance(value, ast.RelativeDate):
        return today if value.offset is None else shift(today, value.sign, value.offset)
    if isinstance(value, ast.String):
        return text_date(value.value)
    return None
