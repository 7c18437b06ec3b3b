"""The school calendar: terms, half terms, academic and financial years, as a
``Calendar`` a site may override, and the precisions a date can be known to.
"""

from __future__ import annotations

import calendar as _stdlib_calendar
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from enum import Enum
from typing import Any

ONE_DAY = dt.timedelta(days=1)
MIN_YEAR, MAX_YEAR = 1900, 2100

MONTH_NAMES = tuple(_stdlib_calendar.month_name[1:])
TERMS = ("spring", "summer", "autumn")
"""Term names in the order they fall in a calendar year."""

MonthDay = tuple[int, int]
"""A (month, day) pair, such as (9, 1) for 1 September."""


def impossible_date(year: int, month: int, day: int) -> tuple[str, str | None] | None:
    """Why ``year``-``month``-``day`` is not a date, in words, with a hint; None when it is one.

    ("31 February 2027 does not exist", "February 2027 has 28 days"); ("month 13 does not exist", None)."""
    if not 1 <= month <= 12:
        return f"month {month} does not exist", None
    if not 1 <= year <= 9999:
        return f"the year {year} does not exist", None
    last = _stdlib_calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        return (
            f"{day} {MONTH_NAMES[month - 1]} {year} does not exist",
            f"{MONTH_NAMES[month - 1]} {year} has {last} days",
        )
    return None


class Precision(str, Enum):
    day = "day"
    month = "month"
    half_term = "half-term"
    term = "term"
    quarter = "quarter"
    academic_year = "academic-year"
    financial_year = "financial-year"
    year = "year"


class Recurrence(str, Enum):
    monthly = "monthly"
    half_termly = "half-termly"
    termly = "termly"
    quarterly = "quarterly"
    half_yearly = "half-yearly"
    annually = "annually"


_COARSENESS = (
    Precision.day,
    Precision.month,
    Precision.half_term,
    Precision.quarter,
    Precision.term,
    Precision.academic_year,
    Precision.financial_year,
    Precision.year,
)
"""Finest first. Years of every kind are equally long; the order only breaks ties."""


def coarsest(*precisions: Precision) -> Precision:
    """The coarsest of ``precisions`` (a term is coarser than a quarter, a year than a term)."""
    return max(precisions, key=_COARSENESS.index)


# --- the calendar -------------------------------------------------------------


def _month_day(value: Any, key: str) -> MonthDay:
    """``value`` ("09-01", (9, 1), [9, 1] or a date) as a (month, day) pair.

    29 February is refused: it is not a day of every year."""
    pair: Any = value
    if isinstance(value, dt.date):
        pair = (value.month, value.day)
    elif isinstance(value, str):
        match = re.fullmatch(r"\s*([0-9]{1,2})-([0-9]{1,2})\s*", value)
        pair = (int(match[1]), int(match[2])) if match else None
    elif isinstance(value, (list, tuple)) and len(value) == 2 and all(type(v) is int for v in value):
        pair = tuple(value)
    else:
        pair = None
    try:
        if pair is None:
            raise ValueError
        dt.date(2001, *pair)  # a year without 29 February
    except (TypeError, ValueError):
        raise ValueError(
            f"calendar setting {key!r}: {value!r} is not a month and day such as '09-01' (1 September)"
        ) from None
    return pair


def _show(pair: MonthDay) -> str:
    return f"{pair[0]:02d}-{pair[1]:02d}"


def _term_name(name: str) -> str:
    key = name.strip().lower()
    if key not in TERMS:
        raise ValueError(f"unknown term {name!r}: expected autumn, spring or summer")
    return key


def _add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months, kept inside the month it lands in."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = _stdlib_calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def _month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    last = _stdlib_calendar.monthrange(year, month)[1]
    return dt.date(year, month, 1), dt.date(year, month, last)


