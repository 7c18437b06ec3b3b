"""The search relevance suite: every query of search_queries.yml typed into the site's own
search box in headless Chromium, in both search modes (Material's search on the default
build, and the site built with ``search: pagefind``), with the rates at which a right
answer is the first result (top 1) and among the first three (top 3).

What counts as a result is what a reader sees as one, in order down the list: each link
to a place (an action, a part of a page, a page), but not a page's heading shown only to
group the matches beneath it (Material adds one, scored 0, to every group) and not what is
folded away under "N more on this page".
"""

from __future__ import annotations

import shutil
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from lxml import html as lxml_html
from playwright.sync_api import Page

from ..helpers import PLANS, ROOT, run_mkdocs_build
from .conftest import served

QUERIES = yaml.safe_load((Path(__file__).with_name("search_queries.yml")).read_text(encoding="utf-8"))["queries"]
TOP_3 = 0.95
TOP_1 = 0.80
RATES: dict[str, dict] = {}
"""Search mode → its rates and failures, printed at the end of the run."""


class _Summary:
    """Prints the rates at the end of the run, whether or not output is captured."""

    def pytest_terminal_summary(self, terminalreporter) -> None:
        if not RATES:
            return
        terminalreporter.write_sep("-", "search relevance (tests/e2e/search_queries.yml)")
        for mode, found in sorted(RATES.items()):
            terminalreporter.write_line(
                f"{mode}: top 1 {found['top1']}/{found['total']} ({found['top1'] / found['total']:.0%}), "
                f"top 3 {found['top3']}/{found['total']} ({found['top3'] / found['total']:.0%})"
            )
            for query, rank, results in found["misses"]:
                where = f"rank {rank}" if rank else "not in the first 10"
                terminalreporter.write_line(
                    f"  {mode}: {query!r}: {where}; first three: {', '.join(results[:3]) or '(none)'}"
                )


@pytest.fixture(scope="module", autouse=True)
def _report(request):
    plugin = _Summary()
    if not request.config.pluginmanager.is_registered(plugin):
        request.config.pluginmanager.register(plugin, "plansite-search-relevance")
    yield


@pytest.fixture(scope="module")
def pagefind_url(tmp_path_factory):
    """The five plans built with ``search: pagefind``, served over http."""
    project = tmp_path_factory.mktemp("relevance-pagefind")
    for folder in ("docs", "overrides"):
        shutil.copytree(ROOT / folder, project / folder)
    shutil.copytree(PLANS, project / "plans")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  - search\n", "").replace(
        "      plans_dir: plans\n", "      plans_dir: plans\n      search: pagefind\n"
    )
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    site = project / "site"
    result = run_mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    with served(site) as url:
        yield url


def address(href: str, base: str) -> str:
    """A result link as a site-relative place: ``plans/x/#5.2-2`` (highlighting parameters dropped)."""
    parts = urlsplit(href)
    path = parts.path.removeprefix(urlsplit(base).path)
    return path + (f"#{parts.fragment}" if parts.fragment else "")


RESULTS_JS = """() => {
    const material = document.querySelector('.md-search-result__list');
    if (material && material.closest('.md-search')) {
        const meta = document.querySelector('.md-search-result__meta');
        const items = [...material.querySelectorAll(':scope > .md-search-result__item')];
        const links = [];
        for (const item of items) {
            for (const link of item.querySelectorAll('a.md-search-result__link')) {
                if (link.closest('details:not([open])')) continue;
                const article = link.querySelector('article');
                const heading = link.querySelector('h1');
                if (heading && article && article.dataset.mdScore === '0.00') continue;  // a group's heading only
                links.push(link.href);
            }
        }
        return {signature: (meta ? meta.textContent : '') + '|' + links.join(' '), links: links,
                done: !!meta && !/initializ/i.test(meta.textContent)};
    }
    const page = document.querySelector('.ps-search__results');
    if (page) {
        const links = [];
        for (const result of page.querySelectorAll(':scope > .ps-search__result')) {
            const sections = [...result.querySelectorAll('.ps-search__section-link')];
            if (!sections.length) links.push(result.querySelector('.ps-search__link').href);
            for (const section of sections) links.push(section.href);
        }
        const status = document.querySelector('.ps-search__status').textContent;
        return {signature: status + '|' + links.join(' '), links: links, done: !!status && !/Searching/.test(status)};
    }
    return {signature: '', links: [], done: false};
}"""


