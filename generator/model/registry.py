"""The registry schema: organisations, teams, roles, people, audiences, acronyms,
external documents, themes, redirects and the school calendar, shared by every plan.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import (
    Field,
    StringConstraints,
)

from generator.model.fields import ItemId, Markdown, Strict, Text

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


REGISTRY_LISTS = (
    "organisations",
    "teams",
    "roles",
    "people",
    "audiences",
    "acronyms",
    "external",
    "themes",
    "redirects",
)
