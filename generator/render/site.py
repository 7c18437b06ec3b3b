"""Render stage: the Catalogue in, ``{page path: Markdown text}`` out.

Pages are Markdown with semantic HTML blocks inside, so any MkDocs-like builder can take
them. ``render_site`` prepares what the pages share (the environment and the helpers every
template may call, in a ``SiteContext``) and asks each page family's builder in
``generator/render/pages/`` for its pages. Plan and party pages, most of a large site, are
rendered on every core (generator/render/parallel.py).
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from typing import Any

from generator.cache import BuildCache
from generator.history.plan_history import SiteHistory
from generator.model.plan import Action, Period, Plan
from generator.render.context import SiteContext
from generator.render.environment import (
    OnDemand,
    action_columns,
    grid_rows,
    make_environment,
)
from generator.render.filters import Filters
from generator.render.pages.explorer import explorer_pages
from generator.render.pages.history import history_pages
from generator.render.pages.party import party_indexes, party_jobs
from generator.render.pages.plan import plan_jobs, render_plan
from generator.render.pages.plan_intro import reported_when, status_in_time
from generator.render.pages.site_pages import (
    home_page,
    indicator_pages,
    reference_pages,
    relations_page,
)
from generator.render.pages.whats_on import whats_on_pages
from generator.render.parallel import render_all
from generator.render.settings import Settings
from generator.render.wording import (
    KIND_WORDS,
    MATRIX_WORDS,
    TERM_STATUS_TEXT,
    group_contents,
    indicator_has_chart,
    print_date,
    source_title,
    term_status,
)
from generator.resolve.catalogue import Catalogue
from generator.resolve.parties import responsibility_matrix
from generator.resolve.progress import (
    PROGRESS_WORDS,
    Progress,
    Rollup,
    progress_of,
    rollup,
    stated_state,
)
from generator.resolve.timeline import Entry, plan_timeline
from generator.site_map import (
    ACCESSIBILITY_PAGE,
    AUDIENCES_PAGE,
    DATA_PAGE,
    EXPLORER_PAGE,
    GLOSSARY_PAGE,
    HOME_PAGE,
    HOW_TO_EDIT_PAGE,
    INDICATORS_PAGE,
    PLAN_SECTIONS,
    PLAN_VIEWS,
    RELATIONS_PAGE,
    SEARCH_PAGE,
    SITE_CALENDAR,
    THEMES_PAGE,
    WHATS_ON_PAGE,
    WHO_PAGE,
    calendar_file,
    data_files,
    history_page,
    indicator_page,
    page_url,
    party_page,
    plan_feed,
    plan_page,
    plan_view_page,
    relative_url,
    section_heading,
)


def render_site(
    catalogue: Catalogue,
    build_date: dt.date,
    directory_urls: bool = True,
    settings: Settings = Settings(),
    history: SiteHistory | None = None,
    pack: bool = False,
    cache: BuildCache | None = None,
    checkpoint: Callable[[], None] = lambda: None,
) -> dict[str, Any]:
    """Every generated page, keyed by its path under the docs folder.

    ``build_date`` places the "now" marker for readers without JavaScript (the browser
    moves it to today). ``history`` adds "last updated" to plan pages and a history page per
    plan. With ``pack``, each page is ``generator.render.packed.Packed`` as soon as it is
    rendered (the render workers pack theirs), so a large site's pages are never all held as
    text. ``cache`` keeps compiled templates and rendered plan pages for the next build.
    ``checkpoint`` is called between page families (it may raise to stop the render)."""
    ctx = site_context(catalogue, build_date, directory_urls, settings, history, pack, cache or BuildCache())
    pages: dict[str, Any] = home_page(ctx)
    plans = plan_jobs(ctx)
    pages.update(plans.cached)
    checkpoint()
    pages.update(whats_on_pages(ctx))
    checkpoint()
    parties = party_jobs(ctx, plans.key_of)
    pages.update(parties.cached)
    rendered = render_all(plans.jobs + parties.jobs)
    plans.remember(rendered[: len(plans.jobs)])
    parties.remember(rendered[len(plans.jobs) :])
    for own in rendered:
        pages.update(own)
    pages.update(indicator_pages(ctx, plans.key_of))
    checkpoint()
    pages.update(relations_page(ctx))
    pages.update(party_indexes(ctx))
    checkpoint()
    pages.update(explorer_pages(ctx, plans.key_of))
    pages.update(reference_pages(ctx))
    pages.update(history_pages(ctx))
    # Most addresses are asked for once (at 1,000 plans 130,000 of them, 50 MB): let them go.
    relative_url.cache_clear()
    page_url.cache_clear()
    return ctx.packed(pages)


def site_context(
    catalogue: Catalogue,
    build_date: dt.date,
    directory_urls: bool,
    settings: Settings,
    history: SiteHistory | None,
    pack: bool,
    cache: BuildCache,
) -> SiteContext:
    """What every page builder reads (``SiteContext``), with the templates' helpers."""
    filters = Filters(catalogue, directory_urls)
    env = make_environment(filters, cache.compiled_templates)
    ctx = SiteContext(catalogue, env, filters, build_date, directory_urls, settings, history, pack, cache)
    # Worked out when a plan page is rendered, so cached pages cost nothing.
    ctx.timelines = OnDemand(lambda plan_id: plan_timeline(catalogue.schedule[plan_id], catalogue.calendar))
    ctx.matrices = OnDemand(
        lambda plan_id: responsibility_matrix(catalogue.plan(plan_id), catalogue.directory, Filters.heading)
    )
    env.globals.update(_template_globals(ctx))
    return ctx