@dataclass(frozen=True)
class Calendar:
    """The school/council calendar.

    Defaults: Autumn term Sep–Dec, Spring Jan–Mar, Summer Apr–Jul; each term
    split into two half terms (Autumn 1 = 1 Sep–31 Oct, Autumn 2 = 1 Nov–31 Dec;
    Spring 1 = 1 Jan–14 Feb, Spring 2 = 15 Feb–31 Mar; Summer 1 = 1 Apr–31 May,
    Summer 2 = 1 Jun–31 Jul); academic year starts 1 September; financial year
    starts 1 April.

    Every field is a (month, day) pair. Each term lies inside one calendar
    year, the terms come in the order spring, summer, autumn without
    overlapping, and ``<term>_half`` is the first day of the term's second
    half."""

    autumn_start: MonthDay = (9, 1)
    autumn_half: MonthDay = (11, 1)
    autumn_end: MonthDay = (12, 31)
    spring_start: MonthDay = (1, 1)
    spring_half: MonthDay = (2, 15)
    spring_end: MonthDay = (3, 31)
    summer_start: MonthDay = (4, 1)
    summer_half: MonthDay = (6, 1)
    summer_end: MonthDay = (7, 31)
    academic_year_start: MonthDay = (9, 1)
    financial_year_start: MonthDay = (4, 1)

    def __post_init__(self) -> None:
        for item in fields(self):
            value = getattr(self, item.name)
            if not isinstance(value, tuple) or _month_day(value, item.name) != value:
                raise ValueError(f"calendar setting {item.name!r}: {value!r} must be a (month, day) tuple")
        previous: tuple[str, MonthDay] | None = None
        for name in TERMS:
            start, half, end = self._term_days(name)
            if not start < half <= end:
                raise ValueError(
                    f"calendar setting '{name}_half' ({_show(half)}) must fall after '{name}_start' "
                    f"({_show(start)}) and on or before '{name}_end' ({_show(end)})"
                )
            if previous and not previous[1] < start:
                raise ValueError(
                    f"calendar setting '{name}_start' ({_show(start)}) must come after "
                    f"'{previous[0]}_end' ({_show(previous[1])})"
                )
            previous = (name, end)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Calendar:
        """A calendar from plain configuration.

        Keys are the field names (``autumn_start: "09-01"``), or a term with
        ``start``/``half``/``end`` inside (``autumn: {start: "09-02", end: "12-20"}``);
        ``academic_year_start_month`` / ``financial_year_start_month`` take a
        month number. Values are "MM-DD" strings. Raises ValueError naming
        the key on anything else."""
        if not isinstance(data, Mapping):
            raise ValueError("the calendar must be a mapping such as {autumn_start: '09-01'}")
        names = {item.name for item in fields(cls)}
        values: dict[str, MonthDay] = {}
        for key, value in data.items():
            if key in TERMS and isinstance(value, Mapping):
                pairs = [(f"{key}_{part}", f"{key}.{part}", inner) for part, inner in value.items()]
            elif key in ("academic_year_start_month", "financial_year_start_month"):
                month = value if type(value) is int else -1
                pairs = [(key.removesuffix("_month"), key, f"{month}-1" if 1 <= month <= 12 else value)]
            else:
                pairs = [(key, key, value)]
            for name, shown, raw in pairs:
                if name not in names:
                    raise ValueError(f"unknown calendar setting {shown!r}: expected one of {', '.join(sorted(names))}")
                values[name] = _month_day(raw, shown)
        return cls(**values)

    @property
    def academic_year_start_month(self) -> int:
        return self.academic_year_start[0]

    @property
    def financial_year_start_month(self) -> int:
        return self.financial_year_start[0]

    def _term_days(self, name: str) -> tuple[MonthDay, MonthDay, MonthDay]:
        key = _term_name(name)
        return getattr(self, f"{key}_start"), getattr(self, f"{key}_half"), getattr(self, f"{key}_end")

    def term(self, name: str, year: int) -> tuple[dt.date, dt.date]:
        """First and last day of term ``name`` (autumn, spring, summer) in calendar ``year``."""
        start, _, end = self._term_days(name)
        return dt.date(year, *start), dt.date(year, *end)

    def half_term(self, name: str, half: int, year: int) -> tuple[dt.date, dt.date]:
        """First and last day of half term ``half`` (1 or 2) of term ``name`` in ``year``."""
        start, split, end = (dt.date(year, *pair) for pair in self._term_days(name))
        if half == 1:
            return start, split - ONE_DAY
        if half == 2:
            return split, end
        raise ValueError(f"half must be 1 or 2, not {half!r}")

    def academic_year(self, start_year: int) -> tuple[dt.date, dt.date]:
        """The academic year that starts in ``start_year`` (2014 → 2014/15)."""
        return self._year_from(self.academic_year_start, start_year)

    def financial_year(self, start_year: int) -> tuple[dt.date, dt.date]:
        """The financial year that starts in ``start_year`` (2008 → 2008/09)."""
        return self._year_from(self.financial_year_start, start_year)

    def financial_quarter(self, quarter: int, start_year: int) -> tuple[dt.date, dt.date]:
        """Quarter 1-4 of the financial year that starts in ``start_year``."""
        if quarter not in (1, 2, 3, 4):
            raise ValueError(f"quarter must be 1 to 4, not {quarter!r}")
        first = _add_months(dt.date(start_year, *self.financial_year_start), 3 * (quarter - 1))
        return first, _add_months(first, 3) - ONE_DAY

    @staticmethod
    def _year_from(start: MonthDay, year: int) -> tuple[dt.date, dt.date]:
        return dt.date(year, *start), dt.date(year + 1, *start) - ONE_DAY

    def academic_year_of(self, day: dt.date) -> int:
        """The start year of the academic year ``day`` falls in."""
        return day.year if (day.month, day.day) >= self.academic_year_start else day.year - 1

    def financial_year_of(self, day: dt.date) -> int:
        """The start year of the financial year ``day`` falls in."""
        return day.year if (day.month, day.day) >= self.financial_year_start else day.year - 1

    def terms_between(self, start: dt.date, end: dt.date) -> list[tuple[str, int, dt.date, dt.date]]:
        """("autumn", 2014, first day, last day) for every term overlapping start..end, in order."""
        return [
            (name, year, first, last)
            for year in range(start.year, end.year + 1)
            for name in TERMS
            for first, last in [self.term(name, year)]
            if first <= end and last >= start
        ]

    def half_terms_between(self, start: dt.date, end: dt.date) -> list[tuple[str, dt.date, dt.date]]:
        """("Autumn 1 2014", first day, last day) for every half term overlapping start..end."""
        return [
            (f"{name.title()} {half} {year}", first, last)
            for name, year, _, _ in self.terms_between(start, end)
            for half in (1, 2)
            for first, last in [self.half_term(name, half, year)]
            if first <= end and last >= start
        ]

    def months_between(self, start: dt.date, end: dt.date) -> list[tuple[str, dt.date, dt.date]]:
        """("October 2014", first day, last day) for every month overlapping start..end."""
        months = []
        month = start.replace(day=1)
        while month <= end:
            first, last = _month_span(month.year, month.month)
            months.append((f"{MONTH_NAMES[month.month - 1]} {month.year}", first, last))
            month = last + ONE_DAY
        return months

    def academic_years_between(self, start: dt.date, end: dt.date) -> list[tuple[str, dt.date, dt.date]]:
        """("2014/15", first day, last day) for every academic year overlapping start..end."""
        years = range(self.academic_year_of(start), self.academic_year_of(end) + 1)
        return [(_year_pair_label(year), *self.academic_year(year)) for year in years]

    def financial_years_between(self, start: dt.date, end: dt.date) -> list[tuple[str, dt.date, dt.date]]:
        """("2008/09", first day, last day) for every financial year overlapping start..end."""
        years = range(self.financial_year_of(start), self.financial_year_of(end) + 1)
        return [(_year_pair_label(year), *self.financial_year(year)) for year in years]

    def term_of(self, day: dt.date) -> tuple[str, int]:
        """The term containing ``day``; in a holiday, the next term to start after it."""
        for year in (day.year, day.year + 1):
            for name in TERMS:
                if self.term(name, year)[1] >= day:
                    return name, year
        raise AssertionError("unreachable: every year has an autumn term")


def _year_pair_label(year: int) -> str:
    return f"{year}/{(year + 1) % 100:02d}"


DEFAULT_CALENDAR = Calendar()
