"""Pagefind search (plugin option ``search: pagefind``, the default above ``large_site``
plans) in headless Chromium: searched from the header's box on every page, it finds the
same actions as Material's search, ranks them the same way, passes axe, and a first
search fetches a small part of the index, none of it before the box is focused."""

from __future__ import annotations

import json
import re
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
from .helpers import SEARCH_FILES, first_results, result_for, search

# (query, plan, action anchor): each must be found by both search engines.
QUERIES = [
    ("Best Practice", "southwark-edp-2002-07", "5.2-2"),
    ("Head of Governor Development", "southwark-edp-2002-07", "5.4-3b"),
    ("Ethnic Minority", "salford-post-ofsted-action-plan-2004", "sen-inclusion-and-access-26"),
    ("Durham", "middlesbrough-school-improvement-scrutiny-2014", "l-2"),
]


def pagefind_config(config: str) -> str:
    """mkdocs.yml asking for Pagefind (Material's search plugin stays listed: the plugin turns it off)."""
    return config.replace("      plans_dir: plans\n", "      plans_dir: plans\n      search: pagefind\n")


@pytest.fixture(scope="module")
def pagefind_site(tmp_path_factory):
    project = tmp_path_factory.mktemp("pagefind")
    for folder in ("docs", "overrides"):
        shutil.copytree(ROOT / folder, project / folder)
    shutil.copytree(PLANS, project / "plans")
    (project / "mkdocs.yml").write_text(
        pagefind_config((ROOT / "mkdocs.yml").read_text(encoding="utf-8")), encoding="utf-8"
    )
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
            return data.map((d) => ({url: d.url, title: d.meta.title, content: d.content, subs: d.sub_results.map((s) => s.url)}));
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
    assert not (site / "search" / "search_index.json").exists()  # Material's search plugin was turned off
    assert (site / "pagefind" / "pagefind-entry.json").is_file()
    assert json.loads((site / "pagefind" / "plansite-terms.json").read_text(encoding="utf-8"))["acronyms"]["SEN"]
    assert (site / "search" / "index.html").is_file()
    assert not [p for p in site.parent.iterdir() if ".pagefind-" in p.name]  # the staging copy is gone once indexed


def test_every_page_has_the_search_box_in_its_header(pagefind_site):
    site, _ = pagefind_site
    pages = sorted(site.glob("**/index.html"))
    assert len(pages) > 20
    for path in pages:
        tree = lxml_html.fromstring(path.read_text(encoding="utf-8"))
        forms = tree.xpath("//header//form[@name='plansite-search']")
        assert len(forms) == 1, path
        assert forms[0].get("data-ps-mode") == "pagefind"


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


def test_party_pages_are_found_only_by_what_they_list(page: Page, pagefind_site):
    site, url = pagefind_site
    # a registry entry no plan names has no page at all (tests/test_reader_mentions.py); one the
    # plans name only in their text lists those places, and is found below the plan's actions
    grounds = site / "teams" / "salford-grounds-maintenance" / "index.html"
    text = " ".join(lxml_html.fromstring(grounds.read_text(encoding="utf-8")).xpath("string(//article)").split())
    assert "named in 5 places in the plans' text" in text
    results = pagefind_data(page, url, "Grounds Maintenance")
    pages = [result["url"] for result in results]
    assert "/plans/salford-post-ofsted-action-plan-2004/" in pages[:2]  # the team's own page may come first
    for address in [a for a in pages if a.startswith(("/roles/", "/teams/", "/people/", "/audiences/"))]:
        tree = lxml_html.fromstring((site / address.strip("/") / "index.html").read_text(encoding="utf-8"))
        assert tree.xpath("//article//a[contains(@href, '/plans/')]"), f"{address} lists no plan"
    assert [a for a in pagefind_urls(page, url, "Julie Cordiner") if a.startswith("/people/julie-cordiner/")]


def test_a_plan_is_one_result_with_its_actions_beneath(page: Page, pagefind_site):
    _, url = pagefind_site
    results = pagefind_data(page, url, "Best Practice")
    southwark = [r for r in results if r["url"] == "/plans/southwark-edp-2002-07/"]
    assert len(southwark) == 1
    assert "/plans/southwark-edp-2002-07/#5.2-2" in southwark[0]["subs"]


def test_a_plan_headers_labels_and_dates_are_not_indexed(page: Page, pagefind_site):
    _, url = pagefind_site
    southwark = next(r for r in pagefind_data(page, url, "Southwark") if r["url"] == "/plans/southwark-edp-2002-07/")
    assert "Published by" not in southwark["content"] and "Kind of plan" not in southwark["content"]
    assert "About this plan" not in southwark["content"] and "Source document" not in southwark["content"]
    assert "Priority 5 of Southwark's Education Development Plan" in southwark["content"]  # its summary is


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
    found = []
    for base in (url, site_url):  # Pagefind's, then Material's search, from the header's box
        search(page, base, query)
        found.append(result_for(page, plan_id, anchor).get_attribute("href").removeprefix(base))
    assert found[0] == found[1] == f"plans/{plan_id}/#{anchor}"


