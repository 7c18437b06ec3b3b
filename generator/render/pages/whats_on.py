"""What's on: every plan's actions and milestones, term by term, opening at the reader's
term (the build date's; plansite-now.js moves it to the reader's today)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from generator.render.context import SiteContext
from generator.render.pages.cached import shared_inputs
from generator.resolve.timeline import Entry, TermItems, whats_on
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


@dataclass
class ReaderOrder:
    """Terms in the order a reader wants them on a day: that day's term (or the nearest one
    with entries) first, then the later terms, then the earlier ones, most recent first."""

    terms: list[TermItems]
    opening: TermItems | None
    current: bool
    """Whether the opening term is the day's own term (not only the nearest with entries)."""
    earlier_from: int
    """Where the earlier terms begin in ``terms``."""


def _distance(item: TermItems, today: dt.date) -> int:
    if item.term.start > today:
        return (item.term.start - today).days
    return max(0, (today - item.term.end).days)


def reader_order(terms: list[TermItems], today: dt.date) -> ReaderOrder:
    """``terms`` (in date order) as a page opening at ``today`` shows them."""
    if not terms:
        return ReaderOrder([], None, False, 0)
    opening = min(terms, key=lambda item: (_distance(item, today), -item.term.start.toordinal()))
    later = [item for item in terms if item.term.start > opening.term.start]
    earlier = [item for item in reversed(terms) if item.term.start < opening.term.start]
    current = opening.term.start <= today <= opening.term.end
    return ReaderOrder([opening, *later, *earlier], opening, current, 1 + len(later))


def _page(ctx: SiteContext, here: str, shown: list[TermItems], **words: Any) -> Any:
    """One What's on page of the terms ``shown``; from the build cache when what it shows
    (``_shown``) has not changed since the cache's last build (``mkdocs serve``)."""
    digest = hashlib.sha256(f"{shared_inputs(ctx)}\0{here}".encode())
    index = [
        (heading, anchor, [_term_line(i, page) for i, page in items]) for heading, anchor, items in words["index"] or []
    ]
    digest.update(repr(({**words, "index": index}, [_shown(ctx, item) for item in shown])).encode())
    key = digest.hexdigest()
    held = ctx.cache.whats_on_pages.get(here)
    if held is None or held[0] != key:
        held = ctx.cache.whats_on_pages[here] = (key, ctx.packed({here: _render(ctx, here, shown, **words)})[here])
    return held[1]


def _term_line(item: TermItems, page: str | None) -> tuple:
    """What the index of a large site's What's on shows of a term."""
    return (repr(item.term), len(item.entries), len({entry.plan.id for entry in item.entries}), page)


def _shown(ctx: SiteContext, item: TermItems) -> tuple:
    """What a What's on page shows of a term: each entry's row (whens and progress derive
    from the plan and the build date; the plans' titles and the registry are shared inputs)."""
    return (repr(item.term), [_row(ctx, entry) for entry in item.entries])


def _row(ctx: SiteContext, entry: Entry) -> tuple:
    progress = cast(Callable[[Entry], Any], ctx.env.globals["entry_progress"])(entry)
    shown = (entry.kind.value, entry.uid, entry.anchor, entry.title, entry.label, entry.start, entry.end)
    return (entry.plan.id, *shown, repr(entry.when), entry.audience, progress and progress.value)


def _render(ctx: SiteContext, here: str, shown: list[TermItems], **words: Any) -> str:
    """One What's on page of the terms ``shown``, with the plans and audiences they name."""
    names = {a.id: a.name for a in ctx.catalogue.registry.audiences}
    entries = [entry for item in shown for entry in item.entries]
    used = {aid for entry in entries for aid in ctx.filters.audience_ids(entry.audience)}
    plans = sorted({entry.plan.id: entry.plan for entry in entries}.values(), key=lambda plan: ctx.plan_order[plan.id])
    audiences = sorted(((aid, names.get(aid, aid)) for aid in used), key=lambda item: item[1].casefold())
    template = ctx.env.get_template("whats-on.md.j2")
    order = reader_order(shown, ctx.build_date)
    return template.render(
        catalogue=ctx.catalogue, here=here, terms=shown, order=order, plans=plans, audiences=audiences, **words
    )


_LARGE_OVERVIEW = (
    "What every plan says will happen, term by term. The current and coming terms have a page each; "
    "past terms open in the actions explorer, and every plan's page has its own timeline."
)


_WHATS_ON_WORDS = {
    "title": "What's on",
    "description": "Actions and milestones from every published plan, term by term.",
}
