"""What the first screen of a plan page says, prepared for the template: whose plan it is
and what for, its status *in time* ("Reported in progress in 2014", "Consultation closed"),
how many actions it has, what is happening now and next, and the links to its parts; and,
further down, the status table of a recommendations or priorities plan.

All of it is said as of the build date. The now-and-next box carries its items as data, so
that plansite-now.js can say the same against the reader's own today.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from markdown.extensions.toc import slugify as toc_slugify

from generator.model.calendar import Calendar, Precision
from generator.model.plan import Group, GroupKind, Plan, PlanStatus
from generator.model.timescales import When, normalise, parse
from generator.model.wording import GROUP_KIND_WORDS, group_heading, plain_text
from generator.resolve.progress import PROGRESS_WORDS, Rollup, rollup, stated_state
from generator.resolve.timeline import Entry, EntryKind
from generator.site_map import PLAN_SECTIONS

NOW_NEXT_SHOWN = 3
"""How many items the now-and-next box names under "now" and under "next"."""

STATUS_WORDS = {
    PlanStatus.draft: "draft",
    PlanStatus.consultation: "out for consultation",
    PlanStatus.adopted: "adopted",
    PlanStatus.in_progress: "in progress",
    PlanStatus.complete: "complete",
    PlanStatus.superseded: "superseded",
}


def _month_words(day: dt.date, precision: Precision | None) -> str:
    """A date as precisely as it is known: "9 December 2014", "October 2009", "2007"."""
    if precision is Precision.day:
        return f"{day.day} {day:%B %Y}"
    if precision is Precision.month:
        return f"{day:%B %Y}"
    return str(day.year)


@dataclass(frozen=True)
class StatusInTime:
    """A plan's status with the time it speaks for."""

    words: str
    """Short, for a badge or a table cell: "Reported in progress in 2014", "Adopted, revised in 2003"."""
    detail: str = ""
    """A sentence on the plan's period, or on how the words were worked out."""
    open: bool = False
    """Whether the plan is out for consultation now (so the consultation comes before the actions)."""


def _dated(plan: Plan, calendar: Calendar) -> tuple[str, dt.date, Precision | None] | None:
    """The first of published, revised and prepared that gives a readable date: its name,
    the day it starts and how precisely it is known."""
    for name in ("published", "revised", "prepared"):
        value = getattr(plan, name)
        if value is None:
            continue
        when = parse(value.date.isoformat(), calendar) if value.date else parse(value.text, calendar)
        if when.start:
            return name, when.start, when.precision
    return None


def _period_detail(plan: Plan, period: When | None, today: dt.date) -> str:
    if period is None or period.end is None:
        return ""
    precision = Precision.month if period.precision is Precision.day else period.precision
    end = _month_words(period.end, precision)
    text = plan.period.text if plan.period else ""
    if period.end < today:
        return f"Its period, {text}, ended in {end}."
    if period.start and period.start > today:
        return f"Its period, {text}, starts in {_month_words(period.start, precision)}."
    return f"Its period, {text}, runs to {end}."


def status_in_time(plan: Plan, today: dt.date, calendar: Calendar) -> StatusInTime:
    """The plan's status said with its time, against ``today``: a status written years ago
    is reported as then, never as now."""
    dated = _dated(plan, calendar)
    period = normalise(plan.period, calendar) if plan.period else None
    period = period if period and not period.undated else None
    year = dated[1].year if dated else (period.start.year if period and period.start else None)
    earlier = year is not None and year < today.year
    detail = _period_detail(plan, period, today)
    status = plan.status
    if status is PlanStatus.consultation:
        closes = plan.consultation.closes if plan.consultation else None
        if closes:
            closed = closes < today
            if closed:
                return StatusInTime(f"Consultation closed on {closes.day} {closes:%B %Y}", detail)
            return StatusInTime(f"Out for consultation until {closes.day} {closes:%B %Y}", detail, open=True)
        if period and period.end and period.end < today:
            when = f" It was open in {year}." if year else ""
            return StatusInTime("Consultation closed", (when + " " + detail).strip())
        if earlier:
            return StatusInTime(
                f"Out for consultation in {year}", ("The plan gives no closing date. " + detail).strip()
            )
        return StatusInTime("Out for consultation", detail, open=True)
    if status is PlanStatus.adopted:
        if dated:
            name, day, precision = dated
            return StatusInTime(f"Adopted, {name} in {_month_words(day, precision)}", detail)
        if period and period.end and period.end < today:  # no date of its own: its period says when
            precision = Precision.month if period.precision is Precision.day else period.precision
            return StatusInTime(f"Adopted; its period ended in {_month_words(period.end, precision)}")
        return StatusInTime("Adopted", detail)
    if status is PlanStatus.superseded:
        return StatusInTime("Superseded", detail)
    words = STATUS_WORDS[status]
    if earlier:
        return StatusInTime(f"Reported {words} in {year}", detail)
    return StatusInTime(words[:1].upper() + words[1:], detail)


