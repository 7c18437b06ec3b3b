"""axe-core (a real copy, from axe-playwright-python) on every page type, at WCAG 2.2 A and AA."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from .helpers import CHECKED, PAGES, result_for, search, violations


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("path", PAGES)
def test_no_wcag_violations(page: Page, site_url: str, path: str, width: int):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_url + path)
    found = violations(page)
    CHECKED.append((path or "(home)", width, len(found)))
    assert found == []


@pytest.mark.parametrize("width", [1280, 390])
def test_no_wcag_violations_in_search_results(page: Page, site_url: str, width: int):
    page.set_viewport_size({"width": width, "height": 900})
    search(page, site_url, "Best Practice")
    result_for(page, "southwark-edp-2002-07", "5.2-2")
    found = violations(page)
    CHECKED.append(("search results", width, len(found)))
    assert found == []


def test_the_check_can_fail(page: Page, site_url: str):
    page.goto(site_url)
    page.evaluate(
        """() => {
            const img = document.createElement('img');
            img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
            document.querySelector('article').appendChild(img);
        }"""
    )
    assert any(v.startswith("image-alt") for v in violations(page))


def test_navigation_by_keyboard_alone(page: Page, site_url: str):
    page.goto(site_url)
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text().strip() == "Skip to content"
    reached = []
    for _ in range(40):  # on through the header and the sidebar to a plan
        page.keyboard.press("Tab")
        text = page.evaluate("document.activeElement.textContent.trim()")
        reached.append(text)
        if text == "What's on":
            break
    assert "What's on" in reached
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site_url}whats-on/")
    assert page.locator("article h1").inner_text().startswith("What's on")
