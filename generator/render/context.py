"""What every page builder reads: the ``SiteContext`` of one render.

``render_site`` (generator/render/site.py) makes one, and each page family's builder in
``generator/render/pages/`` takes it and returns its pages. The context is read-only to
the builders but for the per-plan matrices and timelines, which a plan's builder lets go
once its pages are rendered.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from jinja2 import Environment

from generator.cache import BuildCache
from generator.history.plan_history import SiteHistory
from generator.render.filters import Filters
from generator.render.packed import held
from generator.render.settings import Settings
from generator.resolve.catalogue import Catalogue


@dataclass
class SiteContext:
    catalogue: Catalogue
    env: Environment
    filters: Filters
    build_date: dt.date
    """The date the pages speak for (readers' browsers move "now" to their today)."""
    directory_urls: bool
    settings: Settings
    history: SiteHistory | None
    """Each plan's changes from git, or None when the build reads no history."""
    pack: bool
    """Whether each page is packed (generator/render/packed.py) as soon as it is rendered."""
    cache: BuildCache
    large: bool = False
    """Whether the site is laid out as a large site (``Settings.is_large``)."""
    plan_order: dict[str, int] = field(default_factory=dict)
    matrices: dict[str, Any] = field(default_factory=dict)
    """Plan id → its responsibility matrix, worked out when its page is rendered."""
    timelines: dict[str, Any] = field(default_factory=dict)
    """Plan id → its timeline, worked out when its page is rendered."""
    """Plan id → its place in the catalogue, for listing plans in one order everywhere."""

    def __post_init__(self) -> None:
        self.large = self.settings.is_large(self.catalogue)
        self.plan_order = {plan.id: index for index, plan in enumerate(self.catalogue.plans)}

    def packed(self, pages: dict[str, Any]) -> dict[str, Any]:
        """``pages`` packed when this render packs its pages, else as they are."""
        return {path: held(text, self.pack) for path, text in pages.items()}
