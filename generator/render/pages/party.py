"""Party pages: one page per role, team, person, organisation and audience the registry
names, and the two indexes of them (who does what, who the plans are for)."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from dataclasses import dataclass
from typing import Any

from generator.model.plan import Plan
from generator.render.context import SiteContext
from generator.render.pages.cached import CachedJobs, shared_inputs
from generator.render.pages.whats_on import ReaderOrder, reader_order
from generator.render.wording import PART_SECTIONS, PLAN_PARTS
from generator.resolve.parties import Involvement, Kind, Part, Party, TextMention, audience_entries
from generator.resolve.timeline import TermItems, whats_on
from generator.site_map import AUDIENCES_PAGE, WHO_PAGE, audience_calendar_file, party_page

Section = tuple[Part, str, list[tuple[Plan, list[Involvement]]]]


def _timing_key(ctx: SiteContext, involvement: Involvement) -> tuple[bool, dt.date, int]:
    """Undated last, then by the action's start (or end), then in plan order."""
    action = involvement.action
    when = ctx.catalogue.whens.get(involvement.plan.id, {}).get(action.id or "") if action else None
    day = (when.start or when.end) if when else None
    return (day is None, day or dt.date.min, ctx.plan_order[involvement.plan.id])


def _sections(ctx: SiteContext, party: Party) -> tuple[list[Section], list[tuple[str, Involvement]]]:
    """(part, heading, [(plan, [involvements ordered by timescale])]) for each way the party
    takes part in actions, and (words, involvement) for each way it takes part in whole plans."""
    involvements = ctx.catalogue.directory.involvements.get(party.key, [])
    sections = []
    for part, heading in PART_SECTIONS:
        chosen = [i for i in involvements if i.part is part and i.action is not None]
        if not chosen:
            continue
        by_plan: dict[str, list[Involvement]] = {}
        for involvement in sorted(chosen, key=functools.partial(_timing_key, ctx)):
            by_plan.setdefault(involvement.plan.id, []).append(involvement)
        plans = sorted(by_plan.items(), key=lambda item: ctx.plan_order[item[0]])
        sections.append((part, heading, [(ctx.catalogue.plan(pid), items) for pid, items in plans]))
    plan_level = [(PLAN_PARTS[i.part], i) for i in involvements if i.action is None and i.part in PLAN_PARTS]
    return sections, plan_level


