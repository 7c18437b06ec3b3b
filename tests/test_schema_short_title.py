"""A short title names a plan in passing (issue 18): on the relations page, in backlinks,
What's on and calendars. Two plans that would read the same (a plan and its appendix) are
never shown as "X monitors X"."""

from __future__ import annotations

from bs4 import BeautifulSoup

from generator.render.site import render_site
from generator.resolve.relations import plan_graph

from .assessment import APPENDIX, BUILD_DATE, PLAN, REPORT, assessment, page, plan_yaml, resolved, site
from .helpers import words

MAIN = "main-plan"
APPENDED = "main-plan-appendix"


def two_plans_with_one_title(tmp_path, short: str = "") -> tuple:
    appendix = plan_yaml(
        APPENDED,
        f"""\
        {short}
        links:
          - {{text: The plan it belongs to, ref: {MAIN}, relation: monitors}}
        success_criteria: [Every school has a plan]
        """,
    )
    catalogue, found = resolved(site(tmp_path, main=plan_yaml(MAIN), appendix=appendix))
    assert found == []
    return catalogue


def test_two_plans_with_one_title_never_read_as_one_monitoring_itself(tmp_path):
    catalogue = two_plans_with_one_title(tmp_path)
    assert {plan.title for plan in catalogue.plans} == {"A test plan"}
    _, edges = plan_graph(catalogue)
    assert [edge.sentence for edge in edges] == ["A test plan (main-plan-appendix) monitors A test plan (main-plan)."]
    for edge in edges:
        assert edge.source.title != edge.target.title


def test_a_short_title_names_the_plan_on_the_relations_page(tmp_path):
    catalogue = two_plans_with_one_title(tmp_path, short="short_title: The appendix of criteria")
    _, edges = plan_graph(catalogue)
    assert [edge.sentence for edge in edges] == ["The appendix of criteria monitors A test plan."]
    relations = BeautifulSoup(render_site(catalogue, BUILD_DATE)["relations.md"], "html.parser")
    items = [words(li.get_text()) for li in relations.select(".ps-relations-list li")]
    assert items == ["The appendix of criteria monitors A test plan."]


def test_the_short_title_names_a_plan_in_passing_and_the_title_heads_its_page():
    catalogue, pages = assessment()
    plan = catalogue.plan(PLAN)
    assert pages[f"plans/{PLAN}.md"].startswith(f'---\ntitle: "{plan.title}"\n')  # the page keeps its title
    backlinks = page(f"plans/{PLAN}.md").find(class_="ps-backlinks")
    assert [words(a.get_text()) for a in backlinks.select("a")] == [
        "Testshire post-inspection plan, appendix of criteria",
        "Testshire monitoring report, July 2004",
    ]
    whats_on = page("whats-on.md")
    plans = {words(td.get_text()) for td in whats_on.select("td[data-label=Plan]")}
    assert plans == {"Testshire post-inspection plan", "Testshire post-inspection plan, appendix of criteria"}
    options = [words(o.get_text()) for o in whats_on.select("#ps-filter-plan option")][1:]
    assert options == ["Testshire post-inspection plan", "Testshire post-inspection plan, appendix of criteria"]
    home = page("index.md")
    assert catalogue.plan(APPENDIX).title in home.get_text()  # lists give the full title
    assert catalogue.plan(REPORT).name == "Testshire monitoring report, July 2004"
