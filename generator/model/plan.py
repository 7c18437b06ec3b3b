"""The plan schema: a plan, its groups, actions, periods, indicators, risks and
dependencies (pydantic models, the single source of truth for validation and for the
published JSON Schema).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import Enum
from typing import Annotated

from pydantic import (
    model_validator,
)

from generator.model.assessment import Criterion, CriterionField, Findings, ItemProgress
from generator.model.fields import (
    BudgetField,
    DayOrMonth,
    Fact,
    ItemId,
    LinkField,
    Markdown,
    Mentions,
    MilestoneField,
    Monitoring,
    MonitoringField,
    PlanId,
    StatusField,
    Strict,
    Text,
    TimescaleField,
    Update,
    items_in_text,
    slugify,
    written_as_text,
)

# --- the plan ----------------------------------------------------------------


class Action(Strict):
    """One thing the plan says will be done."""

    id: ItemId | None = None
    """Stable id, unique in the plan; made from the group and label when left out."""
    label: str | None = None
    """The label as written ("3a)", "1)").  Kept as text."""
    text: Markdown
    """What will be done, as written."""
    responsible: Mentions = []
    """Who is responsible ("Responsible person", "By whom", "Who"), one entry per name as printed."""
    partners: Mentions = []
    """Partners, or who else is involved."""
    audience: Mentions = []
    """Who the action is for ("Target audience")."""
    monitoring: MonitoringField | None = None
    """How, when and by whom it is monitored."""
    timescale: TimescaleField | None = None
    """When, as written, with optional explicit dates."""
    period: ItemId | None = None
    """The id of one of the plan's ``periods`` this action is placed in (timeline grids)."""
    budget: BudgetField | None = None
    """Budget, cost or resource implications."""
    success_measures: Markdown | None = None
    """Success measures or criteria for this action."""
    milestones: list[MilestoneField] = []
    """Steps on the way, with their timing."""
    status: StatusField | None = None
    """Where the action stands."""
    updates: list[Update] = []
    """Dated progress updates, oldest first."""
    commentary: Markdown | None = None
    """Commentary column, where the plan has one."""
    links: list[LinkField] = []
    """Links to other plans, groups, actions or indicators."""
    themes: list[ItemId] = []
    """Ids of themes from the registry (safeguarding, governance...) this action is about."""
    source_note: str | None = None
    """How this item was read from the source document, or a defect in it that is kept on purpose."""


class GroupKind(str, Enum):
    priority = "priority"
    strategic_priority = "strategic-priority"
    activity = "activity"
    recommendation = "recommendation"
    objective = "objective"
    theme = "theme"
    workstream = "workstream"
    section = "section"


class Group(Strict):
    """A part of the plan's structure: a priority, activity, recommendation, theme..."""

    id: ItemId | None = None
    """Stable id, unique in the plan; made from the label or title when left out."""
    kind: GroupKind = GroupKind.section
    """What the plan calls this part."""
    label: str | None = None
    """The label as written ("5.3", "a)", "Priority 5"). Kept as text: 5.10 is not 5.1."""
    title: str | None = None
    """A short heading, where the plan gives one."""
    text: Markdown | None = None
    """The group's full wording (a recommendation, an objective)."""
    facts: list[Fact] = []
    """Labelled values printed with the group ("Key SSRE Area(s)")."""
    lead: Mentions = []
    """Who leads this part of the plan ("Lead Person/s", "Lead officer"), one entry per name as printed;
    they count as responsible for each of its actions."""
    partners: Mentions = []
    """Partners in this part of the plan, as printed; they count as partners in each of its actions."""
    monitoring: list[MonitoringField] = []
    """How, when and by whom this part of the plan is monitored, and to whom it is reported (a review
    group, a leadership team, a scrutiny committee); the names count for each of its actions."""
    success_criteria: Annotated[list[CriterionField], items_in_text(Criterion)] = []
    """Targets or success criteria for the group, one item each. Older files may give one Markdown
    text: each item of a Markdown list is read as one criterion."""
    evaluation: Annotated[list[MonitoringField], items_in_text(Monitoring)] = []
    """How, when and by whom the group's work is evaluated, one arrangement each, with who evaluates
    (``by``) and who receives it (``to``). A Markdown list is read as one arrangement per item."""
    findings: Findings | None = None
    """What an inspection or review found about this part: strengths, weaknesses, a grade."""
    progress: list[ItemProgress] = []
    """In a monitoring report: progress on items of the plan it reports on, at a date."""
    indicators: list[ItemId] = []
    """Ids of the plan's indicators that measure this group."""
    themes: list[ItemId] = []
    """Ids of themes from the registry this part of the plan is about."""
    links: list[LinkField] = []
    """Links to other plans or parts of plans."""
    groups: list[Group] = []
    """Groups nested inside this one."""
    actions: list[Action] = []
    """The actions of this group."""
    source_note: str | None = None
    """How this part was read from the source document, or a defect kept on purpose."""

    @model_validator(mode="after")
    def _has_words(self) -> Group:
        if not (self.label or self.title or self.text):
            raise ValueError("a group needs at least a label, a title or a text")
        return self


