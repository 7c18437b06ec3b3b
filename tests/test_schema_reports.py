"""Monitoring reports (issue 18): a plan kind that ``reports_on`` another plan and records
progress on its items at a day or a month; checked with positions; the reported plan's
pages show the latest progress and link to the report."""

from __future__ import annotations

import json
import shutil

import pytest

from generator.model.fields import Month
from generator.outputs.open_data import open_data
from generator.resolve.relations import plan_graph

from .assessment import ASSESSMENT, BUILD_DATE, PLAN, REPORT, assessment, errors, page, plan_yaml, resolved, site
from .helpers import words

REPORTED = """\
indicators:
  - {id: kpi-1, code: KPI 1, description: Schools judged good}
groups:
  - id: rec-1
    label: "1"
    success_criteria: [Every school has a plan]
    actions:
      - {label: "1.1", text: Agree a plan with each school}
"""


def test_each_item_has_its_reported_progress_oldest_first():
    catalogue, _ = assessment()
    reported = catalogue.reported
    assert [plan.id for plan in reported.reports[PLAN]] == [REPORT]
    assert sorted(reported.items[PLAN]) == ["criterion-1.4-3.4", "rec-1-1.1", "rec-1-1.2"]
    latest = reported.latest(PLAN, "rec-1-1.2")
    assert (latest.date.isoformat(), latest.entry.status.value, latest.anchor) == (
        "2004-06-15",
        "in-progress",
        "progress-report-rec-1-2",
    )
    assert reported.latest(PLAN, "rec-1-1.1").date == Month(2004, 7)  # the report's as_of
    assert reported.latest(PLAN, "rec-2-2.1") is None


def test_the_reported_plan_shows_the_latest_progress_and_links_to_the_report():
    row = page(f"plans/{PLAN}.md").find("tr", id="rec-1-1.2")
    reported = row.find(class_="ps-reported")
    assert words(reported.get_text()) == (
        "Latest progress reported, 15 June 2004, in Testshire monitoring report, July 2004: In progress "
        "Four of six reviews held."
    )
    link = reported.find("a")["href"]
    assert link == f"../{REPORT}/#progress-report-rec-1-2"
    report = page(f"plans/{REPORT}.md")
    target = report.find("tr", id="progress-report-rec-1-2")
    assert target is not None
    assert target.find("a")["href"] == f"../{PLAN}/#rec-1-1.2"
    assert (
        words(target.find("td", attrs={"data-label": "Commentary"}).get_text()) == "The last two are booked for July."
    )


def test_both_plans_say_which_reports_on_which():
    plan_meta = page(f"plans/{PLAN}.md").find("dl", class_="ps-glance")
    rows = {words(div.find("dt").get_text()): div for div in plan_meta.find_all("div", recursive=False)}
    assert (
        words(rows["Monitoring report"].get_text())
        == "Monitoring report Testshire monitoring report, July 2004 (July 2004)"
    )
    report = page(f"plans/{REPORT}.md")
    rows = {
        words(div.find("dt").get_text()): div
        for div in report.find("dl", class_="ps-glance").find_all("div", recursive=False)
    }
    assert rows["Reports on"].find("a")["href"] == f"../{PLAN}/"
    assert words(rows["Progress as of"].get_text()) == "Progress as of July 2004"
    assert words(rows["Whose"].get_text()).startswith("Whose Monitoring report published by")
    about = report.find(class_="ps-about").find("dl")
    rows = {words(div.find("dt").get_text()): div for div in about.find_all("div", recursive=False)}
    assert words(rows["Kind of plan"].get_text()) == "Kind of plan Monitoring report"


def test_a_report_is_a_monitors_link_between_the_plans():
    catalogue, _ = assessment()
    _, edges = plan_graph(catalogue)
    sentences = [edge.sentence for edge in edges]
    assert "Testshire monitoring report, July 2004 monitors Testshire post-inspection plan." in sentences


def test_report_findings_and_progress_are_shown_on_the_reports_page():
    group = page(f"plans/{REPORT}.md").find(attrs={"data-group": "report-rec-1"})
    assert words(group.find(class_="ps-findings").find("dd").get_text()) == "4"
    table = group.find("table", class_="ps-progress-table")
    headings = [words(th.get_text()) for th in table.select("thead th")]
    assert headings == ["Item", "When", "Status", "Progress", "Commentary", "Evidence"]
    items = [words(th.get_text()) for th in table.select("tbody th")]
    assert items == [
        "1.1 Agree a plan with each school causing concern.",
        "1.2 Review each plan with its headteacher.",
    ]
    whens = [td.find("time")["datetime"] for td in table.select("td[data-label=When]")]
    assert whens == ["2004-07", "2004-06-15"]


