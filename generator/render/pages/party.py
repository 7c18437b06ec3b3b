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


def party_jobs(ctx: SiteContext, plan_keys: dict[str, str]) -> CachedJobs:
    """The party pages still in the build cache, and a job for each of the others (rendered
    on every core with the plan pages). A party's page shows the registry and the plans that
    name it: in full (``plan_keys``, plan id → digest of all its pages show, tell when those
    changed), or on a large site only their titles and how often they name it."""
    named = ctx.catalogue.directory.everyone()
    shared = shared_inputs(ctx)
    found = CachedJobs(ctx.cache.party_pages)
    for party in named:
        digest = hashlib.sha256(f"{shared}\0{party.key}".encode())
        involvements = ctx.catalogue.directory.involvements.get(party.key, [])
        if ctx.large:
            shown = [(i.part.value, i.plan.id, i.action is None, i.printed) for i in involvements]
            digest.update(repr((shown, action_count(ctx, party))).encode())
        else:
            for plan_id in dict.fromkeys(i.plan.id for i in involvements):
                digest.update(f"\0{plan_id}\0{plan_keys[plan_id]}".encode())
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


def party_indexes(ctx: SiteContext) -> dict[str, str]:
    """Who does what (roles, teams, people, organisations) and who the plans are for (audiences)."""
    template = ctx.env.get_template("parties.md.j2")
    named = ctx.catalogue.directory.everyone()
    pages = {}
    for here, (title, lede, kinds) in INDEX_LEDES.items():
        pages[here] = template.render(
            here=here,
            title=title,
            lede=lede,
            groups=[(kind, [p for p in named if p.kind is kind]) for kind in kinds],
            action_count=functools.partial(action_count, ctx),
        )
    return pages
