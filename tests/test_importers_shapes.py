"""Importers, round two: the shapes real plans showed in the corpus (issue 18) — headings typed
in bold, "Key Issue 1:" lines, numbered paragraphs of a plan, stems ending in ":", cover
sheets, dates given in column headings or above a table, quarterly progress rows, status
columns, trackers. Every document here is written by the tests (no third-party text)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.importers import read_blocks
from generator.importers.blocks import Heading, Paragraph, Table
from generator.importers.columns import date_phrase, heading_role, split_group_line, state_of
from generator.importers.draft import draft_document, plan_yaml
from generator.importers.html import blocks_from_html
from generator.importers.text import blocks_from_text

FIXTURES = Path(__file__).parent / "fixtures" / "importers"


def draft_of(blocks):
    return draft_document(
        blocks, plan_id="draft", organisation="testshire", source_title="source", source_format="test"
    )


def items(plan):
    out = []

    def walk(groups):
        for group in groups:
            out.extend(group.get("actions", []))
            walk(group.get("groups", []))

    walk(plan.get("groups", []))
    return out


# --- lines and cells ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Key Issue 1: Raise standards in writing", ("Key Issue 1", "Raise standards in writing")),
        ("Recommendation 3 – Share data with schools", ("Recommendation 3", "Share data with schools")),
        ("Priority 2", ("Priority 2", "")),
        ("Objective 1.2 Reduce absence", ("Objective 1.2", "Reduce absence")),
        ("Recommendations", None),
        ("Priorities for the year", None),
    ],
)
def test_lines_that_name_a_group(text, expected):
    assert split_group_line(text) == expected


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("Key measures year one 2026/27", "year one 2026/27"),
        ("Key measures, three years to 2029", "three years to 2029"),
        ("Year 1 actions - (by March 2027)", "by March 2027"),
        ("Year 2", "Year 2"),
        ("Actions", None),
        ("Progress to date", None),
        ("By:", None),
    ],
)
def test_dates_in_headings(heading, expected):
    assert date_phrase(heading) == expected


@pytest.mark.parametrize(
    ("cell", "state"),
    [("Complete", "complete"), ("Ongoing", "ongoing"), ("On track", "in-progress"), ("Paused", None), ("Red", None)],
)
def test_status_cells(cell, state):
    assert state_of(cell) == state


@pytest.mark.parametrize(("heading", "role"), [("Action taken", "progress"), ("Actions to date", "progress")])
def test_what_was_done_is_progress(heading, role):
    assert heading_role(heading) == role


# --- headings and groups typed by hand ---------------------------------------


@pytest.mark.parametrize("form", ["docx", "pdf"])
def test_key_issue_lines_start_groups_and_word_numbering_runs_on(tmp_path, form):
    """key-issues.pdf: make_fixtures.py --pdf (LibreOffice) from ``key_issues_docx``: bold lines wrap."""
    from .fixtures.importers.make_fixtures import KEY_ISSUES, key_issues_docx

    path = FIXTURES / "key-issues.pdf"
    if form == "docx":
        path = tmp_path / "sip.docx"
        key_issues_docx(path)
    plan = draft_of(read_blocks(path)).plan
    assert plan["title"] == "Testshire Primary School: School Improvement Plan"
    groups = plan["groups"]
    assert [(g["label"], g["text"]) for g in groups] == [tuple(i.split(": ", 1)) for i, _ in KEY_ISSUES]
    labels = ["1.", "2.", "3.", "4."] if form == "docx" else ["1", "2", "3", "4"]
    assert [(a["label"], a["text"]) for a in items(plan)] == list(zip(labels, [p for _, ps in KEY_ISSUES for p in ps]))
    assert plan["sections"][-1] == {"id": "review", "title": "Review", "body": "Governors review the plan each term."}


def test_key_issue_lines_in_text_copied_from_a_pdf():
    text = (
        "Areas for improvement\n"
        "Key Issue 1: To improve the teaching and learning in all aspects of\n"
        "English and maths:\n"
        "1. Improve the quality of teaching.\n"
        "Key Issue 2: To strengthen leadership,\n"
        "including governors.\n"
        "2. Improve the quality of leadership,\n"
        "particularly that of the SLT.\n"
    )
    plan = draft_of(blocks_from_text(text)).plan
    assert [(g["label"], g.get("text") or g.get("title")) for g in plan["groups"]] == [
        ("Key Issue 1", "To improve the teaching and learning in all aspects of English and maths"),
        ("Key Issue 2", "To strengthen leadership, including governors."),
    ]
    assert [a["text"] for a in items(plan)] == [
        "Improve the quality of teaching.",
        "Improve the quality of leadership, particularly that of the SLT.",
    ]


def test_bold_paragraphs_are_headings_in_html():
    page = (
        "<h2>Improvement Plan</h2><p><strong>Teaching</strong></p>"
        "<ul><li>Observe every teacher each term</li><li>Share good practice</li></ul>"
        "<p><b>Date: 1 May 2026</b></p><p>Some <b>bold</b> words in a sentence.</p>"
    )
    blocks = blocks_from_html(page)
    assert blocks[1] == Heading(4, "Teaching")
    assert isinstance(blocks[3], Paragraph)  # "Name: value" in bold is not a heading
    assert isinstance(blocks[4], Paragraph)
    plan = draft_of(blocks).plan
    assert [g.get("title") for g in plan["groups"]] == ["Teaching"]
    assert [a["text"] for a in items(plan)] == ["Observe every teacher each term", "Share good practice"]


# --- a plan's numbered paragraphs, stems, cover sheets -----------------------

REPORT = (
    "REPORT TO:\tCabinet Member for Schools\n"
    "DATE:\t1st May 2026\n"
    "TITLE:\tTestshire Schools Action\n"
    "Plan for 2026-27\n"
    "Purpose\n\n"
    "1. To ask the Cabinet Member to agree the\n"
    "   action plan.\n\n"
    "Recommendations\n\n"
    "2. The Cabinet Member:\n"
    "  a) agrees the plan;\n"
    "  b) asks for a report in the\n"
    "     spring.\n\n"
    "Background\n\n"
    "3. The schools were reviewed in January\n"
    "2026.\n\n"
    "4. The plan is used to:\n"
    "   \u2022\tset each school's targets;\n"
    "   \u2022\tplan the advisers' visits.\n\n"
    "5. Heads will report to governors by mid-\n"
    "July each year.\n"
)


def test_numbered_paragraphs_of_a_plan_are_items():
    draft = draft_of(blocks_from_text(REPORT))
    plan = draft.plan
    assert plan["title"] == "Testshire Schools Action Plan for 2026-27"  # from the cover sheet, its line run on
    titles = [g.get("title") for g in plan["groups"]]
    assert titles == ["Purpose", "Recommendations", "Background"]
    purpose, recommendations, background = plan["groups"]
    assert purpose["actions"][0] == {
        "id": "purpose-1",
        "label": "1",
        "text": "To ask the Cabinet Member to agree the action plan.",
    }
    (stem,) = recommendations["groups"]  # "2. The Cabinet Member:" heads a) and b)
    assert (stem["label"], stem["text"]) == ("2", "The Cabinet Member:")
    assert [(a["label"], a["text"]) for a in stem["actions"]] == [
        ("a)", "agrees the plan;"),
        ("b)", "asks for a report in the spring."),
    ]
    third, fourth, fifth = background["actions"]
    assert third["text"] == "The schools were reviewed in January 2026." and "timescale" not in third
    assert fourth["text"] == "The plan is used to:\n\n- set each school's targets;\n- plan the advisers' visits."
    assert fifth["text"] == "Heads will report to governors by mid-July each year."
    assert "a plan's numbered paragraphs (or bullets under a heading) taken as items" in plan_yaml(draft)


def test_numbered_paragraphs_of_a_report_that_is_not_a_plan_stay_prose():
    text = REPORT.replace("Action\nPlan for 2026-27", "Review\nfor 2026-27")
    plan = draft_of(blocks_from_text(text)).plan
    assert [g.get("title") for g in plan["groups"]] == ["Recommendations"]
    assert any(s["title"] == "Background" for s in plan["sections"])


# --- tables ---------------------------------------------------------------------


def test_columns_of_items_dated_by_their_headings_and_a_group_beside_them():
    rows = [
        ["By:", "Key measures year one 2026/27", "Key measures, three years to 2029"],
        [
            "Helping people to stay well",
            "\u2022 Open two clinics\n\u2022 Train twenty volunteers",
            "\u2022 Halve waiting times",
        ],
        ["Supporting carers", "\u2022 Survey every carer", "\u2022 Give every carer a break\n\u2022 Set up a forum"],
    ]
    draft = draft_of([Table(rows)])
    plan = draft.plan
    assert [g["text"] for g in plan["groups"]] == ["Helping people to stay well", "Supporting carers"]
    got = [(a["text"], a["timescale"]) for a in items(plan)]
    assert got == [
        ("Open two clinics", "year one 2026/27"),
        ("Train twenty volunteers", "year one 2026/27"),
        ("Halve waiting times", "three years to 2029"),
        ("Survey every carer", "year one 2026/27"),
        ("Give every carer a break", "three years to 2029"),
        ("Set up a forum", "three years to 2029"),
    ]
    assert draft.report.unplaced == []
    assert "timescale taken from its column's heading" in plan_yaml(draft)


def test_quarter_rows_are_progress_periods_and_the_heading_above_dates_the_items():
    page = (
        "<h1>Testshire Strategy: Monitoring</h1><h2>Year 1 actions (by March 2027)</h2><table>"
        "<tr><th></th><th>Action</th><th>Lead organisation</th><th>Q</th><th>Progress to date</th></tr>"
        '<tr><td rowspan="4">A1</td><td rowspan="4">Write a toolkit for projects</td><td rowspan="4">Testshire Council</td>'
        "<td>Q1</td><td>Toolkit drafted</td></tr><tr><td>Q2</td><td></td></tr><tr><td>Q3</td><td>Toolkit agreed</td></tr>"
        "<tr><td>Q4</td><td></td></tr></table>"
    )
    draft = draft_of(blocks_from_html(page))
    (item,) = items(draft.plan)
    assert (item["label"], item["timescale"], item["responsible"]) == ("A1", "by March 2027", ["Testshire Council"])
    assert item["commentary"].split("\n\n") == [
        "Q1 — Progress to date: Toolkit drafted",
        "Q: Q2",
        "Q3 — Progress to date: Toolkit agreed",
        "Q: Q4",
    ]
    text = plan_yaml(draft)
    assert "timescale taken from the heading above the table" in text


def test_a_tracker_status_and_what_was_done():
    rows = [
        ["Reference", "Origin", "Date", "Recommendation", "Lead Officer", "Action taken", "Status"],
        [
            "TR (26/27) 01",
            "CSC",
            "01/05/26",
            "That the council publishes its data",
            "AB/CD",
            "Data published",
            "Complete",
        ],
        ["TR (26/27) 02", "PSC", "01/06/26", "That schools share their plans", "EF", "Two schools so far", "On track"],
        ["TR (25/26) 07", "CSC", "01/02/26", "That the board meets termly", "GH", "Not yet", "Paused"],
    ]
    draft = draft_of([Table(rows)])
    got = items(draft.plan)
    assert [(a["label"], a["text"], a["timescale"]) for a in got] == [(r[0], r[3], r[2]) for r in rows[1:]]
    assert [a.get("status") for a in got] == ["complete", {"state": "in-progress", "text": "On track"}, None]
    assert got[0]["commentary"] == "Action taken: Data published\n\nOrigin: CSC"  # a code is not a person
    assert got[2]["commentary"] == "Action taken: Not yet\n\nStatus: Paused\n\nOrigin: CSC"
    assert [u.text for u in draft.report.unplaced] == ["CSC", "PSC", "CSC"]
    assert "status read from column 7" in plan_yaml(draft)


# --- PDF tables without rules ---------------------------------------------------


def test_unruled_pdf_table_over_three_pages():
    """tracker-unruled.pdf: make_fixtures.py --pdf (LibreOffice) from ``tracker_docx``: no rules, narrow columns."""
    from .fixtures.importers.make_fixtures import TRACKER

    blocks = read_blocks(FIXTURES / "tracker-unruled.pdf")
    (table,) = [b for b in blocks if isinstance(b, Table)]
    assert table.rows[0] == TRACKER["header"]  # "Recomm" / "endation", broken by the column, joined again
    assert table.rows[1:] == TRACKER["rows"]  # one table, each row whole, over the page breaks
    assert blocks[-1] == Paragraph("Recommendation: what the committee asked for, in its words.")
    draft = draft_of(blocks)
    got = items(draft.plan)
    assert [(a["label"], a["text"], a["timescale"]) for a in got] == [(r[0], r[3], r[2]) for r in TRACKER["rows"]]
    assert [a["status"] for a in got] == [r[6].lower() for r in TRACKER["rows"]]


def test_a_word_is_joined_across_a_line_only_into_a_word_the_document_uses():
    from generator.importers.pdf_columns import _cell

    assert _cell([("Recomm", True), ("endation", False)], {"recommendation"}) == "Recommendation"
    assert _cell([("government", True), ("policy etc.", False)], {"government", "policy"}) == "government policy etc."


def test_term_columns_marked_with_ticks_give_the_timescale():
    rows = [
        ["Action", "Lead", "Autumn 1", "Autumn 2", "Spring 1", "Spring 2"],
        ["Train staff in phonics", "English Lead", "\u2713", "\u2713", "", ""],
        ["Review reading books", "Head", "", "", "X", "X"],
        ["Report to governors", "Head", "", "\u2713", "", "\u2713"],
    ]
    draft = draft_of([Table(rows)])
    assert [(a["text"], a["timescale"]) for a in items(draft.plan)] == [
        ("Train staff in phonics", "Autumn 1, Autumn 2"),
        ("Review reading books", "Spring 1, Spring 2"),
        ("Report to governors", "Autumn 2, Spring 2"),
    ]
    assert draft.report.unplaced == [] and "sections" not in draft.plan


def test_a_table_laid_out_a_field_a_row_gives_its_items():
    rows = [
        ["Objective", "Raise attainment in maths"],
        ["Action", "Train every teacher in the new scheme"],
        ["Lead", "Maths Leader"],
        ["Timescale", "Autumn 2026"],
        ["Action", "Buy new resources"],
        ["Lead", "Head of School"],
        ["Timescale", "Spring 2027"],
    ]
    draft = draft_of([Table(rows)])
    (group,) = draft.plan["groups"]
    assert group["text"] == "Raise attainment in maths"
    assert [(a["text"], a["responsible"], a["timescale"]) for a in group["actions"]] == [
        ("Train every teacher in the new scheme", ["Maths Leader"], "Autumn 2026"),
        ("Buy new resources", ["Head of School"], "Spring 2027"),
    ]
    assert draft.report.unplaced == []


def test_a_cover_sheet_is_not_a_form():
    rows = [["Report to:", "Cabinet"], ["Date:", "1 May 2026"], ["Title:", "Testshire Schools Plan"]]
    draft = draft_of([Table(rows)])
    assert "groups" not in draft.plan and draft.plan["title"] == "Testshire Schools Plan"


# --- success criteria: items of the plan or of their group ------------------------------

CRITERIA_ROWS = [
    ["Overarching success criteria", "Date"],
    ["1.1 Every service plan is live on the shared drive", "May 2026"],
    ["1.2 & 2.1 Nine schools in ten rate the support as good", "By July 2027"],
]


def test_criteria_follow_the_switch(monkeypatch):
    from generator.importers import draft as draft_module

    draft = draft_of([Table(CRITERIA_ROWS)])
    assert draft.report.criteria == 2 and "groups" not in draft.plan
    assert [c["label"] for c in draft.plan["success_criteria"]] == ["1.1", "1.2 & 2.1"]
    monkeypatch.setattr(draft_module, "CRITERIA_FIELD", None)  # a schema without criteria items
    draft = draft_of([Table(CRITERIA_ROWS)])
    assert [a["label"] for a in items(draft.plan)] == ["1.1", "1.2 & 2.1"]
    assert "success criteria, imported as actions" in plan_yaml(draft)


def test_criteria_go_to_the_plan_or_their_group():
    from generator.importers import draft as draft_module

    assert draft_module.CRITERIA_FIELD == "success_criteria"  # the default
    draft = draft_of([Heading(1, "Testshire Plan: appendix"), Table(CRITERIA_ROWS)])
    assert draft.plan["success_criteria"] == [
        {
            "id": "criterion-1",
            "label": "1.1",
            "text": "Every service plan is live on the shared drive",
            "timescale": "May 2026",
        },
        {
            "id": "criterion-2",
            "label": "1.2 & 2.1",
            "text": "Nine schools in ten rate the support as good",
            "timescale": "By July 2027",
        },
    ]
    assert "groups" not in draft.plan and draft.report.criteria == 2 and draft.report.items == 0
    grouped = draft_of(
        [
            Table(
                [
                    ["Recommendation", "Success criteria", "Date", "Lead"],
                    ["R1 Plan support", "Every school has a plan", "May 2026", "Head of Service"],
                    ["", "Plans are reviewed termly", "Termly", "Head of Service"],
                ],
                spans={(1, 0): (2, 1)},
            )
        ]
    )
    (group,) = grouped.plan["groups"]
    assert (group["label"], "actions" in group) == ("R1", False)
    assert [(c["id"], c["text"], c["timescale"]) for c in group["success_criteria"]] == [
        ("r1-criterion-1", "Every school has a plan", "May 2026"),
        ("r1-criterion-2", "Plans are reviewed termly", "Termly"),
    ]
    # a criterion has no lead: its words are placed in a section and reported, never dropped
    assert [u.text for u in grouped.report.unplaced] == ["Head of Service"]
    listed = draft_of(
        [
            Heading(1, "Testshire Plan"),
            Heading(2, "Success criteria"),
            blocks_from_text("a) Every school has a plan by July 2026\n")[0],
        ]
    )
    assert listed.plan["success_criteria"] == [
        {"id": "criterion-1", "label": "a)", "text": "Every school has a plan", "timescale": "by July 2026"}
    ]


def test_criteria_draft_validates_against_the_schema(tmp_path):
    from generator.load.reader import read_document
    from generator.model.plan import Plan

    draft = draft_of([Heading(1, "Testshire Plan: appendix"), Table(CRITERIA_ROWS)])
    path = tmp_path / "draft.yml"
    path.write_text(plan_yaml(draft), encoding="utf-8")
    Plan.model_validate(read_document(path)[0].data)
