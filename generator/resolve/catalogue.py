"""The Catalogue: every plan and the registry, checked against each other.

Third stage of the flow (load → model → resolve → render). It checks what one
file cannot check alone — ids unique inside a plan and across the registry,
references to organisations, periods, indicators, registry entries and other
plans — and builds the indexes the render stage reads. Problems carry the
position of the offending node.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.load.folder import LoadedPlan, LoadedRegistry
from generator.load.reader import Document
from generator.model.assessment import Criterion
from generator.model.calendar import DEFAULT_CALENDAR, Calendar
from generator.model.fields import Timescale
from generator.model.plan import Action, Group, Plan
from generator.model.registry import Registry
from generator.model.timescales import When, normalise
from generator.model.wording import group_heading
from generator.problems import Problem, Severity
from generator.resolve.links import (
    Reference,
    Target,
    other_targets,
    plan_targets,
    resolve_references,
)
from generator.resolve.mentions import find_text_mentions
from generator.resolve.parties import KIND_FIELDS, Directory, build_directory
from generator.resolve.reports import ReportIndex, check_reports
from generator.resolve.timeline import PlanEntries, plan_entries
from generator.site_map import PLAN_SECTIONS

RESERVED_ANCHORS = frozenset(PLAN_SECTIONS)
"""Anchors the plan page uses for its own sections; items may not take them."""


@dataclass
class Catalogue:
    """All plans and the registry, resolved; what the render stage reads."""

    plans: list[Plan]
    registry: Registry
    sources: dict[str, str]
    """Plan id → the YAML file it came from (as displayed in messages)."""
    targets: dict[str, Target] = field(default_factory=dict)
    """Every reference that can be made (``plan-id``, ``plan-id#item-id``, ``role:id``...) → what it names."""
    references: list[Reference] = field(default_factory=list)
    """Every checked reference, in plan order."""
    backlinks: dict[str, list[Reference]] = field(default_factory=dict)
    """Target key → the references to it."""
    calendar: Calendar = DEFAULT_CALENDAR
    """The term calendar every timescale was read with."""
    whens: dict[str, dict[str, When]] = field(default_factory=dict)
    """Plan id → action or success criterion id → its normalised timing."""
    schedule: dict[str, PlanEntries] = field(default_factory=dict)
    """Plan id → its dated actions and milestones."""
    directory: Directory = field(default_factory=Directory)
    """Who is named where: registry parties and every resolved mention."""
    reported: ReportIndex = field(default_factory=lambda: ReportIndex({}, {}))
    """Monitoring reports by the plan they report on, and their progress by item."""
    _by_id: dict[str, Plan] = field(default_factory=dict, repr=False, compare=False)

    def plan(self, plan_id: str) -> Plan:
        if plan_id not in self._by_id:
            self._by_id = {p.id: p for p in self.plans}  # indexed when first asked
        return self._by_id[plan_id]

    def organisation_name(self, org_id: str) -> str:
        for organisation in self.registry.organisations:
            if organisation.id == org_id:
                return organisation.name
        return org_id


def _id_loc(document: Document, loc: tuple[str | int, ...]) -> tuple[str | int, ...]:
    """Point at the ``id:`` line when the editor wrote one, else at the item."""
    data: Any = document.data
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return loc
    return loc + ("id",) if isinstance(data, dict) and "id" in data else loc


def _check_plan(loaded: LoadedPlan, organisations: set[str] | None) -> list[Problem]:
    """Checks inside one plan; ``organisations`` is None when the registry could not be read."""
    plan, document = loaded.plan, loaded.document
    problems: list[Problem] = []
    first_at: dict[str, tuple[str | int, ...]] = {}

    if organisations is not None and plan.organisation not in organisations:
        problems.append(
            document.problem(
                ("organisation",),
                f"organisation '{plan.organisation}' is not in the registry",
                "add it to plans/registry/organisations.yml, or fix the id",
            )
        )
    period_ids = {period.id for period in plan.periods}
    indicator_ids = {indicator.id for indicator in plan.indicators}

    for kind, item, loc in plan.anchored_items():
        anchor = item.id
        if anchor in RESERVED_ANCHORS:
            problems.append(
                document.problem(
                    _id_loc(document, loc),
                    f"the id '{anchor}' is reserved for a section of the plan page",
                    "give this item another `id:`",
                )
            )
        elif anchor in first_at:
            line, _ = document.locate(first_at[anchor])
            at, label = _id_loc(document, loc), getattr(item, "label", None)
            if at == loc and label:  # no `id:` written: the id was made from the label
                problems.append(
                    document.problem(
                        loc,
                        f"{kind} label '{label}' is used twice (first on line {line}): both would be '{anchor}'",
                        "correct the label, or give one of them its own `id:`; ids are page anchors",
                    )
                )
            else:
                problems.append(
                    document.problem(
                        at,
                        f"{kind} id '{anchor}' is used twice in this plan (first on line {line})",
                        "give one of them its own `id:`; ids are page anchors and must be unique",
                    )
                )
        else:
            first_at[anchor] = loc
        if isinstance(item, Action) and item.period and item.period not in period_ids:
            problems.append(
                document.problem(
                    loc + ("period",),
                    f"period '{item.period}' is not one of this plan's periods",
                    "known periods: " + (", ".join(sorted(period_ids)) or "none (add `periods:`)"),
                )
            )
        if isinstance(item, (Group, Criterion)):
            for index, indicator_id in enumerate(item.indicators):
                if indicator_id not in indicator_ids:
                    problems.append(
                        document.problem(
                            loc + ("indicators", index),
                            f"indicator '{indicator_id}' is not one of this plan's indicators",
                            "known indicators: " + (", ".join(sorted(indicator_ids)) or "none"),
                        )
                    )
    seen_periods: dict[str, int] = {}
    for index, period in enumerate(plan.periods):
        if period.id in seen_periods:
            problems.append(
                document.problem(("periods", index, "id"), f"period id '{period.id}' is used twice in this plan")
            )
        seen_periods[period.id] = index
    return problems


def _check_themes(loaded: LoadedPlan, themes: set[str]) -> list[Problem]:
    """Every theme a plan, group or action names is in the registry."""
    plan, document = loaded.plan, loaded.document
    places = [(plan, ())] + [(item, loc) for kind, item, loc in plan.anchored_items() if kind in ("group", "action")]
    return [
        document.problem(
            loc + ("themes", index),
            f"theme '{theme}' is not in the registry",
            "known themes: " + (", ".join(sorted(themes)) or "none (add `themes:` to a registry file)"),
        )
        for item, loc in places
        for index, theme in enumerate(item.themes)
        if theme not in themes
    ]


def _check_registry(parts: list[LoadedRegistry]) -> tuple[set[str], list[Problem]]:
    problems: list[Problem] = []
    all_ids: set[str] = set()
    for kind in (*KIND_FIELDS.values(), "acronyms"):
        first: dict[str, tuple[Document, tuple[str | int, ...]]] = {}
        for part in parts:
            for index, entry in enumerate(getattr(part.registry, kind)):
                key = entry.term if kind == "acronyms" else entry.id
                loc = (kind, index, "term" if kind == "acronyms" else "id")
                if key in first:
                    other_doc, other_loc = first[key]
                    line, column = other_doc.locate(other_loc)
                    problems.append(
                        part.document.problem(
                            loc,
                            f"{kind[:-1] if kind != 'people' else 'person'} '{key}' is already defined at {other_doc.display}:{line}:{column}",
                        )
                    )
                else:
                    first[key] = (part.document, loc)
                    if kind != "acronyms":
                        all_ids.add(key)
    return all_ids, problems


def action_when(plan: Plan, action: Action, calendar: Calendar) -> When | None:
    """An action's timing: its timescale, else the timeline-grid period it is placed in."""
    if action.timescale is not None:
        return normalise(action.timescale, calendar)
    period = next((p for p in plan.periods if p.id == action.period), None)
    if period is None:
        return None
    return normalise(Timescale(text=period.label, start=period.start, end=period.end), calendar)


def plan_timing(plan: Plan, calendar: Calendar) -> tuple[dict[str, When], PlanEntries]:
    """A plan's actions' and success criteria's timings by id, and its dated entries."""
    whens = {}
    for action in plan.actions():
        when = action_when(plan, action, calendar)
        if when is not None:
            whens[action.id or ""] = when
    for _, criterion in plan.criteria():
        if criterion.timescale is not None:
            whens[criterion.id or ""] = normalise(criterion.timescale, calendar)
    return whens, plan_entries(plan, whens, calendar)


def check_plan(loaded: LoadedPlan, organisations: set[str] | None, themes: set[str]) -> list[Problem]:
    """What one plan can be checked for against the registry: ``organisations`` is None when
    the registry could not be read whole (then neither they nor the themes are checked)."""
    problems = _check_plan(loaded, organisations)
    return problems + _check_themes(loaded, themes) if organisations is not None else problems


def _calendar(parts: list[LoadedRegistry]) -> tuple[Calendar, list[Problem]]:
    """The site's calendar from the registry (at most one file may set it), else the default."""
    settings = [(part.document, part.registry.calendar) for part in parts if part.registry.calendar]
    if not settings:
        return DEFAULT_CALENDAR, []
    problems = []
    first_document = settings[0][0]
    for document, _ in settings[1:]:
        line, column = first_document.locate(("calendar",), key=True)
        problems.append(
            document.problem(
                ("calendar",),
                f"the calendar is already set at {first_document.display}:{line}:{column}",
                key=True,
            )
        )
    document, chosen = settings[0]
    try:
        return Calendar.from_mapping(chosen.model_dump(exclude_none=True)), problems
    except ValueError as error:
        return DEFAULT_CALENDAR, problems + [document.problem(("calendar",), f"calendar: {error}", key=True)]


def _unused_entries(parts: list[LoadedRegistry], directory: Directory) -> list[Problem]:
    """A warning for each registry entry no plan names, in a names field or in its text, and
    that publishes no plan: it gets no page (a page that leads to no plan is a dead end)."""
    problems = []
    for part in parts:
        for kind, name in KIND_FIELDS.items():
            for index, entry in enumerate(getattr(part.registry, name)):
                party = directory.parties.get(f"{kind.value}:{entry.id}")
                if party is None or directory.published(party) or party.entry is not entry:
                    continue
                problems.append(
                    part.document.problem(
                        (name, index, "id"),
                        f"{kind.value} '{entry.id}' is not named in any plan, so it gets no page",
                        "name it in a plan (or add the spelling a plan uses to its aliases), or remove it",
                        severity=Severity.warning,
                    )
                )
    return problems


def build_catalogue(
    plans: list[LoadedPlan],
    registry_parts: list[LoadedRegistry],
    source_root: Path | None = None,
    registry_complete: bool = True,
    plans_complete: bool = True,
) -> tuple[Catalogue, list[Problem]]:
    """Check plans against each other and the registry; build the Catalogue.

    ``source_root`` is the folder plan file names are shown relative to on the
    pages (the repository), so output does not depend on the working directory.
    ``plans_complete``: every plan file could be read (else no registry entry is said
    to be unused: the plans that name it may be among those that could not)."""
    registry = Registry()
    for part in registry_parts:
        registry = registry.merged(part.registry)
    _, problems = _check_registry(registry_parts)
    calendar, found = _calendar(registry_parts)
    problems += found
    organisations = {organisation.id for organisation in registry.organisations}

    ordered = sorted(plans, key=lambda loaded: loaded.plan.id)
    catalogue = Catalogue(
        plans=[loaded.plan for loaded in ordered],
        registry=registry,
        sources={
            loaded.plan.id: (
                loaded.document.path.resolve().relative_to(source_root.resolve()).as_posix()
                if source_root
                else loaded.document.display
            )
            for loaded in ordered
        },
        calendar=calendar,
    )
    for loaded in ordered:
        catalogue.whens[loaded.plan.id], catalogue.schedule[loaded.plan.id] = plan_timing(loaded.plan, calendar)
    themes = {theme.id for theme in registry.themes}
    for loaded in ordered:
        problems += check_plan(loaded, organisations if registry_complete else None, themes)

    pairs = [(loaded.plan, loaded.document) for loaded in ordered]
    catalogue.directory, found = build_directory(registry, pairs, check_refs=registry_complete)
    problems += found
    for plan in catalogue.plans:
        catalogue.targets.update(plan_targets(plan, group_heading))
    catalogue.targets.update(other_targets(catalogue.directory, registry.external))
    catalogue.references, catalogue.backlinks, found = resolve_references(pairs, catalogue.targets)
    problems += found
    catalogue.reported, found = check_reports(pairs)
    problems += found
    find_text_mentions(catalogue.directory, catalogue.plans, registry, catalogue.references)
    if registry_complete and plans_complete:
        problems += _unused_entries(registry_parts, catalogue.directory)
    for part in registry_parts:
        for index, redirect in enumerate(part.registry.redirects):
            target = catalogue.targets.get(redirect.to)
            if target is None or target.plan is None:
                problems.append(
                    part.document.problem(
                        ("redirects", index, "to"),
                        f"redirect to '{redirect.to}', which is not a plan or part of one on this site",
                    )
                )
    return catalogue, problems