class Period(Strict):
    """A named column of a timeline grid ("March 2004 – May 2004")."""

    id: ItemId
    """Id that actions use in their ``period`` field."""
    label: Text
    """The period as written."""
    start: dt.date | None = None
    """First day of the period."""
    end: dt.date | None = None
    """Last day of the period."""


class IndicatorValue(Strict):
    """A baseline, target or actual value for one period; "Not set" is allowed."""

    period: str
    """The period as written ("2008/09", "2008")."""
    value: Decimal | None = None
    """The number, in the indicator's unit; leave out when not set."""
    text: str | None = None
    """The value as written ("72%", "Not set")."""

    @model_validator(mode="after")
    def _value_or_text(self) -> IndicatorValue:
        if self.value is None and not self.text:
            raise ValueError("give a value, or a text such as 'Not set'")
        return self


class Polarity(str, Enum):
    higher_is_better = "higher-is-better"
    lower_is_better = "lower-is-better"


class Indicator(Strict):
    """A performance indicator with its baseline, targets and actuals."""

    id: ItemId
    """Stable id, unique in the plan (``ni-94``)."""
    code: Text
    """The indicator's code as written ("NI 94", "local KPI17")."""
    description: Markdown
    """What it measures."""
    purpose: Markdown | None = None
    """Why it is measured."""
    lead: Mentions = []
    """Indicator lead, as printed."""
    unit: str | None = None
    """Unit of the values ("%", "pupils")."""
    polarity: Polarity | None = None
    """Whether a higher or a lower value is better."""
    baseline: IndicatorValue | None = None
    """The starting value."""
    targets: list[IndicatorValue] = []
    """Targets per period."""
    actuals: list[IndicatorValue] = []
    """Actual values per period."""
    designation: str | None = None
    """The target's standing as written ("Designated")."""
    rag_rule: str | None = None
    """The plan's rule for rating progress red, amber or green, as written."""
    source_note: str | None = None
    """How this indicator was read from the source document."""


class Risk(Strict):
    """A risk to delivering the plan."""

    description: Markdown
    """The risk as written."""
    impact: str | None = None
    """Current impact as written ("High", "Nil")."""
    likelihood: str | None = None
    """Current likelihood as written ("Medium")."""
    how_managed: Markdown | None = None
    """How the risk is managed."""


class Dependency(Strict):
    """Something this plan depends on: another priority, plan, policy or strategy."""

    kind: str
    """What sort of thing it depends on, as the plan asks it ("LAA priority", "Policy, plan or strategy")."""
    on: Text
    """The thing depended on, as written ("NI 73", "N/A")."""
    ref: str | None = None
    """A checked reference to it, where it is published on this site."""
    managed_by: Mentions = []
    """Responsible theme group or organisation, as printed."""
    arrangement: str | None = None
    """The arrangement for managing the dependency."""


class Section(Strict):
    """A narrative section: text that is not a table."""

    id: ItemId | None = None
    """Stable id for the section's anchor; made from the title when left out."""
    title: Text
    """The heading as written."""
    body: Markdown | None = None
    """The text, in Markdown; lists stay lists (lettered lists as ``a.``)."""
    sections: list[Section] = []
    """Sub-sections."""


