"""Every page of the real site in headless Chromium, at desktop and phone widths."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page, expect

from .helpers import PAGES, WIDTHS, overflow


def record_requests(page: Page, site_url: str) -> list[str]:
    """Abort and record every request that would leave the local server."""
    outside: list[str] = []
    local = urlparse(site_url).netloc

    def route(route):
        url = route.request.url
        if urlparse(url).netloc == local or url.startswith("data:"):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    page.context.route("**/*", route)
    return outside


@pytest.mark.parametrize("width_name", WIDTHS)
@pytest.mark.parametrize("path", PAGES)
def test_page_renders_and_stays_local(page: Page, site_url: str, path: str, width_name: str, screenshot_dir):
    page.set_viewport_size({"width": WIDTHS[width_name], "height": 900})
    outside = record_requests(page, site_url)
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    response = page.goto(site_url + path)
    assert response is not None and response.ok
    expect(page.locator("article h1")).to_be_visible()
    # On a phone nothing may force the whole page to scroll sideways.
    over = overflow(page)
    assert over <= 0, f"{path} is {over}px wider than a {WIDTHS[width_name]}px screen"
    name = (path.strip("/").replace("/", "_") or "home") + f"-{width_name}.png"
    page.screenshot(path=str(screenshot_dir / name), full_page=True)
    assert errors == []
    assert outside == []


def test_reader_goes_from_home_to_an_action(page: Page, site_url: str):
    page.goto(site_url)
    page.get_by_role("link", name="Education Development Plan 2002-2007").first.click()
    expect(page.locator("article h1")).to_contain_text("Education Development Plan 2002-2007")
    page.goto(page.url + "#5.3-1d")
    row = page.locator("tr[id='5.3-1d']")
    expect(row).to_be_in_viewport()
    expect(row).to_contain_text("Minimising the bureaucratic burden")


def test_phone_shows_each_action_as_a_card_with_labels(page: Page, site_url: str):
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(site_url + "plans/middlesbrough-school-improvement-scrutiny-2014/")
    cell = page.locator("tr[id='l-1'] td[data-label='Budget']")
    expect(cell).to_be_visible()
    label = cell.evaluate("el => getComputedStyle(el, '::before').content")
    assert label == '"Budget"'
    expect(cell).to_contain_text("£3,000")
