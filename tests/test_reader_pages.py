"""What a reader's first screen says (generator/render/pages/plan_intro.py), What's on's order
of terms, history in the public's words, and an audience's calendar feed."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest
from bs4 import BeautifulSoup

from generator.model.calendar import DEFAULT_CALENDAR
from generator.outputs.calendars import calendars
from generator.pipeline import generate, load_and_resolve
from generator.render.pages.history import note_paragraphs, public_words
from generator.render.pages.plan_intro import now_next, status_in_time
from generator.render.pages.whats_on import reader_order
from generator.resolve.parties import audience_entries
from generator.resolve.timeline import Term, TermItems

from .helpers import PLANS

MIDDLESBROUGH = "middlesbrough-school-improvement-scrutiny-2014"


@pytest.fixture(scope="module")
def catalogue():
    found, problems = load_and_resolve(PLANS)
    assert problems == []
    return found


@pytest.fixture(scope="module")
def site():
    return generate(PLANS, history=False)


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# --- status in time -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("plan_id", "today", "words", "detail"),
    [
        (MIDDLESBROUGH, "2026-12-02", "Reported in progress in 2014", ""),
        (MIDDLESBROUGH, "2014-12-20", "In progress", ""),
        ("essex-school-improvement-model-2017", "2026-12-02", "Consultation closed", "It was open in 2017."),
        ("essex-school-improvement-model-2017", "2017-10-01", "Out for consultation", "runs to 2018"),
        ("southwark-edp-2002-07", "2026-12-02", "Adopted, revised in 2003", "ended in 2007"),
        ("worcestershire-laa-delivery-plan-ni-94", "2026-12-02", "Adopted, prepared in October 2009", "ended in 2011"),
        ("salford-post-ofsted-action-plan-2004", "2004-04-15", "Adopted", "runs to May 2005"),
    ],
)
def test_a_status_is_said_with_its_time(catalogue, plan_id, today, words, detail):
    said = status_in_time(catalogue.plan(plan_id), day(today), DEFAULT_CALENDAR)
    assert said.words == words
    assert detail in said.detail


def test_a_consultation_with_a_closing_date_says_whether_it_has_closed(catalogue):
    plan = catalogue.plan("essex-school-improvement-model-2017").model_copy(deep=True)
    plan.consultation.closes = day("2017-07-21")
    assert status_in_time(plan, day("2017-07-01"), DEFAULT_CALENDAR).words == "Out for consultation until 21 July 2017"
    assert status_in_time(plan, day("2017-08-01"), DEFAULT_CALENDAR).words == "Consultation closed on 21 July 2017"


# --- now and next -----------------------------------------------------------------------


def test_now_and_next_on_a_day_inside_the_plan(catalogue):
    said = now_next(catalogue.schedule[MIDDLESBROUGH].entries, day("2014-11-20"))
    assert [h.title for h in said.next] == ["Improving School Performance Through Partnership Working"]
    assert said.next[0].when == "26 November 2014"
    assert "Autumn Term 2014" in {h.when for h in said.now}
    assert said.last is None


def test_after_the_plan_nothing_is_under_way_and_the_last_date_is_named(catalogue):
    said = now_next(catalogue.schedule[MIDDLESBROUGH].entries, day("2026-12-02"))
    assert said.now == [] and said.next == []
    assert said.last.title == "Recruitment Fair" and said.last.when == "February 2015"
    # An item with no end date ("Start date 09/14 – evaluated termly") is under way only until the plan's last date.
    assert said.until == day("2015-02-28")


def test_the_box_carries_its_items_for_the_browser(site):
    page = BeautifulSoup(site.text(f"plans/{MIDDLESBROUGH}.md"), "html.parser")
    box = page.select_one("[data-now-next]")
    assert box["data-build-date"] and box["data-until"] == "2015-02-28"
    assert '"b-1"' in box["data-items"]  # [start, end, anchor, title, when]


# --- What's on: the reader's term first ---------------------------------------------------


def terms(*spans: tuple[str, str, str]) -> list[TermItems]:
    return [TermItems(Term(name, int(start[:4]), day(start), day(end)), []) for name, start, end in spans]


TERMS = terms(
    ("autumn", "2003-09-01", "2003-12-31"),
    ("spring", "2004-01-01", "2004-03-31"),
    ("autumn", "2004-09-01", "2004-12-31"),
    ("spring", "2005-01-01", "2005-03-31"),
)


def labels(order) -> list[str]:
    return [f"{item.term.name}-{item.term.start.year}" for item in order.terms]


def test_the_current_term_first_then_later_then_earlier_most_recent_first():
    order = reader_order(TERMS, day("2004-10-10"))
    assert labels(order) == ["autumn-2004", "spring-2005", "spring-2004", "autumn-2003"]
    assert order.current and order.earlier_from == 2


def test_with_no_entries_this_term_the_nearest_term_with_entries_opens():
    order = reader_order(TERMS, day("2004-05-01"))  # summer 2004 has none; spring 2004 ended a month ago
    assert labels(order)[0] == "spring-2004" and not order.current
    assert labels(reader_order(TERMS, day("2030-01-01")))[0] == "spring-2005"
    assert labels(reader_order(TERMS, day("1999-01-01"))) == [
        "autumn-2003",
        "spring-2004",
        "autumn-2004",
        "spring-2005",
    ]


def test_whats_on_is_written_in_the_build_dates_order(site):
    page = BeautifulSoup(site.text("whats-on.md"), "html.parser")
    ids = [s["id"] for s in page.select(".ps-terms > section.ps-term")]
    assert ids[0] == "autumn-2018" and len(ids) == len(set(ids)) > 10
    assert page.select_one("nav.ps-term-jump a[aria-current]")["href"] == "#autumn-2018"


# --- audience feeds ---------------------------------------------------------------------


def test_each_audience_with_dates_has_its_own_calendar_feed(catalogue):
    files = calendars(catalogue, day("2026-12-02"))
    feeds = sorted(path for path in files if path.startswith("audiences/"))
    assert "audiences/headteachers.ics" in feeds and len(feeds) >= 5
    headteachers = catalogue.directory.parties["audience:headteachers"]
    dated = [e for e in audience_entries(headteachers, catalogue.directory, catalogue.schedule) if e.dated]
    calendar = icalendar.Calendar.from_ical(bytes(files["audiences/headteachers.ics"]))
    uids = sorted(str(event["UID"]).split("@")[0] for event in calendar.walk("VEVENT"))
    assert uids == sorted(e.uid for e in dated)
    assert files["audiences/headteachers.ics"] == calendars(catalogue, day("2026-12-02"))["audiences/headteachers.ics"]


def test_the_audience_page_links_its_feed(site):
    page = BeautifulSoup(site.text("audiences/headteachers.md"), "html.parser")
    assert page.find("a", string="calendar feed (.ics)")["href"] == "../headteachers.ics"


# --- history in the public's words ------------------------------------------------------


def test_a_reference_reads_as_its_words_and_themes_by_name(catalogue):
    class Ctx:
        pass

    ctx = Ctx()
    ctx.catalogue = catalogue
    plan = catalogue.plan("southwark-edp-2002-07")
    changed = (
        "success criteria of activity 5.1 changed from “…in TL and LM (local KPI17)” to "
        "“…in TL and LM ([[#kpi17|local KPI17]])”"
    )
    assert public_words(changed, plan, ctx) == (
        "Success criteria of activity 5.1: “local KPI17” now links to what it names; the words are unchanged"
    )
    assert public_words("themes of activity 5.5: added “ict”", plan, ctx) == "Themes of activity 5.5: added “ICT”"
    without_words = public_words("text of 5.1: “see [[#kpi17]] here”", plan, ctx)
    assert without_words.startswith("Text of 5.1: “see local KPI17: % of school")  # the indicator's title
    links = "links of priority 5: added “SEN” (ref “southwark-sen-plan”, relation related)"
    assert public_words(links, plan, ctx) == "Links of priority 5: added “SEN” (linking to “SEN plan”)"


def test_a_commit_message_is_unwrapped_into_paragraphs_keeping_lists():
    body = "The plan was\nrevised in July.\n\nChanged:\n- 5.3 slips\n- 5.4 ends"
    assert note_paragraphs(body) == [["The plan was revised in July."], ["Changed:", "- 5.3 slips", "- 5.4 ends"]]


# --- matrix headings, indicator links, status with time -----------------------------------


def test_matrix_columns_are_headed_by_the_groups_words_shortened(catalogue, site):
    from generator.model.wording import group_heading
    from generator.resolve.parties import responsibility_matrix

    matrix = responsibility_matrix(catalogue.plan(MIDDLESBROUGH), catalogue.directory, group_heading)
    assert matrix.columns[0].heading == "a) Measures be implemented to…"  # not a bare "a)"
    assert matrix.columns[0].full.startswith(
        "Recommendation a): That measures be implemented to encourage elected members"
    )
    assert all(len(c.heading) <= 36 and c.heading != c.anchor for c in matrix.columns)
    page = BeautifulSoup(site.text(f"plans/{MIDDLESBROUGH}.md"), "html.parser")
    header = page.select("table.ps-matrix thead th")[1]
    assert header.select_one(".ps-vh").get_text().startswith("Recommendation a): That measures")  # spoken in full
    assert header.select_one("[aria-hidden]").get_text() == "a) Measures be implemented to…"


def test_an_indicator_link_promises_a_chart_only_where_there_is_one(site):
    southwark = BeautifulSoup(site.text("plans/southwark-edp-2002-07.md"), "html.parser")
    links = [a.get_text() for a in southwark.select(".ps-indicator .ps-more a")]
    assert links == ["local KPI17: its own page", "local KPI18: its own page"]
    assert "<svg" not in site.text("indicators/southwark-edp-2002-07/kpi17.md")
    worcestershire = BeautifulSoup(site.text("plans/worcestershire-laa-delivery-plan-ni-94.md"), "html.parser")
    assert [a.get_text() for a in worcestershire.select(".ps-indicator .ps-more a")] == [
        "NI 94: its own page, with a chart of its figures"
    ]
    assert "<svg" in site.text("indicators/worcestershire-laa-delivery-plan-ni-94/ni-94.md")


def test_statuses_carry_their_time_on_the_home_page_and_beside_actions(site):
    home = BeautifulSoup(site.text("index.md"), "html.parser")
    statuses = [s.get_text() for s in home.select(".ps-plans .ps-status")]
    assert "Reported in progress in 2014" in statuses and "Consultation closed" in statuses
    assert "Adopted; its period ended in May 2005" in statuses
    assert not {"In progress", "Consultation", "Adopted"} & set(statuses)
    plan = BeautifulSoup(site.text(f"plans/{MIDDLESBROUGH}.md"), "html.parser")
    in_place = plan.find("tr", id="c-1").select_one(".ps-status-when").get_text()
    assert in_place == "(reported 9 December 2014)"
