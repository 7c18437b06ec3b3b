"""Pages kept from one build for the next (``mkdocs serve``): a page family's builder names
each of its pages (or each group of pages made together) with a digest of everything they
show; a rebuild takes from the build cache those whose digest has not changed and renders
the others. Tests compare cached and fresh renders after edits (tests/test_render_cache.py,
tests/test_preview.py).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from generator.cache import BuildCache
from generator.model.plan import Plan
from generator.render.context import SiteContext


@dataclass
class CachedJobs:
    """Pages as the build cache still holds them, and a job for each of the rest."""

    store: dict[str, tuple[str, dict[str, Any]]]
    """The build cache's pages of this family: name → (digest, {page: text})."""
    cached: dict[str, Any] = field(default_factory=dict)
    """Pages whose inputs have not changed since the cache's last build, as it holds them."""
    jobs: list[Callable[[], dict[str, Any]]] = field(default_factory=list)
    keys: list[tuple[str, str]] = field(default_factory=list)
    """(name, digest), in the order of ``jobs``."""

    def add(self, name: str, key: str, job: Callable[[], dict[str, Any]]) -> None:
        """The pages ``name``: from the cache when it holds them under ``key``, else ``job``."""
        held = self.store.get(name)
        if held is not None and held[0] == key:
            self.cached.update(held[1])
            return
        self.keys.append((name, key))
        self.jobs.append(job)

    def remember(self, rendered: list[dict[str, Any]]) -> None:
        """Keep the pages the jobs rendered (``rendered``, in job order) for the next build."""
        for (name, key), own in zip(self.keys, rendered):
            self.store[name] = (key, own)

    def render(self) -> dict[str, Any]:
        """Every page: the cached ones and, rendered here, the others (kept for the next build)."""
        rendered = [job() for job in self.jobs]
        self.remember(rendered)
        pages = dict(self.cached)
        for own in rendered:
            pages.update(own)
        return pages


def shared_inputs(ctx: SiteContext) -> str:
    """A digest of what every plan page shows besides its own plan: the registry, the
    calendar, the build date and settings, and every plan's id and titles."""
    catalogue = ctx.catalogue
    digest = hashlib.sha256(catalogue.registry.model_dump_json().encode("utf-8"))
    shared = (ctx.build_date, ctx.directory_urls, ctx.settings, ctx.history is None, catalogue.calendar, ctx.pack)
    digest.update(repr(shared).encode("utf-8"))
    digest.update(repr(sorted((p.id, p.title, p.short_title) for p in catalogue.plans)).encode("utf-8"))
    return digest.hexdigest()


def plan_digest(cache: BuildCache, plan: Plan) -> str:
    """A digest of the plan as written. A plan read from an unchanged file is the very same
    object as in the last build (the parse cache's), so its digest is worked out once."""
    held = cache.plan_digests.get(plan.id)
    if held is None or held[0] is not plan:
        held = cache.plan_digests[plan.id] = (plan, hashlib.sha256(plan.model_dump_json().encode()).hexdigest())
    return held[1]
