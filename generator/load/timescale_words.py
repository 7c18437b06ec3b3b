"""Timescales that look like a date or a term but cannot be read, said out loud.

``parse`` keeps what it cannot read as "not dated" rather than guessing, which is right
for "TBA" and wrong for "Spirng 2027" or "31/02/2027": the editor never learns the action
fell off the timeline. Here each such expression becomes a problem at its place in the file:

- an impossible day ("31/02/2027", "2027-02-31", "31 February 2027") is an error that says
  why ("31 February 2027 does not exist"), a warning when the timescale gives its own
  ``start`` and ``end`` (the text is then only shown);
- a month that does not exist ("31/13/2027") is a warning, with the day-first reading
  suggested when the digits swap into a date;
- a word next to a year that is one slip from a term or month ("Spirng 2027",
  "Febuary 2027", "Atumn term 2026") is a warning with "did you mean 'Spring 2027'?".
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from generator.load.reader import Document
from generator.model.calendar import MAX_YEAR, MIN_YEAR, MONTH_NAMES, TERMS, impossible_date
from generator.model.fields import Timescale
from generator.model.plan import Plan
from generator.model.timescales import parse, unread
from generator.problems import Problem, Severity

_NAMES = {name.lower(): name for name in (*MONTH_NAMES, *(t.title() for t in TERMS), "Sept")}
_ABBREVIATIONS = {name[:3].lower() for name in MONTH_NAMES}
_NOT_SLIPS = frozenset(
    "summary summit sprint sprints string strings spine marsh mayor jane junk julie autumnal springs "
    "summers summery octet decent decade number member remember".split()
)
"""Real words one or two letters from a term or month."""
_WORD_BEFORE_YEAR = re.compile(
    r"(?<![\w'])(?P<word>[A-Za-z]{4,})\.?(?:\s+(?:half[\s-]+)?term)?,?\s+(?:of\s+)?"
    r"(?P<year>(?:19|20)[0-9]{2}(?:\s*/\s*[0-9]{2,4})?)(?![\w/])",
    re.IGNORECASE,
)
_DAY_ENTRIES = ("iso_day", "numeric_day", "named_day")


@dataclass(frozen=True)
class Finding:
    """One expression of a timescale that cannot be read as written."""

    start: int
    """Where it starts in the timescale's text."""
    message: str
    hint: str | None
    severity: Severity


def _slips(word: str, name: str) -> int:
    """Edits between two words (insert, delete, replace, swap two neighbours)."""
    previous2: list[int] = []
    previous = list(range(len(name) + 1))
    for i, a in enumerate(word, 1):
        current = [i]
        for j, b in enumerate(name, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b))
            if i > 1 and j > 1 and a == name[j - 2] and word[i - 2] == b:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        previous2, previous = previous, current
    return previous[-1]


def _meant(word: str) -> str | None:
    """The term or month ``word`` is a slip of, if it is one."""
    lower = word.lower()
    if lower in _NAMES or lower in _ABBREVIATIONS or lower in _NOT_SLIPS:
        return None
    allowed = 1 if len(lower) <= 6 else 2
    close = sorted((_slips(lower, name), name) for name in _NAMES if abs(len(name) - len(lower)) <= allowed)
    if close and close[0][0] <= allowed and (len(close) == 1 or close[1][0] > close[0][0]):
        return _NAMES[close[0][1]]
    return None


def _year(digits: str) -> int:
    year = int(digits)
    return year + (2000 if year < 70 else 1900) if len(digits) == 2 else year


