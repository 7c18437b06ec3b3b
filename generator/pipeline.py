"""The whole flow in one place: load → model → resolve → render.

Used alike by the CLI, the MkDocs plugin and the tests. Pure functions of the
plans folder, except for a parse cache keyed on each file's size and mtime so
that ``mkdocs serve`` re-reads only what changed.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import gc
import hashlib
import itertools
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.cache import BuildCache
from generator.history.plan_history import site_history
from generator.load.folder import load_site
from generator.outputs.calendars import calendars
from generator.outputs.feeds import feeds
from generator.outputs.open_data import open_data
from generator.outputs.search import SEARCH_TERMS, search_records
from generator.problems import PlanErrors, Problem, Severity
from generator.render.packed import Packed, held, joined
from generator.render.pages.cached import plan_digest
from generator.render.settings import Settings
from generator.render.site import render_plans, render_site, site_context, site_nav
from generator.resolve.catalogue import Catalogue
from generator.resolve.patch import patchable, patched_catalogue
from generator.resolve.site import load_and_resolve
from generator.site_map import PLAN_VIEWS, SITE_FEED, plan_page, plan_view_page


def build_date() -> dt.date:
    """The date a build speaks for: SOURCE_DATE_EPOCH when set (reproducible builds), else today (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.datetime.now(tz=dt.UTC).date()


@contextlib.contextmanager
def fewer_collections():
    """Let the garbage collector run less often while a site is built, then as before.

    Loading and resolving make millions of objects that all live on; a full collection is
    triggered every so many of them and re-scans the whole heap, so it grows with the square
    of the site (at 1,000 plans it was half the time of loading). Nothing built here is
    cyclic garbage worth collecting early, and the memory is let go when the build ends."""
    before = gc.get_threshold()
    gc.set_threshold(max(before[0], 50_000), max(before[1], 20), max(before[2], 1000))
    try:
        yield
    finally:
        gc.set_threshold(*before)


@dataclass
class Site:
    """What a build adds to the docs: pages and data files by path, the navigation, and warnings."""

    files: dict[str, Packed]
    """Pages (Markdown) and data files by path, packed until written (generator/packed.py)."""
    nav: list[dict[str, Any]]
    warnings: list[Problem]
    packed_search_entries: Packed
    """``search_entries`` as JSON, packed (at 1,000 plans the entries are 100,000 dicts)."""
    sources: dict[str, Path]
    """Generated page → the YAML file it shows, for "edit this page" links."""
    redirects: dict[str, str]
    """Old page (``old/path.md``) → the page it now is, for mkdocs-redirects."""
    feed: str | None = None
    """The site-wide Atom feed of plan updates, when there is one (linked from every page's head)."""
    changed: frozenset[str] | None = None
    """The paths in ``files`` whose content differs from the last build made with the same
    ``BuildCache`` (new paths included): all that a ``mkdocs serve`` rebuild must write
    again. None when the cache had made no build, so everything is new."""
    data: Callable[[], tuple[dict[str, Any], frozenset[str]]] | None = None
    """With ``generate(..., data_later=True)``: the open data and calendars, left out of
    ``files``; a call makes them and returns them with the paths among them whose content
    differs from the last call's (``mkdocs serve`` writes them once the page the editor
    looks at is shown)."""

    @property
    def search_entries(self) -> list[dict[str, str]]:
        """One search-index entry per action, added to MkDocs' own index (or, with ``search:
        pagefind``, to its plan page as Pagefind indexes it)."""
        return json.loads(self.packed_search_entries.bytes())

    def text(self, path: str) -> str:
        """The text of the page or data file at ``path``."""
        return self.files[path].text()


def generate(
    plans_dir: Path,
    directory_urls: bool = True,
    site_url: str | None = None,
    settings: Settings = Settings(),
    history: bool = True,
    site_name: str = "Published plans",
    cache: BuildCache | None = None,
    data_later: bool = False,
    checkpoint: Callable[[], None] = lambda: None,
) -> Site:
    """Every page and data file of the site; raises PlanErrors when any plan is wrong.

    With ``history``, each plan's changes are read from git (generator/history/) for
    "last updated", the history pages and the Atom feeds. ``cache`` is what an earlier build
    kept for this one (``mkdocs serve``); without it, nothing is kept. With ``data_later``,
    the open data and calendars are made when ``Site.data`` is called, not now. ``checkpoint``
    is called between the stages (the preview's build in the background raises there to stop
    when a save comes first); the cache keeps nothing of a build stopped half-way that the
    next could take for finished."""
    with fewer_collections():
        site = _generate(
            plans_dir, directory_urls, site_url, settings, history, site_name, cache or BuildCache(), checkpoint
        )
    if not data_later and site.data is not None:
        made, changed = site.data()
        site.files.update(made)
        site.data = None
        site.changed = None if site.changed is None else site.changed | changed
    return site


def _generate(
    plans_dir: Path,
    directory_urls: bool,
    site_url: str | None,
    settings: Settings,
    history: bool,
    site_name: str,
    cache: BuildCache,
    checkpoint: Callable[[], None],
) -> Site:
    catalogue, problems = load_and_resolve(plans_dir, cache)
    errors = [p for p in problems if p.severity is Severity.error]
    if errors or catalogue is None:
        raise PlanErrors(errors)
    checkpoint()
    today = build_date()
    plan_ids = {p.id for p in catalogue.plans}
    record = site_history(plans_dir, plan_ids, catalogue.calendar, cache) if history else None
    checkpoint()
    files = render_site(
        catalogue,
        today,
        directory_urls=directory_urls,
        settings=settings,
        history=record,
        pack=True,
        cache=cache,
        checkpoint=checkpoint,
    )
    checkpoint()
    if record is not None:
        made = feeds(catalogue, record, site_url, site_name, directory_urls)
        files.update((path, held(content, pack=True)) for path, content in made.items())
    previous, cache.site_files = cache.site_files, dict(files)
    cache.resolved = (catalogue, record)
    changed = None if previous is None else frozenset(p for p, content in files.items() if previous.get(p) != content)
    data = functools.partial(_data_files, catalogue, today, site_url, cache)
    return Site(
        files,
        site_nav(catalogue, settings),
        [p for p in problems if p.severity is Severity.warning],
        _search_entries(catalogue, directory_urls, settings.search == "pagefind", cache),
        {
            page: plans_dir.parent / catalogue.sources[plan.id]
            for plan in catalogue.plans
            for page in [plan_page(plan.id), *(plan_view_page(plan.id, view) for view in PLAN_VIEWS)]
            if page in files
        },
        {
            f"{r.old_path.strip('/')}.md": plan_page(r.to.partition("#")[0])
            + (f"#{r.to.partition('#')[2]}" if "#" in r.to else "")
            for r in catalogue.registry.redirects
        },
        SITE_FEED if SITE_FEED in files else None,
        changed,
        data,
    )


QUICK_PLANS = 3
"""The most plans a save may have changed for the preview to show their pages first."""


def quick_site(plans_dir: Path, base: Site, directory_urls: bool, settings: Settings, cache: BuildCache) -> Site | None:
    """The preview's first answer to a save that changed a few plans' text: ``base`` (the
    site the preview serves) with those plans' pages rendered again, read against the last
    catalogue (``resolve.patch``), and only those pages changed. None when the save changed
    more than that (the registry, which plans there are, their sub-pages) or when the
    changed plans have errors: a whole build says what they are. The preview builds the
    whole site next, as a build does (``generate``), and writes whatever else differs."""
    if cache.resolved is None or not plans_dir.is_dir():
        return None
    old, record = cache.resolved
    loaded = load_site(plans_dir, cache=cache)
    if any(p.severity is Severity.error for p in loaded.problems) or loaded.registry != old.registry:
        return None
    if [item.plan.id for item in sorted(loaded.plans, key=lambda item: item.plan.id)] != [p.id for p in old.plans]:
        return None
    changed = [item for item in loaded.plans if old.plan(item.plan.id) is not item.plan]
    if not changed or len(changed) > QUICK_PLANS or not patchable(old, changed):
        return None
    catalogue, problems = patched_catalogue(old, changed, loaded.registry_complete)
    if any(p.severity is Severity.error for p in problems):
        return None
    ctx = site_context(catalogue, build_date(), directory_urls, settings, record, True, cache)
    pages = render_plans(ctx, [item.plan.id for item in changed])
    before = {
        page
        for item in changed
        for page in [plan_page(item.plan.id), *(plan_view_page(item.plan.id, view) for view in PLAN_VIEWS)]
        if page in base.files
    }
    if set(pages) != before:
        return None
    return dataclasses.replace(
        base,
        files={**base.files, **pages},
        changed=frozenset(page for page, text in pages.items() if base.files[page] != text),
        data=None,
    )


def _data_files(
    catalogue: Catalogue, today: dt.date, site_url: str | None, cache: BuildCache
) -> tuple[dict[str, Any], frozenset[str]]:
    """The open data and calendars (``Site.data``), and which of them changed since the last
    call with the same cache."""
    made = calendars(catalogue, today, site_url, pack=True)
    made.update(open_data(catalogue, today, site_url, pack=True))
    previous, cache.data_files = cache.data_files, made
    return made, frozenset(path for path, content in made.items() if previous.get(path) != content)


def _search_entries(catalogue: Catalogue, directory_urls: bool, on_page: bool, cache: BuildCache) -> Packed:
    """The search entries (``search_records``) as a JSON array, packed. A plan's entries show
    only the plan and the registry: the build cache keeps them, a plan at a time, for the
    next build (``mkdocs serve``), and the terms entry that comes first while the registry
    is the same."""
    registry = hashlib.sha256(catalogue.registry.model_dump_json().encode("utf-8")).hexdigest()
    key = f"{registry}:{directory_urls}:{on_page}"
    held = cache.search_plans.get("")
    if held is None or held[0] != key:
        terms = next(search_records(dataclasses.replace(catalogue, plans=[]), directory_urls, on_page))
        held = cache.search_plans[""] = (key, joined([_json(terms)], pack=True))
    chunks = [held[1]]
    for plan in catalogue.plans:
        plan_key = f"{key}:{plan_digest(cache, plan)}"
        held = cache.search_plans.get(plan.id)
        if held is None or held[0] != plan_key:
            own = search_records(dataclasses.replace(catalogue, plans=[plan]), directory_urls, on_page)
            entries = (_json(item) for item in own if item.get("k") != SEARCH_TERMS)
            held = cache.search_plans[plan.id] = (plan_key, joined(_commas(entries), pack=True))
        if held[1].size:
            chunks.append(held[1])
    each = (b"," + chunk.bytes() if index else chunk.bytes() for index, chunk in enumerate(chunks))
    return joined(itertools.chain([b"["], each, [b"]"]), pack=True)


def _json(item: Any) -> bytes:
    return json.dumps(item, ensure_ascii=False).encode("utf-8")


def _commas(items: Iterable[bytes]) -> Iterable[bytes]:
    for index, item in enumerate(items):
        yield b"," + item if index else item
