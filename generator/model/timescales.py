"""UK timescales: read "Autumn 2003", "03-04 academic year", "15/10/14 26/11/14 7/1/15",
"Continuing - Annually" or "By July 2005" into dates, and write them back.

``parse`` turns timescale text into a ``When``: a start and end date, the
precision they were given at, a recurrence, open ends and, when the text
names several dates, one ``Moment`` per date. What cannot be read is kept
"undated" rather than guessed. ``normalise`` adds an editor's explicit dates;
``to_text`` writes a ``When`` back as canonical English that ``parse`` reads
to the same value.

How the text is read:

- one compiled regex table (``_DATE_TABLE``) finds the dated expressions;
  each entry's handler turns its match into a span, or skips it when it is
  not a real date (31/02/14, a year outside 1900-2100);
- two expressions joined only by "-", "to", "until" ("between ... and")
  become one range;
- one expression gives the When's span, opened by a marker before it
  ("From", "Start date", "By", "before", "after");
- several give milestones labelled with the words of their clause;
- recurrence words are counted and the most frequent wins (ties: the first).

Dates are day-first; two-digit years 00-69 are 20xx and 70-99 are 19xx. The
school calendar (terms, half terms, academic and financial years) comes from
a ``Calendar``, which a site may override.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from generator.model.calendar import (
    DEFAULT_CALENDAR,
    MAX_YEAR,
    MIN_YEAR,
    MONTH_NAMES,
    ONE_DAY,
    Calendar,
    Precision,
    Recurrence,
    _add_months,
    _month_span,
    _year_pair_label,
    coarsest,
)

__all__ = [
    "DEFAULT_CALENDAR",
    "Calendar",
    "Moment",
    "Precision",
    "Recurrence",
    "When",
    "normalise",
    "parse",
    "to_text",
    "unread",
]


# --- the values ---------------------------------------------------------------


@dataclass(frozen=True)
class Moment:
    """One dated point or span found in the text."""

    start: dt.date
    end: dt.date
    precision: Precision
    label: str | None = None
    """The words of the text this moment belongs to, e.g. "Trial of adaptation"."""


@dataclass(frozen=True)
class When:
    """A timescale, read."""

    text: str
    """The text as written."""
    start: dt.date | None = None
    end: dt.date | None = None
    precision: Precision | None = None
    """The coarsest precision of what was found (None when undated)."""
    recurrence: Recurrence | None = None
    ongoing: bool = False
    """ "Continuing", "Ongoing"."""
    open_start: bool = False
    """Only an end is known ("By July 2005"); start is None."""
    open_end: bool = False
    """Only a start is known ("From April 2003", "Start date 09/14"); end is None."""
    explicit: bool = False
    """Start and/or end were given by the editor, not read from the text."""
    milestones: tuple[Moment, ...] = field(default=())

    @property
    def undated(self) -> bool:
        return self.start is None and self.end is None

    @property
    def deadline(self) -> bool:
        """Only an end is known, as a deadline ("By July 2005", "Date by March 2002", an
        explicit ``end`` marked ``deadline``): done by then, at any time before. "Until July
        2005" also leaves the start open, but says the work goes on until then."""
        return self.open_start and self.start is None and self.end is not None and not _UNTIL.search(self.text)

    @property
    def exact(self) -> bool:
        """Dates given to the day or month (drawn solid); terms and years are approximate."""
        return self.explicit or self.precision in (Precision.day, Precision.month)


# --- the regex table of dated expressions -------------------------------------

Span = tuple[dt.date, dt.date, Precision]
Handler = Callable[[dict[str, str], Calendar], Span | None]


def _year(digits: str) -> int | None:
    """A year from 2 or 4 digits (00-69 → 20xx, 70-99 → 19xx); None outside 1900-2100."""
    year = int(digits)
    if len(digits) == 2:
        year += 2000 if year < 70 else 1900
    return year if MIN_YEAR <= year <= MAX_YEAR else None


def _first_of_pair(first: str, second: str) -> int | None:
    """The first year of "2003/04", "03-04", "2003/2004"; None unless the second follows the first."""
    year = _year(first)
    if year is None or year + 1 > MAX_YEAR:
        return None
    follows = int(second) == (year + 1) % 100 if len(second) == 2 else int(second) == year + 1
    return year if follows else None


