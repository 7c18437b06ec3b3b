"""The MkDocs adapter: the only module that knows MkDocs.

It runs the pipeline before MkDocs touches the site folder (so an invalid plan
fails the build with the same messages as ``plansite validate`` and leaves the
previous site as it was), hands the generated pages to MkDocs as virtual files,
and asks ``mkdocs serve`` to watch the plans folder.

MkDocs converts every page before it writes any, and keeps each page's HTML to the end.
A generated page's finished HTML blocks (generator/render/html_blocks.py) therefore stay packed until
the page is written: they are put back into its HTML just before its template renders
(``on_page_context``, before the search plugin reads it) and let go once it is written.
Between those, a plugin's ``on_page_content`` sees placeholder comments where they go.

Under ``mkdocs serve`` a save rebuilds only what it changed (generator/preview.py): the generator
re-renders what the edit touched, and MkDocs writes only the generated files whose content
changed (its "dirty" build, fed by ``Site.changed``); anything else (a page of the site's own,
the navigation, a page's front matter, the theme) rebuilds the whole site. While a plan is
broken the preview keeps the last good site, every page shows the problems
(generator/preview.py), and each failed rebuild prints them, repeated or not.
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import logging
import os
import pickle
import shutil
import tempfile
import time
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import cast
from urllib.parse import urlsplit

from jinja2 import TemplateNotFound
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import clean_directory
from mkdocs.utils.meta import get_data

from generator.cache import BuildCache
from generator.load.folder import plan_files
from generator.model.wording import css_string
from generator.outputs.pagefind import PagefindFailed, index_with_pagefind, shape_material_index
from generator.pipeline import Site, build_date, generate, quick_site
from generator.preview import PROBLEMS_FILE, Preview, index_again, print_every_message, problems_json
from generator.problems import PlanErrors
from generator.render.html_blocks import lift, restore
from generator.render.packed import Packed
from generator.render.settings import LARGE_SITE, OGL, Settings

log = logging.getLogger("mkdocs.plugins.plansite")

OVERLAY = "partials/plansite-problems.html"
"""The preview's list of the plans' problems, added to every page ``mkdocs serve`` writes."""
LISTING = "<!-- material/tags"
"""What marks a page listing the tags (the Themes page): the tags plugin needs it read on every build."""


class PackedFile(File):
    """A generated file that stays packed until MkDocs writes or reads it. A page's finished
    HTML blocks are lifted out as MkDocs reads it (into ``blocks``): a serve rebuild reads
    only the pages that changed."""

    blocks: dict[str, Packed] | None = None
    """Where the page's lifted blocks go (the plugin's), for a Markdown page."""

    @property
    def content_bytes(self) -> bytes:
        return self._content.bytes() if isinstance(self._content, Packed) else super().content_bytes

    @content_bytes.setter
    def content_bytes(self, value: bytes) -> None:
        File.content_bytes.fset(self, value)  # type: ignore[attr-defined]

    @property
    def content_string(self) -> str:
        if not isinstance(self._content, Packed):
            return super().content_string
        text = self._content.text()
        if self.blocks is not None:
            text, lifted = lift(text)  # finished HTML skips Python-Markdown
            self.blocks[self.src_uri] = Packed(pickle.dumps(lifted, protocol=pickle.HIGHEST_PROTOCOL))
        return text

    @content_string.setter
    def content_string(self, value: str) -> None:
        File.content_string.fset(self, value)  # type: ignore[attr-defined]

    def copy_file(self, dirty: bool = False) -> None:
        if not isinstance(self._content, Packed):
            return super().copy_file(dirty)
        if dirty and not self.is_modified():
            return
        os.makedirs(os.path.dirname(self.abs_dest_path), exist_ok=True)
        with open(self.abs_dest_path, "wb") as output:
            output.write(self._content.bytes())


class _NoDirtyWarning(logging.Filter):
    """MkDocs warns at every dirty build, which strict mode would count as a failure; the
    preview's dirty builds write every file a save changed, so the warning does not apply."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("A 'dirty' build is being performed")


_SERVING = [0]
"""How many ``mkdocs serve`` sessions of this process rebuild dirty (tests run several)."""


