"""Importers for documents as they are (issue 18): columns read from their cells, merged
cells as one, text copied out of a PDF, PDF tables, the import report and the draft's
``# CHECK:`` marks. Every document here is written by the tests (tests/fixtures/importers)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.importers import read_blocks
from generator.importers.blocks import ListBlock, Paragraph, Table
from generator.importers.columns import heading_role, is_date, is_label, split_label
from generator.importers.draft import draft_document, plan_yaml
from generator.importers.html import blocks_from_html
from generator.importers.report import find_checks
from generator.importers.text import blocks_from_text
from generator.load.reader import read_document

from .fixtures.importers.make_fixtures import MERGED, NUMBERED, word_documents
from .helpers import PLANS, plansite

FIXTURES = Path(__file__).parent / "fixtures" / "importers"


def draft_of(blocks, name="source"):
    return draft_document(blocks, plan_id="draft", organisation="testshire", source_title=name, source_format="test")


def actions(plan):
    out = []

    def walk(groups):
        for group in groups:
            out.extend(group.get("actions", []))
            walk(group.get("groups", []))

    walk(plan.get("groups", []))
    return out


@pytest.fixture(scope="module")
def documents(tmp_path_factory) -> dict[str, Path]:
    return word_documents(tmp_path_factory.mktemp("documents"))


@pytest.fixture
def site(tmp_path: Path) -> Path:
    shutil.copytree(PLANS / "registry", tmp_path / "plans" / "registry")
    return tmp_path


# --- cells ------------------------------------------------------------------


@pytest.mark.parametrize("text", ["1.1", "2a", "5.3", "a)", "(iv)", "NI 94", "KPI17", "1.4 & 3.4"])
def test_labels(text):
    assert is_label(text)


@pytest.mark.parametrize("text", ["n/a", "Head of Service", "2004/05", "Ongoing", "All schools"])
def test_not_labels(text):
    assert not is_label(text)


@pytest.mark.parametrize(
    "text",
    [
        "Date by March 2002",
        "By July 2005",
        "Autumn 2003",
        "2004/05",
        "Ongoing",
        "15/10/14 26/11/14",
        "July 2004 and quarterly",
        "Termly",
    ],
)
def test_dates_and_terms(text):
    assert is_date(text)


@pytest.mark.parametrize("text", ["Head of School Improvement", "All schools have a plan", "1.1", "£3,000"])
def test_not_dates(text):
    assert not is_date(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.1 All Service Plans are written", ("1.1", "All Service Plans are written")),
        ("1.1.All managers review plans", ("1.1", "All managers review plans")),
        ("1.4 & 3.4 Targets name vulnerable groups", ("1.4 & 3.4", "Targets name vulnerable groups")),
        ("3a) Review the framework", ("3a)", "Review the framework")),
        ("(ii) note the contents", ("(ii)", "note the contents")),
        ("2 schools will join", None),
        ("2004 results rose", None),
    ],
)
def test_label_split_from_the_start_of_a_cell(text, expected):
    assert split_label(text) == expected


@pytest.mark.parametrize(
    ("heading", "role"),
    [
        ("Lead Person/s", "responsible"),
        ("Date By", "timescale"),
        ("No.", "label"),
        ("Monitoring How/when/by whom?", "monitoring"),
        ("Scrutiny recommendation", "group"),
        ("Target audience", "audience"),
        ("Overarching success criteria", "success_measures"),
        ("Indicator Lead", "responsible"),
        ("Action Lead", "responsible"),
    ],
)
def test_heading_roles(heading, role):
    assert heading_role(heading) == role


# --- tables -----------------------------------------------------------------


def test_no_action_date_by_puts_label_words_and_date_in_their_fields(documents):
    draft = draft_of(read_blocks(documents["numbered"]))
    items = actions(draft.plan)
    assert [(a["label"], a["text"], a["timescale"]) for a in items] == [tuple(row) for row in NUMBERED[1:]]
    assert all(a["text"] != "Action" for a in items)  # the header row is never an item
    columns = draft.report.tables[0].columns
    assert columns[0].startswith('column 1 "No.": label') and columns[2].startswith('column 3 "Date By": timescale')


def test_columns_without_headings_are_read_from_their_cells():
    rows = [
        [f"{n}.{m}", f"Words of item {n}.{m} that say what will be done", f"Head of Team {n}", f"Autumn 202{m}"]
        for n in (1, 2)
        for m in (1, 2)
    ]
    draft = draft_of([Table(rows)])
    items = actions(draft.plan)
    assert [(a["label"], a["responsible"], a["timescale"]) for a in items] == [(r[0], [r[2]], r[3]) for r in rows]
    text = plan_yaml(draft)
    assert "taken as timescale from its content" in text and "no heading row" in text


def test_success_criteria_table_splits_labels_and_dates(documents):
    draft = draft_of(read_blocks(documents["criteria"]))
    criteria = draft.plan["success_criteria"]  # an appendix of overarching criteria: the plan's own
    assert [(c["label"], c["timescale"]) for c in criteria] == [
        ("1.1", "May 2026"),
        ("1.2 & 2.1", "By July 2027"),
        ("2.3", "2026/27"),
    ]
    assert criteria[0]["text"] == "All service plans are live documents on the shared drive"
    assert draft.report.criteria == 3 and draft.report.items == 0 and "groups" not in draft.plan
    assert not any(c["text"].startswith("Overarching") for c in criteria)  # the header row is no criterion


def test_word_vertical_merge_is_one_group(documents):
    plan = draft_of(read_blocks(documents["merged"])).plan
    assert [(g["label"], g["text"], len(g["actions"])) for g in plan["groups"]] == [
        (text.split(" ", 1)[0], text.split(" ", 1)[1], len(rows)) for text, rows in MERGED["groups"]
    ]
    first = plan["groups"][0]["actions"][0]
    assert first["responsible"] == ["Head of School Support"]  # "Lead Person/s" is the people responsible


def test_word_horizontal_merge_is_one_cell(tmp_path):
    import docx

    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    for cell, text in zip(table.rows[0].cells, ("Action", "Timescale", "")):
        cell.text = text
    table.cell(0, 1).merge(table.cell(0, 2))
    for r, (words, start, end) in enumerate(
        [("Write the plan", "May 2026", "June 2026"), ("Publish the plan", "July 2026", "")], start=1
    ):
        for cell, text in zip(table.rows[r].cells, (words, start, end)):
            cell.text = text
    path = tmp_path / "spans.docx"
    document.save(str(path))
    table_block = next(b for b in read_blocks(path) if isinstance(b, Table))
    assert table_block.spans == {(0, 1): (1, 2)}
    assert table_block.rows[0] == ["Action", "Timescale", ""]


def test_html_rowspan_and_colspan_keep_cells_in_their_columns():
    page = (
        "<table><tr><th>Recommendation</th><th>Action</th><th>Lead Person/s</th><th colspan=2>Timescale</th></tr>"
        "<tr><td rowspan=2>R1 Plan support</td><td>Agree a plan</td><td rowspan=2>Head of Support</td><td>May 2026</td><td>June 2026</td></tr>"
        "<tr><td>Visit schools</td><td colspan=2>Termly</td></tr>"
        "<tr><td>R2 Share data</td><td>Publish data</td><td>Data Manager</td><td colspan=2>Autumn 2026</td></tr></table>"
    )
    plan = draft_of(blocks_from_html(page)).plan
    assert [g["label"] for g in plan["groups"]] == ["R1", "R2"]
    first, second, third = actions(plan)
    assert (first["text"], first["responsible"]) == ("Agree a plan", ["Head of Support"])
    assert (second["text"], second["responsible"], second["timescale"]) == (
        "Visit schools",
        ["Head of Support"],
        "Termly",
    )
    assert third["timescale"] == "Autumn 2026"


def test_unplaced_cells_are_reported_and_kept():
    rows = [["Action", "Timescale", "Colour of the folder"], ["Write the plan", "May 2026", "Blue"]]
    draft = draft_of([Table(rows)])
    (item,) = actions(draft.plan)
    assert item["commentary"] == "Colour of the folder: Blue"
    assert [(u.where, u.text) for u in draft.report.unplaced] == [("table 1, row 2, column 3", "Blue")]
    assert "fits no field: kept in commentary" in plan_yaml(draft)


# --- text ---------------------------------------------------------------------

PDF_TEXT = """Testshire Improvement Plan