def reported_when(plan: Plan, action: Any, calendar: Calendar) -> str:
    """When an action's stated status was written: its newest update that gives one, else
    the plan's own date ("reported 10 July 2010", "reported 9 December 2014"); "" when unknown."""
    updates = [update for update in action.updates if update.status is not None]
    if updates:
        newest = max(updates, key=lambda update: update.date).date
        return f"reported {newest.day} {newest:%B %Y}"
    dated = _dated(plan, calendar) if action.status else None
    return f"reported {_month_words(dated[1], dated[2])}" if dated else ""


# --- now and next -----------------------------------------------------------------


@dataclass(frozen=True)
class Happening:
    """A dated item of the plan, as the now-and-next box names it."""

    start: dt.date | None
    end: dt.date | None
    anchor: str
    title: str
    when: str
    """When, in words: the day, or the timescale as written."""

    def data(self) -> list[str]:
        return [
            self.start.isoformat() if self.start else "",
            self.end.isoformat() if self.end else "",
            self.anchor,
            self.title,
            self.when,
        ]


@dataclass
class NowNext:
    """What is under way on a day, what comes next, or what came last."""

    today: dt.date
    until: dt.date | None = None
    """The plan's last day (its period's end, else its last date): an item with no end date
    is under way from its start to this day, not for ever."""
    now: list[Happening] = field(default_factory=list)
    next: list[Happening] = field(default_factory=list)
    last: Happening | None = None
    items: list[Happening] = field(default_factory=list)
    """Every dated item, for the browser to say the same against its own today."""

    @property
    def data(self) -> str:
        return json.dumps([item.data() for item in self.items], ensure_ascii=False, separators=(",", ":"))


def _happening(entry: Entry) -> Happening:
    title = entry.title if len(entry.title) <= 90 else entry.title[:89].rstrip() + "…"
    if entry.kind is EntryKind.action and entry.label:
        title = f"{entry.label} {title}"
    if entry.start and entry.start == entry.end:
        when = f"{entry.start.day} {entry.start:%B %Y}"
    else:
        when = " ".join(entry.when.text.split())
        when = when if len(when) <= 60 else when[:59].rstrip() + "…"
    return Happening(entry.start, entry.end, entry.anchor, title, when)


def now_next(entries: list[Entry], today: dt.date, period_end: dt.date | None = None) -> NowNext:
    """Under way on ``today`` (started, not ended; one with no end date until the plan's
    last day), the next to start, else the last that happened. Progress updates are news,
    not plans: left out."""
    items = sorted(
        (_happening(e) for e in entries if e.dated and e.kind is not EntryKind.update),
        key=lambda h: (h.start or h.end, h.end or h.start, h.anchor, h.title),
    )
    days = [day for item in items for day in (item.start, item.end) if day]
    until = period_end or (max(days) if days else None)
    found = NowNext(today, until, items=items)
    for item in items:
        first, last = item.start or item.end, item.end or until
        if first is None:  # dated entries have a start or an end
            continue
        if first <= today and (last is None or today <= last):
            found.now.append(item)
        elif first > today:
            found.next.append(item)
    if found.next:
        soonest = found.next[0].start or found.next[0].end
        found.next = [i for i in found.next if (i.start or i.end) == soonest] or found.next[:1]
    if not found.now and not found.next and items:
        found.last = max(reversed(items), key=lambda h: (h.end or h.start, h.start or h.end))
    return found


