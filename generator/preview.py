"""The editor's preview (``mkdocs serve``): what the plugin keeps between rebuilds, in plain
Python (the plugin, generator/plugin.py, wires it into MkDocs).

A save changes a few pages and data files; the plugin has MkDocs write only those
(``Site.changed``) and leaves the rest of the served site as the last build wrote it. A save
that changed a few plans' text is answered in two builds: their pages first (``quick``,
``pipeline.quick_site``), then the whole site, made in the background (``follow``). Two
things of that site are made from every page, so they are kept here a page at a time:

- Material's search index (``search/search_index.json``): MkDocs' search plugin indexes
  only the pages a rebuild writes, so ``SearchDocs`` keeps each page's entries from the
  build that last wrote it and gives back the whole index, in page order, as a build of
  the whole site makes it;
- the problems of the plans (``PROBLEMS_FILE``): while a plan is broken the preview keeps
  the last good site and every page shows the problems (``overrides/partials/
  plansite-problems.html`` reads this file); when it is fixed the list is empty again.
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import logging
import shutil
import sys
import threading
from collections.abc import Callable, Hashable, Iterable
from pathlib import Path
from typing import Any

import click
from jinja2 import BytecodeCache
from jinja2.bccache import Bucket

from generator.outputs.pagefind import PagefindFailed, PagefindStopped, index_with_pagefind
from generator.pipeline import Site
from generator.problems import PlanErrors, Problem
from generator.render.packed import Packed

PROBLEMS_FILE = "plansite-problems.json"
"""The preview's list of the plans' problems, at the root of the served site (never in a
built site)."""


FOLLOW_AFTER = 1.0
"""Seconds the whole site waits after a quick build before it is made (``Preview.follow``):
the browser reloads the page in that time. Made in this process, the build would hold
Python's interpreter lock while the server sends the page and its assets (at 100 plans on a
busy machine the page showed about a second later without the wait: bench/README.md)."""


def problems_json(problems: Iterable[Problem]) -> bytes:
    """The problems as the preview's pages read them: file, line, column, severity, message, hint."""
    items = ",".join(problem.as_json() for problem in problems)
    return f'{{"problems":[{items}]}}\n'.encode()


def page_of(location: str) -> str:
    """The page address a search entry's location points into: ``plans/x/#a-1`` → ``plans/x/``."""
    return location.partition("#")[0]


class SearchDocs:
    """Each page's entries in Material's search index, as the build that last wrote the page
    made them, so that a rebuild writing a few pages can give the whole index to be shaped
    and written (``outputs.pagefind.shape_material_index``)."""

    def __init__(self) -> None:
        self.pages: dict[str, list[dict[str, Any]]] = {}
        """Page address → its entries."""

    def update(self, docs: list[dict[str, Any]], written: Iterable[str], whole: bool) -> None:
        """Take the entries of the pages ``written`` (addresses) from ``docs``, the entries
        the search plugin made in this build; ``whole``: every page was written."""
        fresh: dict[str, list[dict[str, Any]]] = {}
        for doc in docs:
            fresh.setdefault(page_of(str(doc.get("location", ""))), []).append(doc)
        if whole:
            self.pages = {}
        for address in written:
            self.pages[address] = fresh.get(address, [])

    def in_order(self, addresses: Iterable[str]) -> list[dict[str, Any]]:
        """The kept entries of the pages at ``addresses``, in that order."""
        return [doc for address in addresses for doc in self.pages.get(address, [])]


problems_log = logging.getLogger("plansite.preview")
"""The plans' problems during ``mkdocs serve``: outside MkDocs' loggers, so neither its
filter of repeated messages nor its strict mode (which would stop the preview) sees them."""


class _EveryMessage(logging.Handler):
    """Prints each record on standard error as MkDocs prints its own, without MkDocs' filter
    of messages it has printed once: a plan broken the same way twice must say so twice."""

    def emit(self, record: logging.LogRecord) -> None:
        prefix = f"{record.levelname:<8}-  "
        if sys.stderr.isatty():
            prefix = click.style(prefix, fg="red" if record.levelno >= logging.ERROR else None)
        try:
            sys.stderr.write(prefix + self.format(record) + "\n")
            sys.stderr.flush()
        except Exception:  # noqa: BLE001 - as logging.StreamHandler does
            self.handleError(record)