@pytest.mark.parametrize("width", [1280, 390])
def test_the_header_search_finds_actions_and_passes_axe(page: Page, pagefind_site, width, screenshot_dir):
    _, url = pagefind_site
    page.set_viewport_size({"width": width, "height": 900})
    fetched: dict[str, int] = {}
    page.on(
        "response",
        lambda response: (
            fetched.update({response.url: len(response.body())}) if SEARCH_FILES.search(response.url) else None
        ),
    )
    search(page, url + "plans/worcestershire-laa-delivery-plan-ni-94/", "best practice")
    link = result_for(page, "southwark-edp-2002-07", "5.2-2")
    page.screenshot(path=str(screenshot_dir / f"pagefind-search-{width}.png"))
    found = Axe().run(
        page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]}}
    )
    assert [v["id"] for v in found.response["violations"]] == []
    # plansite's script, Pagefind's script and wasm, the page list, the index chunks of two words
    # and a few pages' texts: not the whole index, and not Pagefind's own interface or its worker
    assert sum(fetched.values()) < 300_000
    assert not [u for u in fetched if "pagefind-ui" in u or "pagefind-worker" in u]
    link.click()
    expect(page.locator("tr[id='5.2-2']")).to_be_in_viewport()


def test_nothing_of_pagefind_loads_before_the_box_is_focused(page: Page, pagefind_site):
    _, url = pagefind_site
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(url + "plans/salford-post-ofsted-action-plan-2004/")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    assert fetched, "no requests recorded"
    assert [u for u in fetched if SEARCH_FILES.search(u)] == []
    page.locator("input[data-md-component=search-query]").focus()
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile("Type to start searching"), timeout=15_000)
    loaded = [u.removeprefix(url) for u in fetched if SEARCH_FILES.search(u)]
    assert "pagefind/pagefind.js" in loaded and "pagefind/plansite-terms.json" in loaded
    assert not [u for u in loaded if "/index/" in u or "/fragment/" in u]  # no words asked for yet


def test_the_first_letters_typed_fetch_no_index_chunks(page: Page, pagefind_site):
    _, url = pagefind_site
    chunks: list[str] = []
    page.on("response", lambda response: chunks.append(response.url) if "/pagefind/index/" in response.url else None)
    search(page, url, "go")
    page.wait_for_timeout(1_000)  # well past the pause after which a longer query is searched
    assert chunks == []
    page.locator("input[data-md-component=search-query]").press_sequentially("vernors", delay=20)
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=15_000)
    assert chunks


def test_the_search_page_opens_the_header_search_with_its_query(page: Page, pagefind_site):
    _, url = pagefind_site
    page.goto(url + "search/")
    page.locator("#ps-search-page-input").fill("recruitment fair")
    page.locator("#ps-search-page-input").press("Enter")
    expect(page).to_have_url(re.compile(r"search/\?q=recruitment\+fair$"))
    result_for(page, "middlesbrough-school-improvement-scrutiny-2014", "k-1")
    assert first_results(page, 1)[0].endswith("#k-1")


def test_a_large_site_uses_pagefind_by_default(site_dir):
    from ..helpers import minimal_plan

    for number in range(3):
        (site_dir / "plans" / f"p{number}.yml").write_text(minimal_plan(f"plan-{number}"), encoding="utf-8")
    config = (site_dir / "mkdocs.yml").read_text(encoding="utf-8")
    (site_dir / "mkdocs.yml").write_text(
        config.replace("      plans_dir: plans\n", "      plans_dir: plans\n      large_site: 2\n"), encoding="utf-8"
    )
    result = run_mkdocs_build(site_dir, site_dir / "site")
    assert result.returncode == 0, result.stderr
    assert (site_dir / "site" / "pagefind" / "pagefind-entry.json").is_file()
    assert not (site_dir / "site" / "search" / "search_index.json").exists()
    (site_dir / "mkdocs.yml").write_text(
        config.replace("      plans_dir: plans\n", "      plans_dir: plans\n      large_site: 3\n"), encoding="utf-8"
    )
    result = run_mkdocs_build(site_dir, site_dir / "site")
    assert result.returncode == 0, result.stderr
    assert (site_dir / "site" / "search" / "search_index.json").is_file()  # three plans: not a large site
    assert not (site_dir / "site" / "pagefind").exists()
