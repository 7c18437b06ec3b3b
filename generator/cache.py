"""What one build keeps for the next: the ``BuildCache``.

``mkdocs serve`` rebuilds the site on every save; most of what a rebuild would work out is
what the last build worked out already. Whoever runs builds owns one ``BuildCache`` and
hands it to each (the MkDocs plugin keeps one for the length of ``serve``); a one-off build
(``mkdocs build``, the CLI, most tests) gets a fresh one and lets it go with the build. No
stage keeps state of its own between builds.

Every entry is keyed by everything its value depends on (a file's bytes, a plan page's
inputs, a template's source, a git blob id), so a stale entry is never used: a changed
input is a different key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

PARSED_FILES_LIMIT = 20_000
"""Parsed files kept at most: past this the store starts again (a folder of 20,000 plans)."""


@dataclass
class BuildCache:
    parsed_files: dict[tuple[str, str, type], tuple[Any, Any, list[Any]]] = field(default_factory=dict)
    """(file as named, SHA-256 of its bytes, model) → (document, validated model, problems):
    a rebuild reads and validates again only the files whose bytes changed. The models are
    never changed after loading, so sharing them between builds is safe."""
    plan_pages: dict[str, tuple[str, dict[str, Any]]] = field(default_factory=dict)
    """Plan page → (digest of everything it shows, {page: text} of it and its sub-pages):
    a rebuild renders again only the plan pages whose inputs changed."""
    plan_digests: dict[str, tuple[Any, str]] = field(default_factory=dict)
    """Plan id → (the plan as last read, a digest of it): a plan from an unchanged file is the
    same object, and is not serialised again to tell."""
    party_pages: dict[str, tuple[str, dict[str, Any]]] = field(default_factory=dict)
    """Party page → (digest of the party and the plans that name it, {page: text})."""
    indicator_pages: dict[str, tuple[str, dict[str, Any]]] = field(default_factory=dict)
    """Plan id → (the digest of its plan page, {page: text} of its indicators' pages)."""
    site_pages: dict[str, tuple[str, Any]] = field(default_factory=dict)
    """A page of the site's own that shows only shared inputs (how to edit) → (their digest, the page)."""
    whats_on_pages: dict[str, tuple[str, Any]] = field(default_factory=dict)
    """What's on page → (digest of every row it shows, the page)."""
    explorer_plans: dict[str, tuple[str, list[Any], bytes]] = field(default_factory=dict)
    """Plan id → (digest of its pages and the site's terms, its explorer rows, their JSON)."""
    search_plans: dict[str, tuple[str, Any]] = field(default_factory=dict)
    """Plan id → (digest of the plan and the registry, its actions' search entries as JSON, packed)."""
    compiled_templates: dict[str, bytes] = field(default_factory=dict)
    """Jinja bytecode by template name and source: a rebuild does not compile them again."""
    history_plans: dict[str, Any] = field(default_factory=dict)
    """Git blob id → the plan it holds, or why it cannot be read (blobs never change)."""
    history_diffs: dict[tuple[Any, ...], list[Any]] = field(default_factory=dict)
    """(old blob, new blob, calendar) → the changes between the two versions of a plan."""
    site_files: dict[str, Any] | None = None
    """The pages and data files of the last build that succeeded, by path (as ``Site.files``;
    None before the first): the next build tells which of its files changed from these."""
    resolved: tuple[Any, Any] | None = None
    """(catalogue, git history) of the last build that succeeded: the preview reads the plans a
    save changed against them, to show their pages first (``pipeline.quick_site``)."""
    data_files: dict[str, Any] = field(default_factory=dict)
    """The open data and calendars ``Site.data`` made last (``mkdocs serve`` makes them after
    the pages): the next call tells which of them changed."""

    def remember_parsed(self, key: tuple[str, str, type], value: tuple[Any, Any, list[Any]]) -> None:
        if len(self.parsed_files) >= PARSED_FILES_LIMIT:
            self.parsed_files.clear()
        self.parsed_files[key] = value
