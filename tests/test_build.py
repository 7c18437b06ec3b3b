"""The MkDocs plugin (generator/plugin.py), tested through real strict builds."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from generator.cli import check_paths
from generator.pipeline import load_and_resolve
from generator.render.filters import Filters

from .helpers import PLANS, ROOT, minimal_plan, run_mkdocs_build, set_config, set_plugin_options, soup_of, words, write

pytestmark = pytest.mark.slow  # builds sites or runs git: outside the fast loop


def tree_of(site: Path) -> dict[str, bytes]:
    """Every file of a built site by its path, for byte-for-byte comparison."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def catalogue():
    catalogue, problems = load_and_resolve(PLANS)
    assert problems == []
    return catalogue


def test_every_action_of_the_five_plans_is_on_its_page(built_site, catalogue):
    plain = Filters.plain
    total = 0
    for plan in catalogue.plans:
        page = soup_of(built_site / "plans" / plan.id / "index.html")
        article = page.find("article")
        assert words(article.find("h1").get_text()).startswith(words(plan.title)), plan.id
        for action in plan.actions():
            element = article.find(id=action.id)
            assert element is not None, f"{plan.id}: no element with id {action.id}"
            first_words = words(plain(action.text))[:60]
            assert first_words in words(element.get_text()), f"{plan.id}#{action.id}"
            total += 1
    assert total == 99 + 35 + 21 + 0 + 4


def test_every_field_of_an_action_reaches_the_page(built_site, catalogue):
    plan = catalogue.plan("southwark-edp-2002-07")
    article = soup_of(built_site / "plans" / plan.id / "index.html").find("article")
    assert len(plan.actions()) > 20
    for action in plan.actions():
        row = words(article.find(id=action.id).get_text())
        for mention in action.responsible + action.audience:
            assert words(mention.text) in row, (action.id, mention.text)
        assert words(action.monitoring.text) in row
        assert words(action.timescale.text) in row
        if action.label:
            assert action.label in row


def test_every_group_section_indicator_and_risk_is_on_its_page(built_site, catalogue):
    assert len(catalogue.plans) == 5
    for plan in catalogue.plans:
        article = soup_of(built_site / "plans" / plan.id / "index.html").find("article")
        text = words(article.get_text())
        for group, _ in plan.walk_groups():
            assert article.find(id=group.id) is not None, (plan.id, group.id)
        for section, _ in plan.walk_sections():
            heading = article.find(id=section.id)
            assert heading is not None and heading.name in {"h2", "h3", "h4"}, (plan.id, section.id)
        for indicator in plan.indicators:
            assert article.find(id=indicator.id) is not None
        for risk in plan.risks:
            assert words(Filters.plain(risk.description)) in text
        for note in plan.source.notes:
            assert words(note) in text


def test_tables_have_captions_and_scoped_headers(built_site, catalogue):
    checked = 0
    for page in ["index.html", "glossary/index.html", "whats-on/index.html"] + [
        f"plans/{p.id}/index.html" for p in catalogue.plans
    ]:
        tables = soup_of(built_site / page).find("article").find_all("table")
        checked += len(tables)
        for table in tables:
            assert table.find("caption") is not None, page
            for header in table.find_all("th"):
                assert header.get("scope") in {"col", "row", "rowgroup"}, (page, header)
    assert checked > 10


def test_home_page_lists_every_plan_with_its_facts(built_site, catalogue):
    table = soup_of(built_site / "index.html").find("table", class_="ps-plans")
    rows = table.find("tbody").find_all("tr")
    assert len(rows) == len(catalogue.plans) == 5
    for row, plan in zip(rows, catalogue.plans):
        cells = {cell["data-label"]: words(cell.get_text()) for cell in row.find_all(["th", "td"])}
        assert cells["Plan"].startswith(words(plan.title))
        assert cells["Organisation"] == catalogue.organisation_name(plan.organisation)
        assert cells["Status"].startswith(Filters.label(plan.status).split(" ")[0]) or "Reported" in cells["Status"]
        link = row.find("a")["href"]
        assert (built_site / link / "index.html").exists()