def _month_number(name: str) -> int:
    return [month[:3].lower() for month in MONTH_NAMES].index(name[:3].lower()) + 1


def _day_span(year: int | None, month: int, day: int) -> Span | None:
    if year is None:
        return None
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return None
    return date, date, Precision.day


def _whole_month(year: int | None, month: int) -> Span | None:
    if year is None or not 1 <= month <= 12:
        return None
    return *_month_span(year, month), Precision.month


def _term_year(term: str, year: str) -> int | None:
    """The calendar year of a term written "2003" or "2003/04" (autumn in the first, others the second)."""
    if "/" not in year:
        return _year(year)
    first, second = (part.strip() for part in year.split("/"))
    start = _first_of_pair(first, second)
    if start is None:
        return None
    return start if term == "autumn" else start + 1


def _on_day(g: dict[str, str], cal: Calendar) -> Span | None:
    month = int(g["m"]) if "m" in g else _month_number(g["mon"])
    return _day_span(_year(g["y"]), month, int(g["d"]))


def _in_month(g: dict[str, str], cal: Calendar) -> Span | None:
    month = int(g["m"]) if "m" in g else _month_number(g["mon"])
    return _whole_month(_year(g["y"]), month)


def _in_term(g: dict[str, str], cal: Calendar) -> Span | None:
    year = _term_year(g["t"], g["y"])
    return None if year is None else (*cal.term(g["t"], year), Precision.term)


def _in_half_term(g: dict[str, str], cal: Calendar) -> Span | None:
    year = _term_year(g["t"], g["y"])
    half = 1 if g["h"] in ("first", "1st", "1") else 2
    return None if year is None else (*cal.half_term(g["t"], half, year), Precision.half_term)


def _in_quarter(g: dict[str, str], cal: Calendar) -> Span | None:
    year = _year(g["y"])
    if year is None:
        return None
    first = dt.date(year, 3 * int(g["q"]) - 2, 1)
    return first, _add_months(first, 3) - ONE_DAY, Precision.quarter


def _in_financial_quarter(g: dict[str, str], cal: Calendar) -> Span | None:
    year = _first_of_pair(g["a"], g["b"])
    return None if year is None else (*cal.financial_quarter(int(g["q"]), year), Precision.quarter)


def _in_academic_year(g: dict[str, str], cal: Calendar) -> Span | None:
    year = _first_of_pair(g["a"], g["b"])
    return None if year is None else (*cal.academic_year(year), Precision.academic_year)


def _in_financial_year(g: dict[str, str], cal: Calendar) -> Span | None:
    year = _first_of_pair(g["a"], g["b"])
    return None if year is None else (*cal.financial_year(year), Precision.financial_year)


def _in_years(g: dict[str, str], cal: Calendar) -> Span | None:
    """A year ("2004"), or a span of years written "2008-11" (never November 2008)."""
    first = _year(g["y"])
    if first is None:
        return None
    last = first
    if "b" in g:
        short = int(g["b"])
        if short > first % 100:
            last = first - first % 100 + short
        elif short == (first + 1) % 100:
            last = first + 1
        else:
            return None
    return dt.date(first, 1, 1), dt.date(last, 12, 31), Precision.year


_MONTH = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_TERM = r"(?P<t>autumn|spring|summer)"
_TERM_YEAR = r"(?P<y>[0-9]{4}(?:\s*/\s*(?:[0-9]{4}|[0-9]{2}))?)"
_PAIR = r"(?P<a>[0-9]{4}|[0-9]{2})\s*[/-]\s*(?P<b>[0-9]{4}|[0-9]{2})"
_SLASH_PAIR = r"(?P<a>[0-9]{4})\s*/\s*(?P<b>[0-9]{4}|[0-9]{2})"
_SEP = r"(?:\s*,\s*|\s+)"

