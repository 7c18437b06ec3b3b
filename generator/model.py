"""The plan schema: pydantic models, the single source of truth for validation,
the published JSON Schema and (later) the field reference page.

Flow: load.py reads YAML into plain data; this module turns it into typed
``Plan`` and ``Registry`` objects; resolve.py links them into a Catalogue.

Principles the models keep:
- what the council wrote is kept exactly (labels, timescale text, names as
  printed); structure is added beside it, never instead of it;
- labels and ids are text, never numbers or booleans;
- unknown fields are errors (``extra="forbid"``), so a typo never loses data.

Field descriptions are the attribute docstrings below; they reach editors as
hover help through the JSON Schema.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from enum import Enum
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

SCHEMA_VERSION = 1

PLAN_ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ITEM_ID_PATTERN = r"^[a-z0-9]+(?:[-.][a-z0-9]+)*$"

PlanId = Annotated[str, StringConstraints(pattern=PLAN_ID_PATTERN, max_length=100)]
"""A plan id: lower-case letters, digits and hyphens; it becomes the page URL."""

ItemId = Annotated[str, StringConstraints(pattern=ITEM_ID_PATTERN, max_length=100)]
"""An id inside a plan or the registry: lower-case letters, digits, hyphens and dots."""

Markdown = Annotated[str, Field(json_schema_extra={"format": "markdown"})]
"""Text that is rendered as Markdown (lists, emphasis, links) and then sanitised."""

Text = Annotated[str, StringConstraints(min_length=1)]


def slugify(text: str) -> str:
    """An id made from a label or title: "5.3" → "5.3", "a)" → "a", "NI 94" → "ni-94"."""
    slug = re.sub(r"[^a-z0-9.]+", "-", text.lower())
    slug = re.sub(r"\.{2,}", ".", slug)
    slug = re.sub(r"-?\.-?", ".", slug)
    return slug.strip("-.")[:80].strip("-.") or "item"


def _text_shorthand(key: str):
    """Let an editor write a plain string where an object with ``key`` is expected."""

    def expand(value: Any) -> Any:
        if isinstance(value, str):
            return {key: value}
        return value

    return expand


def shorthand(model: type[BaseModel], key: str = "text") -> Any:
    """``model``, which may also be written as a plain string (its ``key`` field)."""
    return Annotated[
        model,
        BeforeValidator(_text_shorthand(key), json_schema_input_type=str | model),
    ]


class Strict(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        use_attribute_docstrings=True,
        frozen=False,
        validate_default=False,
    )


# --- shared small types ----------------------------------------------------


class Mention(Strict):
    """A person, role, team, organisation or audience as the plan prints it.

    Write the name exactly as printed (``Senior Advisor (Development)``); the
    registry's aliases resolve it. Give ``ref`` to point at a registry id
    directly."""

    text: Text
    """The name exactly as printed in the plan."""
    ref: ItemId | None = None
    """Registry id this name refers to, when the printed name is ambiguous."""


MentionField = shorthand(Mention)
Mentions = list[MentionField]


class Timescale(Strict):
    """When something happens, as written, with optional explicit dates."""

    text: Text
    """The timescale exactly as written ("Autumn 2003", "Continuing - Annually", "15/10/14 26/11/14 7/1/15")."""
    start: dt.date | None = None
    """Explicit start date (YYYY-MM-DD); overrides what is read from the text."""
    end: dt.date | None = None
    """Explicit end date (YYYY-MM-DD); overrides what is read from the text."""

    @model_validator(mode="after")
    def _start_before_end(self) -> Timescale:
        if self.start and self.end and self.start > self.end:
            raise ValueError(f"start {self.start} is after end {self.end}")
        return self


class Budget(Strict):
    """Budget, cost or resource implications, as written."""

    text: str
    """The budget or resource text as written ("n/a", "£3,000", "Cost of venue hire")."""
    amount: Decimal | None = None
    """The amount in pounds where the text states one (3000 for "£3,000")."""


class Monitoring(Strict):
    """How, when and by whom an action is monitored."""

    text: Text
    """The monitoring arrangement as written."""
    by: Mentions = []
    """Who monitors or reports, as printed."""
    to: Mentions = []
    """Who the report goes to, as printed (a board, a panel, a manager)."""


class Milestone(Strict):
    """A step or deliverable on the way, with its timing where one is given."""

    text: Text
    """What is delivered, as written."""
    when: str | None = None
    """Its timing as written ("Sept 2017", "end of term")."""
    date: dt.date | None = None
    """An exact date, where the plan gives one."""


class RelationKind(str, Enum):
    related = "related"
    depends_on = "depends-on"
    contributes_to = "contributes-to"
    monitors = "monitors"
    supersedes = "supersedes"


RELATION_INVERSES = {
    RelationKind.related: "related to",
    RelationKind.depends_on: "a dependency of",
    RelationKind.contributes_to: "contributed to by",
    RelationKind.monitors: "monitored by",
    RelationKind.supersedes: "superseded by",
}
"""How a relation reads from its target's side ("NI 73 is a dependency of NI 94")."""