def test_salford_grid_reads_like_the_original(built_site):
    article = soup_of(built_site / "plans" / "salford-post-ofsted-action-plan-2004" / "index.html").find("article")
    grid = article.find("table", class_="ps-grid")
    headers = [words(th.get_text()) for th in grid.find("thead").find_all("th")]
    assert headers == [
        "Strategic priority",
        "March 2004 – May 2004",
        "June 2004 – August 2004",
        "September 2004 – November 2004",
        "December 2004 – February 2005",
        "March 2005 – May 2005",
    ]
    counts = {
        words(row.find("th").get_text()): [len(td.find_all("li")) for td in row.find_all("td")]
        for row in grid.find("tbody").find_all("tr")
    }
    assert counts == {
        "Strategic Planning and Resources": [7, 5, 4, 3, 1],
        "Integrated Services": [4, 4, 4, 1, 0],
        "Special Educational Needs, Inclusion & Access": [16, 14, 6, 5, 2],
        "Curriculum, Governance and Teacher Development": [5, 10, 5, 1, 2],
    }


def test_abbreviations_are_expanded_on_pages(built_site):
    article = soup_of(built_site / "plans" / "salford-post-ofsted-action-plan-2004" / "index.html").find("article")
    titles = {abbr.get_text(): abbr["title"] for abbr in article.find_all("abbr")}
    assert titles["EWOs"] == titles.get("EWO", titles["EWOs"])
    assert "Education Welfare Officer" in titles["EWOs"]


def test_internal_links_and_anchors_resolve(built_site):
    pages = {p: soup_of(p) for p in built_site.rglob("*.html")}
    ids = {p: {e["id"] for e in s.find_all(id=True)} for p, s in pages.items()}
    broken = []
    for path, soup in pages.items():
        for link in soup.find_all("a", href=True):
            href = link["href"]
            if re.match(r"^[a-z]+:", href) or href.startswith("//"):
                continue
            target, _, anchor = href.partition("#")
            target = target.partition("?")[0]  # the explorer keeps its filters in the query
            if target.startswith("/"):  # the 404 page links from the site root
                destination = (built_site / target.lstrip("/")).resolve()
            else:
                destination = (path.parent / target).resolve() if target else path
            if target.endswith("/") or destination.is_dir():
                destination = destination / "index.html"  # "x.ics/" is not the file x.ics
            if not destination.exists():
                broken.append((path.relative_to(built_site), href))
            elif anchor and anchor not in ids.get(destination, set()):
                broken.append((path.relative_to(built_site), href))
    assert broken == []


def test_no_third_party_assets(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 50
    for path in pages:
        soup = soup_of(path)
        for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src")):
            for element in soup.find_all(tag):
                value = element.get(attribute) or ""
                assert not re.match(r"^(https?:)?//", value), (path, value)


def test_invalid_plan_fails_the_build_with_validate_messages_and_keeps_the_old_site(site_dir):
    write(site_dir / "plans" / "good.yml", minimal_plan("good"))
    site = site_dir / "site"
    first = run_mkdocs_build(site_dir, site)
    assert first.returncode == 0, first.stderr
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}

    write(site_dir / "plans" / "bad.yml", minimal_plan("bad") + "titel: x\nsummary: [x]\n")
    second = run_mkdocs_build(site_dir, site)
    assert second.returncode == 1
    problems, _ = check_paths(site_dir / "plans", [])
    assert len(problems) == 2
    for problem in problems:
        assert Path(problem.file).name == "bad.yml"
        assert f"bad.yml:{problem.line}:{problem.column}: error: {problem.message}" in second.stderr
    assert "Traceback" not in second.stderr
    after = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before, "a failed build must leave the previous site untouched"