class Consultation(Strict):
    """A consultation the plan is under, and how to take part."""

    text: Markdown
    """What is being consulted on, and with whom."""
    feedback: Markdown | None = None
    """How readers may respond."""
    closes: dt.date | None = None
    """When the consultation closes."""


class DateText(Strict):
    """A date as the plan prints it, with an exact date where one is known."""

    text: Text
    """As written ("October 2009", "09 December 2014", "revision 2003")."""
    date: dt.date | None = None
    """The exact day (YYYY-MM-DD), where the plan gives one."""


DateTextField = Annotated[DateText, written_as_text(DateText)]


class Source(Strict):
    """The document this YAML was encoded from, and how."""

    title: Text
    """The source document's title as printed."""
    publisher: str | None = None
    """Who published it."""
    url: str | None = None
    """Where the source document was published."""
    format: str | None = None
    """Its original format (Word, PDF, web page)."""
    notes: list[str] = []
    """Judgements made while encoding it: merged cells split, defects kept, columns realigned."""


class PlanKind(str, Enum):
    action_plan = "action-plan"
    development_plan = "development-plan"
    delivery_plan = "delivery-plan"
    proposal = "proposal"
    scrutiny_response = "scrutiny-response"
    strategy = "strategy"
    monitoring_report = "monitoring-report"


class PlanStatus(str, Enum):
    draft = "draft"
    consultation = "consultation"
    adopted = "adopted"
    in_progress = "in-progress"
    complete = "complete"
    superseded = "superseded"


