"""The MkDocs adapter: the only module that knows MkDocs.

It runs the pipeline before MkDocs touches the site folder (so an invalid plan
fails the build with the same messages as ``plansite validate`` and leaves the
previous site as it was), hands the generated pages to MkDocs as virtual files,
and asks ``mkdocs serve`` to watch the plans folder.

MkDocs converts every page before it writes any, and keeps each page's HTML to the end.
A generated page's finished HTML blocks (generator/blocks.py) therefore stay packed until
the page is written: they are put back into its HTML just before its template renders
(``on_page_context``, before the search plugin reads it) and let go once it is written.
Between those, a plugin's ``on_page_content`` sees placeholder comments where they go.
"""

from __future__ import annotations

import html
import json
import logging
import os
import pickle
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from generator.cache import BuildCache
from generator.load.folder import plan_files
from generator.model.wording import css_string
from generator.outputs.pagefind import PagefindFailed, index_with_pagefind, shape_material_index
from generator.pipeline import Site, generate
from generator.problems import PlanErrors
from generator.render.html_blocks import lift, restore
from generator.render.packed import Packed
from generator.render.settings import LARGE_SITE, OGL, Settings

log = logging.getLogger("mkdocs.plugins.plansite")


class PackedFile(File):
    """A generated data file that stays packed until MkDocs writes or reads it."""

    @property
    def content_bytes(self) -> bytes:
        return self._content.bytes() if isinstance(self._content, Packed) else super().content_bytes

    @content_bytes.setter
    def content_bytes(self, value: bytes) -> None:
        File.content_bytes.fset(self, value)  # type: ignore[attr-defined]

    @property
    def content_string(self) -> str:
        return self._content.text() if isinstance(self._content, Packed) else super().content_string

    @content_string.setter
    def content_string(self, value: str) -> None:
        File.content_string.fset(self, value)  # type: ignore[attr-defined]

    def copy_file(self, dirty: bool = False) -> None:
        if not isinstance(self._content, Packed):
            return super().copy_file(dirty)
        os.makedirs(os.path.dirname(self.abs_dest_path), exist_ok=True)
        with open(self.abs_dest_path, "wb") as output:
            output.write(self._content.bytes())


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
        """Generated page → the HTML blocks lifted out of it before conversion, packed."""
        self._placeholders: dict[str, str] = {}
        """Generated page being written → its HTML as converted, with the blocks' placeholders."""
        self._searchable: list[str] = []
        """The built pages Material's search would index (``search: pagefind`` indexes them)."""
        self._cache = BuildCache()
        """What each build keeps for the next: only ``mkdocs serve`` builds more than once."""
        self.search_mode = "material"
        """The search this build uses, ``material`` or ``pagefind`` (the option ``search``, with
        ``auto`` decided by the number of plans)."""
        self._material_enabled: bool | None = None
        """Whether mkdocs.yml itself left Material's search plugin enabled (before this plugin
        turned it off for Pagefind)."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this instance alive across `mkdocs serve` rebuilds.
        self.command = command
        self.dirty = dirty

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
        return env

    @event_priority(100)  # before anything else, and before MkDocs cleans site_dir
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self._searchable = []
        try:
            self.site = generate(
                self._plans_dir(config),
                directory_urls=config.use_directory_urls,
                site_url=config.site_url,
                settings=Settings(
                    licence=(self.config.licence_name, self.config.licence_url),
                    accessibility_contact=self.config.accessibility_contact,
                    accessibility_reviewed=self.config.accessibility_reviewed,
                    large_site=self.config.large_site,
                    search=self.search_mode,
                    base_url=urlsplit(config.site_url or "/").path or "/",
                ),
                history=self.config.history,
                site_name=config.site_name,
                cache=self._cache,
            )
        except PlanErrors as failure:
            count = len(failure.problems)
            raise PluginError(
                f"plansite: {count} problem(s) in the plans; the site was not built.\n"
                + "\n".join(p.format() for p in failure.problems)
            ) from None
        if self.command != "serve":
            # Only `mkdocs serve` rebuilds: let the catalogue go before MkDocs converts the pages.
            self._cache = BuildCache()
        config.extra["plansite_feed"] = self.site.feed  # linked from every page's head (overrides/main.html)
        redirects = config.plugins.get("redirects")
        if self.site.redirects:
            if redirects is None:
                log.warning("plansite: the registry lists redirects but the 'redirects' plugin is not in mkdocs.yml")
            else:
                redirects.config["redirect_maps"].update(self.site.redirects)
        for warning in self.site.warnings:
            # Logged as information: a name missing from the registry must not fail a strict build.
            log.info("%s", warning.format())

    @event_priority(100)  # first, so other plugins (tags, redirects) see the generated pages
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.site is not None
        generated_paths = set(self.site.files)
        for path in sorted(generated_paths):
            packed = self.site.files.pop(path)  # MkDocs holds it now: one copy of a large site is enough
            existing = files.get_file_from_path(path)
            if existing is not None:
                raise PluginError(f"plansite: docs/{path} would be replaced by a generated page; rename or remove it")
            if path.endswith(".md"):
                text, blocks = lift(packed.text())  # finished HTML skips Python-Markdown
                self._blocks[path] = Packed(pickle.dumps(blocks, protocol=pickle.HIGHEST_PROTOCOL))
                generated = File.generated(config, path, content=text)
            else:
                generated = PackedFile.generated(config, path, content=packed)  # type: ignore[call-overload]
            source = self.site.sources.get(path)
            if source is not None:
                # "Edit this page" opens the plan's YAML, not generated Markdown.
                generated.edit_uri = os.path.relpath(source, config.docs_dir).replace(os.sep, "/")
            files.append(generated)
        if not config.nav or config.nav is self._generated_nav:
            # The generated nav, then the site's own pages (about, accessibility...) in file order;
            # regenerated on every `mkdocs serve` rebuild so a new plan appears in it.
            own = [f.src_uri for f in files.documentation_pages() if f.src_uri not in generated_paths]
            self._generated_nav = config.nav = self.site.nav + sorted(own)
        return files

    @event_priority(100)  # before the search plugin reads the page's HTML
    def on_page_context(self, context, *, page, config: MkDocsConfig, nav):
        blocks = self._blocks.pop(page.file.src_uri, None)  # used once: free it for a large site
        if blocks is not None:
            self._placeholders[page.file.src_uri] = page.content
            page.content = restore(page.content, pickle.loads(blocks.bytes()))
        if self.search_mode == "pagefind" and not (page.meta.get("search") or {}).get("exclude"):
            self._searchable.append(page.file.dest_uri)  # as Material's search plugin chooses
        return context

    @event_priority(-100)  # after every other plugin has seen the written page
    def on_post_page(self, output: str, *, page, config: MkDocsConfig) -> str:
        placeholders = self._placeholders.pop(page.file.src_uri, None)
        if placeholders is not None:
            page.content = placeholders  # written: MkDocs would keep its whole HTML to the end of the build
        return output

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._built = True
        if self.site is not None and self.search_mode == "pagefind":
            entries = self.site.search_entries
            try:
                index_with_pagefind(Path(config.site_dir), self._searchable, entries)
            except PagefindFailed as failure:
                raise PluginError(f"plansite: Pagefind could not index the site:\n{failure}") from None
            log.info("plansite: Pagefind indexed %d page(s) and %d entries", len(self._searchable), len(entries))
            return
        index = Path(config.site_dir) / "search" / "search_index.json"
        if self.site is None or not index.exists():
            return
        data = shape_material_index(json.loads(index.read_text(encoding="utf-8")), self.site.search_entries)
        index.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")

    def on_build_error(self, *, error: Exception) -> None:
        # Also called when a strict build aborts on warnings after on_post_build.
        self._built = False

    def on_shutdown(self) -> None:
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