def test_a_build_failing_late_leaves_the_old_site_and_no_staging_folder(site_dir):
    # A strict-mode warning aborts MkDocs only after every page is written: the build goes to a
    # staging folder, so the published site is replaced only when the whole build succeeded.
    write(site_dir / "plans" / "good.yml", minimal_plan("good"))
    site = site_dir / "site"
    assert run_mkdocs_build(site_dir, site).returncode == 0
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert (site / "plans" / "good" / "index.html").is_file()

    write(site_dir / "plans" / "second.yml", minimal_plan("second"))
    (site_dir / "docs" / "about.md").write_text("# About\n\n[gone](missing.md)\n", encoding="utf-8")
    failed = run_mkdocs_build(site_dir, site)
    assert failed.returncode == 1
    assert "missing.md" in failed.stderr and "strict mode" in failed.stdout + failed.stderr
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in site_dir.iterdir() if p.name.startswith(".site")) == []

    (site_dir / "docs" / "about.md").write_text("# About\n", encoding="utf-8")
    assert run_mkdocs_build(site_dir, site).returncode == 0
    assert (site / "plans" / "second" / "index.html").is_file()
    assert oct(site.stat().st_mode & 0o777) == "0o755"
    assert sorted(p.name for p in site_dir.iterdir() if p.name.startswith(".site")) == []


def test_generated_pages_are_identical_across_builds(site_dir, tmp_path):
    write(site_dir / "plans" / "a.yml", minimal_plan("a", summary="summary: Words for SENCOs.\n"))
    one, two = tmp_path / "one", tmp_path / "two"
    assert run_mkdocs_build(site_dir, one, SOURCE_DATE_EPOCH="1416441600").returncode == 0
    assert run_mkdocs_build(site_dir, two, SOURCE_DATE_EPOCH="1416441600").returncode == 0
    assert tree_of(one) == tree_of(two)
    note = soup_of(one / "whats-on" / "index.html").find(attrs={"data-now-note": True})
    assert note["data-build-date"] == "2014-11-20"  # SOURCE_DATE_EPOCH, not the clock


def test_two_builds_of_the_real_site_are_byte_identical(tmp_path):
    # Every file: pages, sitemap.xml(.gz), search index, calendars, open data, assets.
    one, two = tmp_path / "one", tmp_path / "two"
    for site in (one, two):
        result = run_mkdocs_build(ROOT, site, SOURCE_DATE_EPOCH="1416441600")
        assert result.returncode == 0, result.stderr
    first, second = tree_of(one), tree_of(two)
    assert len(first) > 200 and {"sitemap.xml.gz", "plans.json", "actions.csv", "plans.ics"} <= set(first)
    assert sorted(first) == sorted(second)
    assert [path for path in first if first[path] != second[path]] == []


def test_plugin_watches_the_plans_folder(site_dir):
    from mkdocs.config import load_config

    config = load_config(str(site_dir / "mkdocs.yml"))
    config = config.plugins.on_config(config)
    assert str(site_dir / "plans") in [str(Path(p)) for p in config.watch]


def test_a_docs_page_may_not_shadow_a_generated_page(site_dir):
    write(site_dir / "plans" / "a.yml", minimal_plan("a"))
    write(site_dir / "docs" / "glossary.md", "# Mine\n")
    result = run_mkdocs_build(site_dir, site_dir / "site")
    assert result.returncode == 1
    assert "docs/glossary.md would be replaced by a generated page" in result.stderr