# --- counts, status table and links ----------------------------------------------


def actions_words(plan: Plan) -> str:
    """ "21 actions under 13 recommendations", "4 actions", "No actions"."""
    actions = plan.actions()
    if not actions:
        return _no_actions_words(plan)
    holding = [group for group, _ in plan.walk_groups() if group.actions]
    count = f"{len(actions)} {'action' if len(actions) == 1 else 'actions'}"
    kinds = {group.kind for group in holding}
    if len(holding) < 2 or len(kinds) != 1 or GroupKind.section in kinds:
        return count
    word = GROUP_KIND_WORDS[kinds.pop()].lower()
    plural = word[:-1] + "ies" if word.endswith("y") else word + "s"
    return f"{count} under {len(holding)} {plural}"


def _no_actions_words(plan: Plan) -> str:
    """What a plan without actions holds instead: progress on another plan, or criteria."""
    if plan.reports_on:
        entries = len(plan.progress) + sum(len(group.progress) for group, _ in plan.walk_groups())
        return f"None of its own: it reports progress on {entries} {'item' if entries == 1 else 'items'} of the plan it reports on"
    criteria = len(plan.criteria())
    if criteria:
        return f"No actions: {criteria} success {'criterion' if criteria == 1 else 'criteria'}"
    return "No actions: the plan is written as text"


STATUS_TABLE_KINDS = {
    GroupKind.recommendation,
    GroupKind.priority,
    GroupKind.strategic_priority,
    GroupKind.activity,
    GroupKind.objective,
    GroupKind.workstream,
    GroupKind.theme,
}
"""Kinds of group whose plans get a status table: each answers "is this one done?"."""


@dataclass(frozen=True)
class StatusRow:
    group: Group
    label: str
    wording: str
    """The group's words: its title, else its text (a recommendation), as plain text."""
    summary: Rollup
    links: tuple[tuple[Any, int, str], ...]
    """(progress, count, the explorer showing those actions) for each progress it has."""


def status_word(plan: Plan) -> str:
    """What the status table's rows are: "recommendation", "activity", "part of the plan"."""
    kinds = {group.kind for group, _ in plan.walk_groups() if group.actions}
    return GROUP_KIND_WORDS[kinds.pop()].lower() if len(kinds) == 1 else "part of the plan"


def status_rows(plan: Plan, whens: dict[str, When], today: dt.date, explorer: Any) -> list[StatusRow]:
    """One row per group holding actions, when the plan's parts are recommendations,
    priorities or the like and there are at least two; ``explorer(progress, group)`` is the
    address of the explorer showing that group's actions with that progress."""
    holding = [group for group, _ in plan.walk_groups() if group.actions]
    if len(holding) < 2 or not any(group.kind in STATUS_TABLE_KINDS for group in holding):
        return []
    rows = []
    for group in holding:
        summary = rollup(group.actions, whens, today)
        wording = group.title or plain_text(group.text) or group_heading(group)
        label = group.label or ""
        links = tuple((progress, count, explorer(progress, group)) for progress, count in summary.counts)
        rows.append(StatusRow(group, label, wording, summary, links))
    return rows


def explorer_words(group: Group) -> str:
    """The words the explorer is asked to find for a group's actions: its heading, which
    every one of its rows carries (generator/render/pages/explorer.py)."""
    return group_heading(group)


PROGRESS_ORDER = tuple(PROGRESS_WORDS)


# --- all of it, for one plan page ---------------------------------------------------