def _counted(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def party_facts(party: Party, actions: int, plans: int, mentions: int, plan_level: list) -> list[str]:
    """What a party's page says it does, in words, leaving out what it does not do."""
    facts = []
    if plans:
        facts.append("publishes " + _counted(plans, "plan", "plans"))
    if actions and party.kind is Kind.audience:
        facts.append(_counted(actions, "action is", "actions are") + " aimed at them")
    elif actions:
        facts.append("takes part in " + _counted(actions, "action", "actions"))
    if plan_level:
        facts.append("named in " + _counted(len({i.plan.id for _, i in plan_level}), "plan", "plans") + " as a whole")
    if mentions:
        facts.append("named in " + _counted(mentions, "place", "places") + " in the plans' text")
    return facts


def other_mentions(ctx: SiteContext, party: Party) -> int:
    """Where the plans name ``party`` besides their actions: a whole plan's names, and their text."""
    directory = ctx.catalogue.directory
    plan_level = sum(1 for i in directory.involvements.get(party.key, []) if i.action is None)
    return plan_level + len(directory.mentioned.get(party.key, []))


def action_count(ctx: SiteContext, party: Party) -> int:
    """How many actions ``party`` takes part in, in any way."""
    involvements = ctx.catalogue.directory.involvements.get(party.key, [])
    return len({id(i.action) for i in involvements if i.action is not None})


def render_party(ctx: SiteContext, party: Party, named: list[Party]) -> dict[str, Any]:
    """A party's page: what it takes part in, plan by plan; its members, for an organisation."""
    here = party_page(party)
    directory = ctx.catalogue.directory
    sections, plan_level = _sections(ctx, party)
    organisation = None
    if party.kind is not Kind.organisation:
        organisation = directory.parties.get(f"organisation:{party.organisation}")
        organisation = organisation if organisation is not None and directory.published(organisation) else None
    members = [p for p in named if p.kind is not Kind.organisation and p.organisation == party.id]
    mentioned = directory.mentioned.get(party.key, [])
    publishes = directory.publishes.get(party.key, [])
    count = action_count(ctx, party)
    by_term = _by_term(ctx, party, sections) if party.kind is Kind.audience else None
    if by_term is not None:
        sections = [section for section in sections if section[0] is not Part.audience]
    page = ctx.env.get_template("party.md.j2").render(
        party=party,
        here=here,
        sections=sections,
        plan_level=plan_level,
        spellings=directory.spellings(party),
        organisation=organisation,
        members=members,
        facts=party_facts(party, count, len(publishes), len(mentioned), plan_level),
        publishes=publishes,
        by_term=by_term,
        action_count=functools.partial(action_count, ctx),
        mentioned=_by_plan(ctx, mentioned),
        mention_count=len(mentioned),
        organisation_name=ctx.catalogue.organisation_name(party.organisation) if party.organisation else None,
    )
    return ctx.packed({here: page})


@dataclass
class ByTerm:
    """An audience's actions term by term, opening at the build date's term."""

    terms: list[TermItems]
    order: ReaderOrder
    undated: list[tuple[Plan, list[Involvement]]]
    """Actions aimed at the audience that give no date, plan by plan."""
    calendar: str | None
    """Its calendar feed, when it has dated entries."""


def _by_term(ctx: SiteContext, party: Party, sections: list[Section]) -> ByTerm:
    catalogue = ctx.catalogue
    entries = audience_entries(party, catalogue.directory, catalogue.schedule)
    terms = whats_on(entries, catalogue.calendar)
    dated = {id(entry.action) for entry in entries if entry.dated and entry.action is not None}
    undated = [
        (plan, [i for i in involvements if id(i.action) not in dated])
        for part, _, plans in sections
        if part is Part.audience
        for plan, involvements in plans
    ]
    calendar = audience_calendar_file(party.id) if any(entry.dated for entry in entries) else None
    return ByTerm(terms, reader_order(terms, ctx.build_date), [(p, i) for p, i in undated if i], calendar)


def _by_plan(ctx: SiteContext, mentions: list[TextMention]) -> list[tuple[Plan, list[TextMention]]]:
    """Mentions in the plans' text, plan by plan in the site's order."""
    by_plan: dict[str, list[TextMention]] = {}
    for mention in mentions:
        by_plan.setdefault(mention.plan.id, []).append(mention)
    ordered = sorted(by_plan.items(), key=lambda item: ctx.plan_order[item[0]])
    return [(ctx.catalogue.plan(plan_id), items) for plan_id, items in ordered]


def _plans_of(ctx: SiteContext) -> dict[str, set[str]]:
    """Party key → the ids of the plans its page shows: those that name it in an action or
    as a whole, name it in their text, or that it publishes."""
    directory = ctx.catalogue.directory
    found: dict[str, set[str]] = {}
    for key, involvements in directory.involvements.items():
        found.setdefault(key, set()).update(i.plan.id for i in involvements)
    for key, mentions in directory.mentioned.items():
        found.setdefault(key, set()).update(m.plan.id for m in mentions)
    for key, plans in directory.publishes.items():
        found.setdefault(key, set()).update(p.id for p in plans)
    return found


def party_jobs(ctx: SiteContext, plan_keys: dict[str, str]) -> CachedJobs:
    """The party pages still in the build cache, and a job for each of the others (rendered
    on every core with the plan pages). A party's page shows the registry, the published
    parties (its members, its organisation) and the plans it is named in or publishes: its
    digest covers those plans' digests (``plan_keys``), so an edit renders again only the
    pages of the parties the edited plan names (``mkdocs serve``)."""
    named = ctx.catalogue.directory.everyone_published()
    shared = hashlib.sha256(f"{shared_inputs(ctx)}\0{ctx.large}\0{[p.key for p in named]!r}".encode()).hexdigest()
    plans = _plans_of(ctx)
    found = CachedJobs(ctx.cache.party_pages)
    for party in named:
        digest = hashlib.sha256(f"{shared}\0{party.key}".encode())
        for plan_id in sorted(plans.get(party.key, ())):
            digest.update(f"\0{plan_id}\0{plan_keys[plan_id]}".encode())
        found.add(party_page(party), digest.hexdigest(), functools.partial(render_party, ctx, party, named))
    return found


INDEX_LEDES = {
    WHO_PAGE: (
        "Who does what",
        "Every role, team, person and organisation the plans name, with the number of actions "
        "they take part in and of the other places the plans name them (a plan as a whole, or "
        "its text). Select one to see what they do, plan by plan.",
        (Kind.role, Kind.team, Kind.person, Kind.organisation),
    ),
    AUDIENCES_PAGE: (
        "Who the plans are for",
        "Every audience the plans name: headteachers, governing bodies, schools... "
        "Select one to see what that reader should look at.",
        (Kind.audience,),
    ),
}
"""The two index pages of parties: page → (title, lede, kinds listed)."""


def party_indexes(ctx: SiteContext) -> dict[str, Any]:
    """Who does what (roles, teams, people, organisations) and who the plans are for
    (audiences): every published party with the number of actions it takes part in and of
    the other places the plans name it (kept in the build cache while those numbers and the
    shared inputs stay the same)."""
    named = ctx.catalogue.directory.everyone_published()
    counts = [(party.key, action_count(ctx, party), other_mentions(ctx, party)) for party in named]
    key = hashlib.sha256(f"{shared_inputs(ctx)}\0{counts!r}".encode()).hexdigest()
    held = ctx.cache.site_pages.get(WHO_PAGE)
    if held is not None and held[0] == key:
        return held[1]
    template = ctx.env.get_template("parties.md.j2")
    pages = {}
    for here, (title, lede, kinds) in INDEX_LEDES.items():
        pages[here] = template.render(
            here=here,
            title=title,
            lede=lede,
            groups=[(kind, [p for p in named if p.kind is kind]) for kind in kinds],
            action_count=functools.partial(action_count, ctx),
            mention_count=functools.partial(other_mentions, ctx),
        )
    packed = ctx.packed(pages)
    ctx.cache.site_pages[WHO_PAGE] = (key, packed)
    return packed