class Link(Strict):
    """A link to another plan, a part of one, an indicator, or a web page.

    In any Markdown text the same references can be written inline as
    ``[[plan-id#item-id]]`` or ``[[plan-id#item-id|words to show]]``."""

    text: Text
    """The link as the plan words it ("SEN, behaviour support plan Priority 1, 2, 3, 4")."""
    ref: str | None = None
    """A reference checked at build time: ``plan-id``, ``plan-id#item-id``, ``#item-id`` in this plan,
    an external plan's id from the registry, or a registry entry as ``role:id``, ``team:id``,
    ``person:id``, ``organisation:id`` or ``audience:id``."""
    url: str | None = None
    """A web address, for documents outside this site."""
    relation: RelationKind = RelationKind.related
    """How this plan relates to the target."""


class Fact(Strict):
    """A labelled value the source prints as a small table ("Key SSRE Area(s)": "7")."""

    label: Text
    """The label as written."""
    value: str
    """The value as written."""
    detail: str | None = None
    """A second cell beside the value, as written."""


class ActionState(str, Enum):
    not_started = "not-started"
    in_progress = "in-progress"
    in_place = "in-place"
    complete = "complete"
    ongoing = "ongoing"
    dropped = "dropped"


class Status(Strict):
    """Where an action stands, in one vocabulary, keeping the plan's own words."""

    state: ActionState
    """One of the shared states; "overdue" is derived from the timescale, never written."""
    text: str | None = None
    """The plan's own words ("This action is in place.")."""


class Rag(str, Enum):
    red = "red"
    amber = "amber"
    green = "green"


class Update(Strict):
    """A dated progress update."""

    date: dt.date
    """The date of the update (YYYY-MM-DD)."""
    text: Markdown
    """What happened."""
    rag: Rag | None = None
    """Red, amber or green rating, where the plan gives one."""
    status: ActionState | None = None
    """Where the action stands after this update; the newest update with a status wins."""


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
    monitoring: shorthand(Monitoring) | None = None
    """How, when and by whom it is monitored."""
    timescale: shorthand(Timescale) | None = None
    """When, as written, with optional explicit dates."""
    period: ItemId | None = None
    """The id of one of the plan's ``periods`` this action is placed in (timeline grids)."""
    budget: shorthand(Budget) | None = None
    """Budget, cost or resource implications."""
    success_measures: Markdown | None = None
    """Success measures or criteria for this action."""
    milestones: list[shorthand(Milestone)] = []
    """Steps on the way, with their timing."""
    status: shorthand(Status, "state") | None = None
    """Where the action stands."""
    updates: list[Update] = []
    """Dated progress updates, oldest first."""
    commentary: Markdown | None = None
    """Commentary column, where the plan has one."""
    links: list[shorthand(Link)] = []
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
    success_criteria: Markdown | None = None
    """Targets or success criteria for the group."""
    evaluation: Markdown | None = None
    """How, when and by whom the group's work is evaluated."""
    indicators: list[ItemId] = []
    """Ids of the plan's indicators that measure this group."""
    themes: list[ItemId] = []
    """Ids of themes from the registry this part of the plan is about."""
    links: list[shorthand(Link)] = []
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
    subtitle: str | None = None
    """A second line of title, where the plan has one."""
    organisation: ItemId
    """Registry id of the organisation that publishes the plan."""
    kind: PlanKind
    """What sort of plan this is."""
    status: PlanStatus
    """Where the plan stands."""
    status_text: str | None = None
    """The plan's own words about its status."""
    period: shorthand(Timescale) | None = None
    """The period the plan covers, as written, with optional dates."""
    published: shorthand(DateText) | None = None
    """When it was published, as printed."""
    revised: shorthand(DateText) | None = None
    """When it was revised, as printed."""
    prepared: shorthand(DateText) | None = None
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
    links: list[shorthand(Link)] = []
    """Links to other plans."""
    sections: list[Section] = []
    """Narrative sections, in order."""
    milestones: list[shorthand(Milestone)] = []
    """Plan-wide milestones."""
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
        """(kind, item, loc) for everything with an anchor on the plan page: groups,
        actions, sections and indicators, in document order; ``loc`` is its path in the file."""

        def groups(items: list[Group], loc: tuple):
            for index, group in enumerate(items):
                here = loc + (index,)
                yield "group", group, here
                for number, action in enumerate(group.actions):
                    yield "action", action, here + ("actions", number)
                yield from groups(group.groups, here + ("groups",))

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


# --- the registry ------------------------------------------------------------


class Contact(Strict):
    """A contact route for a role, team or organisation (never a personal address)."""

    url: str | None = None
    """A web page or contact form."""
    email: str | None = None
    """A shared mailbox."""
    phone: str | None = None
    """A switchboard or team number."""


class Entry(Strict):
    id: ItemId
    """Stable id, unique in its kind across the registry."""
    name: Text
    """The name to display."""
    aliases: list[Text] = []
    """Other spellings and abbreviations used in plans; each resolves to this entry."""