def _day_finding(start: int, written: str, groups: dict[str, str], pinned: bool) -> Finding | None:
    """An impossible day, month or year in a date written to the day."""
    year = _year(groups["y"])
    month = int(groups["m"]) if "m" in groups else [m[:3].lower() for m in MONTH_NAMES].index(groups["mon"][:3]) + 1
    day = int(groups["d"])
    why = impossible_date(year, month, day) if MIN_YEAR <= year <= MAX_YEAR else None
    if why is None:
        if not MIN_YEAR <= year <= MAX_YEAR:
            return Finding(
                start,
                f"'{written}' is not read as a date: only years {MIN_YEAR}–{MAX_YEAR} are",
                None,
                Severity.warning,
            )
        return None
    reason, hint = why
    if "m" in groups and not 1 <= month <= 12:
        swapped = written.replace(groups["d"], "\0", 1).replace(groups["m"], groups["d"], 1).replace("\0", groups["m"])
        day_first = "/" in written and impossible_date(year, day, month) is None and month <= 31
        hint = f"dates are day/month/year: did you mean {swapped}?" if day_first else "dates are day/month/year"
        return Finding(start, f"{reason}, so '{written}' is not read as a date", hint, Severity.warning)
    if pinned:
        return Finding(
            start, f"'{written}' is not a date: {reason}", "the start and end given are used", Severity.warning
        )
    hint = f"{hint}; if the plan printed it so, keep the text and give the dates: {{text: ..., start: YYYY-MM-DD, end: YYYY-MM-DD}}"
    return Finding(start, f"'{written}' is not a date: {reason}", hint, Severity.error)


@functools.lru_cache(maxsize=65536)
def findings(text: str, pinned: bool = False) -> tuple[Finding, ...]:
    """What in a timescale's ``text`` looks like a date or a term but cannot be read.
    ``pinned``: the timescale gives its own start and end. Memoised: plans repeat their
    timescales across thousands of actions."""
    found = []
    for start, end, entry, groups in unread(text):
        written = text[start:end]
        if entry in _DAY_ENTRIES:
            finding = _day_finding(start, written, groups, pinned)
            if finding:
                found.append(finding)
        elif entry == "numeric_month" and not 1 <= int(groups["m"]) <= 12:
            found.append(
                Finding(
                    start,
                    f"month {int(groups['m'])} does not exist, so '{written}' is not read as a date",
                    "write the month as 1 to 12, e.g. 3/2027 for March 2027",
                    Severity.warning,
                )
            )
    for match in _WORD_BEFORE_YEAR.finditer(text):
        meant = _meant(match["word"])
        if meant:
            written = match[0]
            suggestion = written.replace(match["word"], meant, 1)
            read = parse(written)
            reading = "it is not read as a date" if read.undated else f"only '{match['year']}' is read"
            found.append(
                Finding(
                    match.start(),
                    f"'{match['word']}' is not a term or a month, so in '{written}' {reading}",
                    f"did you mean '{suggestion}'?",
                    Severity.warning,
                )
            )
    return tuple(sorted(found, key=lambda f: f.start))


def _column(document: Document, loc: tuple[str | int, ...], text: str, offset: int) -> tuple[int, int]:
    """Line and column of character ``offset`` of the text at ``loc`` (of the text's start,
    when the text is not written on one line as it reads)."""
    line, column = document.locate(loc)
    lines = document.text.split("\n")
    rest = lines[line - 1][column - 1 :] if line <= len(lines) else ""
    skip = 1 if rest[:1] in ("'", '"') else 0
    if offset and rest[skip : skip + offset] == text[:offset]:
        return line, column + skip + offset
    return line, column


def _timescales(plan: Plan) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    """(loc, timescale or milestone) of every timescale a plan writes."""
    if plan.period is not None:
        yield ("period",), plan.period
    for index, milestone in enumerate(plan.milestones):
        yield ("milestones", index), milestone
    for kind, item, loc in plan.anchored_items():
        if kind != "action":
            continue
        if item.timescale is not None:
            yield loc + ("timescale",), item.timescale
        for index, milestone in enumerate(item.milestones):
            yield loc + ("milestones", index), milestone


def timescale_problems(document: Document, plan: Plan) -> list[Problem]:
    """A problem for every date or term in a plan's timescales that cannot be read."""
    problems = []
    for loc, value in _timescales(plan):
        if isinstance(value, Timescale):
            text, pinned, at = value.text, value.start is not None and value.end is not None, loc + ("text",)
        elif value.when and value.date is None:
            text, pinned, at = value.when, False, loc + ("when",)
        else:
            continue
        for finding in findings(text, pinned):
            line, column = _column(document, at, text, finding.start)
            problems.append(Problem(document.display, line, column, finding.message, finding.hint, finding.severity))
    return problems
