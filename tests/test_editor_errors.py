"""The mistakes an editor makes (issue 19), each with its message and its line and column.

Every test writes a small plan of its own, breaks it the way an editor would, and checks
the exact message and position the editor sees in the terminal."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from generator.load.folder import load_plan
from generator.load.reader import read_document
from generator.problems import Problem, Severity

from .conftest import SCHEMA_LINE
from .test_load import write

ACTIONS = "abcdefghijkl"


def long_plan() -> list[str]:
    """A valid plan of 52 lines (one group, twelve actions of three lines), as lines."""
    head = SCHEMA_LINE + textwrap.dedent(
        """\
        # A plan to break: its twelve actions start on line 17, and
        # action i's text is on line 42.
        id: test-plan
        title: A test plan
        organisation: testshire
        kind: action-plan
        status: adopted
        summary: >-
          What the plan is for, in a folded block: "quotes" and 'apostrophes' here are text.
        source:
          title: The test plan document
        groups:
          - label: "1"
            title: The first priority
            actions:
        """
    )
    actions = "".join(
        f"      - label: 1{c})\n        text: Action {c}, as written.\n        timescale: Autumn 2026\n" for c in ACTIONS
    )
    return (head + actions).splitlines(keepends=True)


def with_line(number: int, text: str, *more: tuple[int, str]) -> str:
    lines = long_plan()
    for at, new in ((number, text), *more):
        assert lines[at - 1].startswith("        text: ") or lines[at - 1].startswith("        timescale"), at
        lines[at - 1] = new
    return "".join(lines)


def the_problem(tmp_path: Path, text: str | bytes) -> Problem:
    item, problems = load_plan(write(tmp_path / "plan.yml", text))
    assert item is None
    assert len(problems) == 1, [p.format() for p in problems]
    return problems[0]


def test_the_long_plan_is_valid(tmp_path):
    lines = long_plan()
    assert len(lines) == 52 and lines[41].startswith("        text: Action i")
    item, problems = load_plan(write(tmp_path / "plan.yml", "".join(lines)))
    assert problems == [] and item is not None


# --- YAML syntax errors in plain words, where the trouble starts -----------------


def test_an_unclosed_quote_is_reported_where_it_opened(tmp_path):
    # The next quote in the file is on line 54: libyaml gave up there.
    text = with_line(42, '        text: "Action i, as written.\n', (51, '        text: "Action l, as written."\n'))
    problem = the_problem(tmp_path, text)
    assert problem.message == 'the quote (") opened on line 42 is never closed on its line (the next " is on line 51)'
    assert problem.hint.startswith('end the text with " on line 42')
    assert (problem.line, problem.column) == (42, 15)


def test_a_quote_never_closed_to_the_end_of_the_file(tmp_path):
    problem = the_problem(tmp_path, with_line(42, "        text: 'Action i, as written.\n"))
    assert problem.message == "the quote (') opened on line 42 is never closed"
    assert "an apostrophe is written twice ('')" in problem.hint
    assert (problem.line, problem.column) == (42, 15)


def test_an_apostrophe_later_does_not_hide_an_open_single_quote(tmp_path):
    text = with_line(42, "        text: 'Action i, as written.\n", (51, "        text: Action l's text.\n"))
    problem = the_problem(tmp_path, text)
    assert problem.message == "the quote (') opened on line 42 is never closed on its line (the next ' is on line 51)"
    assert (problem.line, problem.column) == (42, 15)


def test_quotes_inside_a_block_scalar_are_text_not_quotes(tmp_path):
    # Line 13 of the summary holds quotes; the mistake is the unclosed one on line 42.
    problem = the_problem(tmp_path, with_line(42, '        text: "Action i\n', (51, '        text: "Action l."\n')))
    assert (problem.line, problem.column) == (42, 15)


def test_text_after_a_closing_quote(tmp_path):
    problem = the_problem(tmp_path, with_line(42, '        text: "Action "i" as written."\n'))
    assert problem.message == 'the text goes on after its closing quote (")'
    assert "single quotes" in problem.hint
    assert (problem.line, problem.column) == (42, 23)


def test_an_unclosed_list_is_reported_at_its_bracket(tmp_path):
    problem = the_problem(tmp_path, with_line(42, "        text: [Action i, as written\n"))
    assert problem.message == "the list opened with '[' on line 42 is never closed"
    assert (problem.line, problem.column) == (42, 15)


def test_a_field_indented_too_far(tmp_path):
    problem = the_problem(tmp_path, with_line(42, "         text: Action i, as written.\n"))
    assert problem.message == "'text:' is indented more than the field on line 41, so it is read as part of that field's text"
    assert problem.hint == "line it up with the field above (column 9)"
    assert (problem.line, problem.column) == (42, 14)


def test_a_field_indented_too_little(tmp_path):
    problem = the_problem(tmp_path, with_line(42, "       text: Action i, as written.\n"))
    assert problem.message == "this line is not lined up with the list it is in"
    assert "line 17, column 7" in problem.hint
    assert (problem.line, problem.column) == (42, 8)


def test_a_missing_colon(tmp_path):
    problem = the_problem(tmp_path, with_line(42, "        text Action i, as written.\n"))
    assert problem.message == "a line is missing its ':' (field: value)"
    assert (problem.line, problem.column) == (42, 9)


def test_a_colon_inside_a_text(tmp_path):
    problem = the_problem(tmp_path, with_line(42, "        text: Action i: as written.\n"))
    assert problem.message == "unexpected ':' in a value"
    assert "quotes" in problem.hint
    assert (problem.line, problem.column) == (42, 23)


@pytest.mark.parametrize("char", ["@", "`"])
def test_a_value_that_cannot_start_plain(tmp_path, char):
    problem = the_problem(tmp_path, with_line(42, f"        text: {char}Action i\n"))
    assert problem.message == f"a value cannot start with '{char}'"
    assert problem.hint == "put the whole text in quotes"
    assert (problem.line, problem.column) == (42, 15)


def test_no_parser_words_reach_the_editor(tmp_path):
    for broken in ("        text: - Action i\n", "        - text: Action i\n", '        text: "a" b\n'):
        problem = the_problem(tmp_path, with_line(42, broken))
        assert "while parsing" not in problem.format() and "expected key" not in problem.format()
        assert problem.line == 42


# --- files saved in other encodings -----------------------------------------------


@pytest.mark.parametrize(
    "encoding, name",
    [("utf-16", "UTF-16"), ("utf-16-le", "UTF-16"), ("utf-16-be", "UTF-16"), ("utf-32", "UTF-32")],
)
def test_utf16_and_utf32_files_are_read_with_a_warning(tmp_path, encoding, name):
    text = "".join(long_plan())
    item, problems = load_plan(write(tmp_path / "plan.yml", text.encode(encoding)))
    assert item is not None and item.plan.title == "A test plan"
    assert [(p.severity, p.line, p.column) for p in problems] == [(Severity.warning, 1, 1)]
    assert problems[0].message.startswith(f"the file is saved as {name}: it is read")
    assert "plansite fmt" in problems[0].hint and "UTF-8" in problems[0].hint


def test_utf16_errors_keep_their_line_and_column(tmp_path):
    text = with_line(42, '        text: "Action i\n')
    document, problems = read_document(write(tmp_path / "plan.yml", text.encode("utf-16")))
    assert document is None
    assert [(p.message, p.line, p.column) for p in problems] == [
        ('the quote (") opened on line 42 is never closed', 42, 15)
    ]


def test_utf8_with_a_byte_order_mark_is_read_silently(tmp_path):
    item, problems = load_plan(write(tmp_path / "plan.yml", "".join(long_plan()).encode("utf-8-sig")))
    assert problems == [] and item is not None


def test_fmt_saves_a_utf16_file_as_utf8(tmp_path):
    from generator.load.fmt import format_file

    path = write(tmp_path / "plan.yml", "".join(long_plan()).encode("utf-16"))
    result = format_file(path)
    assert result.changed and result.problems == []
    assert path.read_bytes().decode("utf-8") == "".join(long_plan())