def test_ni_94_page_has_its_chart_table_and_links_both_ways(built_site):
    page = soup_of(built_site / "indicators" / "worcestershire-laa-delivery-plan-ni-94" / "ni-94" / "index.html")
    article = page.find("article")
    rows = [
        [words(c.get_text()) for c in tr.find_all(["th", "td"])] for tr in article.select("table.ps-values tbody tr")
    ]
    assert rows == [
        ["Baseline", "2008", "72% (2008)"],
        ["Target", "2008/09", "84%"],
        ["Target", "2009/10", "84%"],
        ["Target", "2010/11", "Not set"],
    ]
    svg = article.find("svg")
    assert svg["role"] == "img"
    described = " ".join(svg["aria-labelledby"].split())
    assert svg.find(id=described.split()[0]) is not None
    assert "72%" in svg.find("desc").get_text() and "not set" in svg.find("desc").get_text()
    to_plan = article.find("a", href="../../../plans/worcestershire-laa-delivery-plan-ni-94/#ni-94")
    assert to_plan is not None
    plan = soup_of(built_site / "plans" / "worcestershire-laa-delivery-plan-ni-94" / "index.html")
    assert plan.find("a", href="../../indicators/worcestershire-laa-delivery-plan-ni-94/ni-94/") is not None
    dependency = [words(li.get_text()) for li in article.select("#dependencies ~ ul li")][0]
    assert dependency.startswith("LAA priority: NI 73 (not published on this site)")


def test_relations_page_lists_every_link_and_draws_them(built_site):
    page = soup_of(built_site / "relations" / "index.html").find("article")
    items = [words(li.get_text()) for li in page.select(".ps-relations-list li")]
    assert (
        "Worcestershire Local Area Agreement 2008-11 Delivery Plan depends on NI 73 (not published on this site)."
        in items
    )
    assert len(items) == 4
    svg = page.find("svg")
    assert svg["role"] == "img" and svg.find("title").get_text() == "How the plans relate"
    assert len(svg.find_all("path")) >= 4


def test_data_page_and_plan_pages_link_the_open_data(built_site):
    page = soup_of(built_site / "data" / "index.html").find("article")
    licence = page.find(class_="ps-licence")
    assert "Open Government Licence v3.0" in licence.get_text()
    hrefs = {a["href"] for a in page.find_all("a", href=True)}
    assert {"../actions.csv", "../plans.json", "../plans.ics", "../plans/southwark-edp-2002-07.csv"} <= hrefs
    plan = soup_of(built_site / "plans" / "southwark-edp-2002-07" / "index.html").find(class_="ps-downloads")
    assert [a["href"] for a in plan.find_all("a")][:3] == [
        "../southwark-edp-2002-07.csv",
        "../southwark-edp-2002-07.json",
        "../southwark-edp-2002-07.ics",
    ]
    assert (built_site / "actions.csv").read_bytes().startswith(b"\xef\xbb\xbfplan_id,")


def test_search_index_has_an_entry_for_every_action_at_its_anchor(built_site, catalogue):
    import json

    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"]: doc for doc in index["docs"]}
    for plan in catalogue.plans:
        page = soup_of(built_site / "plans" / plan.id / "index.html")
        for action in plan.actions():
            entry = locations.get(f"plans/{plan.id}/#{action.id}")
            assert entry is not None, (plan.id, action.id)
            assert page.find(id=action.id) is not None
            # an action's own words are its entry's title; the rest of its words its other fields
            assert html.escape(words(Filters.plain(action.text))[:40], quote=False) in entry["title"]
    southwark = " ".join(str(value) for value in locations["plans/southwark-edp-2002-07/#5.1-1"].values())
    assert "Head of School Improvement" in southwark and "Activity 5.1" in southwark


def test_bulky_views_stay_out_of_the_search_index(built_site):
    import json

    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts = " ".join(doc.get("text", "") for doc in index["docs"])
    assert len(index["docs"]) > 150 and texts  # plan pages and every action are indexed...
    assert "Monitoring or reported to (5 actions)" not in texts  # ...the matrix cells are not
    assert "under way, dates approximate" not in texts  # nor the timeline cells


