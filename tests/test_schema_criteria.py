"""Success criteria as items (issue 18): at plan and group level, with a label as printed,
a timescale, indicators, status and updates; checked with positions, shown on the plan page
and in What's on, the timeline, the calendars, search and open data, and rolled up apart
from the actions."""

from __future__ import annotations

import csv
import io
import json

import icalendar
import pytest
from bs4 import BeautifulSoup

from generator.outputs.calendars import calendars
from generator.outputs.open_data import CRITERIA_CSV, CRITERIA_CSV_COLUMNS, open_data
from generator.outputs.search import search_entries
from generator.pipeline import load_and_resolve

from .assessment import APPENDIX, BUILD_DATE, PLAN, assessment, errors, page, plan_yaml, resolved, site
from .helpers import PLANS, words

# --- the model ----------------------------------------------------------------------


def test_criteria_are_items_with_ids_made_from_their_group_and_label():
    catalogue, _ = assessment()
    plan = catalogue.plan(PLAN)
    found = [(group.id if group else None, c.id, c.label) for group, c in plan.criteria()]
    assert found == [
        (None, "criterion-1.4-3.4", "1.4 & 3.4"),
        (None, "criterion-2.1", "2.1"),
        ("rec-1", "rec-1-criterion-sc1", "SC1"),
    ]
    first = plan.success_criteria[0]
    assert first.timescale.text == "July 2004 and quarterly"
    assert [u.date.isoformat() for u in first.updates] == ["2004-07"]
    assert plan.success_criteria[1].indicators == ["kpi-1"]
    assert len(plan.actions()) == 3  # criteria are never actions


def test_a_markdown_list_written_the_old_way_is_one_criterion_per_item(tmp_path):
    body = """\
    groups:
      - label: "1"
        success_criteria: |-
          - All schools self-review
          - Targets rise
            by 10%
        evaluation: Annual report by the Head of Standards
      - label: "2"
        success_criteria: One sentence, no list.
    """
    catalogue, found = resolved(site(tmp_path, plan=plan_yaml(body=body)))
    assert found == []
    first, second = catalogue.plan("test-plan").groups
    assert [(c.id, c.text) for c in first.success_criteria] == [
        ("1-criterion-1", "All schools self-review"),
        ("1-criterion-2", "Targets rise\nby 10%"),
    ]
    assert [e.text for e in first.evaluation] == ["Annual report by the Head of Standards"]
    assert [c.text for c in second.success_criteria] == ["One sentence, no list."]


def test_criterion_mistakes_are_errors_at_their_line_and_column(tmp_path):
    body = """\
    indicators:
      - {id: kpi-1, code: KPI 1, description: Schools judged good}
    success_criteria:
      - label: "1.4"
      - text: Measured by something unknown
        indicators: [kpi-1, kpi-9]
      - text: A status nobody uses
        status: met
      - text: A deadline with a start
        timescale: {text: By July 2005, deadline: true, start: 2004-01-01}
    """
    assert errors(tmp_path, plan=plan_yaml(body=body)) == [
        "plan.yml:11:5: missing required field 'text' in success_criteria[0]",
        "plan.yml:15:13: success_criteria[2].status.state: the text 'met' is not allowed",
        "plan.yml:17:16: success_criteria[3].timescale: a deadline has no start: leave out `start`, or `deadline`",
    ]
    body = """\
    indicators:
      - {id: kpi-1, code: KPI 1, description: Schools judged good}
    success_criteria:
      - text: Measured by something unknown
        indicators: [kpi-1, kpi-9]
    """
    assert errors(tmp_path / "again", plan=plan_yaml(body=body)) == [
        "plan.yml:12:25: indicator 'kpi-9' is not one of this plan's indicators",
    ]


def test_a_criterion_id_is_unique_among_the_plans_anchors(tmp_path):
    body = """\
    groups:
      - label: "1"
        success_criteria:
          - id: "1-1"
            text: Clashes with the first action's id
        actions:
          - label: "1"
            text: An action
    """
    assert errors(tmp_path, plan=plan_yaml(body=body)) == [
        # the criterion comes first on the page, so the action is the second use of the id
        "plan.yml:14:9: action label '1' is used twice (first on line 11): both would be '1-1'",
    ]


