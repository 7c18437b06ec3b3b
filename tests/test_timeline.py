"""generator/timeline.py: columns, rows, undated lists and What's on terms."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.model.calendar import DEFAULT_CALENDAR
from generator.pipeline import load_and_resolve
from generator.resolve.timeline import EntryKind, columns_for, plan_timeline, whats_on

from .helpers import PLANS


@pytest.fixture(scope="module")
def catalogue():
    catalogue, problems = load_and_resolve(PLANS)
    assert problems == []
    return catalogue


def timeline_of(catalogue, plan_id):
    return plan_timeline(catalogue.schedule[plan_id], catalogue.calendar)


@pytest.mark.parametrize(
    "start, end, unit, first, count",
    [
        (dt.date(2014, 9, 24), dt.date(2015, 2, 28), "month", "September 2014", 6),
        (dt.date(2009, 9, 1), dt.date(2010, 8, 31), "half term", "Autumn 1 2009", 6),
        (dt.date(2002, 6, 1), dt.date(2004, 8, 31), "term", "Summer 2002", 7),
        (dt.date(2002, 1, 1), dt.date(2007, 12, 31), "academic year", "2001/02", 7),
    ],
)
def test_columns_fit_the_span(start, end, unit, first, count):
    found_unit, columns = columns_for(start, end, DEFAULT_CALENDAR)
    assert found_unit == unit
    assert columns[0].label == first
    assert len(columns) == count
    assert columns[0].start <= start <= columns[0].end
    assert columns[-1].start <= end  # August is holiday: term columns may stop at 31 July


def test_middlesbrough_timeline_marks_the_briefing_dates(catalogue):
    timeline = timeline_of(catalogue, "middlesbrough-school-improvement-scrutiny-2014")
    assert timeline.unit == "month"
    labels = [c.label for c in timeline.columns]
    assert labels == [
        "September 2014",
        "October 2014",
        "November 2014",
        "December 2014",
        "January 2015",
        "February 2015",
    ]
    row = next(r for _, rows in timeline.groups for r in rows if r.action.id == "a-1")
    marked = {labels[i]: [m.start for m in cell.moments] for i, cell in enumerate(row.cells) if cell.moments}
    assert marked == {
        "October 2014": [dt.date(2014, 10, 15)],
        "November 2014": [dt.date(2014, 11, 26)],
        "January 2015": [dt.date(2015, 1, 7)],
    }
    assert not any(cell.filled for cell in row.cells)  # dates, not a bar


def test_southwark_timeline_draws_approximate_terms_and_open_ends(catalogue):
    timeline = timeline_of(catalogue, "southwark-edp-2002-07")
    assert timeline.unit == "term"
    labels = [c.label for c in timeline.columns]
    rows = {r.action.id: r for _, rows in timeline.groups for r in rows}
    autumn = rows["5.1-2"]
    assert [labels[i] for i, c in enumerate(autumn.cells) if c.filled] == ["Autumn 2003"]
    assert not autumn.cells[labels.index("Autumn 2003")].exact
    from_april = rows["5.2-1b"]  # "From April 2003": no end date
    assert from_april.cells[-1].filled and from_april.cells[-1].continues_after
    assert [labels[i] for i, c in enumerate(from_april.cells) if c.filled][0] == "Summer 2003"
    groups = [group.id for group, _ in timeline.groups]
    assert groups == ["5.1", "5.2", "5.3", "5.4", "5.5"]


def test_undated_actions_are_listed_apart(catalogue):
    timeline = timeline_of(catalogue, "southwark-edp-2002-07")
    undated = {action.id: when for _, action, when in timeline.undated}
    assert undated["5.1-1"].text == "Continuing - Annually"
    assert undated["5.1-1"].ongoing
    dated_ids = {r.action.id for _, rows in timeline.groups for r in rows}
    assert not dated_ids & set(undated)
    assert len(dated_ids) + len(undated) == 35


def test_salford_actions_take_their_periods_dates(catalogue):
    whens = catalogue.whens["salford-post-ofsted-action-plan-2004"]
    assert len(whens) == 99
    first = whens["strategic-planning-and-resources-1"]
    assert (first.start, first.end) == (dt.date(2004, 3, 1), dt.date(2004, 5, 31))


def test_whats_on_lists_entries_under_each_term_they_touch(catalogue):
    entries = [e for plan in catalogue.plans for e in catalogue.schedule[plan.id].entries]
    terms = {t.term.anchor: t for t in whats_on(entries, catalogue.calendar)}
    autumn_2014 = terms["autumn-2014"]
    titles = [e.title for e in autumn_2014.entries]
    assert "The Role of Elected Members in Improving Education in Middlesbrough" in titles
    assert all(e.plan.id == "middlesbrough-school-improvement-scrutiny-2014" for e in autumn_2014.entries)
    starts = [e.start or e.end for e in autumn_2014.entries]
    assert starts == sorted(starts)
    # An academic-year action appears in each of its terms.
    implement = [
        t for t, items in terms.items() if any(e.uid == "southwark-edp-2002-07.5.1-3b.1" for e in items.entries)
    ]
    assert implement == ["autumn-2003", "spring-2004", "summer-2004"]
    # "From April 2003" has no end date: listed in its first term only.
    open_ended = [
        t for t, items in terms.items() if any(e.uid == "southwark-edp-2002-07.5.2-1b.1" for e in items.entries)
    ]
    assert open_ended == ["summer-2003"]


def test_milestones_of_the_plan_itself_are_entries(catalogue):
    entries = catalogue.schedule["essex-school-improvement-model-2017"].entries
    assert [(e.kind, e.start) for e in entries] == [
        (EntryKind.milestone, dt.date(2017, 9, 1)),
        (EntryKind.milestone, dt.date(2018, 9, 1)),
    ]
