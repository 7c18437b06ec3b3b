"""Party pages: one page per role, team, person, organisation and audience the registry
names, and the two indexes of them (who does what, who the plans are for)."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from typing import Any

from generator.model.plan import Plan
from generator.render.context import SiteContext
from generator.render.pages.cached import CachedJobs, shared_inputs
from generator.render.wording import PART_SECTIONS, PLAN_PARTS
from generator.resolve.parties import Involvement, Kind, Part, Party
from generator.site_map import AUDIENCES_PAGE, WHO_PAGE, party_page

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
    members = [p for p in named if p.kind is not Kind.organisation and p.organisation == party.id]
    page = ctx.env.get_template("party.md.j2").render(
        party=party,
        here=here,
        sections=sections,
        plan_level=plan_level,
        spellings=directory.spellings(party),
        organisation=organisation,
        members=members,
        count=action_count(ctx, party),
    )
    return ctx.packed({here: page})


def _named_in(ctx: SiteContext, plan_keys: dict[str, str]) -> dict[str, list[tuple[str, str, int]]]:
    """Party key → (plan id, how the plan names the party, in how many actions) for each plan
    that names it, in plan order. How a plan names its parties is worked out again only
    when the plan's digest (``plan_keys``) changed: not every mention of the site, every time."""
    found: dict[str, list[tuple[str, str, int]]] = {}
    for plan in ctx.catalogue.plans:
        held = ctx.cache.plan_parties.get(plan.id)
        if held is None or held[0] != plan_keys[plan.id]:
            named: dict[str, list[Involvement]] = {}
            for involvement in ctx.catalogue.directory.involvements_in(plan.id):
                named.setdefault(involvement.party.key, []).append(involvement)
            how = {
                key: (
                    repr([(i.part.value, i.action is None, i.printed) for i in involvements]),
                    len({id(i.action) for i in involvements if i.action is not None}),
                )
                for key, involvements in named.items()
            }
            held = ctx.cache.plan_parties[plan.id] = (plan_keys[plan.id], how)
        for key, (words, actions) in held[1].items():
            found.setdefault(key, []).append((plan.id, words, actions))
    return found


def party_jobs(ctx: SiteContext, plan_keys: dict[str, str]) -> CachedJobs:
    """The party pages still in the build cache, and a job for each of the others (rendered
    on every core with the plan pages). A party's page shows the registry and the plans that
    name it: in full (``plan_keys``, plan id → digest of all its pages show, tell when those
    changed), or on a large site only their titles and how often they name it."""
    named = ctx.catalogue.directory.everyone()
    shared = shared_inputs(ctx)
    plans = _named_in(ctx, plan_keys)
    found = CachedJobs(ctx.cache.party_pages)
    for party in named:
        digest = hashlib.sha256(f"{shared}\0{party.key}\0{ctx.large}".encode())
        for plan_id, words, actions in plans.get(party.key, []):
            shown = f"{words}\0{actions}" if ctx.large else plan_keys[plan_id]
            digest.update(f"\0{plan_id}\0{shown}".encode())
        found.add(party_page(party), digest.hexdigest(), functools.partial(render_party, ctx, party, named))
    return found


INDEX_LEDES = {
    WHO_PAGE: (
        "Who does what",
        "Every role, team, person and organisation the plans name, with the number of actions "
        "they take part in. Select one to see what they do, plan by plan.",
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


def party_indexes(ctx: SiteContext, plan_keys: dict[str, str]) -> dict[str, Any]:
    """Who does what (roles, teams, people, organisations) and who the plans are for
    (audiences): every party with the number of actions it takes part in (kept in the
    build cache while those numbers and the shared inputs stay the same)."""
    named = ctx.catalogue.directory.everyone()
    plans = _named_in(ctx, plan_keys)
    counts = [(party.key, sum(actions for _, _, actions in plans.get(party.key, []))) for party in named]
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
        )
    packed = ctx.packed(pages)
    ctx.cache.site_pages[WHO_PAGE] = (key, packed)
    return packed