def open_search_box(page: Page, url: str):
    """The site's search box: the header's on every page; without one, the search page's."""
    page.goto(url)
    header_box = page.locator("header input.md-search__input")
    if header_box.count():
        if not header_box.is_visible():
            page.locator("label.md-header__button[for=__search]").click()  # phones: the search button opens it
        return header_box
    page.goto(url + "search/")
    return page.locator(".ps-search__input")


def results_for(page: Page, box, query: str, base: str) -> list[str]:
    """Type ``query`` into ``box`` as a reader would; the results once they stop changing."""
    box.click()
    box.press("Control+a")
    box.press("Backspace")
    page.wait_for_timeout(150)
    box.press_sequentially(query, delay=25)  # Material listens to key events; fill() is not enough
    last, steady = None, 0
    for _ in range(200):  # up to 20 s
        page.wait_for_timeout(100)
        state = page.evaluate(RESULTS_JS)
        if state["done"] and state["signature"] == last:
            steady += 1
            if steady >= 5:
                return [address(link, base) for link in state["links"]]
        else:
            steady = 0
        last = state["signature"]
    raise AssertionError(f"{query!r}: the results never settled (last: {last!r})")


def page_heading(url: str, place: str) -> str | None:
    """The id of the h1 of the page at ``place`` (a page links to its own top as ``page#h1``)."""
    with urllib.request.urlopen(url + place) as response:
        tree = lxml_html.fromstring(response.read())
    ids = tree.xpath("//article//h1/@id")
    return ids[0] if ids else None


def answers(url: str, expected: list[str]) -> set[str]:
    """The places that answer a query: those listed, and a listed page's heading."""
    places = set(expected)
    for place in expected:
        if "#" not in place and (heading := page_heading(url, place)):
            places.add(f"{place}#{heading}")
    return places


def run_suite(page: Page, url: str, mode: str) -> dict:
    page.set_viewport_size({"width": 1280, "height": 900})
    box = open_search_box(page, url)
    top1 = top3 = 0
    misses = []
    assert len(QUERIES) >= 30
    for entry in QUERIES:
        query, expected = entry["query"], answers(url, entry["expect"])
        assert 2 <= len(query.split()) <= 5 and query == query.lower(), query
        results = results_for(page, box, query, url)
        rank = next((number for number, place in enumerate(results[:10], 1) if place in expected), None)
        top1 += rank == 1
        top3 += rank is not None and rank <= 3
        if rank != 1:
            misses.append((query, rank, results))
    found = {"total": len(QUERIES), "top1": top1, "top3": top3, "misses": misses}
    RATES[mode] = found
    print(f"\n{mode}: top 1 {top1}/{len(QUERIES)}, top 3 {top3}/{len(QUERIES)}")
    for query, rank, results in misses:
        print(f"  {query!r}: rank {rank}; first three: {results[:3]}")
    return found


def check(found: dict) -> None:
    total = found["total"]
    assert found["top3"] / total >= TOP_3 and found["top1"] / total >= TOP_1, (
        f"top 1 {found['top1']}/{total}, top 3 {found['top3']}/{total}; missed: "
        + "; ".join(f"{q!r} (rank {r})" for q, r, _ in found["misses"])
    )


def test_relevance_with_materials_search(page: Page, site_url: str):
    check(run_suite(page, site_url, "material"))


def test_relevance_with_pagefind(page: Page, pagefind_url: str):
    check(run_suite(page, pagefind_url, "pagefind"))
