"""Dated things, ready for timelines, "What's on" and calendar feeds.

Sits between resolve and render: the Catalogue's normalised timescales become
``Entry`` records (an action's span, or one of its dated milestones), and this
module lays them out: the columns of a plan's timeline, its rows, and the
academic terms of the site-wide "What's on" page. Pure functions; no I/O.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum

from generator.model.assessment import Criterion
from generator.model.calendar import Calendar, Precision
from generator.model.fields import Milestone, Month, first_day, last_day
from generator.model.plan import Action, Group, GroupKind, Plan
from generator.model.timescales import Moment, When, parse
from generator.model.wording import plain_text

MAX_MONTH_COLUMNS = 7
MAX_HALF_TERM_MONTHS = 14
MAX_TERM_MONTHS = 48


class EntryKind(str, Enum):
    action = "action"
    milestone = "milestone"
    update = "update"
    criterion = "criterion"


PLAN_CRITERIA = Group(kind=GroupKind.section, id="criteria", title="Success criteria for the plan as a whole")
"""Where a timeline lists the plan's own success criteria (the plan page's section ``criteria``)."""


@dataclass(frozen=True)
class CriterionLine:
    """A success criterion as a timeline row or the undated list shows it, under the words
    "Success criterion" and its label as printed."""

    criterion: Criterion

    @property
    def id(self) -> str:
        return self.criterion.id or ""

    @property
    def label(self) -> str:
        return " ".join(filter(None, ["Success criterion", self.criterion.label]))

    @property
    def text(self) -> str:
        return self.criterion.text

    @property
    def milestones(self) -> list:
        return []


@dataclass(frozen=True)
class Entry:
    """One dated thing a reader may look for: an action's span or a milestone."""

    plan: Plan
    kind: EntryKind
    uid: str
    """Stable across builds: plan id, item id and a counter."""
    anchor: str
    """Where on the plan page it is described."""
    title: str
    """What happens, as written (plain text)."""
    start: dt.date | None
    end: dt.date | None
    when: When
    label: str | None = None
    group: Group | None = None
    """The group it sits in."""
    action: Action | None = None
    audience: tuple[str, ...] = ()
    criterion: Criterion | None = None
    """The success criterion it is about, for a criterion's span and its updates."""

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    def overlaps(self, start: dt.date, end: dt.date) -> bool:
        first = self.start or self.end
        last = self.end or self.start
        if first is None or last is None:
            return False
        return first <= end and last >= start


def milestone_when(milestone: Milestone, calendar: Calendar) -> When:
    """A milestone's timing: its exact date, else whatever its ``when`` text says."""
    if milestone.date:
        return When(
            text=milestone.when or milestone.date.isoformat(),
            start=milestone.date,
            end=milestone.date,
            precision=Precision.day,
            explicit=True,
        )
    return parse(milestone.when or "", calendar)


@dataclass
class PlanEntries:
    """A plan's dated and undated things, in document order."""

    plan: Plan
    actions: list[tuple[Group, Action | CriterionLine, When]] = field(default_factory=list)
    """Every action and success criterion with a timescale, with the group it sits in (for the
    plan's own criteria, ``PLAN_CRITERIA``) and its normalised timing."""
    entries: list[Entry] = field(default_factory=list)
    """Dated entries (spans and milestones) for What's on and calendars."""


def _action_entries(plan: Plan, group: Group, action: Action, when: When | None, calendar: Calendar) -> list[Entry]:
    """An action's dated entries: its explicit dated milestones when it has any
    (so a briefing on 15/10/14 is one event, not two); otherwise the dates its
    timescale lists, or the one span it names."""
    title = plain_text(action.text)
    found: list[tuple[EntryKind, str, When, dt.date | None, dt.date | None, str | None]] = []
    for milestone in action.milestones:
        timing = milestone_when(milestone, calendar)
        if not timing.undated:
            found.append((EntryKind.milestone, plain_text(milestone.text), timing, timing.start, timing.end, title))
    if not found and when is not None and len(when.milestones) > 1:
        for moment in when.milestones:
            label = title if moment.label else None
            found.append((EntryKind.milestone, moment.label or title, when, moment.start, moment.end, label))
    if not found and when is not None and not when.undated:
        found.append((EntryKind.action, title, when, when.start, when.end, action.label))
    found += _update_entries(action, title)
    return [
        Entry(
            plan=plan,
            kind=kind,
            uid=f"{plan.id}.{action.id}.{number}",
            anchor=action.id or "",
            title=entry_title,
            start=start,
            end=end,
            when=timing,
            label=label,
            group=group,
            action=action,
            audience=tuple(m.text for m in action.audience),
        )
        for number, (kind, entry_title, timing, start, end, label) in enumerate(found, start=1)
    ]