def _serve_dirty() -> None:
    """Have ``mkdocs serve`` rebuild dirty (each page written only if ``File.is_modified``),
    whatever its options: ``Preview`` decides what is modified."""
    import mkdocs.commands.serve as serve_command

    _SERVING[0] += 1
    original = serve_command.build
    if getattr(original, "plansite_original", None) is not None:
        return

    def build(config: MkDocsConfig, *, serve_url: str | None = None, dirty: bool = False) -> None:
        original(config, serve_url=serve_url, dirty=True)

    build.plansite_original = original  # type: ignore[attr-defined]
    serve_command.build = build
    logging.getLogger("mkdocs.commands.build").addFilter(_NoDirtyWarning())


def _serve_as_before() -> None:
    import mkdocs.commands.serve as serve_command

    _SERVING[0] = max(0, _SERVING[0] - 1)
    original = getattr(serve_command.build, "plansite_original", None)
    if original is not None and not _SERVING[0]:
        serve_command.build = original
        logger = logging.getLogger("mkdocs.commands.build")
        for found in [f for f in logger.filters if isinstance(f, _NoDirtyWarning)]:
            logger.removeFilter(found)


def _stat(path: Path) -> tuple[str, int, int]:
    """A file's name, size and time (a file an editor is saving may be gone for a moment)."""
    try:
        found = path.stat()
    except OSError:
        return str(path), -1, -1
    return str(path), found.st_size, found.st_mtime_ns


def _touch(path: Path) -> None:
    """Change ``path`` in one step (written beside its folder, then moved in): MkDocs' watcher,
    which polls, must not see a file half-written and ask for two builds."""
    written = path.parent.with_name(path.parent.name + ".next")
    written.write_text(str(time.monotonic_ns()))
    os.replace(written, path)


def _own_files_key(config: MkDocsConfig, files: Files) -> str:
    """A digest of what every page of the site shows besides its own content: the navigation,
    the site's files, mkdocs.yml and the theme overrides."""
    digest = hashlib.sha256(repr(config.nav).encode("utf-8"))
    for file in sorted(files, key=lambda f: f.src_uri):
        digest.update(f"{file.src_uri}\0{file.dest_uri}\n".encode())
    for name in filter(None, [config.config_file_path]):
        digest.update(Path(name).read_bytes() if Path(name).is_file() else b"")
    custom = config.theme.custom_dir
    for path in sorted(Path(custom).rglob("*")) if custom else []:
        digest.update(f"{path}\0{path.stat().st_mtime_ns}\n".encode())
    return digest.hexdigest()


class ServePreview(Preview):
    """The preview (generator/preview.py) told to MkDocs: which files a build writes."""

    def prepare(self, config: MkDocsConfig, files: Files, generated: set[str]) -> None:
        """Decide whether this build writes the whole site or only the changed files, and tell
        MkDocs which files are modified (``File.is_modified``)."""
        own_pages = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        own_modified = any(File.is_modified(f) for f in own_pages if f.src_uri not in generated)
        if self.choose_whole(_own_files_key(config, files), own_modified, lambda text: get_data(text)[1]):
            clean_directory(config.site_dir)
        else:
            # 404.html and the sitemap show the navigation and the list of pages, which
            # have not changed (else the build would be whole): they stay as written.
            config.theme.static_templates.clear()
        changed = self.changed
        for file in files:
            state = None if file.src_uri not in generated else changed is None or file.src_uri in changed
            file.is_modified = functools.partial(self._is_modified, file, state)  # type: ignore[method-assign]

    def _is_modified(self, file: File, changed: bool | None) -> bool:
        if self.whole:
            return True
        if changed is None:  # the site's own files: by their times, as MkDocs decides
            return File.is_modified(file)
        # The tags plugin lists the tags from the pages it reads: its listing is read every
        # time (and written only when it changed, which rebuilds the whole site).
        return changed or (self.reading and file.src_uri in self.listings)

    def read(self, files: Files) -> None:
        """After MkDocs has read the pages: a page not read again gets its title and front
        matter from when it was (the navigation of the pages written shows them)."""
        self.reading = False
        self.order = []
        for file in files.documentation_pages(inclusion=InclusionLevel.is_in_serve):
            page = file.page
            if page is None:
                continue
            if page.markdown is not None:
                self.pages[file.src_uri] = (page.title, page.meta)
            elif file.src_uri in self.pages:
                page.title, page.meta = self.pages[file.src_uri]
            self.order.append((file.src_uri, page.url, file.is_modified()))

    def keep_whole(self, config: MkDocsConfig) -> None:
        """After a build: keep what other plugins wrote from every page (a whole build), or put
        it back (a build of a few pages, which changed no page's front matter)."""
        tags = config.plugins.get("material/tags")
        exported = [tags.config.export_file] if tags and tags.config.enabled and tags.config.export else []
        self.keep_exports(Path(config.site_dir), exported)


