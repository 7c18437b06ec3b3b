"""Pagefind search (plugin option ``search: pagefind``) in headless Chromium: the same
queries find the same actions as Material's search, on an accessible search page, and a
first search fetches a small part of the index."""

from __future__ import annotations

import json
import shutil
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from lxml import html as lxml_html
from playwright.sync_api import Page, expect

from generator.outputs.pagefind import index_with_pagefind
from generator.outputs.search import search_entries
from generator.pipeline import load_and_resolve

from ..helpers import PLANS, ROOT, run_mkdocs_build
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
    config = config.replace("  - search\n", "").replace(
        "      plans_dir: plans\n", "      plans_dir: plans\n      search: pagefind\n"
    )
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    site = project / "site"
    result = run_mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    with served(site) as url:
        yield site, url


def pagefind_data(page: Page, url: str, query: str) -> list[dict]:
    """Every result of ``query`` from Pagefind's API: its address and its sub-results' addresses."""
    page.goto(url + "search/")
    return page.evaluate(
        """async (query) => {
            const pagefind = await import('/pagefind/pagefind.js');
            const found = await pagefind.search(query);
            const data = await Promise.all(found.results.map((r) => r.data()));
            return data.map((d) => ({url: d.url, title: d.meta.title, subs: d.sub_results.map((s) => s.url)}));
        }""",
        query,
    )


def pagefind_urls(page: Page, url: str, query: str) -> list[str]:
    return [address for result in pagefind_data(page, url, query) for address in [result["url"], *result["subs"]]]


def ids_on(site, address: str) -> set[str]:
    """The element ids of the built page at ``address`` (``/plans/x/``)."""
    tree = lxml_html.fromstring((site / urlsplit(address).path.lstrip("/") / "index.html").read_text(encoding="utf-8"))
    return {element.get("id") for element in tree.xpath("//*[@id]")}


def test_the_pagefind_build_has_no_material_index(pagefind_site):
    site, _ = pagefind_site
    assert not (site / "search" / "search_index.json").exists()
    assert (site / "pagefind" / "pagefind-entry.json").is_file()
    assert (site / "search" / "index.html").is_file()
    assert not [p for p in site.parent.iterdir() if ".pagefind-" in p.name]  # the staging copy is gone once indexed


@pytest.mark.parametrize("query", ["Best Practice", "governors", "Durham"])
def test_every_result_points_at_a_place_on_a_built_page(page: Page, pagefind_site, query):
    site, url = pagefind_site
    results = pagefind_data(page, url, query)
    assert results
    for result in results:
        ids = ids_on(site, result["url"])
        for sub in result["subs"]:
            assert urlsplit(sub).path == urlsplit(result["url"]).path
            fragment = urlsplit(sub).fragment
            assert fragment in ids, f"{sub}: no element with that id on the page"


def test_pages_left_out_of_materials_search_are_left_out_of_pagefind(page: Page, pagefind_site):
    _, url = pagefind_site
    addresses = pagefind_urls(page, url, "Changes to the Education Development Plan")  # a history page's title
    assert addresses
    assert not [a for a in addresses if "/history/" in a or a.rstrip("/").endswith("/search")]


def test_a_plan_is_one_result_with_its_actions_beneath(page: Page, pagefind_site):
    _, url = pagefind_site
    results = pagefind_data(page, url, "Best Practice")
    southwark = [r for r in results if r["url"] == "/plans/southwark-edp-2002-07/"]
    assert len(southwark) == 1
    assert "/plans/southwark-edp-2002-07/#5.2-2" in southwark[0]["subs"]


def test_a_plan_headers_labels_and_values_are_separate_words(page: Page, pagefind_site):
    """Pagefind runs a <dt> into its <dd>: "Published bySouthwark" was neither word."""
    _, url = pagefind_site
    page.goto(url + "search/")
    content = page.evaluate(
        """async () => {
            const pagefind = await import('/pagefind/pagefind.js');
            const found = await pagefind.search('Southwark');
            const data = await Promise.all(found.results.map((r) => r.data()));
            return data.find((d) => d.url === '/plans/southwark-edp-2002-07/').content;
        }"""
    )
    assert "Published by London Borough of Southwark" in content, content[:300]
    assert "Kind of plan " in content, content[:300]