Recommendation 1: Improve planning

1.1 Every team writes a service plan linked to
the council's priorities and shares it with the review
group. Date by March 2026
1.2 Heads of service report progress to the review group
each term.
By July 2026

Recommendation 2: Share information

\u00b7 Publish a data pack for every school
by the end of each term.
\uf0b7 Train governors to read the data pack.
a) Review the pack with heads
(i) Ask parents what they would add

Background

The council was reviewed in the spring. The review found that plans
were not linked to the council's priorities and that schools did not
receive the information they needed.

The review group meets each term.
"""


def test_text_copied_from_a_pdf_gives_items_and_paragraphs():
    blocks = blocks_from_text(PDF_TEXT)
    lists = [b for b in blocks if isinstance(b, ListBlock)]
    assert [len(b.items) for b in lists] == [2, 2, 2]
    assert lists[1].items[0] == "Publish a data pack for every school by the end of each term."
    assert lists[1].items[1] == "Train governors to read the data pack."  # a Symbol-font bullet
    assert lists[2].labels == ["a)", "(i)"]
    paragraphs = [b.text for b in blocks if isinstance(b, Paragraph)]
    assert paragraphs[-2].startswith(
        "The council was reviewed in the spring. The review found that plans were not linked"
    )
    assert paragraphs[-1] == "The review group meets each term."
    plan = draft_of(blocks).plan
    items = actions(plan)
    assert [(a.get("label"), a.get("timescale")) for a in items[:2]] == [
        ("1.1", "Date by March 2026"),
        ("1.2", "By July 2026"),
    ]
    assert items[0]["text"].endswith("shares it with the review group.")
    assert len(items) == 6


@pytest.mark.parametrize("glyph", ["•", "·", "\uf0b7", "▪", "o", "-", "–"])
def test_bullet_glyphs(glyph):
    (block,) = blocks_from_text(f"{glyph} First point\n{glyph} Second point\n")
    assert isinstance(block, ListBlock) and block.items == ["First point", "Second point"]


# --- PDF ----------------------------------------------------------------------


def test_pdf_table_with_merged_cells():
    """merged-plan.pdf: make_fixtures.py --pdf (LibreOffice) from the merged Word document."""
    plan = draft_of(read_blocks(FIXTURES / "merged-plan.pdf"), "merged-plan.pdf").plan
    assert plan["title"] == "Testshire School Support Plan"
    assert [g["label"] for g in plan["groups"]] == ["R1", "R2"]
    expected = [(label, text, [lead], when) for _, rows in MERGED["groups"] for label, text, lead, when in rows]
    assert [(a["label"], a["text"], a["responsible"], a["timescale"]) for a in actions(plan)] == expected
    assert plan["sections"][0]["body"] == "The plan answers the two recommendations of the review."


# --- the draft file -----------------------------------------------------------


def test_import_report_checks_and_fmt(site, documents):
    result = plansite(
        "import",
        str(documents["criteria"]),
        "--organisation",
        "southwark-lea",
        "--id",
        "draft",
        "--report",
        "report.json",
        cwd=site,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "found: 0 group(s), 0 item(s), 3 success criteria" in out
    assert 'column 1 "Overarching success criteria": criteria, from its heading' in out
    assert "cells not placed in a field: none" in out
    draft = site / "plans" / "draft.yml"
    text = draft.read_text(encoding="utf-8")
    checks = find_checks(text)
    assert len(checks) >= 3
    lines = text.splitlines()
    for check in checks:
        assert lines[check.line - 1][check.column - 1 :].startswith("# CHECK:")
    label_check = next(c for c in checks if "label split" in c.message)
    assert lines[label_check.line - 1].strip().startswith("label: '1.1'")
    report = json.loads((site / "report.json").read_text(encoding="utf-8"))
    assert [(c["line"], c["column"]) for c in report["checks"]] == [(c.line, c.column) for c in checks]
    assert plansite("fmt", "--check", "plans/draft.yml", cwd=site).returncode == 0
    assert plansite("validate", "plans/draft.yml", cwd=site).returncode == 0
    assert read_document(draft)[0].data["success_criteria"][0]["label"] == "1.1"


def test_every_fixture_imports_to_a_formatted_valid_draft(site, documents):
    sources = [*documents.values(), FIXTURES / "merged-plan.pdf", FIXTURES / "tracker-unruled.pdf"]
    assert sources
    for index, source in enumerate(sources):
        result = plansite("import", str(source), "--organisation", "testshire", "--id", f"d{index}", cwd=site)
        assert result.returncode == 0, result.stderr
        assert "# CHECK:" in (site / "plans" / f"d{index}.yml").read_text(encoding="utf-8")
    assert plansite("fmt", "--check", "plans", cwd=site).returncode == 0
