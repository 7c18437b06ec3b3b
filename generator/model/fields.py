"""The schema's building blocks: ids, text fields and their shorthands, names as printed
(mentions), timescales, budgets, monitoring, links, status and dated updates.

Principles the models keep:
- what the council wrote is kept exactly (labels, timescale text, names as printed);
  structure is added beside it, never instead of it;
- labels and ids are text, never numbers or booleans;
- unknown fields are errors (``extra="forbid"``), so a typo never loses data.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

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


def _text_shorthand(key: str) -> Callable[[Any], Any]:
    """Let an editor write a plain string where an object with ``key`` is expected."""

    def expand(value: Any) -> Any:
        if isinstance(value, str):
            return {key: value}
        return value

    return expand


def written_as_text(model: type[BaseModel], key: str = "text") -> BeforeValidator:
    """A field of type ``model`` may also be written as a plain string (its ``key`` field):
    ``timescale: Autumn 2003`` for ``timescale: {text: Autumn 2003}``. Used in ``Annotated``
    aliases (``TimescaleField``), which type checkers read as the model itself."""
    return BeforeValidator(_text_shorthand(key), json_schema_input_type=str | model)


def _bullets(text: str) -> list[str] | None:
    """The items of a Markdown list that is the whole of ``text`` ("- a\\n- b"), each with its
    continuation lines; None when ``text`` is not one list."""
    items: list[str] = []
    for line in text.strip().splitlines():
        if re.match(r"[-*+] ", line):
            items.append(line[2:].strip())
        elif items and (line.startswith((" ", "\t")) or not line.strip()):
            items[-1] = f"{items[-1]}\n{line.strip()}".strip() if line.strip() else items[-1]
        else:
            return None
    return items or None


def _items_from_text(value: Any) -> Any:
    """A list of items written the old way, as one Markdown text: each item of a Markdown list
    becomes an item, any other text one item."""
    if isinstance(value, str):
        return [{"text": item} for item in (_bullets(value) or [value])]
    return value


def items_in_text(model: type[BaseModel]) -> BeforeValidator:
    """A list of ``model`` (each also writable as plain text) may also be written as one
    Markdown text: a Markdown list gives one item per list item, other text one item. For
    ``Annotated[list[ModelField], items_in_text(Model)]``."""
    accepted: Any = str | list[str | model]  # type: ignore[valid-type]  # a runtime type, for the JSON Schema
    return BeforeValidator(_items_from_text, json_schema_input_type=accepted)


# --- dates given to the month or to the day ----------------------------------------

MONTH_PATTERN = r"^[0-9]{4}-(0[1-9]|1[0-2])$"


@dataclass(frozen=True, order=True)
class Month:
    """A calendar month, for dates a source gives only to the month ("July 2004")."""

    year: int
    month: int

    @property
    def first(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def last(self) -> dt.date:
        return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def isoformat(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def __str__(self) -> str:
        return f"{calendar.month_name[self.month]} {self.year}"


def _described(value: Any) -> str:
    if isinstance(value, str):
        return f"the text '{value if len(value) <= 40 else value[:37] + '...'}'"
    return "an empty value" if value is None else type(value).__name__


def _day_or_month(value: Any) -> dt.date | Month:
    if isinstance(value, (dt.date, Month)) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        text = value.strip()
        if re.fullmatch(MONTH_PATTERN, text):
            return Month(int(text[:4]), int(text[5:7]))
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            try:
                return dt.date.fromisoformat(text)
            except ValueError:
                raise PydanticCustomError(
                    "day_or_month", "'{text}' is not a day of the calendar", {"text": text}
                ) from None
    raise PydanticCustomError(
        "day_or_month",
        "expected a day as YYYY-MM-DD or a month as YYYY-MM (for example 2004-07), got {got}",
        {"got": _described(value)},
    )


DayOrMonth = Annotated[
    dt.date | Month,
    PlainValidator(_day_or_month),
    PlainSerializer(lambda value: value.isoformat(), return_type=str, when_used="json"),
    WithJsonSchema(
        {
            "type": "string",
            "format": "day-or-month",
            "pattern": r"^[0-9]{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?$",
        }
    ),
]
"""A day (YYYY-MM-DD) or, where the source dates something only to the month, a month (YYYY-MM)."""


def first_day(value: dt.date | Month) -> dt.date:
    return value.first if isinstance(value, Month) else value


def last_day(value: dt.date | Month) -> dt.date:
    return value.last if isinstance(value, Month) else value


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


MentionField = Annotated[Mention, written_as_text(Mention)]
Mentions = list[MentionField]


class Timescale(Strict):
    """When something happens, as written, with optional explicit dates."""

    text: Text
    """The timescale exactly as written ("Autumn 2003", "Continuing - Annually", "15/10/14 26/11/14 7/1/15")."""
    start: dt.date | None = None
    """Explicit start date (YYYY-MM-DD); overrides what is read from the text."""
    end: dt.date | None = None
    """Explicit end date (YYYY-MM-DD); overrides what is read from the text."""
    deadline: bool = False
    """True when the timescale is a deadline: done by its end, at any time before, so the start is
    left open even where the text names a whole month or term (a column headed "Date by"). Text
    that says so itself ("By July 2005", "Date by March 2002") needs no flag."""

    @model_validator(mode="after")
    def _start_before_end(self) -> Timescale:
        if self.start and self.end and self.start > self.end:
            raise ValueError(f"start {self.start} is after end {self.end}")
        if self.deadline and self.start:
            raise ValueError("a deadline has no start: leave out `start`, or `deadline`")
        return self


TimescaleField = Annotated[Timescale, written_as_text(Timescale)]


class Budget(Strict):
    """Budget, cost or resource implications, as written."""

    text: str
    """The budget or resource text as written ("n/a", "£3,000", "Cost of venue hire")."""
    amount: Decimal | None = None
    """The amount in pounds where the text states one (3000 for "£3,000")."""


BudgetField = Annotated[Budget, written_as_text(Budget)]


class Monitoring(Strict):
    """How, when and by whom an action is monitored."""

    text: Text
    """The monitoring arrangement as written."""
    by: Mentions = []
    """Who monitors or reports, as printed."""
    to: Mentions = []
    """Who the report goes to, as printed (a board, a panel, a manager)."""


MonitoringField = Annotated[Monitoring, written_as_text(Monitoring)]


class Milestone(Strict):
    """A step or deliverable on the way, with its timing where one is given."""

    text: Text
    """What is delivered, as written."""
    when: str | None = None
    """Its timing as written ("Sept 2017", "end of term")."""
    date: dt.date | None = None
    """An exact date, where the plan gives one."""


MilestoneField = Annotated[Milestone, written_as_text(Milestone)]


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


LinkField = Annotated[Link, written_as_text(Link)]


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


StatusField = Annotated[Status, written_as_text(Status, "state")]


class Rag(str, Enum):
    red = "red"
    amber = "amber"
    green = "green"


class Update(Strict):
    """A dated progress update."""

    date: DayOrMonth
    """The date of the update: a day (YYYY-MM-DD), or a month (YYYY-MM) where the source gives only the month."""
    text: Markdown
    """What happened."""
    rag: Rag | None = None
    """Red, amber or green rating, where the plan gives one."""
    status: ActionState | None = None
    """Where the action stands after this update; the newest update with a status wins."""