def _update_entries(item: Action | Criterion, title: str) -> list[tuple]:
    """An action's or a criterion's dated updates (a day, or a whole month)."""
    found = []
    for update in item.updates:
        first, last = first_day(update.date), last_day(update.date)
        month = isinstance(update.date, Month)  # a month is said in words ("March 2004")
        text, precision = (str(update.date), Precision.month) if month else (update.date.isoformat(), Precision.day)
        day = When(text=text, start=first, end=last, precision=precision, explicit=True)
        found.append((EntryKind.update, plain_text(update.text), day, first, last, title))
    return found


def _criterion_entries(plan: Plan, group: Group | None, criterion: Criterion, when: When | None) -> list[Entry]:
    """A success criterion's dated entries: the dates its timescale lists (or the one span or
    deadline it names), and its dated updates."""
    title = plain_text(criterion.text)
    found: list[tuple] = []
    if when is not None and len(when.milestones) > 1:
        found += [(EntryKind.criterion, title, when, m.start, m.end, criterion.label) for m in when.milestones]
    elif when is not None and not when.undated:
        found.append((EntryKind.criterion, title, when, when.start, when.end, criterion.label))
    found += _update_entries(criterion, title)
    return [
        Entry(
            plan=plan,
            kind=kind,
            uid=f"{plan.id}.{criterion.id}.{number}",
            anchor=criterion.id or "",
            title=entry_title,
            start=start,
            end=end,
            when=timing,
            label=label,
            group=group,
            criterion=criterion,
        )
        for number, (kind, entry_title, timing, start, end, label) in enumerate(found, start=1)
    ]


def plan_entries(plan: Plan, whens: dict[str, When], calendar: Calendar) -> PlanEntries:
    """Entries of one plan. ``whens`` maps action and criterion ids to their normalised timing."""
    result = PlanEntries(plan)
    for criterion in plan.success_criteria:
        when = whens.get(criterion.id or "")
        if when is not None:
            result.actions.append((PLAN_CRITERIA, CriterionLine(criterion), when))
        result.entries += _criterion_entries(plan, None, criterion, when)
    for group, _ in plan.walk_groups():
        for criterion in group.success_criteria:
            when = whens.get(criterion.id or "")
            if when is not None:
                result.actions.append((group, CriterionLine(criterion), when))
            result.entries += _criterion_entries(plan, group, criterion, when)
        for action in group.actions:
            when = whens.get(action.id)
            if when is not None:
                result.actions.append((group, action, when))
            result.entries += _action_entries(plan, group, action, when, calendar)
    for index, milestone in enumerate(plan.milestones, start=1):
        moment = milestone_when(milestone, calendar)
        if moment.undated:
            continue
        result.entries.append(
            Entry(
                plan=plan,
                kind=EntryKind.milestone,
                uid=f"{plan.id}.milestone.{index}",
                anchor="milestones",
                title=plain_text(milestone.text),
                start=moment.start,
                end=moment.end,
                when=moment,
                audience=tuple(m.text for m in plan.audience),
            )
        )
    return result


# --- a plan's timeline ------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    label: str
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class Cell:
    """What one column of one timeline row shows."""

    filled: bool = False
    exact: bool = False
    continues_before: bool = False
    continues_after: bool = False
    moments: tuple[Moment, ...] = ()


@dataclass(frozen=True)
class Row:
    group: Group
    action: Action | CriterionLine
    when: When
    cells: tuple[Cell, ...]


@dataclass
class PlanTimeline:
    columns: list[Column]
    unit: str
    """What a column is: "month", "half term", "term" or "academic year"."""
    groups: list[tuple[Group, list[Row]]]
    undated: list[tuple[Group, Action | CriterionLine, When]]
    """Actions and criteria whose timescale gives no date (recurring or ongoing ones included)."""

    @property
    def empty(self) -> bool:
        return not self.columns


