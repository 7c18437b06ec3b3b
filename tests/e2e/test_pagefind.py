"""Pagefind search (plugin option ``search: pagefind``) in headless Chromium: the same
queries find the same actions as Material's search, on an accessible search page, and a
first search fetches a small part of the index."""

from __future__ import annotations

import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from ..conftest import PLANS, ROOT, run_mkdocs_build
from .conftest import served
from .test_search import result_for, search

# (query, plan, action anchor): each must be found by both search engines.
QUERIES = [
    ("Best Practice", "southwark-edp-2002-07", "5.2-2"),
    ("Head of Governor Development", "southwark-edp-2002-07", "5.4-3b"),
    ("Ethnic Minority", "salford-post-ofsted-action-plan-2004", "sen-inclusion-and-access-26"),
    ("Durham", "middlesbrough-school-improvement-scrutiny-2014", "l-2"),
]


@pytest.fixture(scope="module")
def pagefind_site(tmp_path_factory):
    project = tmp_path_factory.mktemp("pagefind")
    for folder in ("docs", "overrides"):
        shutil.copytree(ROOT / folder, project / folder)
    shutil.copytree(PLANS, project / "plans")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  - search\n", "").replace("      plans_dir: plans\n", "      plans_dir: plans\n      search: pagefind\n")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    site = project / "site"
    result = run_mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    with served(site) as url:
        yield site, url


def pagefind_urls(page: Page, url: str, query: str) -> list[str]:
    page.goto(url + "search/")
    return page.evaluate(
        """async (query) => {
            const pagefind = await import('/pagefind/pagefind.js');
            const found = await pagefind.search(query);
            const data = await Promise.all(found.results.map((r) => r.data()));
            return data.flatMap((d) => [d.url, ...d.sub_results.map((s) => s.url)]);
        }""",
        query,
    )


def test_the_pagefind_build_has_no_material_index(pagefind_site):
    site, _ = pagefind_site
    assert not (site / "search" / "search_index.json").exists()
    assert (site / "pagefind" / "pagefind-entry.json").is_file()
    assert (site / "search" / "index.html").is_file()
    assert not [p for p in site.parent.iterdir() if ".pagefind-" in p.name]  # the staging copy is gone once indexed


@pytest.mark.parametrize(("query", "plan_id", "anchor"), QUERIES)
def test_the_same_queries_find_the_same_actions_either_way(page: Page, site_url, pagefind_site, query, plan_id, anchor):
    _, url = pagefind_site
    assert f"/plans/{plan_id}/#{anchor}" in pagefind_urls(page, url, query)
    search(page, site_url, query)  # Material's search, on the default build
    result_for(page, plan_id, anchor)


@pytest.mark.parametrize("width", [1280, 390])
def test_the_search_page_finds_actions_and_passes_axe(page: Page, pagefind_site, width, screenshot_dir):
    _, url = pagefind_site
    page.set_viewport_size({"width": width, "height": 900})
    fetched: list[int] = []
    page.on("response", lambda response: fetched.append(len(response.body())) if "/pagefind/" in response.url else None)
    page.goto(url + "search/?q=Best+Practice")
    link = page.locator(".ps-search__section-link[href$='southwark-edp-2002-07/#5.2-2']")
    expect(link).to_be_visible(timeout=15_000)
    page.screenshot(path=str(screenshot_dir / f"pagefind-search-{width}.png"), full_page=True)
    found = Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]}})
    assert [v["id"] for v in found.response["violations"]] == []
    assert sum(fetched) < 600_000  # the interface, the wasm and a few index chunks, not the whole index
    link.click()
    expect(page.locator("tr[id='5.2-2']")).to_be_in_viewport()


def test_the_query_is_kept_in_the_address(page: Page, pagefind_site):
    _, url = pagefind_site
    page.goto(url + "search/")
    box = page.locator(".ps-search__input")
    box.fill("governors")
    expect(page).to_have_url(f"{url}search/?q=governors")


def test_pagefind_and_material_search_cannot_both_be_on(site_dir):
    config = (site_dir / "mkdocs.yml").read_text(encoding="utf-8")
    (site_dir / "mkdocs.yml").write_text(config.replace("      plans_dir: plans\n", "      plans_dir: plans\n      search: pagefind\n"), encoding="utf-8")
    result = run_mkdocs_build(site_dir, site_dir / "site")
    assert result.returncode == 1
    assert "remove '- search' from plugins" in result.stderr
