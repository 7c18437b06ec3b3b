"""generator/progress.py: states, derived overdue, roll-ups, and what a new update changes."""

from __future__ import annotations

import datetime as dt

from bs4 import BeautifulSoup

from generator.model.plan import Action
from generator.model.timescales import parse
from generator.pipeline import load_and_resolve
from generator.render.site import render_site
from generator.resolve.progress import Progress, progress_of, rollup, stated_state

from .helpers import MINIMAL_REGISTRY, PLAN, write

TODAY = dt.date(2015, 3, 1)


def action(**fields) -> Action:
    return Action.model_validate({"text": "Do it", **fields})


def test_the_newest_update_with_a_status_wins():
    a = action(
        status="in-progress",
        updates=[
            {"date": "2014-10-01", "text": "Started", "status": "in-progress"},
            {"date": "2015-01-10", "text": "Done", "status": "complete"},
            {"date": "2015-02-01", "text": "A note with no status"},
        ],
    )
    assert stated_state(a).value == "complete"
    assert progress_of(a, parse("Autumn 2014"), TODAY) is Progress.complete


def test_overdue_is_derived_from_the_end_date_and_the_day():
    a = action(status="in-progress")
    when = parse("Autumn 2014")
    assert progress_of(a, when, dt.date(2014, 11, 1)) is Progress.in_progress
    assert progress_of(a, when, TODAY) is Progress.overdue
    assert progress_of(action(status="not-started"), when, TODAY) is Progress.overdue
    assert progress_of(action(status="in-place"), when, TODAY) is Progress.complete


def test_saying_nothing_is_not_reported_not_late():
    assert progress_of(action(), parse("Autumn 2003"), TODAY) is Progress.not_reported
    assert progress_of(action(status="ongoing"), None, TODAY) is Progress.ongoing


def test_rollup_counts_in_a_fixed_order():
    actions = [
        action(id="a", status="complete"),
        action(id="b", status="in-progress"),
        action(id="c", status="in-progress"),
        action(id="d"),
    ]
    whens = {"b": parse("Autumn 2014"), "c": parse("Summer 2015")}
    summary = rollup(actions, whens, TODAY)
    assert summary.counts == (
        (Progress.complete, 1),
        (Progress.in_progress, 1),
        (Progress.overdue, 1),
        (Progress.not_reported, 1),
    )
    assert summary.total == 4 and summary.reported == 3
    assert summary.percent(Progress.overdue) == 25.0


def rendered(tmp_path, text):
    root = tmp_path / "plans"
    write(root / "registry" / "r.yml", MINIMAL_REGISTRY)
    write(root / "p.yml", text)
    catalogue, problems = load_and_resolve(root)
    assert problems == []
    pages = render_site(catalogue, TODAY)
    return BeautifulSoup(pages["plans/test-plan.md"], "html.parser"), BeautifulSoup(pages["whats-on.md"], "html.parser")


def counts(page: BeautifulSoup) -> dict[str, int]:
    plan_rollup = page.select_one(".ps-plan-rollup [data-rollup]")
    return {li["data-progress"]: int(li.find("strong").get_text()) for li in plan_rollup.select("li")}


def test_a_progress_update_changes_the_rollup_and_whats_on(tmp_path):
    before, whats_on_before = rendered(tmp_path, PLAN)
    assert counts(before) == {"complete": 1, "overdue": 1}
    row = whats_on_before.find("tr", attrs={"data-plan": "test-plan"})
    assert "Overdue" in row.get_text()

    updated = PLAN.replace(
        "        status: in-progress\n",
        "        status: in-progress\n"
        "        updates:\n"
        "          - date: 2014-12-15\n"
        "            text: Every school visited.\n"
        "            status: complete\n",
    )
    assert updated != PLAN
    after, whats_on_after = rendered(tmp_path, updated)
    assert counts(after) == {"complete": 2}
    rows = [" ".join(r.get_text().split()) for r in whats_on_after.select("tr[data-plan=test-plan]")]
    assert any(r.startswith("15 December 2014 Progress update: Every school visited.") for r in rows)
    visit = next(r for r in rows if "Visit every school" in r and "Progress update" not in r)
    assert "Complete or in place" in visit and "Overdue" not in visit


def test_rows_carry_what_the_browser_needs_to_rederive_overdue(tmp_path):
    page, _ = rendered(tmp_path, PLAN)
    row = page.find("tr", id="visit")
    assert row["data-end"] == "2014-12-31"
    assert row["data-stated"] == "in-progress"
    assert row.select_one("span.ps-progress").get_text() == "Overdue"
    assert page.select_one(".ps-plan-rollup [data-rollup]")["data-actions"] == "visit report"


def test_a_plan_that_reports_nothing_says_so(tmp_path):
    page, _ = rendered(
        tmp_path, PLAN.replace("        status: in-progress\n", "").replace("        status: in-place\n", "")
    )
    assert page.select_one("[data-rollup]") is None
    assert "records no progress on its 2 actions" in page.select_one(".ps-rollup-none").get_text()