def _months(start: dt.date, end: dt.date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month + 1


def columns_for(start: dt.date, end: dt.date, calendar: Calendar) -> tuple[str, list[Column]]:
    """The columns that fit a span: months, half terms, terms or academic years."""
    months = _months(start, end)
    if months <= MAX_MONTH_COLUMNS:
        unit, spans = "month", calendar.months_between(start, end)
    elif months <= MAX_HALF_TERM_MONTHS:
        unit, spans = "half term", calendar.half_terms_between(start, end)
    elif months <= MAX_TERM_MONTHS:
        unit = "term"
        spans = [(f"{name.title()} {year}", s, e) for name, year, s, e in calendar.terms_between(start, end)]
    else:
        unit, spans = "academic year", calendar.academic_years_between(start, end)
    return unit, [Column(label, s, e) for label, s, e in spans]


def _row_moments(action: Action | CriterionLine, when: When, calendar: Calendar) -> tuple[Moment, ...]:
    """The dated points a row marks with ◆: the action's own dated milestones,
    else the single days its timescale lists, else a deadline's last day. Longer
    moments are drawn as bars."""
    explicit = []
    for milestone in action.milestones:
        timing = milestone_when(milestone, calendar)
        if timing.precision is Precision.day and timing.start:
            explicit.append(Moment(timing.start, timing.start, Precision.day, plain_text(milestone.text)))
    if explicit:
        return tuple(explicit)
    days = [m for m in when.milestones if m.precision is Precision.day]
    if not when.milestones and when.precision is Precision.day and when.start and when.start == when.end:
        days = [Moment(when.start, when.end, Precision.day, None)]
    if not when.milestones and when.deadline and when.end:
        days = [Moment(when.end, when.end, Precision.day, f"deadline ({when.text})" if when.text else "deadline")]
    return tuple(days)


def _row_spans(when: When, columns: list[Column]) -> list[tuple[dt.date, dt.date]]:
    """The periods a row draws as bars (open ends run to the timeline's edge)."""
    if when.milestones:
        return [(m.start, m.end) for m in when.milestones if m.precision is not Precision.day]
    if when.precision is Precision.day and when.start == when.end:
        return []
    if when.deadline:  # done by its end, at any time before: a mark at the deadline, not a bar
        return []
    start = when.start if when.start is not None else (columns[0].start if when.open_start else None)
    end = when.end if when.end is not None else (columns[-1].end if when.open_end else None)
    return [(start, end)] if start is not None and end is not None else []


def _row_cells(when: When, moments: tuple[Moment, ...], columns: list[Column]) -> tuple[Cell, ...]:
    """Each column: is the action under way in it, and which dated moments fall in it."""
    spans = _row_spans(when, columns)
    cells = []
    for index, column in enumerate(columns):
        filled = any(s <= column.end and e >= column.start for s, e in spans)
        cells.append(
            Cell(
                filled=filled,
                exact=when.exact,
                continues_before=filled and when.open_start and index == 0,
                continues_after=filled and when.open_end and index == len(columns) - 1,
                moments=tuple(m for m in moments if m.start <= column.end and m.end >= column.start),
            )
        )
    return tuple(cells)


def plan_timeline(entries: PlanEntries, calendar: Calendar) -> PlanTimeline:
    """Rows of actions grouped by the group they sit in, in columns fitted to the dated span."""
    rows = []
    undated = []
    for group, action, when in entries.actions:
        moments = _row_moments(action, when, calendar)
        if when.undated and not moments:
            undated.append((group, action, when))
        else:
            rows.append((group, action, when, moments))
    days = [d for _, _, w, ms in rows for d in (w.start, w.end) if d is not None]
    days += [d for _, _, _, ms in rows for m in ms for d in (m.start, m.end)]
    if not days:
        return PlanTimeline([], "", [], undated)
    unit, columns = columns_for(min(days), max(days), calendar)
    groups: list[tuple[Group, list[Row]]] = []
    for group, action, when, moments in rows:
        row = Row(group, action, when, _row_cells(when, moments, columns))
        if groups and groups[-1][0] is group:
            groups[-1][1].append(row)
        else:
            groups.append((group, [row]))
    return PlanTimeline(columns, unit, groups, undated)


# --- What's on: the site by academic term -----------------------------------------


@dataclass(frozen=True)
class Term:
    name: str
    year: int
    start: dt.date
    end: dt.date

    @property
    def label(self) -> str:
        return f"{self.name.title()} term {self.year}"

    @property
    def anchor(self) -> str:
        return f"{self.name}-{self.year}"


@dataclass
class TermItems:
    term: Term
    entries: list[Entry]


def whats_on(entries: list[Entry], calendar: Calendar) -> list[TermItems]:
    """Every dated entry under each academic term it touches, terms in order.

    Open-ended entries ("From April 2003") are listed in their first term only;
    spans longer than a term appear in every term they cover."""
    dated = [e for e in entries if e.dated]
    if not dated:
        return []
    buckets: dict[tuple[str, int, dt.date, dt.date], list[Entry]] = {}
    for entry in dated:  # each entry finds its own terms: linear in entries, not terms × entries
        for term in calendar.terms_between(*_term_span(entry)):
            buckets.setdefault(term, []).append(entry)
    result = []
    for (name, year, start, end), items in sorted(buckets.items(), key=lambda item: item[0][2]):
        items.sort(key=lambda e: (e.start or e.end, e.end or e.start, e.plan.id, e.uid))
        result.append(TermItems(Term(name, year, start, end), items))
    return result


def _term_span(entry: Entry) -> tuple[dt.date, dt.date]:
    """The days whose terms list a dated ``entry``: an open-ended entry only its known end."""
    if entry.when.open_end and entry.end is None:
        first = last = entry.start
    elif entry.when.open_start and entry.start is None:
        first = last = entry.end
    else:
        first, last = entry.start or entry.end, entry.end or entry.start
    assert first is not None and last is not None  # a dated entry has a start or an end
    return first, last