def test_themes_are_tags_on_plan_pages_and_in_search(built_site):
    import json

    page = soup_of(built_site / "plans" / "essex-school-improvement-model-2017" / "index.html")
    tags = sorted(words(t.get_text()) for t in page.select(".md-tags .md-tag"))
    assert tags == ["Safeguarding", "School improvement", "Traded services"]
    themes = soup_of(built_site / "themes" / "index.html").find("article")
    assert "The Proposed Model for the LA School Improvement Team 2017/18" in themes.get_text()
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    entry = next(d for d in index["docs"] if d["location"] == "plans/southwark-edp-2002-07/#5.5-2")
    assert "ICT" in entry["t"]  # an action's themes are a field of their own, weighted below its words


def test_the_open_data_licence_is_configurable(site_dir):
    write(site_dir / "plans" / "a.yml", minimal_plan("a"))
    set_plugin_options(
        site_dir / "mkdocs.yml",
        licence_name="Creative Commons BY 4.0",
        licence_url="https://creativecommons.org/licenses/by/4.0/",
    )
    assert run_mkdocs_build(site_dir, site_dir / "site").returncode == 0
    licence = soup_of(site_dir / "site" / "data" / "index.html").find(class_="ps-licence")
    assert licence.find("a")["href"] == "https://creativecommons.org/licenses/by/4.0/"
    assert "Creative Commons BY 4.0" in licence.get_text()


def test_edit_links_open_the_plans_yaml(site_dir):
    write(site_dir / "plans" / "a.yml", minimal_plan("a"))
    set_config(site_dir / "mkdocs.yml", repo_url="https://example.org/council/plans", edit_uri="edit/main/docs/")
    assert run_mkdocs_build(site_dir, site_dir / "site").returncode == 0
    page = soup_of(site_dir / "site" / "plans" / "a" / "index.html")
    edit = page.select_one("a.md-content__button[href*='/edit/']")
    assert edit["href"] == "https://example.org/council/plans/edit/main/plans/a.yml"


def test_how_to_edit_lists_every_field_of_the_schema(built_site):
    from generator.model.plan import Action, Plan

    page = soup_of(built_site / "how-to-edit" / "index.html").find("article")
    for model in (Plan, Action):
        table = page.find(id=f"field-{model.__name__.lower()}").find_next("table")
        names = [words(th.get_text()) for th in table.select("tbody th")]
        assert names == list(model.model_fields), model.__name__
    action = page.find(id="field-action").find_next("table")
    rows = {
        words(r.find("th").get_text()): [words(td.get_text()) for td in r.find_all("td")]
        for r in action.select("tbody tr")
    }
    assert rows["text"] == ["Markdown text", "Yes", "What will be done, as written."]
    assert rows["timescale"][0] == "text or Timescale"


def test_every_page_links_the_accessibility_statement(built_site):
    statement = soup_of(built_site / "accessibility" / "index.html").find("article")
    for section in ("using", "contact", "reporting", "enforcement", "compliance", "non-accessible", "preparation"):
        assert statement.find(id=section) is not None, section
    for path in list(built_site.glob("*/index.html"))[:10] + [built_site / "index.html"]:
        footer = soup_of(path).find("footer")
        link = footer.find("a", string="Accessibility statement")
        assert link is not None, path
        assert (path.parent / link["href"]).resolve() == (built_site / "accessibility").resolve()


def test_the_accessibility_contact_and_review_date_are_configurable(site_dir):
    write(site_dir / "plans" / "a.yml", minimal_plan("a"))
    config = (
        (site_dir / "mkdocs.yml")
        .read_text(encoding="utf-8")
        .replace(
            "      plans_dir: plans\n",
            "      plans_dir: plans\n      accessibility_contact: web@testshire.gov.uk\n      accessibility_reviewed: 1 December 2026\n",
        )
    )
    (site_dir / "mkdocs.yml").write_text(config, encoding="utf-8")
    assert run_mkdocs_build(site_dir, site_dir / "site").returncode == 0
    statement = soup_of(site_dir / "site" / "accessibility" / "index.html").find("article")
    assert statement.find("a", href="mailto:web@testshire.gov.uk") is not None
    assert "last reviewed on 1 December 2026" in words(statement.get_text())