class Plan(Strict):
    """A published plan."""

    id: PlanId
    """Stable id: lower-case letters, digits and hyphens. It is the page's URL; never change it once published."""
    title: Text
    """The plan's title as published."""
    short_title: Text | None = None
    """A short name, used where the plan is named in passing (links between plans, What's on,
    calendars, other plans' pages): give one when the title is long or another plan has the same
    title (a plan and its appendix). The title when left out."""
    subtitle: str | None = None
    """A second line of title, where the plan has one."""
    organisation: ItemId
    """Registry id of the organisation that publishes the plan."""
    kind: PlanKind
    """What sort of plan this is; a ``monitoring-report`` reports on another plan (``reports_on``)."""
    reports_on: str | None = None
    """For a monitoring report: the plan it reports on, as a reference (``plan-id`` on this site, or
    the id of an external plan in the registry). Its ``progress`` entries name that plan's items."""
    as_of: DayOrMonth | None = None
    """For a monitoring report: the day (YYYY-MM-DD) or month (YYYY-MM) its progress describes;
    each progress entry without a date of its own is at this date."""
    status: PlanStatus
    """Where the plan stands."""
    status_text: str | None = None
    """The plan's own words about its status."""
    period: TimescaleField | None = None
    """The period the plan covers, as written, with optional dates."""
    published: DateTextField | None = None
    """When it was published, as printed."""
    revised: DateTextField | None = None
    """When it was revised, as printed."""
    prepared: DateTextField | None = None
    """When it was prepared, as printed."""
    prepared_by: Mentions = []
    """Who prepared it, as printed."""
    summary: Markdown | None = None
    """A short introduction for the plan page and the home page."""
    lead: Mentions = []
    """The plan's lead, as printed."""
    partners: Mentions = []
    """The plan's partners, as printed."""
    audience: Mentions = []
    """Who the plan is for, as printed."""
    facts: list[Fact] = []
    """Labelled values printed with the plan (a summary table)."""
    themes: list[ItemId] = []
    """Ids of themes from the registry the plan as a whole is about."""
    source: Source
    """The source document and how it was encoded."""
    consultation: Consultation | None = None
    """A consultation the plan is under."""
    links: list[LinkField] = []
    """Links to other plans."""
    sections: list[Section] = []
    """Narrative sections, in order."""
    milestones: list[MilestoneField] = []
    """Plan-wide milestones."""
    success_criteria: list[CriterionField] = []
    """Success criteria for the plan as a whole (an appendix of overarching criteria), one item each."""
    progress: list[ItemProgress] = []
    """In a monitoring report: progress on items of the plan it reports on, at a date (also
    allowed inside groups, where the report is set out by recommendation)."""
    indicators: list[Indicator] = []
    """Performance indicators."""
    dependencies: list[Dependency] = []
    """What the plan depends on."""
    risks: list[Risk] = []
    """Risks to delivery."""
    periods: list[Period] = []
    """Named periods of a timeline grid; actions are placed in them with ``period``."""
    groups: list[Group] = []
    """The plan's structure: priorities, activities, recommendations, each with actions."""

    @model_validator(mode="after")
    def _derive_ids(self) -> Plan:
        """Give every group, action and section without an ``id`` one made from
        its label or title (``5.3``; ``5.3-1a``; ``a-2`` for the second
        unlabelled action of group ``a``). Uniqueness is checked in resolve."""
        for group, parents in self.walk_groups():
            if group.id is None:
                base = slugify(group.label or group.title or group.text or "group")
                group.id = f"{parents[-1].id}-{base}" if parents and not group.label else base
            for index, action in enumerate(group.actions, start=1):
                if action.id is None:
                    local = slugify(action.label) if action.label else str(index)
                    action.id = f"{group.id}-{local}"
            _criteria_ids(group.success_criteria, f"{group.id}-criterion")
        _criteria_ids(self.success_criteria, "criterion")
        for section, _ in self.walk_sections():
            if section.id is None:
                section.id = slugify(section.title)
        return self

    def walk_sections(self):
        """Every narrative section, depth first, with its ancestors."""

        def visit(sections: list[Section], parents: tuple[Section, ...]):
            for section in sections:
                yield section, parents
                yield from visit(section.sections, parents + (section,))

        yield from visit(self.sections, ())

    def anchored_items(self):
        """(kind, item, loc) for everything with an anchor on the plan page: the plan's success
        criteria, groups with their criteria and actions, sections and indicators, in document
        order; ``loc`` is its path in the file."""

        def groups(items: list[Group], loc: tuple):
            for index, group in enumerate(items):
                here = loc + (index,)
                yield "group", group, here
                for number, criterion in enumerate(group.success_criteria):
                    yield "criterion", criterion, here + ("success_criteria", number)
                for number, action in enumerate(group.actions):
                    yield "action", action, here + ("actions", number)
                yield from groups(group.groups, here + ("groups",))

        for index, criterion in enumerate(self.success_criteria):
            yield "criterion", criterion, ("success_criteria", index)

        def sections(items: list[Section], loc: tuple):
            for index, section in enumerate(items):
                yield "section", section, loc + (index,)
                yield from sections(section.sections, loc + (index, "sections"))

        yield from groups(self.groups, ("groups",))
        yield from sections(self.sections, ("sections",))
        for index, indicator in enumerate(self.indicators):
            yield "indicator", indicator, ("indicators", index)

    def walk_groups(self):
        """Every group, depth first, with its path of ancestors (outermost first)."""

        def visit(groups: list[Group], parents: tuple[Group, ...]):
            for group in groups:
                yield group, parents
                yield from visit(group.groups, parents + (group,))

        yield from visit(self.groups, ())

    def actions(self) -> list[Action]:
        """Every action, in document order."""
        return [action for group, _ in self.walk_groups() for action in group.actions]

    def criteria(self) -> list[tuple[Group | None, Criterion]]:
        """Every success criterion with its group (None for the plan's own), the plan's first."""
        found: list[tuple[Group | None, Criterion]] = [(None, c) for c in self.success_criteria]
        return found + [(group, c) for group, _ in self.walk_groups() for c in group.success_criteria]

    def progress_entries(self) -> list[tuple[Group | None, int, ItemProgress]]:
        """A monitoring report's progress entries with their group (None at plan level) and place."""
        found: list[tuple[Group | None, int, ItemProgress]] = [(None, n, p) for n, p in enumerate(self.progress)]
        return found + [(group, n, p) for group, _ in self.walk_groups() for n, p in enumerate(group.progress)]

    @property
    def name(self) -> str:
        """What the plan is called in passing: its short title, else its title."""
        return self.short_title or self.title


def _criteria_ids(criteria: list[Criterion], prefix: str) -> None:
    """Ids for criteria without one: ``<prefix>-<label>`` ("5.1-criterion-1.4-3.4"), else by place."""
    for index, criterion in enumerate(criteria, start=1):
        if criterion.id is None:
            criterion.id = f"{prefix}-{slugify(criterion.label) if criterion.label else index}"
