"""What's on: every plan's actions and milestones, term by term."""

from __future__ import annotations

from typing import Any

from generator.render.context import SiteContext
from generator.resolve.timeline import TermItems, whats_on
from generator.site_map import WHATS_ON_PAGE, whats_on_term_page


def whats_on_pages(ctx: SiteContext) -> dict[str, str]:
    """What's on: one page of every term, or, on a large site, a page that lists the terms
    (the current and coming ones linked to a page each, the past ones to the explorer)."""
    catalogue = ctx.catalogue
    entries = [entry for plan in catalogue.plans for entry in catalogue.schedule[plan.id].entries]
    terms = whats_on(entries, catalogue.calendar)
    if not ctx.large:
        return {WHATS_ON_PAGE: _page(ctx, WHATS_ON_PAGE, terms, **_WHATS_ON_WORDS, overview=None, index=None)}
    pages = {}
    coming = [item for item in terms if item.term.end >= ctx.build_date]
    for item in coming:
        here = whats_on_term_page(item.term.anchor)
        label = item.term.label
        pages[here] = _page(
            ctx,
            here,
            [item],
            title=f"What's on: {label}",
            description=f"Actions and milestones from every published plan in the {label}.",
            overview=f"What the plans say will happen in the {label}. Every term is listed on What's on.",
            index=None,
        )
    past = [item for item in terms if item.term.end < ctx.build_date]
    index = [
        ("This term and coming terms", "coming", [(item, whats_on_term_page(item.term.anchor)) for item in coming]),
        ("Past terms", "past", [(item, None) for item in reversed(past)]),
    ]
    pages[WHATS_ON_PAGE] = _page(ctx, WHATS_ON_PAGE, [], **_WHATS_ON_WORDS, index=index, overview=_LARGE_OVERVIEW)
    return pages


def _page(ctx: SiteContext, here: str, shown: list[TermItems], **words: Any) -> str:
    """One What's on page of the terms ``shown``, with the plans and audiences they name."""
    names = {a.id: a.name for a in ctx.catalogue.registry.audiences}
    entries = [entry for item in shown for entry in item.entries]
    used = {aid for entry in entries for aid in ctx.filters.audience_ids(entry.audience)}
    plans = sorted({entry.plan.id: entry.plan for entry in entries}.values(), key=lambda plan: ctx.plan_order[plan.id])
    audiences = sorted(((aid, names.get(aid, aid)) for aid in used), key=lambda item: item[1].casefold())
    template = ctx.env.get_template("whats-on.md.j2")
    return template.render(catalogue=ctx.catalogue, here=here, terms=shown, plans=plans, audiences=audiences, **words)


_LARGE_OVERVIEW = (
    "What every plan says will happen, term by term. The current and coming terms have a page each; "
    "past terms open in the actions explorer, and every plan's page has its own timeline."
)


_WHATS_ON_WORDS = {
    "title": "What's on",
    "description": "Actions and milestones from every published plan, term by term.",
}