_DATE_TABLE: tuple[tuple[str, str, Handler], ...] = (
    # (name, pattern, handler): earlier entries win where two could match at one place.
    ("iso_day", r"(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})", _on_day),
    ("numeric_day", r"(?P<d>[0-9]{1,2})/(?P<m>[0-9]{1,2})/(?P<y>[0-9]{4}|[0-9]{2})", _on_day),
    ("named_day", r"(?P<d>[0-9]{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + _SEP + r"(?P<y>[0-9]{4})", _on_day),
    (
        "financial_quarter",
        r"(?:q|quarter\s*)(?P<q>[1-4])" + _SEP + r"(?:of\s+)?(?:fy\s*|financial\s+year\s+)?" + _SLASH_PAIR,
        _in_financial_quarter,
    ),
    ("quarter", r"(?:q|quarter\s*)(?P<q>[1-4])" + _SEP + r"(?P<y>[0-9]{4})", _in_quarter),
    (
        "half_term_ordinal",
        r"(?P<h>first|second|1st|2nd)\s+half(?:[\s-]+term)?\s+(?:of\s+)?(?:the\s+)?"
        + _TERM
        + r"(?:\s+term)?"
        + _SEP
        + _TERM_YEAR,
        _in_half_term,
    ),
    ("half_term_numbered", _TERM + r"(?:\s+term)?\s+(?P<h>[12])" + _SEP + _TERM_YEAR, _in_half_term),
    ("term", _TERM + r"(?:\s+term)?" + _SEP + _TERM_YEAR, _in_term),
    ("academic_year_first", r"(?:academic|school)\s+years?\s*:?\s*" + _PAIR, _in_academic_year),
    ("academic_year_after", _PAIR + r"\s+(?:academic|school)\s+years?", _in_academic_year),
    ("financial_year_first", r"(?:financial\s+years?|fy)\s*:?\s*" + _PAIR, _in_financial_year),
    ("financial_year_after", _PAIR + r"\s+(?:financial\s+years?|fy)", _in_financial_year),
    ("slash_academic_year", _SLASH_PAIR, _in_academic_year),
    ("short_year_range", r"(?P<y>[0-9]{4})-(?P<b>[0-9]{2})", _in_years),
    ("month", _MONTH + _SEP + r"(?P<y>[0-9]{4})", _in_month),
    ("numeric_month", r"(?P<m>[0-9]{1,2})/(?P<y>[0-9]{4}|[0-9]{2})", _in_month),
    ("year", r"(?P<y>[0-9]{4})", _in_years),
)

_BEFORE_DATE = r"(?<![\w£$])(?!(?<=/)[0-9])"  # not inside a word, a sum, or "24/9/14"
_AFTER_DATE = r"(?![\w/]|\.[0-9])"


def _compile_table() -> tuple[re.Pattern[str], dict[str, tuple[list[str], Handler]]]:
    """One scanner for the whole table; each entry's groups are renamed ``<entry>__<group>``."""
    alternatives, entries = [], {}
    for name, pattern, handler in _DATE_TABLE:
        renamed = re.sub(r"\(\?P<(\w+)>", rf"(?P<{name}__\1>", pattern)
        alternatives.append(f"(?P<{name}>{renamed})")
        entries[name] = (re.findall(r"\(\?P<(\w+)>", pattern), handler)
    scanner = _BEFORE_DATE + "(?:" + "|".join(alternatives) + ")" + _AFTER_DATE
    return re.compile(scanner, re.IGNORECASE), entries


_SCANNER, _ENTRIES = _compile_table()


# --- the other words --------------------------------------------------------------

_RECURRENCE_TABLE: tuple[tuple[Recurrence, str], ...] = (
    (Recurrence.half_termly, r"half[\s-]*termly|(?:each|every|once\s+a|per)\s+half[\s-]*term"),
    (Recurrence.half_yearly, r"half[\s-]*yearly|six[\s-]*monthly|twice\s+(?:a|per|each)\s+year|every\s+six\s+months"),
    (Recurrence.termly, r"termly|(?:each|every|once\s+a|per)\s+term"),
    (Recurrence.quarterly, r"quarterly|(?:each|every|once\s+a|per)\s+quarter"),
    (Recurrence.monthly, r"monthly|(?:each|every|once\s+a|per)\s+month"),
    (Recurrence.annually, r"annual(?:ly)?|yearly|(?:each|every|once\s+a|per)\s+year|per\s+annum"),
)
_RECURRENCE = re.compile(
    r"\b(?:" + "|".join(f"(?P<{kind.name}>{pattern})" for kind, pattern in _RECURRENCE_TABLE) + r")\b",
    re.IGNORECASE,
)
_ONGOING = re.compile(r"\b(?:continuing|continuous(?:ly)?|ongoing|on-going)\b", re.IGNORECASE)

_RANGE_JOIN = re.compile(r"\s*(?:-+|to|until|till|through|thru)\s*", re.IGNORECASE)
_AND = re.compile(r"\s*and\s*", re.IGNORECASE)
_BETWEEN = re.compile(r"\bbetween\s*$", re.IGNORECASE)

_OPENS_END = re.compile(
    r"\b(?:(?P<after>after)(?:\s+the)?(?:\s+end\s+of)?"
    r"|from|starting|starts|start\s+date|commencing|beginning)"
    r"(?:\s+(?:in|on|from))?\s*[-:]?\s*(?:the\s+)?$",
    re.IGNORECASE,
)
_OPENS_START = re.compile(
    r"\b(?:(?P<before>before)|by|no\s+later\s+than|not\s+later\s+than|until|till|up\s+to|due(?:\s+by)?|deadline)"
    r"(?:\s+the)?(?P<end_of>\s+end\s+of)?(?:\s+the)?\s*[-:]?\s*$",
    re.IGNORECASE,
)
_UNTIL = re.compile(r"\b(?:until|till|up\s+to)\b", re.IGNORECASE)
"""Open-start words that mean "going on until", not "done by"."""
_OPENS_END_AFTER = re.compile(r"\s*(?:and\s+)?onwards?\b", re.IGNORECASE)
"""A marker after the expression: "April 2003 onwards"."""
_MARKER_REACH = 60
"""How many characters before an expression are searched for "From", "By" and the like."""

_CLAUSE_END = re.compile(r"[;\n]|[.!?](?=\s|$)")
_NOTE = re.compile(r"\s*\(([^()]*)\)")
_EMPTY_BRACKETS = re.compile(r"\(\s*\)")
_CONNECTING = frozenset("in on at by from to until till before after during and or of the for".split())
_DASH_CHARACTERS = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_DASHES = str.maketrans(dict.fromkeys(_DASH_CHARACTERS, "-"))
_EDGE_PUNCTUATION = " \t\r\n-:,.;/&+" + _DASH_CHARACTERS


# --- parsing ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Found:
    """A dated expression found in the text: where it is and what it spans."""

    pos: int
    endpos: int
    start: dt.date
    end: dt.date
    precision: Precision
    joined: bool = False
    """Two expressions read as one range ("March 2004 – May 2005")."""


def _matches(text: str, calendar: Calendar):
    """(match, table entry, its groups, its span or None when it is not a real date) for every
    expression of the table in ``text``, in order."""
    for match in _SCANNER.finditer(text):
        entry = match.lastgroup or ""
        names, handler = _ENTRIES[entry]
        groups = {n: match[f"{entry}__{n}"].lower() for n in names if match[f"{entry}__{n}"] is not None}
        yield match, entry, groups, handler(groups, calendar)


def _scan(text: str, calendar: Calendar) -> list[_Found]:
    """Every dated expression in ``text``, in order; matches that are not real dates are skipped."""
    return [_Found(match.start(), match.end(), *span) for match, _, _, span in _matches(text, calendar) if span]


def unread(text: str, calendar: Calendar = DEFAULT_CALENDAR) -> list[tuple[int, int, str, dict[str, str]]]:
    """What looks like a date in ``text`` but is not one, and is skipped by ``parse``:
    (start, end, table entry, its groups), e.g. "31/02/2027" as ``numeric_day``."""
    plain = text.translate(_DASHES)
    return [(m.start(), m.end(), entry, groups) for m, entry, groups, span in _matches(plain, calendar) if not span]


def _join_ranges(text: str, found: list[_Found]) -> list[_Found]:
    """Read "X – Y", "X to Y" and "between X and Y" as one span from X's start to Y's end."""
    joined: list[_Found] = []
    index = 0
    while index < len(found):
        first = found[index]
        if index + 1 < len(found):
            second = found[index + 1]
            gap = text[first.endpos : second.pos]
            linked = _RANGE_JOIN.fullmatch(gap) or (
                _AND.fullmatch(gap) and _BETWEEN.search(text[max(0, first.pos - 20) : first.pos])
            )
            if linked and first.start <= second.start and first.end <= second.end:
                precision = coarsest(first.precision, second.precision)
                joined.append(_Found(first.pos, second.endpos, first.start, second.end, precision, joined=True))
                index += 2
                continue
        joined.append(first)
        index += 1
    return joined


def _recurrence(text: str) -> Recurrence | None:
    """The most frequent recurrence named in ``text``; on a tie, the one named first."""
    counts = _recurrence_counts(text)
    if not counts:
        return None
    return max(counts, key=lambda kind: counts[kind])  # Counter keeps first-seen order; max keeps the first


def _recurrence_counts(text: str) -> Counter[Recurrence]:
    return Counter(Recurrence[match.lastgroup or ""] for match in _RECURRENCE.finditer(text))


def _single(text: str, found: _Found) -> dict[str, Any]:
    """The When fields for one expression, opened by a marker such as "From" or "By" before
    it or "onwards" after it.

    "before X" ends the day before X starts and "after X" starts the day after X ends;
    when that day is outside 1900-2100 nothing is dated."""
    fields_: dict[str, Any] = {"start": found.start, "end": found.end, "precision": found.precision}
    if found.joined:
        return fields_
    before = text[max(0, found.pos - _MARKER_REACH) : found.pos]
    if marker := _OPENS_START.search(before):
        end = found.start - ONE_DAY if marker["before"] and not marker["end_of"] else found.end
        opened: dict[str, Any] = {"start": None, "end": end, "open_start": True}
    elif marker := _OPENS_END.search(before):
        start = found.end + ONE_DAY if marker["after"] else found.start
        opened = {"start": start, "end": None, "open_end": True}
    elif _OPENS_END_AFTER.match(text, found.endpos):
        opened = {"start": found.start, "end": None, "open_end": True}
    else:
        return fields_
    day = opened["start"] or opened["end"]
    return fields_ | opened if MIN_YEAR <= day.year <= MAX_YEAR else {}


def _tidy_label(words: str) -> str | None:
    """``words`` without connecting words ("in", "by", "-", ":") at either end, nor brackets
    emptied, unpaired or around everything once the dates were taken out; None if nothing is left."""
    words = _EMPTY_BRACKETS.sub(" ", words)
    if wrapped := _NOTE.fullmatch(words.rstrip()):
        words = wrapped[1]
    if words.count("(") != words.count(")"):
        words = words.replace("(", " ").replace(")", " ")
    parts = words.split()

    def connecting(word: str) -> bool:
        bare = word.strip(_EDGE_PUNCTUATION)
        return not bare or bare.lower() in _CONNECTING

    while parts and connecting(parts[0]):
        parts.pop(0)
    while parts and connecting(parts[-1]):
        parts.pop()
    label = " ".join(parts).strip(_EDGE_PUNCTUATION)
    # "Quarterly 12/11/14 04/02/15": the recurrence word says how often, it names nothing.
    if not _ONGOING.sub("", _RECURRENCE.sub("", label)).strip(_EDGE_PUNCTUATION + " -"):
        return None
    return label or None


def _milestones(text: str, found: list[_Found]) -> tuple[Moment, ...]:
    """One Moment per expression, labelled by a note in brackets right after it, or else by
    the words of its clause (split on ";", line breaks and sentence ends) once every date
    and note is taken out."""
    blanked = list(text)
    notes: dict[int, str] = {}
    for index, item in enumerate(found):
        blanked[item.pos : item.endpos] = " " * (item.endpos - item.pos)
        note = _NOTE.match(text, item.endpos)
        next_pos = found[index + 1].pos if index + 1 < len(found) else len(text)
        if note and note.end() <= next_pos:
            notes[index] = note[1].strip()
            blanked[note.start() : note.end()] = " " * (note.end() - note.start())
    words = "".join(blanked)
    starts = [0] + [cut.end() for cut in _CLAUSE_END.finditer(words)]
    labels: dict[int, str | None] = {}  # by clause start
    moments = []
    for index, item in enumerate(found):
        if index in notes:
            label = notes[index] or None
        else:
            at = bisect.bisect_right(starts, item.pos) - 1
            if starts[at] not in labels:
                clause_end = _CLAUSE_END.search(words, item.endpos)
                labels[starts[at]] = _tidy_label(words[starts[at] : clause_end.start() if clause_end else len(words)])
            label = labels[starts[at]]
        moments.append(Moment(item.start, item.end, item.precision, label))
    return tuple(moments)


@functools.lru_cache(maxsize=65536)
def parse(text: str, calendar: Calendar = DEFAULT_CALENDAR) -> When:
    """Read a timescale as written. Never raises; what cannot be read is undated.

    Memoised: plans repeat the same words ("Autumn 2003", "Ongoing") across thousands of
    actions, and a When is frozen, so one reading can be shared."""
    plain = text.translate(_DASHES)  # one character for one: positions still match ``text``
    found = _join_ranges(plain, _scan(plain, calendar))
    words: dict[str, Any] = {"recurrence": _recurrence(plain), "ongoing": bool(_ONGOING.search(plain))}
    if not found:
        return When(text, **words)
    if len(found) == 1:
        return When(text, **words, **_single(plain, found[0]))
    milestones = _milestones(text, found)
    return When(
        text,
        start=min(m.start for m in milestones),
        end=max(m.end for m in milestones),
        precision=coarsest(*(m.precision for m in milestones)),
        milestones=milestones,
        **words,
    )


def normalise(timescale: Any, calendar: Calendar = DEFAULT_CALENDAR) -> When:
    """A ``generator.model.Timescale`` (or None, or plain text) read into a When.

    A ``deadline`` keeps only the end (the explicit one, else the one read) and opens the
    start. An explicit ``start`` or ``end`` replaces the one read from the text,
    each on its own, and marks the When ``explicit``. A read date that
    would then fall on the wrong side of an explicit one is dropped. The
    precision is ``day`` when every remaining date is explicit, else the
    precision read from the text. Recurrence, ongoing and milestones are
    kept as read, even where milestones fall outside the explicit dates."""
    if timescale is None:
        return When("")
    if isinstance(timescale, str):
        return parse(timescale, calendar)
    when = parse(timescale.text, calendar)
    start_given, end_given = timescale.start, timescale.end
    if getattr(timescale, "deadline", False) and (end_given or when.end):
        # A deadline: done by its end, at any time before ("Date by" over a column of months).
        return replace(
            when,
            start=None,
            end=end_given or when.end,
            precision=Precision.day if end_given else when.precision,
            open_start=True,
            open_end=False,
            explicit=end_given is not None,
        )
    if start_given is None and end_given is None:
        return when
    start = start_given if start_given is not None else when.start
    end = end_given if end_given is not None else when.end
    if start is not None and end is not None and start > end:
        start, end = (start, None) if start_given is not None else (None, end)
    read_kept = (start is not None and start_given is None) or (end is not None and end_given is None)
    return replace(
        when,
        start=start,
        end=end,
        precision=when.precision if read_kept else Precision.day,
        open_start=start is None,
        open_end=end is None,
        explicit=True,
    )


# --- writing back -------------------------------------------------------------------

_RECURRENCE_WORDS = {
    Recurrence.monthly: "monthly",
    Recurrence.half_termly: "half-termly",
    Recurrence.termly: "termly",
    Recurrence.quarterly: "quarterly",
    Recurrence.half_yearly: "half-yearly",
    Recurrence.annually: "annually",
}


Unit = tuple[str, dt.date, dt.date]
"""A whole day, month, term... as (text that parse reads, first day, last day)."""


def _units(precision: Precision, day: dt.date, calendar: Calendar) -> list[Unit]:
    """The units of ``precision`` containing ``day``: none in a school holiday, two for a
    quarter (the calendar quarter and the financial-year quarter, when they differ)."""
    year = day.year
    if precision is Precision.day:
        return [(f"{day.day}/{day.month}/{year}", day, day)]
    if precision is Precision.month:
        return [(f"{MONTH_NAMES[day.month - 1]} {year}", *_month_span(year, day.month))]
    if precision is Precision.quarter:
        quarter = (day.month - 1) // 3 + 1
        first = dt.date(year, 3 * quarter - 2, 1)
        start_year = calendar.financial_year_of(day)
        return [(f"Q{quarter} {year}", first, _add_months(first, 3) - ONE_DAY)] + [
            (f"Q{number} {_year_pair_label(start_year)}", first, last)
            for number in (1, 2, 3, 4)
            for first, last in [calendar.financial_quarter(number, start_year)]
            if first <= day <= last
        ]
    if precision is Precision.academic_year:
        start_year = calendar.academic_year_of(day)
        return [(f"academic year {_year_pair_label(start_year)}", *calendar.academic_year(start_year))]
    if precision is Precision.financial_year:
        start_year = calendar.financial_year_of(day)
        return [(f"financial year {_year_pair_label(start_year)}", *calendar.financial_year(start_year))]
    if precision is Precision.year:
        return [(str(year), dt.date(year, 1, 1), dt.date(year, 12, 31))]
    if precision is Precision.term:
        return [(f"{name.title()} {y}", first, last) for name, y, first, last in calendar.terms_between(day, day)]
    return calendar.half_terms_between(day, day)


def _unit_starting(day: dt.date, precision: Precision, calendar: Calendar) -> str | None:
    return next((text for text, first, _ in _units(precision, day, calendar) if first == day), None)


def _unit_ending(day: dt.date, precision: Precision, calendar: Calendar) -> str | None:
    return next((text for text, _, last in _units(precision, day, calendar) if last == day), None)


def _day_text(day: dt.date) -> str:
    return f"{day.day}/{day.month}/{day.year}"


def _span_text(start: dt.date, end: dt.date, precision: Precision, calendar: Calendar) -> str:
    """ "Autumn 2003", "March 2004 to May 2005"; a bound that is not the edge of a unit is a day."""
    first = _unit_starting(start, precision, calendar) or _day_text(start)
    last = _unit_ending(end, precision, calendar) or _day_text(end)
    return first if first == last else f"{first} to {last}"


def _open_text(when: When, calendar: Calendar) -> str:
    """ "from …", "after …", "by …" or "before …" for a When with one open end."""
    precision = when.precision or Precision.day
    if when.start is not None:
        if unit := _unit_starting(when.start, precision, calendar):
            return f"from {unit}"
        if unit := _unit_ending(when.start - ONE_DAY, precision, calendar):
            return f"after {unit}"
        return f"from {_day_text(when.start)}"
    assert when.end is not None
    if unit := _unit_ending(when.end, precision, calendar):
        return f"by {unit}"
    if unit := _unit_starting(when.end + ONE_DAY, precision, calendar):
        return f"before {unit}"
    return f"by {_day_text(when.end)}"


def _label_fits(label: str | None, when: When, calendar: Calendar) -> bool:
    """Whether ``label`` can be written in brackets and read back unchanged without
    changing anything else about ``when``."""
    if not label or label != label.strip() or re.search(r"[()\n;]|[.!?](?=\s|$)", label):
        return False
    alone = parse(label, calendar)
    recurrences = set(_recurrence_counts(label))
    return alone.undated and recurrences <= {when.recurrence} and (when.ongoing or not alone.ongoing)


def _moment_text(moment: Moment, when: When, calendar: Calendar) -> str:
    text = _span_text(moment.start, moment.end, moment.precision, calendar)
    return f"{text} ({moment.label})" if _label_fits(moment.label, when, calendar) else text


def to_text(when: When, calendar: Calendar = DEFAULT_CALENDAR) -> str:
    """Canonical English for ``when`` ("Ongoing, termly, from April 2003";
    "Autumn 2003 (Trial of adaptation); academic year 2003/04 (Implement)").

    ``parse`` reads it back to the same value for every When that ``parse``
    can produce. Milestone labels are written as notes in brackets, unless
    they hold dates, brackets, clause breaks or other recurrence words, when
    they are left out."""
    lead = ", ".join(
        word
        for word in ("ongoing" if when.ongoing else "", (_RECURRENCE_WORDS[when.recurrence] if when.recurrence else ""))
        if word
    )
    if when.milestones:
        dates = "; ".join(_moment_text(moment, when, calendar) for moment in when.milestones)
        text = f"{lead}. {dates}" if lead else dates
    elif when.undated:
        text = lead or "undated"
    else:
        if when.start is not None and when.end is not None:
            phrase = _span_text(when.start, when.end, when.precision or Precision.day, calendar)
        else:
            phrase = _open_text(when, calendar)
        text = f"{lead}, {phrase}" if lead else phrase
    return text[:1].upper() + text[1:]