class PlansiteConfig(base.Config):
    plans_dir = c.Type(str, default="plans")
    """The folder of plan YAML files, relative to mkdocs.yml."""
    licence_name = c.Type(str, default=OGL[0])
    """The licence the open data is published under."""
    licence_url = c.Type(str, default=OGL[1])
    """Where that licence is published."""
    accessibility_contact = c.Type(str, default="the council's web team")
    """Email address or web page for accessibility problems, shown on the accessibility statement."""
    search = c.Choice(("auto", "material", "pagefind"), default="auto")
    """``material``: Material's search (its ``search`` plugin), one index file that a browser
    fetches whole when the reader first searches; ``pagefind``: a chunked index that a browser
    fetches in small parts, searched from the same box in the header (Material's search
    plugin is then turned off); ``auto`` (the default): Material's for a site of up to
    ``large_site`` plans, Pagefind's for a larger one, or when ``search`` is not in
    ``plugins``."""
    large_site = c.Type(int, default=LARGE_SITE)
    """Above this many plans the site is laid out for its size (``render.LARGE_SITE``): no
    page lists every action; the sidebar, party pages, explorer and What's on summarise and link."""
    accessibility_reviewed = c.Type(str, default="")
    """When the accessibility statement was last reviewed ("23 November 2026")."""
    history = c.Type(bool, default=True)
    """Read each plan's history from git: "last updated", history pages and Atom feeds."""


