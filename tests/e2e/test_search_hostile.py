"""Hostile plan text through the search box, in both search modes: the results show the
words as words, and nothing in them executes (the search builds its results as HTML)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Page, expect

from .conftest import served
from .helpers import search
from .test_hostile import build_hostile


@pytest.fixture(scope="module", params=["material", "pagefind"])
def hostile_search_url(request, tmp_path_factory):
    site = build_hostile(tmp_path_factory.mktemp(f"hostile-search-{request.param}"), search=request.param)
    assert (site / "pagefind").is_dir() == (request.param == "pagefind")
    with served(site) as url:
        yield url


def test_hostile_words_show_as_words_in_results(page: Page, hostile_search_url: str):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    search(page, hostile_search_url, "window pwned jinja")
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible(timeout=15_000)
    page.wait_for_timeout(1_000)
    assert results.count() >= 2
    body = BeautifulSoup(page.inner_html(".md-search-result__list"), "html.parser")
    assert body.find_all(["script", "iframe", "style", "img", "svg"]) == []
    assert [el for el in body.find_all(True) if any(a.lower().startswith("on") for a in el.attrs)] == []
    assert all(not a["href"].lower().startswith(("javascript:", "data:")) for a in body.find_all("a", href=True))
    text = body.get_text()
    assert "<script>window.__pwned=1</script>" in text  # the words, shown as words
    assert "{{ 7 * 7 }}" in text and "<img src=x onerror" in text
    assert page.evaluate("window.__pwned") is None and dialogs == []
