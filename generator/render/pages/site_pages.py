"""The site's own pages: home, indicators, how the plans relate, open data, themes,
glossary, how to edit a plan, the accessibility statement and (with Pagefind) search."""

from __future__ import annotations

import functools

from markupsafe import Markup

from generator.model.field_reference import field_reference
from generator.model.plan import Plan
from generator.render.charts import indicator_chart
from generator.render.context import SiteContext
from generator.render.pages.cached import CachedJobs, shared_inputs
from generator.resolve.relations import diagram, plan_graph
from generator.site_map import (
    ACCESSIBILITY_PAGE,
    CSV_COLUMNS,
    DATA_PAGE,
    EXPLORER_PAGE,
    GLOSSARY_PAGE,
    HOME_PAGE,
    HOW_TO_EDIT_PAGE,
    INDICATORS_PAGE,
    RELATIONS_PAGE,
    SEARCH_PAGE,
    THEMES_PAGE,
    indicator_page,
)


def home_page(ctx: SiteContext) -> dict[str, str]:
    return {HOME_PAGE: ctx.env.get_template("home.md.j2").render(catalogue=ctx.catalogue, here=HOME_PAGE)}


def indicator_pages(ctx: SiteContext, plan_keys: dict[str, str]) -> dict[str, str]:
    """Each indicator's page, with its chart and the groups it measures. A plan's indicator
    pages show only the plan: ``plan_keys`` (plan id → digest of what its pages show) tell
    the build cache's pages still current."""
    found = CachedJobs(ctx.cache.indicator_pages)
    for plan in ctx.catalogue.plans:
        if plan.indicators:
            found.add(plan.id, plan_keys[plan.id], functools.partial(_plan_indicators, ctx, plan))
    return found.render()


def _plan_indicators(ctx: SiteContext, plan: Plan) -> dict[str, str]:
    template = ctx.env.get_template("indicator.md.j2")
    pages = {}
    for indicator in plan.indicators:
        here = indicator_page(plan.id, indicator.id)
        pages[here] = template.render(
            plan=plan,
            indicator=indicator,
            here=here,
            chart=Markup(indicator_chart(indicator, f"chart-{indicator.id}")),
            measured=[g for g, _ in plan.walk_groups() if indicator.id in g.indicators],
        )
    return ctx.packed(pages)


def relations_page(ctx: SiteContext) -> dict[str, str]:
    """How the plans relate: a diagram (not on a large site: too big to read) and a list."""
    nodes, edges = plan_graph(ctx.catalogue)
    page = ctx.env.get_template("relations.md.j2").render(
        here=RELATIONS_PAGE,
        nodes=nodes,
        edges=edges,
        diagram=Markup(diagram(nodes, edges)) if not ctx.large else None,
        connected={e.source.key for e in edges} | {e.target.key for e in edges},
    )
    return {RELATIONS_PAGE: page}


def _how_to_edit(ctx: SiteContext) -> str:
    """How to edit a plan, with the field reference made from the schema: it shows only
    shared inputs, so the build cache keeps it while they stay the same (``mkdocs serve``)."""
    key = shared_inputs(ctx)
    held = ctx.cache.site_pages.get(HOW_TO_EDIT_PAGE)
    if held is None or held[0] != key:
        page = ctx.env.get_template("how-to-edit.md.j2").render(here=HOW_TO_EDIT_PAGE, models=field_reference())
        held = ctx.cache.site_pages[HOW_TO_EDIT_PAGE] = (key, page)
    return held[1]


def reference_pages(ctx: SiteContext) -> dict[str, str]:
    """Indicators index, how to edit, themes, open data, accessibility, search and glossary."""
    env, catalogue, settings = ctx.env, ctx.catalogue, ctx.settings
    pages = {
        INDICATORS_PAGE: env.get_template("indicators.md.j2").render(catalogue=catalogue, here=INDICATORS_PAGE),
        HOW_TO_EDIT_PAGE: _how_to_edit(ctx),
        THEMES_PAGE: env.get_template("themes.md.j2").render(catalogue=catalogue, here=THEMES_PAGE),
        DATA_PAGE: env.get_template("data.md.j2").render(
            catalogue=catalogue, here=DATA_PAGE, licence=settings.licence, csv_columns=CSV_COLUMNS
        ),
        ACCESSIBILITY_PAGE: env.get_template("accessibility.md.j2").render(here=ACCESSIBILITY_PAGE, settings=settings),
    }
    if settings.search == "pagefind":
        pages[SEARCH_PAGE] = env.get_template("search.md.j2").render(
            here=SEARCH_PAGE, base_url=settings.base_url, home_page=HOME_PAGE, explorer_page=EXPLORER_PAGE
        )
    acronyms = sorted(catalogue.registry.acronyms, key=lambda a: (a.term.casefold(), a.term))
    pages[GLOSSARY_PAGE] = env.get_template("glossary.md.j2").render(
        catalogue=catalogue, here=GLOSSARY_PAGE, acronyms=acronyms
    )
    return pages
