"""generator/fmt.py and `plansite fmt`: one layout, comments kept, idempotent, --check."""

from __future__ import annotations

from generator.load.fmt import format_file, format_text
from generator.load.reader import read_document

from .helpers import minimal_plan, plansite, write

MESSY = """\
# yaml-language-server: $schema=../schema/plan.schema.json
id: messy   # keep this comment
title:   'A messy plan'
organisation: testshire
kind: action-plan
status: adopted
source:
    title: The document
groups:
-   label: "1"
    # a comment above the actions
    actions:
    -   text: Do the thing
        responsible: [Head of School Improvement]
        timescale: Autumn 2026
"""


def test_fmt_puts_a_file_in_the_layout_and_keeps_comments_and_meaning(tmp_path):
    path = write(tmp_path / "plans" / "messy.yml", MESSY)
    before = read_document(path)[0].data
    result = format_file(path)
    assert result.changed and result.problems == []
    text = path.read_text(encoding="utf-8")
    assert "id: messy   # keep this comment" in text
    assert "# a comment above the actions" in text
    assert '  - label: "1"\n' in text and "      - text: Do the thing\n" in text
    assert "title: 'A messy plan'" in text  # quotes as written, spacing normalised
    assert read_document(path)[0].data == before


def test_fmt_is_idempotent():
    once = format_text(MESSY)
    assert format_text(once) == once
    assert format_text(minimal_plan()) == minimal_plan()


def test_fmt_check_changes_nothing_and_fails_on_a_file_out_of_layout(tmp_path):
    write(tmp_path / "plans" / "registry" / "r.yml", "organisations:\n  - id: testshire\n    name: Testshire\n")
    path = write(tmp_path / "plans" / "messy.yml", MESSY)
    result = plansite("fmt", "--check", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.strip() == "would reformat plans/messy.yml"
    assert path.read_text(encoding="utf-8") == MESSY
    assert plansite("fmt", cwd=tmp_path).returncode == 0
    assert plansite("fmt", "--check", cwd=tmp_path).returncode == 0


def test_fmt_leaves_a_broken_file_alone_and_says_why(tmp_path):
    path = write(tmp_path / "plans" / "broken.yml", "id: a\n\ttitle: x\n")
    result = format_file(path)
    assert not result.changed
    assert result.problems[0].message == "a tab character is used for indentation"
    assert path.read_text(encoding="utf-8") == "id: a\n\ttitle: x\n"


def test_the_bundled_plans_are_in_the_layout():
    result = plansite("fmt", "--check")
    assert result.returncode == 0, result.stdout