def render_plans(ctx: SiteContext, plan_ids: list[str]) -> dict[str, Any]:
    """The pages of the plans ``plan_ids`` alone (their own pages and sub-pages), rendered
    now and not kept in the build cache: the preview's first answer to a save."""
    pages: dict[str, Any] = {}
    for plan_id in plan_ids:
        pages.update(render_plan(ctx, ctx.catalogue.plan(plan_id)))
    return pages


def _template_globals(ctx: SiteContext) -> dict[str, Any]:
    """What every template may call or read, besides the filters."""
    catalogue, build_date = ctx.catalogue, ctx.build_date

    def period_span(plan: Plan, period: Period) -> tuple[dt.date, dt.date] | None:
        """A timeline grid column's dates: its first dated action's, else the period's own."""
        when = catalogue.whens.get(plan.id, {})
        for action in plan.actions():
            dates = when.get(action.id or "") if action.period == period.id else None
            if dates and dates.start and dates.end:  # an open-ended timescale says nothing of the column's end
                return dates.start, dates.end
        return (period.start, period.end) if period.start and period.end else None

    def plan_rollup(plan: Plan, actions: list[Action]) -> Rollup:
        return rollup(actions, catalogue.whens[plan.id], build_date)

    def entry_progress(entry: Entry) -> Progress | None:
        """Where an entry's action or success criterion stands, when the plan reports it (else None)."""
        item = entry.action or entry.criterion
        if item is None or not stated_state(item):
            return None
        return progress_of(item, catalogue.whens[entry.plan.id].get(item.id or ""), build_date)

    found: dict[str, Any] = dict(
        action_columns=action_columns,
        grid_rows=grid_rows,
        plan_page=plan_page,
        calendar_file=calendar_file,
        data_files=data_files,
        site_calendar=SITE_CALENDAR,
        term_status=term_status,
        term_status_text=TERM_STATUS_TEXT.get,
        period_span=period_span,
        build_date=build_date,
        schedule=catalogue.schedule,
        whens=catalogue.whens,
        kind_words=KIND_WORDS,
        matrix_words=MATRIX_WORDS,
        plan_view_page=plan_view_page,
        print_date=print_date,
        view_titles=PLAN_VIEWS,
        party_page=party_page,
        indicator_page=indicator_page,
        progress_words=PROGRESS_WORDS,
        stated_state=stated_state,
        progress_of=progress_of,
        backlinks=catalogue.backlinks,
        source_title=source_title,
        timelines=ctx.timelines,
        matrices=ctx.matrices,
        rollup=plan_rollup,
        entry_progress=entry_progress,
        history=ctx.history,
        reports_progress=lambda plan: any(stated_state(a) for a in plan.actions()),
        large=ctx.large,
        section_heading=section_heading,
        plan_sections=PLAN_SECTIONS,
        themes_page=THEMES_PAGE,
        group_contents=lambda group, plan: group_contents(group, plan, catalogue.backlinks),
        status_in_time=lambda plan: status_in_time(plan, build_date, catalogue.calendar),
        reported_when=lambda plan, action: reported_when(plan, action, catalogue.calendar),
        has_chart=indicator_has_chart,
    )
    if ctx.history is not None:
        found.update(history_page=history_page, plan_feed=plan_feed)
    return found


def site_nav(catalogue: Catalogue, settings: Settings | None = None) -> list[dict[str, Any]]:
    """The navigation, in MkDocs' ``nav`` form: role and audience pages are reached from
    their indexes and from every mention, not listed in the sidebar (nor, on a large site, the plans)."""
    settings = settings or Settings()
    plans = sorted(catalogue.plans, key=lambda p: p.title.casefold())
    listed = (
        []
        if settings.is_large(catalogue)
        else [{"Plans": [{html.escape(plan.title): plan_page(plan.id)} for plan in plans]}]
    )
    return [
        {"Home": HOME_PAGE},
        *([{"Search": SEARCH_PAGE}] if settings.search == "pagefind" else []),
        {"What's on": WHATS_ON_PAGE},
        {"Actions explorer": EXPLORER_PAGE},
        *listed,
        {"Who does what": WHO_PAGE},
        {"Who the plans are for": AUDIENCES_PAGE},
        {"Indicators": INDICATORS_PAGE},
        {"How the plans relate": RELATIONS_PAGE},
        {"Open data": DATA_PAGE},
        {"Themes": THEMES_PAGE},
        {"Glossary": GLOSSARY_PAGE},
        {"How to edit a plan": HOW_TO_EDIT_PAGE},
        {"Accessibility statement": ACCESSIBILITY_PAGE},
    ]
