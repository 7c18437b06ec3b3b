"""People on groups and findings (issue 18): a group's lead, partners, monitoring and
evaluation are registry mentions that count for each of its actions (so a review group's
page lists what it monitors); findings hold strengths, weaknesses, paragraph references and
a grade."""

from __future__ import annotations

from collections import Counter

from bs4 import BeautifulSoup

from generator.pipeline import load_and_resolve
from generator.problems import Severity
from generator.render.site import render_site
from generator.resolve.parties import Part

from .assessment import BUILD_DATE, PLAN, assessment, errors, page, plan_yaml, problems, resolved, site
from .helpers import PLANS, words


def parts_of(catalogue, key: str) -> Counter:
    """How a party takes part, counted by (part, action id or group id)."""
    return Counter(
        (i.part, i.action.id if i.action else (i.group.id if i.group else None))
        for i in catalogue.directory.involvements.get(key, [])
    )


def test_a_groups_lead_partners_and_monitoring_count_for_each_of_its_actions():
    catalogue, _ = assessment()
    assert parts_of(catalogue, "role:testshire-director") == Counter(
        {(Part.responsible, "rec-1-1.1"): 1, (Part.responsible, "rec-1-1.2"): 1}
    )
    assert parts_of(catalogue, "team:testshire-partnership") == Counter(
        {(Part.partner, "rec-1-1.1"): 1, (Part.partner, "rec-1-1.2"): 1}
    )
    assert set(parts_of(catalogue, "team:testshire-review-group")) == {
        (Part.monitoring, "rec-1-1.1"),
        (Part.monitoring, "rec-1-1.2"),
    }
    for body in ("team:testshire-leadership-team", "team:testshire-scrutiny"):
        assert set(parts_of(catalogue, body)) == {(Part.reported_to, "rec-1-1.1"), (Part.reported_to, "rec-1-1.2")}


def test_a_bodys_page_no_longer_says_it_takes_part_in_nothing():
    soup = page("teams/testshire-review-group.md")
    assert words(soup.find(class_="ps-party-kind").get_text()).endswith("takes part in 2 actions.")
    assert words(soup.find("caption").get_text()) == "Testshire post-inspection plan: 2 actions"
    scrutiny = page("teams/testshire-scrutiny.md")
    assert words(scrutiny.find(class_="ps-party-kind").get_text()).endswith("takes part in 2 actions.")


def test_the_group_shows_its_people_with_links_to_their_pages():
    group = page(f"plans/{PLAN}.md").find(attrs={"data-group": "rec-1"})
    people = {words(div.find("dt").get_text()): div for div in group.select("dl.ps-group__people > div")}
    assert list(people) == ["Lead", "Partners", "Monitoring"]
    assert [a["href"] for a in people["Lead"].select("a")] == ["../../roles/testshire-director/"]
    monitoring = people["Monitoring"]
    assert words(monitoring.find("dd").get_text()) == (
        "Termly report by the Improvement Review Group to the Leadership Team and the Learning Scrutiny Committee"
    )
    assert [a.get_text() for a in monitoring.select("a")] == [
        "Improvement Review Group",
        "Leadership Team",
        "Learning Scrutiny Committee",
    ]


def test_a_lead_also_named_on_an_action_takes_part_in_it_once(tmp_path):
    body = """\
    groups:
      - label: "1"
        lead: [Director of Learning]
        actions:
          - text: An action the director also owns
            responsible: [Director of Learning]
          - text: Another
    """
    catalogue, found = resolved(site(tmp_path, plan=plan_yaml(body=body)))
    assert found == []
    assert parts_of(catalogue, "role:testshire-director") == Counter(
        {(Part.responsible, "1-1"): 1, (Part.responsible, "1-2"): 1}
    )


def test_a_lead_of_a_group_without_actions_is_named_with_the_plan(tmp_path):
    body = """\
    groups:
      - label: "1"
        lead: [Director of Learning]
        success_criteria: [Every school has a plan]
    """
    catalogue, found = resolved(site(tmp_path, plan=plan_yaml(body=body)))
    assert found == []
    assert parts_of(catalogue, "role:testshire-director") == Counter({(Part.lead, "1"): 1})


def test_an_unknown_name_on_a_group_is_a_warning_at_its_place(tmp_path):
    body = """\
    groups:
      - label: "1"
        monitoring:
          - text: Reported to the Nobody Board
            to: [Nobody Board]
    """
    found = problems(tmp_path, plan=plan_yaml(body=body))
    assert [(p.severity, p.line, p.column, p.message) for p in found] == [
        (Severity.warning, 12, 14, "'Nobody Board' is not in the registry")
    ]


def test_southwark_evaluators_pages_list_what_they_evaluate():
    catalogue, found = load_and_resolve(PLANS)
    assert found == []
    plan = catalogue.plan("southwark-edp-2002-07")
    by_activity = {group.id: {a.id for a in group.actions} for group in plan.groups[0].groups}
    principal = {
        i.action.id
        for i in catalogue.directory.involvements["role:southwark-principal-adviser"]
        if i.part is Part.monitoring and i.action is not None
    }
    # "Analysis of link adviser review visits termly by Principal Adviser": activities 5.1 to 5.5
    assert principal == set().union(*(by_activity[a] for a in ("5.1", "5.2", "5.3", "5.4", "5.5")))
    mias = catalogue.directory.involvements["role:southwark-head-of-mias"]
    assert {i.action.id for i in mias if i.part is Part.monitoring} >= by_activity["5.6"]
    pages = render_site(catalogue, BUILD_DATE)
    soup = BeautifulSoup(pages["roles/southwark-link-adviser.md"], "html.parser")
    assert words(soup.find(class_="ps-party-kind").get_text()).startswith(
        "Role, London Borough of Southwark: takes part in 31 actions"
    )


# --- findings --------------------------------------------------------------------------


def test_findings_show_grade_strengths_and_weaknesses_with_paragraphs():
    findings = page(f"plans/{PLAN}.md").find(attrs={"data-group": "rec-1"}).find(class_="ps-findings")
    assert words(findings.find("h3").get_text()) == "Findings: Inspection report, January 2004"
    meta = {words(d.find("dt").get_text()): words(d.find("dd").get_text()) for d in findings.select("dl > div")}
    assert meta == {"Grade": "5 (1 (excellent) to 7 (very poor))", "Paragraph": "31"}
    strengths = [words(li.get_text()) for li in findings.select(".ps-findings__strengths li")]
    weaknesses = [words(li.get_text()) for li in findings.select(".ps-findings__weaknesses li")]
    assert strengths == ["Advisers know their schools well. (paragraph 32)"]
    assert weaknesses == ["Challenge is not followed up. (paragraphs 33, 35-36)"]


def test_findings_mistakes_are_errors_at_their_place(tmp_path):
    body = """\
    groups:
      - label: "1"
        findings:
          paragraph: ["12"]
      - label: "2"
        findings:
          source: An inspection
    """
    assert errors(tmp_path, plan=plan_yaml(body=body)) == [
        "plan.yml:11:7: unknown field 'paragraph' in groups[0].findings",
        "plan.yml:14:7: groups[1].findings: findings need at least a grade, a summary, a strength or a weakness",
    ]
