"""Deadline timescales (issue 18): "By July 2005", "Date by March 2002", or a timescale
marked ``deadline``, leave the start open; a timeline marks the deadline instead of a bar
from its first column, What's on lists it in the term it falls due, a calendar says so."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.model.calendar import Precision
from generator.model.fields import Timescale
from generator.model.timescales import normalise, parse, to_text
from generator.pipeline import load_and_resolve
from generator.render.site import render_site
from generator.resolve.timeline import plan_timeline

from .assessment import BUILD_DATE, PLAN, assessment, page, plan_yaml, resolved, site

D = dt.date.fromisoformat


@pytest.mark.parametrize(
    "text, end, precision",
    [
        ("By July 2005", "2005-07-31", Precision.month),
        ("Date by March 2002", "2002-03-31", Precision.month),
        ("Date By: 31/3/02", "2002-03-31", Precision.day),
        ("by the end of Summer term 2004", "2004-07-31", Precision.term),
        ("no later than 15 May 2005", "2005-05-15", Precision.day),
        ("Deadline 5 May 2005", "2005-05-05", Precision.day),
        ("before July 2005", "2005-06-30", Precision.month),
    ],
)
def test_a_deadline_has_an_end_and_an_open_start(text, end, precision):
    when = parse(text)
    assert (when.start, when.end, when.precision, when.open_start, when.deadline) == (
        None,
        D(end),
        precision,
        True,
        True,
    )
    assert parse(to_text(when)).end == when.end and parse(to_text(when)).deadline


def test_until_leaves_the_start_open_but_is_not_a_deadline():
    when = parse("Until July 2005")
    assert (when.start, when.end, when.open_start, when.deadline) == (None, D("2005-07-31"), True, False)
    assert not parse("July 2005").deadline and not parse("From April 2003").deadline


def test_a_timescale_marked_as_a_deadline_opens_its_start():
    term = normalise(Timescale(text="Summer term 2004", deadline=True))
    assert (term.start, term.end, term.precision, term.deadline, term.explicit) == (
        None,
        D("2004-07-31"),
        Precision.term,
        True,
        False,
    )
    day = normalise(Timescale(text="Summer term 2004", end=D("2004-06-30"), deadline=True))
    assert (day.start, day.end, day.precision, day.deadline, day.explicit) == (
        None,
        D("2004-06-30"),
        Precision.day,
        True,
        True,
    )
    # without the flag, an explicit end keeps the start the text gives
    plain = normalise(Timescale(text="Summer term 2004", end=D("2004-06-30")))
    assert (plain.start, plain.end, plain.deadline) == (D("2004-04-01"), D("2004-06-30"), False)
    assert normalise(Timescale(text="TBA", deadline=True)).undated


def test_a_deadline_is_a_mark_at_its_end_and_until_a_bar_from_the_first_column(tmp_path):
    body = """\
    groups:
      - label: "1"
        actions:
          - {label: a, text: Start early, timescale: Autumn 2003}
          - {label: b, text: Done by the spring, timescale: Date by March 2004}
          - {label: c, text: Going on until the spring, timescale: Until March 2004}
    """
    catalogue, found = resolved(site(tmp_path, plan=plan_yaml(body=body)))
    assert found == []
    timeline = plan_timeline(catalogue.schedule["test-plan"], catalogue.calendar)
    rows = {row.action.label: row for _, rows in timeline.groups for row in rows}
    labels = [column.label for column in timeline.columns]
    assert len(labels) == 7 and labels[0].startswith("September 2003") and labels[-1].startswith("March 2004")
    deadline = rows["b"].cells
    assert [cell.filled for cell in deadline] == [False] * 7
    assert [len(cell.moments) for cell in deadline] == [0, 0, 0, 0, 0, 0, 1]
    assert deadline[-1].moments[0].start == D("2004-03-31")
    assert "deadline" in deadline[-1].moments[0].label
    assert [cell.filled for cell in rows["c"].cells] == [True] * 7


def test_a_deadline_is_listed_in_the_term_it_falls_due_and_marked_on_the_page():
    soup = page("whats-on.md")
    terms = {
        section["id"]: [td.get_text() for td in section.select("td[data-label=What]")]
        for section in soup.find_all("section", class_="ps-term")
    }
    due = [
        term
        for term, items in terms.items()
        if any("Agree a plan with each school causing concern" in i for i in items)
    ]
    assert due == ["spring-2004"]
    timeline = page(f"plans/{PLAN}.md").find("table", class_="ps-timeline")
    row = next(tr for tr in timeline.select("tbody tr") if "Agree a plan" in tr.get_text())
    assert row.select(".ps-tl-bar") == []
    marks = row.select(".ps-tl-mark")
    assert len(marks) == 1 and "deadline (Date by March 2004)" in marks[0]["title"]


def test_the_seeds_render_unchanged_by_the_deadline_reading():
    """No seed timescale is a deadline: their timelines keep their bars."""
    from .helpers import PLANS

    catalogue, found = load_and_resolve(PLANS)
    assert found == []
    deadlines = [
        (plan.id, action_id, when.text)
        for plan in catalogue.plans
        for action_id, when in catalogue.whens[plan.id].items()
        if when.deadline
    ]
    assert deadlines == []
    assert render_site(catalogue, BUILD_DATE)  # still renders


def test_the_fixtures_deadline_flag_reaches_the_timeline():
    catalogue, _ = assessment()
    when = catalogue.whens[PLAN]["rec-1-1.2"]
    assert (when.start, when.end, when.deadline) == (None, D("2004-06-30"), True)
