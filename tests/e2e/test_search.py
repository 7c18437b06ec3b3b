"""Search in headless Chromium: a phrase finds the action itself, at its anchor."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect


def search(page: Page, site_url: str, words: str) -> None:
    page.goto(site_url)
    page.wait_for_load_state("networkidle")  # the search worker has fetched its index
    query = page.locator("input[data-md-component=search-query]")
    if not query.is_visible() or page.viewport_size["width"] < 960:
        page.locator("label.md-header__button[for=__search]").click()  # phones: the search button opens it
    query.click()
    query.press_sequentially(words, delay=20)  # Material listens to key events; fill() is not enough


def result_for(page: Page, plan_id: str, anchor: str) -> Locator:
    """The result linking to ``anchor``. Material adds ?h=... (highlighting) before the
    anchor and folds a page's further matches under "N more on this page"."""
    result = page.locator(f".md-search-result__item a[href*='{plan_id}/'][href$='#{anchor}']").first
    expect(result).to_be_attached(timeout=15_000)
    if not result.is_visible():
        result.locator("xpath=ancestor::details[1]/summary").click()
    expect(result).to_be_visible()
    return result


def test_search_reaches_the_best_practice_action(page: Page, site_url: str, screenshot_dir):
    search(page, site_url, "Best Practice")
    result = result_for(page, "southwark-edp-2002-07", "5.2-2")
    page.screenshot(path=str(screenshot_dir / "search-best-practice.png"))
    result.click()
    expect(page).to_have_url(re.compile(re.escape(f"{site_url}plans/southwark-edp-2002-07/") + r"(\?h=[^#]*)?#5\.2-2$"))
    row = page.locator("tr[id='5.2-2']")
    expect(row).to_be_in_viewport()
    expect(row).to_contain_text("LEA Best Practice web-site")


def test_search_finds_an_action_by_its_owner(page: Page, site_url: str):
    search(page, site_url, "Head of Governor Development")
    result_for(page, "southwark-edp-2002-07", "5.4-3b")


def test_search_finds_an_action_by_an_acronyms_expansion(page: Page, site_url: str):
    search(page, site_url, "Ethnic Minority")
    result_for(page, "salford-post-ofsted-action-plan-2004", "sen-inclusion-and-access-26")
