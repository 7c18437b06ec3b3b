"""What a site says about itself (licence, accessibility contact, search mode) and when
it is laid out as a large site.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.resolve.catalogue import Catalogue

LARGE_SITE = 30
"""A site with more plans than this is laid out for its size, so that no page grows with
every action on the site: the sidebar stops listing every plan (the home page does), party
pages count each plan's actions and link to them in the explorer instead of listing them
all, the explorer draws its rows from its data file, What's on gives the current and
coming terms a page each and counts the past ones, and the relations diagram gives way to
its list."""


OGL = ("Open Government Licence v3.0", "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/")
"""The default licence of the open data; a site may set its own."""


@dataclass(frozen=True)
class Settings:
    """What a site says about itself: its data licence and its accessibility contact."""

    licence: tuple[str, str] = OGL
    accessibility_contact: str = "the council's web team"
    """An email address or web page for accessibility problems and requests."""
    accessibility_reviewed: str = ""
    """When the accessibility statement was last reviewed, as words ("23 November 2026")."""
    large_site: int = LARGE_SITE
    """A site with more plans than this is laid out as a large site (see ``LARGE_SITE``)."""
    search: str = "material"
    """``material``: Material's search (one index file, fine for a small site); ``pagefind``:
    a chunked Pagefind index and a search page, for a large site."""
    base_url: str = "/"
    """The site's path on its host ("/" or "/plans/"), for links in the Pagefind index."""

    def is_large(self, catalogue: Catalogue) -> bool:
        """Whether the site has more plans than ``large_site`` (and is laid out for its size)."""
        return len(catalogue.plans) > self.large_site