@dataclass
class Intro:
    """What the plan page's first screen and status table show."""

    status: StatusInTime
    actions: str
    complete: int
    """Actions reported complete or in place (a count that does not depend on the day)."""
    now: NowNext
    status_word: str
    status_heading: str
    status_rows: list[StatusRow]
    reports: bool
    """Whether the plan states where any of its actions stand."""
    parts: list[tuple[str, str]]
    """(link, words) for each part of the page the reader can jump to."""
    themes: list[tuple[str, str]]
    """(theme name, its anchor on the Themes page)."""


def parts_of(plan: Plan, has: dict[str, bool], first_group: str | None, section_words: Any) -> list[tuple[str, str]]:
    """The jump links: the actions first, then each part the page has, in page order."""
    parts = []
    if has.get("consultation") and has.get("consultation-open"):
        parts.append(("#consultation", section_words("consultation")))
    if plan.periods and has.get("timeline"):
        parts.append(("#timeline", "The actions, by period"))
    elif first_group:
        parts.append((f"#{first_group}", "The actions"))
    if has.get("consultation") and not has.get("consultation-open"):
        parts.append(("#consultation", section_words("consultation")))
    for anchor in ("criteria", "progress", "status", "milestones"):
        if has.get(anchor):
            parts.append((f"#{anchor}", section_words(anchor)))
    for section in plan.sections:
        parts.append((f"#{section.id}", section.title))
    for anchor in ("timeline", "who-does-what", "indicators", "risks", "dependencies", "overview", "source"):
        if has.get(anchor) and not (anchor == "timeline" and plan.periods):
            parts.append((f"#{anchor}", section_words(anchor)))
    return parts


def _period_end(plan: Plan, calendar: Calendar) -> dt.date | None:
    period = normalise(plan.period, calendar) if plan.period else None
    return period.end if period else None


def theme_anchor(name: str) -> str:
    """A theme's anchor on the Themes page, as Material's tags plugin makes it."""
    return "tag:" + toc_slugify(name, "-")


def intro(ctx: Any, plan: Plan, timeline: Any, here: str) -> Intro:
    """Everything the first screen and the status table of ``plan``'s page show, as of the build date."""
    catalogue, today = ctx.catalogue, ctx.build_date
    whens = catalogue.whens.get(plan.id, {})

    def explorer(progress: Any, group: Group) -> str:
        return ctx.filters.explorer_url(here, plan=plan.id, status=progress.value, q=explorer_words(group))

    rows = status_rows(plan, whens, today, explorer)
    word = status_word(plan)
    reports = any(stated_state(action) for action in plan.actions())
    status = status_in_time(plan, today, catalogue.calendar)
    has = {
        "consultation": plan.consultation is not None,
        "consultation-open": status.open,
        "criteria": bool(plan.success_criteria),
        "progress": bool(plan.progress),
        "status": bool(rows) or reports or bool(plan.criteria()),
        "milestones": bool(plan.milestones),
        "timeline": bool(plan.periods or not timeline.empty or timeline.undated),
        "who-does-what": bool(plan.actions()),
        "indicators": bool(plan.indicators),
        "risks": bool(plan.risks),
        "dependencies": bool(plan.dependencies),
        "overview": bool(plan.facts or plan.links or catalogue.backlinks.get(plan.id)),
        "source": True,
    }
    first_group = next((group.id for group, _ in plan.walk_groups() if group.actions), None)

    def words(anchor: str) -> str:
        if anchor == "status":
            if rows:
                return f"Status of each {word}"
            criteria = " and success criteria" if reports and plan.criteria() else ""
            return f"Progress of the actions{criteria}" if reports else "Progress of the success criteria"
        return PLAN_SECTIONS[anchor]

    summary = rollup(plan.actions(), whens, today)
    return Intro(
        status=status,
        actions=actions_words(plan),
        complete=dict(summary.counts).get(PROGRESS_ORDER[0], 0),
        now=now_next(catalogue.schedule[plan.id].entries, today, _period_end(plan, catalogue.calendar)),
        status_word=word,
        status_heading=words("status"),
        status_rows=rows,
        reports=reports,
        parts=parts_of(plan, has, first_group, words),
        themes=[(name, theme_anchor(name)) for name in ctx.filters.themes_of(plan)],
    )