def print_every_message() -> None:
    """Have ``problems_log`` print every record, repeated or not."""
    if not any(isinstance(handler, _EveryMessage) for handler in problems_log.handlers):
        problems_log.addHandler(_EveryMessage())
    problems_log.propagate = False
    problems_log.setLevel(logging.INFO)


def index_again(site_dir: Path, pages: list[str], site: Site, stop: threading.Event | None = None) -> None:
    """Pagefind's index of a site it may have indexed before: the old index goes first
    (Pagefind adds its files to the folder, and would leave the last index's beside them).
    ``stop``: as ``index_with_pagefind``'s."""
    shutil.rmtree(site_dir / "pagefind", ignore_errors=True)
    index_with_pagefind(site_dir, pages, site.search_entries, stop)


def write_files(site_dir: Path, files: dict[str, Packed], paths: Iterable[str]) -> None:
    """Write the generated files at ``paths`` (not pages: their path is their address)."""
    for path in sorted(paths):
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(files[path].bytes())


class CompiledTemplates(BytecodeCache):
    """Compiled templates by name and source, kept in memory from one build to the next."""

    def __init__(self) -> None:
        self.held: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.held:
            bucket.bytecode_from_string(self.held[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.held[bucket.key] = bucket.bytecode_to_string()


class Preview:
    """What ``mkdocs serve`` keeps from one build for the next, so that the build after a save
    writes only the files the save changed (MkDocs' dirty build, told which files are
    modified), and the served site stays the last good one while a plan is broken. The
    plugin's subclass (generator/plugin.py) tells MkDocs what this decides."""

    def __init__(self) -> None:
        self.site: Site | None = None
        """The last site the plans made without errors (its files kept whole)."""
        self.before: dict[str, Packed] = {}
        """The files of the good site before that: the front matter of a changed page is compared with its own."""
        self.changed: frozenset[str] | None = None
        """The generated files this build writes (None: all)."""
        self.problems: list[Problem] = []
        self.complete = False
        """Whether the site folder holds what the last build wrote, whole."""
        self.key: str | None = None
        """A digest of what every page shows besides its own content, at the last build."""
        self.whole = True
        """Whether this build writes every file."""
        self.reading = True
        """Whether MkDocs is reading pages (not yet writing them)."""
        self.listings: set[str] = set()
        """Pages that list the tags of every page (read again at every build)."""
        self.pages: dict[str, tuple[str | None, Any]] = {}
        """Page → (title, front matter) as last read, for the navigation of pages not read again."""
        self.order: list[tuple[str, str, bool]] = []
        """(page, its address, whether this build writes it) in MkDocs' order."""
        self.search = SearchDocs()
        self.searchable: dict[str, str | None] = {}
        """Page → where it is written, when Pagefind indexes it (kept for pages not written again)."""
        self.compiled = CompiledTemplates()
        """The theme's templates compiled (MkDocs makes its template environment anew for every build)."""
        self.data: Callable[[], tuple[dict[str, Any], frozenset[str]]] | None = None
        """The open data and calendars of the last good site, still to be made (``Site.data``)."""
        self.data_written: frozenset[str] = frozenset()
        """The data files the last build that wrote only what changed wrote."""
        self.jobs: list[Callable[[], None]] = []
        """What this build leaves to do once it is written (``later``)."""
        self.working: threading.Thread | None = None
        """Doing what the last build left: its data files, Pagefind's index."""
        self.cancelled = threading.Event()
        """Set when a save comes before ``working`` is done: the jobs not yet begun are left."""
        self.kept: dict[str, bytes] = {}
        """Files other plugins write from every page they read (the tags plugin's export), as a
        whole build wrote them: a build writing a few pages would write them from those alone."""
        self.holding = False
        """Whether this build has turned the garbage collector off (``hold_collections``)."""
        self.quick = False
        """Whether this build shows only the pages of the plans a save changed (``follow``)."""
        self.made: tuple[Hashable, Site | PlanErrors] | None = None
        """The whole site made after a quick build (or why it could not be), with the state of
        the plans folder it was made from, until a build shows it (``take_made``)."""
        self.unwritten: frozenset[str] = frozenset()
        """Files a site made after a quick build changed, when a save came before a build
        wrote them: the next build writes them too."""
        self.made_from: Hashable | None = None
        """The state of the plans folder the site served was made from, whole (None after a
        quick build, and until a build succeeds)."""
        self.newest: Site | None = None
        """A site made after a quick build but not written (``take_made``), until the next build."""
        self.wake: Callable[[], None] | None = None
        """Asks ``mkdocs serve`` for a build (the plugin sets it; without it, whoever builds
        builds again while ``made`` is set)."""

    def succeeded(self, site: Site) -> None:
        if self.problems:
            problems_log.info("plansite: the plans have no errors now; the preview shows them again")
        self.problems = []
        self.before = self.site.files if self.site is not None else {}
        self.site, self.changed, self.data, self.newest = site, site.changed, site.data, None

    def failed(self, problems: list[Problem]) -> None:
        self.problems, self.made_from = problems, None
        self.changed, self.data = frozenset(), None
        kept = "the preview shows the last good site" if self.site else "the preview has no site yet"
        problems_log.error(
            f"plansite: {len(problems)} problem(s) in the plans; {kept}, with the problems on every page.\n"
            + "\n".join(problem.format() for problem in problems)
        )

    def follow(self, make: Callable[[Callable[[], None]], Site], state: Callable[[], Hashable]) -> None:
        """After a quick build: make the whole site in the background as a build does
        (``make``, given a checkpoint to call between stages: it stops the build when a save
        comes first), and ask for the build that writes what it changed (``wake``). ``state``
        tells whether the plans folder is still as it was made from."""

        def job() -> None:
            if self.cancelled.wait(FOLLOW_AFTER):
                return  # a save came first: the build it asked for reads the plans again
            before = state()
            made: Site | PlanErrors
            try:
                made = make(self._checkpoint)
            except PlanErrors as failure:
                made = failure
            except _Stopped:
                return  # the build the save asked for reads the plans again
            self.made = (before, made)
            if self.wake is not None:
                self.wake()

        self.later(job)

    def _checkpoint(self) -> None:
        if self.cancelled.is_set():
            raise _Stopped

    def take_made(self, state: Hashable) -> Site | PlanErrors | None:
        """The site made in the background (``follow``) when the plans folder is still in
        ``state``; else None, and what it changed is written by the next build (``pending``)."""
        made, self.made = self.made, None
        if made is None:
            return None
        if made[0] == state:
            return made[1]
        if isinstance(made[1], Site):
            self.newest = made[1]
            self.unwritten |= made[1].changed or frozenset()
        return None

    def same_as(self, state: Hashable) -> Site | None:
        """The site served, with no generated file changed, when the plans are still in
        ``state``, as the site served was made from (``made_from``); else None."""
        if self.site is None or self.newest is not None or self.made_from is None or state != self.made_from:
            return None
        return dataclasses.replace(self.site, changed=frozenset(), data=None)

    def base(self) -> Site | None:
        """The newest site made without errors, written or not: a quick build changes its pages."""
        return self.newest or self.site

    def pending(self, site: Site) -> Site:
        """``site`` with the files made but not written yet (``unwritten``) among those changed."""
        unwritten, self.unwritten = self.unwritten, frozenset()
        if site.changed is None or not unwritten:
            return site
        return dataclasses.replace(site, changed=site.changed | unwritten)

    def hold_collections(self) -> None:
        """Before a rebuild: no garbage collection until the page is written. A full collection
        scans every object the build cache and the site hold (1 s at 100 plans, 6 s at 1,000)
        and comes every other rebuild or so: it runs in the background instead (``release_collections``).
        A rebuild of the whole site collects as usual (``choose_whole``)."""
        if self.complete and gc.isenabled():
            gc.disable()
            self.holding = True

    def release_collections(self, later: bool) -> None:
        """Turn the garbage collector back on: now, or (``later``) once the page is written,
        with a full collection in the background."""
        if self.holding:
            self.holding = False
            if later:
                self.later(_collect)
            else:
                gc.enable()

    def choose_whole(self, key: str, own_pages_modified: bool, front_matter: Callable[[str], Any]) -> bool:
        """Whether this build writes the whole site (``whole``): after a build that did not
        finish, when anything but generated files changed (``key``, the site's own pages), or
        when a changed page's front matter (read by ``front_matter``) or a tags listing did."""
        changed = self.changed
        self.whole = (
            not self.complete
            or changed is None
            or key != self.key
            or own_pages_modified
            or any(self._front_matter_changed(path, front_matter) for path in changed if path.endswith(".md"))
            or bool(self.listings & changed)
        )
        self.key, self.complete = key, False  # until this build has written all it writes
        if self.whole:
            self.listings, self.pages = set(), {}
            self.release_collections(later=False)
        self.reading = True
        return self.whole

    def _front_matter_changed(self, path: str, front_matter: Callable[[str], Any]) -> bool:
        before = self.before.get(path)
        now = self.site.files.get(path) if self.site else None
        return before is None or now is None or front_matter(before.text()) != front_matter(now.text())

    def pagefind_pages(self, searchable: dict[str, str | None]) -> list[str]:
        """Where every page Pagefind indexes is written: ``searchable`` (this build's) over the
        pages kept from earlier builds, in MkDocs' order."""
        if self.whole:
            self.searchable = {}
        self.searchable.update(searchable)
        return [dest for page, _, _ in self.order if (dest := self.searchable.get(page))]

    def search_docs(self, docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Material's search entries of every page: this build's ``docs`` for the pages it
        wrote, the kept ones for the others (``SearchDocs``)."""
        written = [address for _, address, written in self.order if written]
        self.search.update(docs, written, self.whole)
        return self.search.in_order(address for _, address, _ in self.order)

    def write_data(self, site_dir: Path, data_files: dict[str, Packed]) -> None:
        """The open data and calendars of this build: made now and written whole (a whole
        build, or the last ones made for a site that is broken now), or made and the changed
        ones written once the pages are served (``later``)."""
        data, self.data = self.data, None
        if self.whole:
            made = data()[0] if data is not None else data_files
            write_files(site_dir, made, made)
        elif data is not None:
            self.later(functools.partial(self._write_changed, site_dir, data))

    def _write_changed(self, site_dir: Path, data: Callable[[], tuple[dict[str, Any], frozenset[str]]]) -> None:
        made, self.data_written = data()
        write_files(site_dir, made, self.data_written)

    def later(self, job: Callable[[], None]) -> None:
        """Run ``job`` in the background once this build is written (the page the editor
        looks at reloads without waiting for it); a rebuild waits for it (``settle``)."""
        self.jobs.append(job)

    def start(self) -> None:
        if self.jobs:
            jobs, self.jobs = self.jobs, []
            self.cancelled.clear()  # the last jobs are done (``settle``): this is a new save's wait
            self.working = threading.Thread(
                target=self._run, args=(jobs, self.cancelled), name="plansite-preview", daemon=True
            )
            self.working.start()

    def _run(self, jobs: list[Callable[[], None]], cancelled: threading.Event) -> None:
        for job in jobs:
            if cancelled.is_set():
                # The next build does them again: its data files (from the ones made last,
                # which were written), Pagefind's index of the whole site; so it makes the
                # site again even if no plan changed (``same_as``). The collector is turned
                # back on without a collection (the next build turns it off again).
                if job is _collect:
                    gc.enable()
                else:
                    self.made_from = None
                continue
            try:
                job()
            except PagefindStopped:
                pass  # a save came: the build after it indexes the site again
            except PagefindFailed as failure:
                problems_log.error(
                    f"plansite: Pagefind could not index the site; search shows the last index:\n{failure}"
                )
            except Exception as failure:  # noqa: BLE001 - a thread's error: said, and the next build is whole
                self.complete = False
                problems_log.error(f"plansite: the preview could not finish the last build: {failure!r}")

    def settle(self, save: bool = False) -> None:
        """Wait for what the last build left to do in the background; ``save``: a save starts
        a new build, so only for the job under way (the others are left to it)."""
        if self.working is not None:
            if save:
                self.cancelled.set()
            self.working.join()
            self.working = None

    def keep_exports(self, site_dir: Path, names: Iterable[str]) -> None:
        """After a build: keep what other plugins wrote from every page (``names``, in the
        site folder) after a whole build, or put it back after a build of a few pages."""
        if self.whole:
            self.kept = {}
        for name in names:
            path = site_dir / name
            if self.whole and path.is_file():
                self.kept[name] = path.read_bytes()
            elif name in self.kept:
                path.write_bytes(self.kept[name])


class _Stopped(Exception):
    """A build in the background stopped for a save that came first."""


def _collect() -> None:
    gc.enable()
    gc.collect()
