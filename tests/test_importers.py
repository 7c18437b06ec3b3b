"""generator/importers: the five seed texts, Word and HTML round trips, a Plone export."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import docx
import pytest

from generator.load.reader import read_document
from generator.model.wording import plain_text
from generator.pipeline import load_and_resolve

from .helpers import PLANS, ROOT, SEED_FILES, SEEDS, plansite, run_mkdocs_build, soup_of


def words(text: str) -> str:
    """Only the words: punctuation, bullets and spacing differ between a source and its plan."""
    return " ".join(re.findall(r"[a-z0-9£%]+", text.lower()))


@pytest.fixture
def site(tmp_path: Path) -> Path:
    shutil.copytree(PLANS / "registry", tmp_path / "plans" / "registry")
    return tmp_path


def imported_text(path: Path) -> str:
    """Every string of the draft, in document order, as words."""

    def strings(value):
        if isinstance(value, dict):
            for item in value.values():
                yield from strings(item)
        elif isinstance(value, list):
            for item in value:
                yield from strings(item)
        elif isinstance(value, str):
            yield value

    return words(" ".join(strings(read_document(path)[0].data)))


@pytest.mark.parametrize("plan_id", sorted(SEED_FILES))
def test_each_seed_text_imports_to_a_valid_draft_with_every_action(site, plan_id):
    source = SEEDS / SEED_FILES[plan_id]
    if not source.exists():
        pytest.skip(f"{source} is not available here")
    catalogue, _ = load_and_resolve(PLANS)
    plan = catalogue.plan(plan_id)
    result = plansite("import", str(source), "--organisation", plan.organisation, "--id", "draft", cwd=site)
    assert result.returncode == 0, result.stderr
    draft = site / "plans" / "draft.yml"
    check = plansite("validate", "plans/draft.yml", cwd=site)
    assert check.returncode == 0, check.stdout  # warnings about names are fine in a draft; errors are not
    text = imported_text(draft)
    missing = [a.id for a in plan.actions() if words(plain_text(a.text)) not in text]
    assert missing == []
    if plan_id == "essex-school-improvement-model-2017":
        for item in ("Headteacher performance management", "Planning of conferences/events", "£450"):
            assert words(item) in text


def _word_document(plan, path: Path) -> None:
    document = docx.Document()
    document.add_heading(plan.title, level=1)
    document.add_paragraph("An introduction that is not a table.")
    for group, _ in plan.walk_groups():
        if not group.actions:
            continue
        document.add_heading(f"Activity {group.label}", level=2)
        table = document.add_table(rows=1, cols=5)
        for cell, heading in zip(
            table.rows[0].cells, ["", "Actions", "Responsible Person", "Target audience", "Timing/timescales"]
        ):
            cell.text = heading
        for action in group.actions:
            row = table.add_row().cells
            row[0].text = action.label or ""
            row[1].text = plain_text(action.text)
            row[2].text = "\n".join(m.text for m in action.responsible)
            row[3].text = "\n".join(m.text for m in action.audience)
            row[4].text = action.timescale.text if action.timescale else ""
    document.save(str(path))


def test_word_round_trip(site):
    catalogue, _ = load_and_resolve(PLANS)
    plan = catalogue.plan("southwark-edp-2002-07")
    source = site / "southwark.docx"
    _word_document(plan, source)
    result = plansite("import", str(source), "--organisation", "southwark-lea", "--id", "from-word", cwd=site)
    assert result.returncode == 0, result.stderr
    draft = read_document(site / "plans" / "from-word.yml")[0].data
    assert draft["title"] == plan.title
    assert draft["sections"][0]["body"] == "An introduction that is not a table."
    imported = [a for g in draft["groups"] for a in g["actions"]]
    assert len(imported) == 35
    for action, original in zip(imported, plan.actions()):
        assert action.get("label") == original.label
        assert action["text"] == plain_text(original.text)
        assert action.get("responsible", []) == [m.text for m in original.responsible]
        assert action.get("audience", []) == [m.text for m in original.audience]
        assert action.get("timescale") == (original.timescale.text if original.timescale else None)
    assert plansite("validate", "plans/from-word.yml", cwd=site).returncode == 0


def test_html_round_trip_with_merged_cells(site):
    catalogue, _ = load_and_resolve(PLANS)
    plan = catalogue.plan("middlesbrough-school-improvement-scrutiny-2014")
    rows = []
    for group, _ in plan.walk_groups():
        for index, action in enumerate(group.actions):
            first = index == 0
            rows.append(
                "<tr>"
                + (f"<td>{group.label}</td><td>{group.text}</td>" if first else "<td></td><td></td>")
                + f"<td>{plain_text(action.text)}</td>"
                + f"<td>{'<br>'.join(m.text for m in action.responsible)}</td>"
                + f'<td colspan="2">{action.timescale.text if action.timescale else ""}</td>'
                + "</tr>"
            )
    page = (
        "<html><body><header>Council site</header><main><h1>" + plan.title + "</h1>"
        "<p>Saved from the council's old site.</p><table>"
        '<tr><th></th><th>Scrutiny recommendation</th><th>Proposed action</th><th>By whom</th><th colspan="2">Timescale</th></tr>'
        + "".join(rows)
        + "</table></main></body></html>"
    )
    source = site / "page.html"
    source.write_text(page, encoding="utf-8")
    assert (
        plansite(
            "import", str(source), "--organisation", "middlesbrough-council", "--id", "from-html", cwd=site
        ).returncode
        == 0
    )
    draft = read_document(site / "plans" / "from-html.yml")[0].data
    assert [g["label"] for g in draft["groups"]] == [g.label for g, _ in plan.walk_groups()]
    assert [g["text"] for g in draft["groups"]] == [g.text for g, _ in plan.walk_groups()]
    imported = [a for g in draft["groups"] for a in g["actions"]]
    assert [a["text"] for a in imported] == [plain_text(a.text) for a in plan.actions()]
    assert [a.get("timescale") for a in imported] == [a.timescale.text if a.timescale else None for a in plan.actions()]
    assert "Council site" not in json.dumps(draft)
    assert plansite("validate", "plans/from-html.yml", cwd=site).returncode == 0


PLONE_EXPORT = [
    {
        "@id": "https://old.example.org/education",
        "@type": "Folder",
        "UID": "f" * 32,
        "title": "Education",
        "review_state": "published",
    },
    {
        "@id": "https://old.example.org/education/school-improvement-plan",
        "@type": "Document",
        "UID": "a" * 32,
        "title": "School Improvement Plan",
        "description": "How the council supports schools.",
        "review_state": "published",
        "text": {
            "content-type": "text/html",
            "data": '<p>See also <a href="resolveuid/' + "b" * 32 + '">the attendance plan</a>.</p>'
            "<table><tr><th>Action</th><th>Lead</th><th>When</th></tr>"
            "<tr><td>Visit every school</td><td>Head of School Improvement</td><td>Autumn 2026</td></tr></table>",
        },
    },
    {
        "@id": "https://old.example.org/education/attendance",
        "@type": "Document",
        "UID": "b" * 32,
        "title": "Attendance Plan",
        "review_state": "private",
        "text": {"content-type": "text/html", "data": "<p>Draft text.</p>"},
    },
]


def test_plone_export_imports_plans_and_old_addresses_keep_working(tmp_path):
    project = tmp_path
    shutil.copytree(ROOT / "overrides", project / "overrides")
    (project / "docs").mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / "plans" / "registry").mkdir(parents=True)
    (project / "plans" / "registry" / "r.yml").write_text(
        "organisations:\n  - id: testshire\n    name: Testshire\n"
        "roles:\n  - id: head\n    name: Head of School Improvement\n",
        encoding="utf-8",
    )
    export = project / "export.json"
    export.write_text(json.dumps(PLONE_EXPORT), encoding="utf-8")
    result = plansite("import", str(export), "--organisation", "testshire", cwd=project)
    assert result.returncode == 0, result.stderr
    first = read_document(project / "plans" / "school-improvement-plan.yml")[0].data
    second = read_document(project / "plans" / "attendance.yml")[0].data
    assert (first["status"], second["status"]) == ("adopted", "draft")
    assert first["summary"] == "How the council supports schools."
    assert "[[attendance|the attendance plan]]" in first["sections"][0]["body"]
    assert first["groups"][0]["actions"][0]["responsible"] == ["Head of School Improvement"]
    redirects = read_document(project / "plans" / "registry" / "redirects-plone.yml")[0].data["redirects"]
    assert redirects == [
        {"old_path": "education/school-improvement-plan", "to": "school-improvement-plan"},
        {"old_path": "education/attendance", "to": "attendance"},
    ]
    assert plansite("validate", cwd=project).returncode == 0
    built = run_mkdocs_build(project, project / "site")
    assert built.returncode == 0, built.stderr
    old = soup_of(project / "site" / "education" / "school-improvement-plan" / "index.html")
    assert old.find("link", rel="canonical")["href"].endswith("plans/school-improvement-plan/")
    page = soup_of(project / "site" / "plans" / "school-improvement-plan" / "index.html")
    assert page.find("a", string="the attendance plan")["href"] == "../attendance/"
