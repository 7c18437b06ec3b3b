"""A large plan's responsibility matrix and timeline on pages of their own
(LARGE_PLAN, PLAN_VIEWS): the plan page links to them where they would be,
and their links lead back to the plan page's parts and actions."""

from __future__ import annotations

import html
import json
import posixpath
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from bench.corpus import write_corpus
from generator.pipeline import generate
from generator.render.pages.plan import LARGE_PLAN
from generator.site_map import page_url, plan_page, plan_view_page

pytestmark = pytest.mark.slow  # builds sites or runs git: outside the fast loop


def soup(markdown: str) -> BeautifulSoup:
    return BeautifulSoup(markdown, "html.parser")


def site_of(tmp_path: Path, actions: int):
    plans = write_corpus(tmp_path / f"corpus-{actions}", plans=3, actions=actions, seed=3)
    site = generate(plans, history=False)
    return site, sorted(p.stem for p in plans.glob("*.yml"))


def target_of(href: str, here: str) -> tuple[str, str]:
    """(site URL, anchor) a relative link on the page ``here`` leads to."""
    path, _, anchor = href.partition("#")
    base = page_url(here)
    return posixpath.normpath(posixpath.join(base, path or ".")) + "/", anchor


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    return site_of(tmp_path_factory.mktemp("large"), LARGE_PLAN + 1)


def test_a_large_plan_links_to_its_matrix_and_timeline_instead_of_showing_them(large):
    site, ids = large
    moved = 0
    for plan_id in ids:
        here = plan_page(plan_id)
        page = soup(site.text(here))
        assert page.find("table", class_="ps-matrix") is None
        assert page.find("table", class_="ps-timeline") is None
        for view in ("who-does-what", "timeline"):
            sub = plan_view_page(plan_id, view)
            if sub not in site.files:
                continue
            moved += 1
            links = [a for p in page.select("p.ps-view-link") for a in p.find_all("a")]
            assert [a for a in links if target_of(a["href"], here)[0] == page_url(sub)], (plan_id, view)
            assert site.sources[sub] == site.sources[here]  # "edit this page" opens the plan's file
    assert moved >= 4  # the corpus's plans with owners and dated actions


def test_the_sub_pages_show_the_matrix_and_timeline_and_lead_back(large):
    site, ids = large
    assert ids
    for plan_id in ids:
        here = plan_page(plan_id)
        anchors = {tag["id"] for tag in soup(site.text(here)).find_all(id=True)}
        anchors |= {
            line.rsplit("{#", 1)[1].rstrip("}")
            for line in site.text(here).splitlines()
            if line.startswith("#") and "{#" in line
        }
        for view, table in (("who-does-what", "ps-matrix"), ("timeline", "ps-timeline")):
            sub = plan_view_page(plan_id, view)
            if sub not in site.files:
                continue
            page = soup(site.text(sub))
            assert page.find("table", class_=table).find("caption") is not None
            front, plan_front = site.text(sub).split("---")[1], site.text(here).split("---")[1]
            assert "exclude: true" in front  # out of the site search, like history pages
            printed = [line for line in front.splitlines() if line.startswith("print_date: ")]
            assert printed and printed[0] in plan_front.splitlines()  # printed sheets carry the plan's date
            links = [a["href"] for a in page.find("table", class_=table).find_all("a") if "#" in a["href"]]
            assert links
            for href in links:
                url, anchor = target_of(href, sub)
                assert url == page_url(here), href
                assert anchor in anchors, (sub, href)


def test_a_plan_at_the_threshold_keeps_both_on_its_page(tmp_path):
    site, ids = site_of(tmp_path, LARGE_PLAN)
    assert not [
        path for path in site.files if path.count("/") == 2 and path.startswith("plans/") and path.endswith(".md")
    ]
    shown = [soup(site.text(plan_page(plan_id))) for plan_id in ids]
    assert any(page.find("table", class_="ps-matrix") for page in shown)
    assert any(page.find("table", class_="ps-timeline") for page in shown)
    assert not any(page.select("p.ps-view-link") for page in shown)


def test_plan_text_on_the_sub_pages_is_escaped_never_markup(tmp_path):
    plans = write_corpus(tmp_path / "hostile", plans=1, actions=LARGE_PLAN + 1, seed=3)
    path = next(plans.glob("*.yml"))
    hostile = "<img src=x onerror=alert(1)> {{ 7 * 7 }} *not emphasis*"
    text = path.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title: "))
    path.write_text(text.replace(title, "title: " + json.dumps(hostile), 1), encoding="utf-8")
    site = generate(plans, history=False)
    subs = [page for page in site.files if page.startswith(f"plans/{path.stem}/")]
    assert subs
    for sub in subs:
        page = soup(site.text(sub))
        assert page.find("img") is None and page.find("em") is None
        assert hostile in page.find("p", class_="ps-lede").get_text()  # as written: not markup, not a template
        title = json.loads(site.text(sub).split("---")[1].split("title: ", 1)[1].splitlines()[0])
        assert html.unescape(title).endswith(hostile) and "<img" not in title
