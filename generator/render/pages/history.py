"""History pages: one page per plan listing each change to its file, newest first.

Commit messages and plan text are untrusted: escaped on the pages.
"""

from __future__ import annotations

from generator.render.context import SiteContext
from generator.site_map import history_page, plan_feed


def history_pages(ctx: SiteContext) -> dict[str, str]:
    """One page per plan listing each change to its file, newest first (none without history)."""
    history = ctx.history
    if history is None:
        return {}
    template = ctx.env.get_template("history.md.j2")
    pages = {}
    for plan in ctx.catalogue.plans:
        here = history_page(plan.id)
        pages[here] = template.render(
            plan=plan,
            here=here,
            history=history,
            entries=history.of(plan.id).entries,
            anchors={item.id for _, item, _ in plan.anchored_items()},
            feed=plan_feed(plan.id) if history.of(plan.id).entries else None,
        )
    return pages