def test_the_same_site_gives_the_same_index_bytes(pagefind_site, tmp_path):
    site, _ = pagefind_site
    catalogue, _ = load_and_resolve(PLANS)
    entries = search_entries(catalogue, on_page=True)
    pages = sorted(str(p.relative_to(site)) for p in site.rglob("*.html") if not p.is_relative_to(site / "pagefind"))
    trees = []
    for run in ("one", "two"):
        copy = tmp_path / run / "site"
        shutil.copytree(site, copy, ignore=shutil.ignore_patterns("pagefind"))
        index_with_pagefind(copy, pages, entries)
        trees.append(
            {
                p.relative_to(copy).as_posix(): p.read_bytes()
                for p in sorted((copy / "pagefind").rglob("*"))
                if p.is_file()
            }
        )
    assert len(trees[0]) > 10
    assert sorted(trees[0]) == sorted(trees[1])
    assert [path for path in trees[0] if trees[0][path] != trees[1][path]] == []
    entry = json.loads(trees[0]["pagefind/pagefind-entry.json"])
    assert entry["languages"]["en"]["page_count"] > 5


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
    fetched: dict[str, int] = {}
    page.on(
        "response",
        lambda response: fetched.update({response.url: len(response.body())}) if "pagefind" in response.url else None,
    )
    page.goto(url + "search/?q=Best+Practice")
    link = page.locator(".ps-search__section-link[href$='southwark-edp-2002-07/#5.2-2']")
    expect(link).to_be_visible(timeout=15_000)
    page.screenshot(path=str(screenshot_dir / f"pagefind-search-{width}.png"), full_page=True)
    found = Axe().run(
        page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]}}
    )
    assert [v["id"] for v in found.response["violations"]] == []
    # Pagefind's script and wasm, the page list, the index chunks of two words and five results'
    # texts: not the whole index, and not Pagefind's own interface or its worker
    assert sum(fetched.values()) < 250_000
    assert not [u for u in fetched if "pagefind-ui" in u or "pagefind-worker" in u]
    link.click()
    expect(page.locator("tr[id='5.2-2']")).to_be_in_viewport()


def test_a_result_shows_all_its_matching_parts_on_request(page: Page, pagefind_site):
    _, url = pagefind_site
    page.goto(url + "search/?q=Best+Practice")
    result = page.locator(".ps-search__result").filter(
        has=page.locator(".ps-search__link[href$='/plans/southwark-edp-2002-07/']")
    )
    toggle = result.locator(".ps-search__all")
    expect(toggle).to_have_attribute("aria-expanded", "false", timeout=15_000)
    shown = result.locator(".ps-search__section-link").count()
    assert shown == 3
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    total = result.locator(".ps-search__section-link").count()
    assert total > shown
    toggle.click()
    expect(result.locator(".ps-search__section-link")).to_have_count(shown)
    expect(page.locator(".ps-search__status")).to_contain_text("match “Best Practice”")


def test_the_first_letters_typed_fetch_no_index_chunks_but_enter_searches(page: Page, pagefind_site):
    _, url = pagefind_site
    chunks: list[str] = []
    page.on("response", lambda response: chunks.append(response.url) if "/pagefind/index/" in response.url else None)
    page.goto(url + "search/")
    box = page.locator(".ps-search__input")
    expect(box).to_be_focused()
    box.press_sequentially("go", delay=50)
    page.wait_for_timeout(1_000)  # well past the pause after which a longer query is searched
    assert chunks == []
    expect(page.locator(".ps-search__result")).to_have_count(0)
    box.press("Enter")
    expect(page.locator(".ps-search__result").first).to_be_visible(timeout=15_000)
    assert chunks


def test_the_query_is_kept_in_the_address(page: Page, pagefind_site):
    _, url = pagefind_site
    page.goto(url + "search/")
    box = page.locator(".ps-search__input")
    box.fill("governors")
    expect(page).to_have_url(f"{url}search/?q=governors")


def test_pagefind_and_material_search_cannot_both_be_on(site_dir):
    config = (site_dir / "mkdocs.yml").read_text(encoding="utf-8")
    (site_dir / "mkdocs.yml").write_text(
        config.replace("      plans_dir: plans\n", "      plans_dir: plans\n      search: pagefind\n"), encoding="utf-8"
    )
    result = run_mkdocs_build(site_dir, site_dir / "site")
    assert result.returncode == 1
    assert "remove '- search' from plugins" in result.stderr