# --- on the plan page ------------------------------------------------------------------


def test_criteria_have_their_own_row_in_the_roll_up_apart_from_the_actions():
    soup = page(f"plans/{PLAN}.md")
    glance = soup.find("dl", class_="ps-glance")
    # its monitoring report records the progress: the plan says so, not "no progress"
    assert (
        words(glance.find(class_="ps-rollup-none").get_text())
        == "Their progress is recorded in the monitoring report named below."
    )
    rollup = soup.find(class_="ps-plan-rollup").find(class_="ps-rollup")
    assert rollup["data-actions"].split() == ["criterion-1.4-3.4", "criterion-2.1", "rec-1-criterion-sc1"]
    assert words(rollup.find(class_="ps-rollup__caption").get_text()).startswith("Progress of all 3 success criteria")
    counts = {li["data-progress"]: int(li.find("strong").get_text()) for li in rollup.select(".ps-rollup__counts li")}
    assert counts == {
        "complete": 1,
        "overdue": 1,
        "not-reported": 1,
    }  # in progress, due July 2004: overdue by September


def test_criteria_rows_carry_what_the_browser_needs_to_re_derive_progress():
    soup = page(f"plans/{PLAN}.md")
    row = soup.find("tr", id="criterion-1.4-3.4")
    assert (row["data-stated"], row["data-end"]) == ("in-progress", "2004-07-31")
    assert words(row.find(class_="ps-action__label").get_text()) == "1.4 & 3.4"
    assert words(row.find("td", attrs={"data-label": "Timescale"}).get_text()) == "July 2004 and quarterly"
    assert row.find(class_="ps-progress")["class"] == ["ps-progress", "ps-progress--overdue"]
    deadline = soup.find("tr", id="criterion-2.1")
    assert "data-stated" not in deadline.attrs
    assert words(deadline.find("td", attrs={"data-label": "Timescale"}).get_text()) == "By July 2005 (a deadline)"
    assert [a["href"] for a in deadline.select(".ps-criterion__indicators a")] == ["#kpi-1"]
    assert "\n## Success criteria {#criteria}\n" in assessment()[1][f"plans/{PLAN}.md"]  # a section of the page


def test_criteria_with_nothing_but_words_stay_a_list():
    _, pages = assessment()
    soup = BeautifulSoup(pages[f"plans/{APPENDIX}.md"], "html.parser")
    assert soup.find("table", class_="ps-criteria-table") is not None  # A1 has a timescale
    catalogue, found = load_and_resolve(PLANS)
    assert found == []
    from generator.render.site import render_site

    southwark = BeautifulSoup(render_site(catalogue, BUILD_DATE)["plans/southwark-edp-2002-07.md"], "html.parser")
    items = southwark.select("ul.ps-criteria__list > li")
    assert len(items) == 18
    plan = catalogue.plan("southwark-edp-2002-07")
    for item, (_, criterion) in zip(items, plan.criteria()):
        assert item["id"] == criterion.id
        printed = criterion.text.replace("[[#kpi17|local KPI17]]", "local KPI17").replace(
            "[[#kpi18|local KPI18]]", "local KPI18"
        )
        assert words(item.get_text()) == words(printed), criterion.id
    assert southwark.find("table", class_="ps-criteria-table") is None


# --- What's on, the timeline, calendars, search and open data ----------------------------


def test_criteria_are_in_whats_on_under_the_term_they_are_due():
    soup = page("whats-on.md")
    summer_2005 = soup.find("section", id="summer-2005")
    rows = [words(td.get_text()) for td in summer_2005.select("td[data-label=What]")]
    assert "Success criterion 2.1: Schools judged good or better rise to 70%" in rows
    assert "Success criterion A1: Attainment at Key Stage 2 rises faster than nationally" in rows
    summer_2004 = soup.find("section", id="summer-2004")
    item = [td for td in summer_2004.select("td[data-label=What]") if "1.4 & 3.4" in td.get_text()]
    assert len(item) == 1 and item[0].find(class_="ps-progress--overdue") is not None


