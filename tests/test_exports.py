"""generator/exports.py: the iCalendar feeds, parsed back."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import icalendar
import pytest

from generator.model.plan import Plan
from generator.outputs.calendars import calendars
from generator.outputs.open_data import open_data
from generator.pipeline import load_and_resolve

from .helpers import PLANS

BUILD_DATE = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def feeds() -> dict[str, icalendar.Calendar]:
    catalogue, problems = load_and_resolve(PLANS)
    assert problems == []
    files = calendars(catalogue, BUILD_DATE, site_url="https://plans.example.org/")
    return {path: icalendar.Calendar.from_ical(text) for path, text in files.items()}


def events(calendar: icalendar.Calendar) -> list[icalendar.Event]:
    return list(calendar.walk("VEVENT"))


def day(value) -> dt.date:
    return value.dt


def test_one_feed_per_plan_and_one_for_the_site(feeds):
    feeds = {path: c for path, c in feeds.items() if not path.startswith("audiences/")}  # tests/test_reader_pages.py
    assert sorted(feeds) == [
        "plans.ics",
        "plans/essex-school-improvement-model-2017.ics",
        "plans/middlesbrough-school-improvement-scrutiny-2014.ics",
        "plans/salford-post-ofsted-action-plan-2004.ics",
        "plans/southwark-edp-2002-07.ics",
        "plans/worcestershire-laa-delivery-plan-ni-94.ics",
    ]
    per_plan = sum(len(events(c)) for path, c in feeds.items() if path != "plans.ics")
    assert len(events(feeds["plans.ics"])) == per_plan


def test_feeds_are_valid_rfc5545(feeds):
    assert feeds
    for path, calendar in feeds.items():
        assert calendar["VERSION"] == "2.0"
        assert calendar["PRODID"]
        uids = set()
        for event in events(calendar):
            for required in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
                assert required in event, (path, required)
            start, end = day(event["DTSTART"]), day(event["DTEND"])
            assert type(start) is dt.date and type(end) is dt.date  # all-day events
            assert start < end
            assert event["DTSTAMP"].dt == dt.datetime(2026, 11, 23, tzinfo=dt.UTC)
            assert event["UID"] not in uids
            uids.add(event["UID"])
            assert str(event["URL"]).startswith("https://plans.example.org/plans/")


def test_southwark_autumn_2003_action_is_an_all_day_event_in_the_autumn_term(feeds):
    found = [
        e
        for e in events(feeds["plans/southwark-edp-2002-07.ics"])
        if "Improve the quality of monitoring by schools' senior managers" in str(e["SUMMARY"])
    ]
    assert len(found) == 1
    event = found[0]
    assert day(event["DTSTART"]) == dt.date(2003, 9, 1)
    assert day(event["DTEND"]) == dt.date(2004, 1, 1)  # exclusive: the event ends on 31 December 2003
    assert "Timescale as written: Autumn 2003" in str(event["DESCRIPTION"])


def test_middlesbrough_member_briefings_are_on_their_three_dates(feeds):
    briefings = {
        str(e["SUMMARY"]): day(e["DTSTART"])
        for e in events(feeds["plans/middlesbrough-school-improvement-scrutiny-2014.ics"])
        if str(e["UID"]).startswith("middlesbrough-school-improvement-scrutiny-2014.a-1.")
    }
    assert sorted(briefings.values()) == [dt.date(2014, 10, 15), dt.date(2014, 11, 26), dt.date(2015, 1, 7)]
    assert any(summary.startswith("The Role of Elected Members in Improving Education") for summary in briefings)


def test_uids_are_stable_across_builds():
    catalogue, _ = load_and_resolve(PLANS)
    first = calendars(catalogue, BUILD_DATE)
    catalogue, _ = load_and_resolve(PLANS)
    assert calendars(catalogue, BUILD_DATE) == first


def test_undated_actions_make_no_events(feeds):
    summaries = " ".join(str(e["SUMMARY"]) for e in events(feeds["plans/southwark-edp-2002-07.ics"]))
    assert "Maintain LEA systems for tracking individual pupil progress" not in summaries  # Continuing – Half yearly


# --- open data ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def data():
    catalogue, _ = load_and_resolve(PLANS)
    return catalogue, open_data(catalogue, BUILD_DATE, site_url="https://plans.example.org/")


def read_csv(content: bytes | str) -> list[dict[str, str]]:
    text = content.decode("utf-8") if isinstance(content, bytes) else content  # data files are UTF-8 bytes
    assert text.startswith("\ufeff"), "Excel needs the byte order mark to read UTF-8"
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def test_actions_csv_has_one_row_per_action_and_round_trips(data):
    catalogue, files = data
    rows = read_csv(files["actions.csv"])
    expected = [(plan.id, action.id) for plan in catalogue.plans for action in plan.actions()]
    assert [(r["plan_id"], r["action_id"]) for r in rows] == expected
    assert len(rows) == 99 + 35 + 21 + 4
    # round trip: write the parsed rows back and read them again, unchanged
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=rows[0].keys(), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    assert read_csv("\ufeff" + buffer.getvalue()) == rows
    assert buffer.getvalue() == files["actions.csv"].decode("utf-8").removeprefix("\ufeff")


def test_csv_keeps_text_as_written_and_adds_dates(data):
    _, files = data
    rows = {(r["plan_id"], r["action_id"]): r for r in read_csv(files["actions.csv"])}
    row = rows[("southwark-edp-2002-07", "5.1-2")]
    assert row["timescale"] == "Autumn 2003"
    assert (row["start"], row["end"], row["precision"]) == ("2003-09-01", "2003-12-31", "term")
    assert row["responsible"] == "Head of School Improvement"
    assert row["page"] == "https://plans.example.org/plans/southwark-edp-2002-07/#5.1-2"
    budget = rows[("middlesbrough-school-improvement-scrutiny-2014", "l-1")]
    assert (budget["budget"], budget["budget_amount"]) == ("£3,000", "3000")
    per_plan = read_csv(files["plans/salford-post-ofsted-action-plan-2004.csv"])
    assert len(per_plan) == 99 and per_plan[0]["timescale"] == "March 2004 – May 2004"


def test_plan_json_validates_against_the_model_and_carries_derived_dates(data):
    catalogue, files = data
    record = json.loads(files["plans/worcestershire-laa-delivery-plan-ni-94.json"])
    assert record["$schema"] == "../schema/plan.schema.json"
    plan = Plan.model_validate(record["plan"])
    assert plan == catalogue.plan("worcestershire-laa-delivery-plan-ni-94")
    derived = record["derived"]["actions"]
    assert set(derived) == {a.id for a in plan.actions()}
    assert derived["activity-plan-1"]["start"] == "2009-09-01"
    everything = json.loads(files["plans.json"])
    assert [p["plan"]["id"] for p in everything["plans"]] == [p.id for p in catalogue.plans]
    assert {"organisations", "roles", "acronyms", "external"} <= set(everything["registry"])
    assert json.loads(files["schema/plan.schema.json"])["title"] == "Plan"


def test_open_data_is_deterministic():
    catalogue, _ = load_and_resolve(PLANS)
    first = open_data(catalogue, BUILD_DATE)
    catalogue, _ = load_and_resolve(PLANS)
    assert open_data(catalogue, BUILD_DATE) == first


def test_event_lines_fold_at_75_octets_without_splitting_characters():
    from generator.outputs.calendars import _fold, _ical_text

    line = "DESCRIPTION:" + _ical_text("Café, £3,000; naïve\\path\n" + "é" * 100)
    folded = _fold(line)
    physical = folded.split(b"\r\n")[:-1]
    assert all(len(part) <= 75 for part in physical) and len(physical) > 2
    for part in physical:
        part.decode("utf-8")  # no character split across lines
    text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n" + folded.decode("utf-8") + "END:VEVENT\r\nEND:VCALENDAR\r\n"
    calendar = icalendar.Calendar.from_ical(text)
    assert str(calendar.walk("VEVENT")[0]["DESCRIPTION"]) == "Café, £3,000; naïve\\path\n" + "é" * 100