def test_reported_progress_is_open_data_of_both_plans():
    catalogue, _ = assessment()
    files = open_data(catalogue, BUILD_DATE)
    report = json.loads(files[f"plans/{REPORT}.json"])["plan"]
    assert (report["reports_on"], report["as_of"]) == (PLAN, "2004-07")
    assert report["groups"][0]["progress"][1]["date"] == "2004-06-15"
    derived = json.loads(files[f"plans/{PLAN}.json"])["derived"]["reported"]
    assert derived["rec-1-1.2"] == {"report": REPORT, "date": "2004-06-15", "status": "in-progress"}
    assert derived["criterion-1.4-3.4"] == {
        "report": REPORT,
        "date": "2004-07",
        "status": "in-progress",
        "rag": "amber",
    }


# --- mistakes, each at its place ---------------------------------------------------------


def test_a_monitoring_report_must_say_what_it_reports_on(tmp_path):
    assert errors(tmp_path, report=plan_yaml("report", kind="monitoring-report")) == [
        "report.yml:4:7: a monitoring report needs `reports_on`: the id of the plan it reports on",
    ]


def test_progress_without_reports_on_is_an_error_at_the_entry(tmp_path):
    body = """\
    progress:
      - {"on": rec-1-1.1, status: complete}
    """
    assert errors(tmp_path, report=plan_yaml("report", body)) == [
        "report.yml:9:5: progress on another plan's items needs `reports_on`: the id of the plan reported on",
    ]


def test_each_entry_names_an_item_of_the_reported_plan_and_has_a_date(tmp_path):
    body = """\
    reports_on: reported
    groups:
      - label: "1"
        progress:
          - {"on": rec-1-1.1, status: complete}
          - {"on": rec-1-9.9, date: 2004-07, status: complete}
          - {"on": rec-1-criterion-1, date: 2004-07-15, text: Met in every school}
    """
    assert errors(tmp_path, reported=plan_yaml("reported", REPORTED), report=plan_yaml("report", body)) == [
        "report.yml:12:9: progress on 'rec-1-1.1' has no date",
        "report.yml:13:16: 'rec-1-9.9' is not an action, success criterion or group of 'reported'",
    ]


def test_reports_on_must_name_a_plan_known_to_the_site(tmp_path):
    for value, message in (
        ("nowhere", "reference 'nowhere' points at nothing known to this site"),
        ("reported#rec-1", "`reports_on` names a part of a plan ('reported#rec-1'); give the plan's id alone"),
        ("report", "a plan cannot report on itself"),
    ):
        body = f"reports_on: {value}\nas_of: 2004-07\n"
        found = errors(
            tmp_path / value.replace("#", "-"),
            reported=plan_yaml("reported", REPORTED),
            report=plan_yaml("report", body),
        )
        assert found == [f"report.yml:8:13: {message}"], value


def test_dates_are_a_day_or_a_month(tmp_path):
    body = """\
    as_of: July 2004
    groups:
      - label: "1"
        actions:
          - text: An action
            updates:
              - {date: 2004-13, text: A thirteenth month}
              - {date: 2004-02-30, text: No such day}
              - {date: 2004-02, text: A month is enough}
    """
    assert errors(tmp_path, plan=plan_yaml(body=body)) == [
        "plan.yml:8:8: as_of: expected a day as YYYY-MM-DD or a month as YYYY-MM (for example 2004-07), "
        "got the text 'July 2004'",
        "plan.yml:14:20: groups[0].actions[0].updates[0].date: expected a day as YYYY-MM-DD or a month as YYYY-MM "
        "(for example 2004-07), got the text '2004-13'",
        "plan.yml:15:20: groups[0].actions[0].updates[1].date: '2004-02-30' is not a day of the calendar",
    ]


def test_an_update_dated_by_the_month_is_newer_than_one_in_the_month_before(tmp_path):
    body = """\
    groups:
      - label: "1"
        actions:
          - text: An action
            updates:
              - {date: 2004-07, text: Under way, status: in-progress}
              - {date: 2004-06-30, text: Done, status: complete}
    """
    catalogue, found = resolved(site(tmp_path, plan=plan_yaml(body=body)))
    assert found == []
    from generator.resolve.progress import stated_state

    assert stated_state(catalogue.plan("test-plan").actions()[0]).value == "in-progress"


# --- mkdocs serve: the plan-page cache ----------------------------------------------------


@pytest.mark.parametrize("edited", ["report", "reported plan"])
def test_an_edit_to_one_renders_the_others_page_again(tmp_path, edited):
    """In ``mkdocs serve``: a report's progress shows on the reported plan's page, and the
    reported plan's words on the report's page; either edit renders the other page again."""
    from generator.cache import BuildCache
    from generator.pipeline import generate

    plans = tmp_path / "plans"
    shutil.copytree(ASSESSMENT, plans)
    cache = BuildCache()
    generate(plans, cache=cache, history=False)
    if edited == "report":
        path, old, new, shown_on = plans / f"{REPORT}.yml", "Four of six reviews held.", "Five of six held.", PLAN
    else:
        path, old, new, shown_on = plans / f"{PLAN}.yml", "with its headteacher.", "with the head.", REPORT
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    cached = generate(plans, cache=cache, history=False)
    assert new in cached.text(f"plans/{shown_on}.md")
    assert cached.text(f"plans/{shown_on}.md") == generate(plans, history=False).text(f"plans/{shown_on}.md")
