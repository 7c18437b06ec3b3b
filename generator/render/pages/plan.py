"""Plan pages: a plan's own page and, for a large plan, its sub-pages.

A serve rebuild renders again only the plan pages whose inputs changed: each plan's pages
are kept in the build cache under a digest of everything they show (``_plan_page_key``);
tests compare cached and fresh renders after edits.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field
from typing import Any

from generator.model.plan import Plan
from generator.render.context import SiteContext
from generator.render.pages.cached import CachedJobs, plan_digest, shared_inputs
from generator.render.pages.plan_intro import intro
from generator.resolve.catalogue import Catalogue
from generator.resolve.links import Reference
from generator.site_map import plan_page, plan_view_page

LARGE_PLAN = 40
"""A plan with more actions than this shows its responsibility matrix and its timeline by
month or term on pages of their own, linked from where they would be on the plan page: at
100 actions the two were a third of the page, and each action's row already says who is
responsible and when. A timeline grid (``periods``) stays: it is the only place an action
without details is listed."""


def plan_views(plan: Plan, matrix: Any, timeline: Any) -> list[str]:
    """Which of ``PLAN_VIEWS`` the plan shows on a page of its own (none for a plan of
    up to ``LARGE_PLAN`` actions)."""
    if len(plan.actions()) <= LARGE_PLAN:
        return []
    views = []
    if matrix.has_owners and matrix.rows:
        views.append("who-does-what")
    if not plan.periods and not timeline.empty:
        views.append("timeline")
    return views


def _reference_signature(reference: Reference) -> tuple:
    source = reference.source
    return (
        reference.plan.id,
        reference.plan.title,
        reference.anchor,
        reference.relation.value,
        reference.text,
        reference.target.key,
        reference.target.title,
        reference.target.anchor,
        getattr(source, "label", None),
        getattr(source, "title", None),
        getattr(source, "text", None),
    )


def _references_by_plan(catalogue: Catalogue) -> dict[str, list[tuple]]:
    """Plan id → signatures of the references into it or its items, and out of it."""
    found: dict[str, list[tuple]] = {}
    for key, references in sorted(catalogue.backlinks.items()):
        plan_id = key.partition("#")[0]
        found.setdefault(plan_id, []).extend(("in", key, _reference_signature(r)) for r in references)
    for reference in catalogue.references:
        found.setdefault(reference.plan.id, []).append(("out", _reference_signature(reference)))
    return found


def _reported_on(ctx: SiteContext, plan: Plan) -> str:
    """What monitoring reports say about ``plan`` (its page shows the latest progress on each
    item and lists the reports) and, for a report, the words of the items it reports on: as
    text to digest, so that an edit to one plan renders the other's page again."""
    reported = ctx.catalogue.reported
    reports = [(r.id, r.name, r.as_of) for r in reported.reports.get(plan.id, [])]
    items = {
        item: [(r.report.id, r.anchor, r.date, r.entry.model_dump_json()) for r in found]
        for item, found in reported.items.get(plan.id, {}).items()
    }
    # A report's own page names the items it reports on by their words in the reported plan.
    named = []
    if plan.reports_on:
        for _, _, entry in plan.progress_entries():
            target = ctx.catalogue.targets.get(f"{plan.reports_on}#{entry.on}")
            named.append((entry.on, target.title if target else None))
    return repr((reports, sorted(items.items()), named))


def _plan_page_key(ctx: SiteContext, plan: Plan, shared: str, references: list[tuple]) -> str:
    """A digest of everything a plan's pages show: the shared inputs, the plan itself, its
    file, its history line, and the references into and out of it (with the titles they
    show), which are also all that its sub-pages show."""
    digest = hashlib.sha256(shared.encode("utf-8"))
    digest.update(plan_digest(ctx.cache, plan).encode("utf-8"))
    own = ctx.history.of(plan.id) if ctx.history else None
    line = own and (own.last_updated, bool(own.entries))
    digest.update(repr((ctx.catalogue.sources[plan.id], references, line)).encode("utf-8"))
    digest.update(_reported_on(ctx, plan).encode("utf-8"))
    return digest.hexdigest()


def render_plan(ctx: SiteContext, plan: Plan) -> dict[str, Any]:
    """A plan's page and its sub-pages (``plan_views``)."""
    env = ctx.env
    here = plan_page(plan.id)
    timeline = ctx.timelines[plan.id]
    views = plan_views(plan, ctx.matrices[plan.id], timeline)
    source_file = ctx.catalogue.sources[plan.id]
    own = {
        here: env.get_template("plan.md.j2").render(
            plan=plan,
            catalogue=ctx.catalogue,
            here=here,
            source_file=source_file,
            views=views,
            intro=intro(ctx, plan, timeline, here),
        )
    }
    for view in views:
        page = plan_view_page(plan.id, view)
        own[page] = env.get_template("plan-view.md.j2").render(plan=plan, here=page, view=view)
    ctx.matrices.pop(plan.id, None)  # only its own pages show them: let them go
    ctx.timelines.pop(plan.id, None)
    return ctx.packed(own)


@dataclass
class PlanJobs(CachedJobs):
    """A site's plan pages as the build cache still holds them, and a job for each of the rest."""

    key_of: dict[str, str] = field(default_factory=dict)
    """Plan id → the digest of everything its pages show (``_plan_page_key``), for every
    plan: what the plan's actions look like on other pages changes only with it."""


def plan_jobs(ctx: SiteContext) -> PlanJobs:
    """The plan pages still in the build cache, and jobs that render the others."""
    shared = shared_inputs(ctx)
    references = _references_by_plan(ctx.catalogue)
    found = PlanJobs(ctx.cache.plan_pages)
    for plan in ctx.catalogue.plans:
        key = found.key_of[plan.id] = _plan_page_key(ctx, plan, shared, references.get(plan.id, []))
        found.add(plan_page(plan.id), key, functools.partial(render_plan, ctx, plan))
    return found