class Organisation(Entry):
    """An organisation: a council, a school partnership, a national body."""

    kind: str | None = None
    """What sort of organisation ("local authority", "partnership")."""
    url: str | None = None
    """Its website."""
    part_of: ItemId | None = None
    """Id of the organisation this is part of."""
    contact: Contact | None = None
    """How to contact it."""


class Team(Entry):
    """A team, service, group or board inside an organisation."""

    organisation: ItemId | None = None
    """Id of the organisation it belongs to."""
    contact: Contact | None = None
    """How to contact it."""


class Role(Entry):
    """A job title or office; aliases join spellings of one role."""

    organisation: ItemId | None = None
    """Id of the organisation the role is in."""
    contact: Contact | None = None
    """How to contact whoever holds the role."""


class Person(Entry):
    """A named person, as published in a plan."""

    role: ItemId | None = None
    """Id of the role they hold."""
    organisation: ItemId | None = None
    """Id of their organisation."""


class Audience(Entry):
    """A group of readers an action is aimed at."""

    description: Markdown | None = None
    """Who is included."""


class External(Strict):
    """A plan, indicator or strategy that plans refer to but this site does not publish."""

    id: ItemId
    """The id references use (``southwark-behaviour-support-plan``)."""
    title: Text
    """Its title, as plans name it."""
    kind: str = "plan"
    """What it is: plan, indicator, strategy..."""
    organisation: ItemId | None = None
    """Registry id of the organisation that owns it."""
    url: str | None = None
    """Where it is published, if anywhere."""


class Theme(Strict):
    """A subject readers look for across plans: safeguarding, governance, SEN..."""

    id: ItemId
    """The id plans use in ``themes``."""
    name: Text
    """The name shown as a tag."""
    description: Markdown | None = None
    """What the theme covers."""


class Redirect(Strict):
    """An old address (from a previous site) that should open a plan here."""

    old_path: Text
    """The old path, without the host ("education/plans/school-improvement")."""
    to: Text
    """The plan it now is, as a reference (``plan-id`` or ``plan-id#item-id``)."""


class Acronym(Strict):
    """An abbreviation and its expansion, shown as an abbreviation and in the glossary."""

    term: Text
    """The abbreviation as written ("SENCO")."""
    expansion: Text
    """What it stands for."""
    description: Markdown | None = None
    """A plain-English explanation, where the expansion is not enough."""


MONTH_DAY_PATTERN = r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
MonthDay = Annotated[str, StringConstraints(pattern=MONTH_DAY_PATTERN)]
"""A day of the year as MM-DD ("09-01")."""


class TermDates(Strict):
    """When a term runs in this area's school calendar."""

    start: MonthDay
    """First day of the term (MM-DD)."""
    half: MonthDay | None = None
    """First day of the term's second half (MM-DD)."""
    end: MonthDay
    """Last day of the term (MM-DD)."""


class CalendarSettings(Strict):
    """The school calendar timescales are read with. Defaults: Autumn 1 Sep–31 Dec,
    Spring 1 Jan–31 Mar, Summer 1 Apr–31 Jul; academic year from September,
    financial year from April."""

    autumn: TermDates | None = None
    """The autumn term."""
    spring: TermDates | None = None
    """The spring term."""
    summer: TermDates | None = None
    """The summer term."""
    academic_year_start_month: Annotated[int, Field(ge=1, le=12)] | None = None
    """Month the academic year starts (9 = September)."""
    financial_year_start_month: Annotated[int, Field(ge=1, le=12)] | None = None
    """Month the financial year starts (4 = April)."""


class Registry(Strict):
    """People, roles, teams, organisations, audiences and acronyms shared by all plans.

    The registry may be split over several files in ``plans/registry/``; each
    file holds any of these lists."""

    organisations: list[Organisation] = []
    """Organisations."""
    teams: list[Team] = []
    """Teams, services, boards and groups."""
    roles: list[Role] = []
    """Roles and job titles."""
    people: list[Person] = []
    """Named people."""
    audiences: list[Audience] = []
    """Audiences of actions."""
    acronyms: list[Acronym] = []
    """Abbreviations and their expansions."""
    external: list[External] = []
    """Plans and indicators published elsewhere that plans here refer to."""
    themes: list[Theme] = []
    """Themes plans and actions can be tagged with."""
    redirects: list[Redirect] = []
    """Old addresses that keep working by redirecting to plans (written by the Plone importer)."""
    calendar: CalendarSettings | None = None
    """The school calendar, where it differs from the default; set in one registry file only."""

    def merged(self, other: Registry) -> Registry:
        lists = {name: getattr(self, name) + getattr(other, name) for name in REGISTRY_LISTS}
        return Registry(**lists, calendar=self.calendar or other.calendar)


REGISTRY_LISTS = ("organisations", "teams", "roles", "people", "audiences", "acronyms", "external", "themes", "redirects")


def json_schema(model: type[BaseModel], schema_id: str) -> str:
    """The JSON Schema for ``model`` as stable, sorted text."""
    schema = model.model_json_schema(mode="validation")
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_id,
        **schema,
    }
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