class PlansitePlugin(BasePlugin[PlansiteConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.site: Site | None = None
        self._generated_nav: list | None = None
        self.command: str | None = None
        self.dirty = False
        self._staging: Path | None = None
        """Where `mkdocs build` writes, until the whole build has succeeded."""
        self._target: Path | None = None
        """The site folder the staging folder replaces on success."""
        self._built = False
        self._blocks: dict[str, Packed] = {}
        """Generated page → the HTML blocks lifted out of it as MkDocs read it, packed."""
        self._placeholders: dict[str, str] = {}
        """Generated page being written → its HTML as converted, with the blocks' placeholders."""
        self._searchable: dict[str, str | None] = {}
        """Each page written → where, when Material's search would index it (``search: pagefind`` indexes them)."""
        self._cache = BuildCache()
        """What each build keeps for the next: only ``mkdocs serve`` builds more than once."""
        self.search_mode = "material"
        """The search this build uses, ``material`` or ``pagefind`` (the option ``search``, with
        ``auto`` decided by the number of plans)."""
        self._material_enabled: bool | None = None
        """Whether mkdocs.yml itself left Material's search plugin enabled (before this plugin
        turned it off for Pagefind)."""
        self.preview: ServePreview | None = None
        """What ``mkdocs serve`` keeps between rebuilds (None for any other command)."""
        self._overlay = ""
        """The preview's problems list, added to every page ``mkdocs serve`` writes."""
        self._generated_paths: set[str] = set()
        self._serving_dirty = False
        self._wake_dir: Path | None = None
        """A folder ``mkdocs serve`` watches, for the preview to ask for a build (``on_serve``)."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this instance alive across `mkdocs serve` rebuilds.
        self.command = command
        self.dirty = dirty
        if command == "serve":
            self.preview = ServePreview()
            print_every_message()

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        if self.preview is not None and not self._serving_dirty:
            _serve_dirty()
            self._serving_dirty = True
        watch = getattr(server, "watch", None)
        if self.preview is not None and watch is not None and self._wake_dir is None:
            # The build that shows the whole site made after a quick build is asked for by
            # a file written here (``Preview.follow``): MkDocs builds when a watched file changes.
            self._wake_dir = Path(tempfile.mkdtemp(prefix="plansite-preview-"))
            watch(str(self._wake_dir))
            wake_file = self._wake_dir / "made"
            self.preview.wake = lambda: _touch(wake_file)
        return server

    def _plans_dir(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path).parent / self.config.plans_dir

    def _choose_search(self, config: MkDocsConfig) -> None:
        """Decide ``search_mode`` and turn Material's search plugin off when Pagefind searches:
        it would otherwise index every page (14.8 MB at 100 plans) for nothing."""
        material = next(
            (plugin for name, plugin in config.plugins.items() if name.split("/")[-1] == "search" and hasattr(plugin.config, "enabled")),
            None,
        )  # fmt: skip
        if material is not None and self._material_enabled is None:
            self._material_enabled = bool(material.config.enabled)
        available = material is not None and bool(self._material_enabled)
        mode = self.config.search
        if mode == "auto":
            large = (
                len(plan_files(self._plans_dir(config))[0]) > self.config.large_site
                if self._plans_dir(config).is_dir()
                else False
            )
            mode = "material" if available and not large else "pagefind"
        self.search_mode = mode
        if material is not None:
            material.config.enabled = bool(self._material_enabled) and mode == "material"
        config.extra["plansite_search"] = mode  # the header's search box (overrides/partials)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        config.watch.append(str(self._plans_dir(config)))
        self._choose_search(config)
        if self.command in ("build", "gh-deploy") and not self.dirty:
            # Build into a sibling staging folder; on_shutdown puts it in place only if the whole
            # build succeeded (strict warnings included), so a failure never leaves half a site.
            self._target = Path(config.site_dir)
            self._target.parent.mkdir(parents=True, exist_ok=True)
            self._staging = Path(tempfile.mkdtemp(prefix=f".{self._target.name}.building-", dir=self._target.parent))
            self._built = False
            config.site_dir = str(self._staging)
        return config

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        # For overrides/main.html: page titles become CSS strings for the printed running header.
        # MkDocs holds titles as HTML text (the generator escapes them), so unescape first.
        env.globals["css_string"] = lambda html_text: css_string(html.unescape(str(html_text)))
        if self.preview is not None:
            env.bytecode_cache = self.preview.compiled
            self.preview.read(files)
            self._overlay = self._problems_overlay(env, config)
        return env

    def _problems_overlay(self, env, config: MkDocsConfig) -> str:
        root = urlsplit(config.site_url or "/").path or "/"
        try:
            template = env.get_template(OVERLAY)
        except TemplateNotFound:
            log.info("plansite: overrides/%s is missing: the preview shows problems in the terminal only", OVERLAY)
            return ""
        return template.render(problems_url=root.rstrip("/") + "/" + PROBLEMS_FILE)

    @event_priority(100)  # before anything else, and before MkDocs cleans site_dir
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self._searchable, self._blocks, self._placeholders = {}, {}, {}
        preview = self.preview
        if preview is not None:
            preview.settle(save=True)
            preview.hold_collections()
        site: Site | None
        try:
            site = self._site(config)
        except PlanErrors as failure:
            if preview is None:
                count = len(failure.problems)
                raise PluginError(
                    f"plansite: {count} problem(s) in the plans; the site was not built.\n"
                    + "\n".join(p.format() for p in failure.problems)
                ) from None
            preview.failed(failure.problems)
            site = preview.site
        else:
            if preview is not None:
                preview.succeeded(site)
        self.site = site
        if self.command != "serve":
            # Only `mkdocs serve` rebuilds: let the catalogue go before MkDocs converts the pages.
            self._cache = BuildCache()
        if site is None:
            # `mkdocs serve` of plans that never built: the site's own pages, whose links to
            # generated pages cannot resolve yet (every page shows why).
            config.validation.links.not_found = logging.INFO
            return
        config.extra["plansite_feed"] = site.feed  # linked from every page's head (overrides/main.html)
        redirects = config.plugins.get("redirects")
        if site.redirects:
            if redirects is None:
                log.warning("plansite: the registry lists redirects but the 'redirects' plugin is not in mkdocs.yml")
            else:
                redirects.config["redirect_maps"].update(site.redirects)
        if preview is None or not preview.problems:
            for warning in site.warnings:
                # Logged as information: a name missing from the registry must not fail a strict build.
                log.info("%s", warning.format())

    def _site(self, config: MkDocsConfig) -> Site:
        """This build's site. Under ``mkdocs serve``: the whole site made after the last quick
        build, when the plans are still as it was made from; else, when a save changed only a
        few plans' text, those plans' pages first (``quick_site``), then the whole site
        (``Preview.follow``); else the whole site now."""
        preview = self.preview
        if preview is None:
            return self._generate(config)
        preview.quick = False
        state = self._plans_state(config)
        made = preview.take_made(state)
        if isinstance(made, PlanErrors):
            raise made
        if made is not None:
            preview.made_from = state
            return preview.pending(made)
        same = preview.same_as(state)
        if same is not None:  # a build asked for twice, or for the site's own pages
            return preview.pending(same)
        base = preview.base()
        if base is not None and preview.complete:
            settings = self._settings(config)
            quick = quick_site(self._plans_dir(config), base, config.use_directory_urls, settings, self._cache)
            if quick is not None:
                preview.quick, preview.made_from = True, None
                return preview.pending(quick)
        site = self._generate(config)
        preview.made_from = state
        return preview.pending(site)

    def _plans_state(self, config: MkDocsConfig) -> Hashable:
        """The plan and registry files (as a build reads them: not an editor's swap files),
        their sizes and times, and the options a build reads: a site made from them is still
        what a build would make."""
        plans_dir = self._plans_dir(config)
        files = [path for found in plan_files(plans_dir) for path in found] if plans_dir.is_dir() else []
        options = repr(self._settings(config)), config.use_directory_urls, config.site_url, build_date()
        return options, tuple(map(_stat, files))

    def _settings(self, config: MkDocsConfig) -> Settings:
        return Settings(
            licence=(self.config.licence_name, self.config.licence_url),
            accessibility_contact=self.config.accessibility_contact,
            accessibility_reviewed=self.config.accessibility_reviewed,
            large_site=self.config.large_site,
            search=self.search_mode,
            base_url=urlsplit(config.site_url or "/").path or "/",
        )

    def _generate(self, config: MkDocsConfig, checkpoint: Callable[[], None] = lambda: None) -> Site:
        return generate(
            self._plans_dir(config),
            directory_urls=config.use_directory_urls,
            site_url=config.site_url,
            settings=self._settings(config),
            history=self.config.history,
            site_name=config.site_name,
            cache=self._cache,
            data_later=self.preview is not None,  # `mkdocs serve` writes them after the pages
            checkpoint=checkpoint,
        )

    @event_priority(100)  # first, so other plugins (tags, redirects) see the generated pages
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        site = self.site
        made = site.files if site is not None else {}
        sources = site.sources if site is not None else {}
        generated_paths = set(made)
        for path in sorted(generated_paths):
            # MkDocs holds it now: one copy of a large site is enough (`mkdocs serve` keeps
            # its files for the next build, which may have to write them again).
            packed = made[path] if self.preview is not None else made.pop(path)
            existing = files.get_file_from_path(path)
            if existing is not None:
                raise PluginError(f"plansite: docs/{path} would be replaced by a generated page; rename or remove it")
            generated = cast(PackedFile, PackedFile.generated(config, path, content=packed))  # type: ignore[call-overload]
            if path.endswith(".md"):
                generated.blocks = self._blocks
            source = sources.get(path)
            if source is not None:
                # "Edit this page" opens the plan's YAML, not generated Markdown.
                generated.edit_uri = os.path.relpath(source, config.docs_dir).replace(os.sep, "/")
            files.append(generated)
        if not config.nav or config.nav is self._generated_nav:
            # The generated nav, then the site's own pages (about, accessibility...) in file order;
            # regenerated on every `mkdocs serve` rebuild so a new plan appears in it.
            own = [f.src_uri for f in files.documentation_pages() if f.src_uri not in generated_paths]
            self._generated_nav = config.nav = (site.nav if site is not None else []) + sorted(own)
        self._generated_paths = generated_paths
        return files

    @event_priority(-100)  # last: the files and the navigation are what every plugin made them
    def on_nav(self, nav, *, config: MkDocsConfig, files: Files):
        if self.preview is not None:
            self.preview.prepare(config, files, self._generated_paths)
        return nav

    def on_page_markdown(self, markdown: str, *, page, config: MkDocsConfig, files: Files) -> str:
        if self.preview is not None and LISTING in markdown:
            self.preview.listings.add(page.file.src_uri)
        return markdown

    @event_priority(100)  # before the search plugin reads the page's HTML
    def on_page_context(self, context, *, page, config: MkDocsConfig, nav):
        blocks = self._blocks.pop(page.file.src_uri, None)  # used once: free it for a large site
        if blocks is not None:
            self._placeholders[page.file.src_uri] = page.content
            page.content = restore(page.content, pickle.loads(blocks.bytes()))
        searchable = not (page.meta.get("search") or {}).get("exclude")  # as Material's search plugin chooses
        self._searchable[page.file.src_uri] = page.file.dest_uri if searchable else None
        return context

    @event_priority(-100)  # after every other plugin has seen the written page
    def on_post_page(self, output: str, *, page, config: MkDocsConfig) -> str:
        placeholders = self._placeholders.pop(page.file.src_uri, None)
        if placeholders is not None:
            page.content = placeholders  # written: MkDocs would keep its whole HTML to the end of the build
        return self._with_overlay(output)

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        # `mkdocs serve` answers any missing page with 404.html: it shows the problems too.
        return self._with_overlay(output_content) if template_name == "404.html" else output_content

    def _with_overlay(self, output: str) -> str:
        if self.preview is None or not self._overlay:
            return output
        end = output.rfind("</body>")
        return output + self._overlay if end < 0 else output[:end] + self._overlay + output[end:]

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._built = True
        preview = self.preview
        if preview is not None:
            Path(config.site_dir, PROBLEMS_FILE).write_bytes(problems_json(preview.problems))
            preview.write_data(Path(config.site_dir), self._cache.data_files)
        if self.site is not None and self.search_mode == "pagefind":
            if preview is None or not preview.quick:  # a quick build's follower indexes the site
                self._pagefind(config, self.site)
        elif self.site is not None:
            self._search_index(config, self.site)
        if preview is not None:
            preview.keep_whole(config)
            preview.complete = True
            if preview.quick:
                preview.release_collections(later=False)
                preview.follow(functools.partial(self._generate, config), functools.partial(self._plans_state, config))
            else:
                preview.release_collections(later=True)
            preview.start()

    def _pagefind(self, config: MkDocsConfig, site: Site) -> None:
        preview = self.preview
        if preview is not None:
            pages = preview.pagefind_pages(self._searchable)
            # The page the editor looks at reloads without waiting for search to be indexed.
            preview.later(functools.partial(index_again, Path(config.site_dir), pages, site, preview.cancelled))
            return
        pages, entries = [dest for dest in self._searchable.values() if dest], site.search_entries
        try:
            index_with_pagefind(Path(config.site_dir), pages, entries)
        except PagefindFailed as failure:
            raise PluginError(f"plansite: Pagefind could not index the site:\n{failure}") from None
        log.info("plansite: Pagefind indexed %d page(s) and %d entries", len(pages), len(entries))

    def _search_index(self, config: MkDocsConfig, site: Site) -> None:
        """Material's search index, shaped with plansite's entries; under ``mkdocs serve``,
        with the entries of the pages this build did not write (``SearchDocs``)."""
        index = Path(config.site_dir) / "search" / "search_index.json"
        if not index.exists():
            return
        data = json.loads(index.read_text(encoding="utf-8"))
        preview = self.preview
        if preview is not None:
            data["docs"] = preview.search_docs(data.get("docs", []))
        data = shape_material_index(data, site.search_entries)
        index.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")

    def on_build_error(self, *, error: Exception) -> None:
        # Also called when a strict build aborts on warnings after on_post_build.
        self._built = False
        if self.preview is not None:
            self.preview.complete = False
            self.preview.release_collections(later=False)

    def on_shutdown(self) -> None:
        if self.preview is not None:
            self.preview.settle()
            self.preview.release_collections(later=False)
        if self._serving_dirty:
            _serve_as_before()
            self._serving_dirty = False
        if self._wake_dir is not None:
            shutil.rmtree(self._wake_dir, ignore_errors=True)
            self._wake_dir.with_name(self._wake_dir.name + ".next").unlink(missing_ok=True)
            self._wake_dir = None
        staging, target, self._staging = self._staging, self._target, None
        if staging is None or target is None:
            return
        if not self._built:
            shutil.rmtree(staging, ignore_errors=True)
            return
        staging.chmod(0o755)  # mkdtemp makes it private; a published site is world-readable
        retired = target.with_name(f".{target.name}.old")
        shutil.rmtree(retired, ignore_errors=True)
        if target.exists():
            target.rename(retired)
        staging.rename(target)
        shutil.rmtree(retired, ignore_errors=True)
        log.info("plansite: the site is in %s", target)
