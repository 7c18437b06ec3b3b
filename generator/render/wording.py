"""The words the pages use for the model's values: column titles, kinds of party,
ways of taking part, term status. Tables, so that a word is changed in one place.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from generator.model.plan import Action, Group, Plan
from generator.model.wording import group_heading, plain_text
from generator.resolve.links import Reference
from generator.resolve.parties import (
    Kind,
    Part,
)
from generator.resolve.timeline import Term

ACTION_COLUMNS = (
    ("responsible", "Responsible"),
    ("audience", "Audience"),
    ("monitoring", "Monitoring"),
    ("timescale", "Timescale"),
    ("budget", "Budget"),
    ("status", "Status"),
)
"""Fields shown as table columns when any action of a group has them."""

ACTION_DETAILS = (
    "partners",
    "success_measures",
    "milestones",
    "updates",
    "commentary",
    "links",
    "source_note",
)
"""Fields shown inside the action's own cell."""


def print_date(plan: Plan) -> str:
    """The date a printed sheet of the plan (or of its sub-pages) carries: the first of
    published, revised and prepared that the plan gives ("Published: December 2007")."""
    for name, title in (("published", "Published"), ("revised", "Revised"), ("prepared", "Prepared")):
        if getattr(plan, name):
            return f"{title}: {getattr(plan, name).text}"
    return ""


KIND_WORDS = {
    Kind.person: ("Person", "People"),
    Kind.role: ("Role", "Roles"),
    Kind.team: ("Team or group", "Teams and groups"),
    Kind.organisation: ("Organisation", "Organisations"),
    Kind.audience: ("Audience", "Audiences"),
}

MATRIX_WORDS = {
    "responsible": "Responsible",
    "supporting": "Supporting or partner",
    "monitoring": "Monitoring or reported to",
    "audience": "Audience",
}
"""The matrix legend, in the order cells show the letters."""

PART_SECTIONS = (
    (Part.responsible, "Responsible for"),
    (Part.partner, "Supports or works in partnership on"),
    (Part.monitoring, "Monitors"),
    (Part.reported_to, "Receives reports on"),
    (Part.audience, "Actions for them"),
)
"""Sections of a party page, one per way of taking part in actions."""

PLAN_PARTS = {
    Part.lead: "Leads",
    Part.partner: "Partner in",
    Part.audience: "Plan is for them",
    Part.prepared_by: "Prepared",
    Part.managed_by: "Manages a dependency of",
}


def source_title(reference: Reference) -> str:
    """Words for where a reference is written: "Activity 5.3", "action 1a) Promote...", "NI 94"."""
    source = reference.source
    if isinstance(source, Group):
        return group_heading(source)
    if isinstance(source, Action):
        words = plain_text(source.text)
        words = words if len(words) <= 80 else words[:79].rstrip() + "…"
        return f"action {source.label + ' ' if source.label else ''}{words}"
    return str(getattr(source, "title", None) or getattr(source, "code", ""))


def term_status(term: Term, today: dt.date) -> str:
    """past, current or upcoming, relative to ``today``."""
    if term.end < today:
        return "past"
    if term.start > today:
        return "upcoming"
    return "current"


TERM_STATUS_TEXT = {"past": "Past", "current": "This term", "upcoming": "Upcoming"}


def group_contents(group: Group, plan: Plan, backlinks: dict[str, list[Reference]]) -> list[str]:
    """What a group says besides its words and actions, in words: "key facts", "links"..."""
    found = [
        (group.facts, "key facts"),
        (group.links, "links"),
        (group.findings, "findings"),
        (group.lead or group.partners or group.monitoring, "who leads and monitors it"),
        (group.success_criteria, "targets and success criteria"),
        (group.evaluation, "evaluation"),
        (group.progress, "progress reported"),
        (group.themes, "themes"),
        (group.indicators, "how it is measured"),
        (group.source_note, "a note on the source"),
        (backlinks.get(f"{plan.id}#{group.id}"), "what refers to it"),
    ]
    return [words for present, words in found if present]


def indicator_has_chart(indicator: Any) -> bool:
    """Whether an indicator's page draws a chart: some baseline, target or actual is a number
    (generator/render/charts.py draws none from words alone, such as "Not set")."""
    values = ([indicator.baseline] if indicator.baseline else []) + indicator.targets + indicator.actuals
    return any(value.value is not None for value in values)