def test_criteria_are_rows_of_the_timeline_under_their_group():
    timeline = page(f"plans/{PLAN}.md").find("table", class_="ps-timeline")
    groups = [words(th.get_text()) for th in timeline.select("tr.ps-tl-group th")]
    assert groups[0] == "Success criteria for the plan as a whole"
    links = [a["href"] for a in timeline.select("tbody th.ps-tl-action a")]
    assert links[:2] == ["#criterion-1.4-3.4", "#criterion-2.1"]
    first = timeline.select("tbody th.ps-tl-action")[0]
    assert words(first.get_text()).startswith("Success criterion 1.4 & 3.4 Every school has a named adviser")


def test_criteria_are_events_in_the_calendars():
    catalogue, _ = assessment()
    feed = icalendar.Calendar.from_ical(calendars(catalogue, BUILD_DATE)[f"plans/{PLAN}.ics"])
    summaries = {str(event["SUMMARY"]): event for event in feed.walk("VEVENT")}
    event = summaries["Success criterion 2.1: Schools judged good or better rise to 70%"]
    assert event["DTSTART"].dt.isoformat() == "2005-07-31"  # a deadline: one day, its last
    assert "A deadline: to be done by this date." in str(event["DESCRIPTION"])


def test_criteria_are_search_entries_of_their_own():
    catalogue, _ = assessment()
    entries = search_entries(catalogue)
    locations = [entry["location"] for entry in entries]
    assert f"plans/{PLAN}/#criterion-2.1" in locations
    items = [entry for entry in entries if entry["k"] == "a"]  # an action's or a criterion's own entry
    assert len(items) == sum(len(p.actions()) + len(p.criteria()) for p in catalogue.plans) == 3 + 3 + 1
    criterion = next(e for e in entries if e["location"].endswith("#rec-1-criterion-sc1"))
    assert criterion["title"] == "Success criterion SC1 Every school causing concern has an agreed plan"


def test_criteria_are_open_data_but_not_rows_of_actions():
    catalogue, _ = assessment()
    files = open_data(catalogue, BUILD_DATE)
    record = json.loads(files[f"plans/{PLAN}.json"])
    assert [c["label"] for c in record["plan"]["success_criteria"]] == ["1.4 & 3.4", "2.1"]
    assert record["derived"]["criteria"]["criterion-2.1"] == {
        "start": None,
        "end": "2005-07-31",
        "precision": "month",
        "deadline": True,
        "progress": "not-reported",
    }
    rows = list(csv.DictReader(io.StringIO(files[CRITERIA_CSV].decode("utf-8-sig"))))
    assert tuple(rows[0]) == CRITERIA_CSV_COLUMNS
    assert [(r["plan_id"], r["criterion_id"], r["progress"]) for r in rows] == [
        (PLAN, "criterion-1.4-3.4", "overdue"),
        (PLAN, "criterion-2.1", "not-reported"),
        (PLAN, "rec-1-criterion-sc1", "complete"),
        (APPENDIX, "criterion-a1", "not-reported"),
    ]
    actions = files[f"plans/{PLAN}.csv"].decode("utf-8-sig")
    assert "criterion" not in actions and len(actions.strip().splitlines()) == 1 + 3


@pytest.mark.parametrize("state, shown", [("complete", "complete"), ("not-started", "overdue")])
def test_a_criterion_status_is_read_like_an_action_status(tmp_path, state, shown):
    body = f"""\
    success_criteria:
      - text: Every school has a plan
        timescale: By March 2004
        status: {state}
    """
    catalogue, found = resolved(site(tmp_path, plan=plan_yaml(body=body)))
    assert found == []
    record = json.loads(open_data(catalogue, BUILD_DATE)["plans/test-plan.json"])
    assert record["derived"]["criteria"]["criterion-1"]["progress"] == shown
