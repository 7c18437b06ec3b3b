"""Helpers the browser tests share: the pages to visit, axe, and the search box.

Browser tests import these from here, never from another test module."""

from __future__ import annotations

import re

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Locator, Page, expect

from generator.pipeline import load_and_resolve

from ..helpers import PLANS

PLAN_IDS = [plan.id for plan in load_and_resolve(PLANS)[0].plans]


PAGES = [
    "",
    "glossary/",
    "about/",
    "whats-on/",
    "who-does-what/",
    "audiences/",
    "roles/southwark-head-of-school-improvement/",
    "audiences/governors/",
    "indicators/",
    "indicators/worcestershire-laa-delivery-plan-ni-94/ni-94/",
    "relations/",
    "data/",
    "explorer/",
    "themes/",
    "how-to-edit/",
    "accessibility/",
] + [f"plans/{plan_id}/" for plan_id in PLAN_IDS]


WIDTHS = {"desktop": 1280, "phone": 390}


CHECKED: list[tuple[str, int, int]] = []
"""(page, width, violations) for every axe run, printed at the end of the session."""


WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}


ALL_DRAWN = "*, ::before, ::after { content-visibility: visible !important; }"
"""plansite.css skips drawing the parts of a long page off the screen (content-visibility),
and a skipped part clips what is too wide for it: a check of the page's width draws them all."""


AXE = Axe()


def violations(page: Page) -> list[str]:
    """axe's findings on the page with every part drawn (ALL_DRAWN): a part the browser has not
    drawn yet has a placeholder's height, and axe, measuring what is inside it, finds targets
    overlapping that no reader sees overlap (each part is laid out in full before it shows)."""
    page.add_style_tag(content=ALL_DRAWN)
    found = AXE.run(page, options=WCAG).response["violations"]
    return [f"{v['id']}: {node['target']} {node.get('failureSummary', '')[:200]}" for v in found for node in v["nodes"]]


def overflow(page: Page) -> int:
    """How many px the page is wider than its window, every part drawn (0 or less: none)."""
    page.add_style_tag(content=ALL_DRAWN)
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


SEARCH_FILES = re.compile(r"/search/|/workers/search|/pagefind/|plansite-search|lunr", re.IGNORECASE)
"""Requests that belong to the search (its scripts, worker, styles and index)."""


def search(page: Page, site_url: str, words: str) -> None:
    page.goto(site_url)
    query = page.locator("input[data-md-component=search-query]")
    if not query.is_visible() or page.viewport_size["width"] < 960:
        page.locator("label.md-header__button[for=__search]").click()  # phones: the search button opens it
    query.click()
    query.press_sequentially(words, delay=20)  # Material listens to key events; fill() is not enough


def result_for(page: Page, plan_id: str, anchor: str) -> Locator:
    """The result linking to ``anchor`` (a page's further matches may be folded under "N more on this page")."""
    result = page.locator(f".md-search-result__item a[href*='{plan_id}/'][href$='#{anchor}']").first
    expect(result).to_be_attached(timeout=15_000)
    if not result.is_visible():
        result.locator("xpath=ancestor::details[1]/summary").click()
    expect(result).to_be_visible()
    return result


def first_results(page: Page, count: int = 3) -> list[str]:
    """The addresses of the first results (not the page headings above them)."""
    return page.evaluate(
        """(count) => [...document.querySelectorAll('.md-search-result__item a.md-search-result__link')]
            .filter((a) => !(a.querySelector('h1') && a.querySelector('article').dataset.mdScore === '0.00'))
            .slice(0, count).map((a) => a.getAttribute('href'))""",
        count,
    )
