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

from .helpers import PLANS, SCHEMA_LINE, plansite, write

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
        f"      - label: 1{c})\n        text: Action {c}, as written.\n        timescale: Autumn 2026\n"
        for c in ACTIONS
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
    assert (
        problem.message
        == "'text:' is indented more than the field on line 41, so it is read as part of that field's text"
    )
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


# --- nothing silent: timescales that look like dates or terms ----------------------


def problems_of(tmp_path: Path, text: str) -> list[tuple[str, int, int, str, str | None]]:
    _, problems = load_plan(write(tmp_path / "plan.yml", text))
    return [(p.severity.value, p.line, p.column, p.message, p.hint) for p in problems]


def test_a_misspelt_term_is_a_warning_with_a_suggestion(tmp_path):
    text = with_line(43, "        timescale: Spirng 2027\n")
    assert problems_of(tmp_path, text) == [
        (
            "warning",
            43,
            20,
            "'Spirng' is not a term or a month, so in 'Spirng 2027' only '2027' is read",
            "did you mean 'Spring 2027'?",
        )
    ]


def test_a_misspelt_month_inside_a_longer_timescale_is_pointed_at(tmp_path):
    text = with_line(43, '        timescale: "From Febuary 2027, termly"\n')
    assert problems_of(tmp_path, text) == [
        (
            "warning",
            43,
            26,
            "'Febuary' is not a term or a month, so in 'Febuary 2027' only '2027' is read",
            "did you mean 'February 2027'?",
        )
    ]


def test_month_13_is_a_warning_that_says_so(tmp_path):
    assert problems_of(tmp_path, with_line(43, "        timescale: 31/13/2027\n")) == [
        (
            "warning",
            43,
            20,
            "month 13 does not exist, so '31/13/2027' is not read as a date",
            "dates are day/month/year",
        )
    ]
    found = problems_of(tmp_path, with_line(43, "        timescale: 12/13/2027\n"))
    assert [(f[1], f[2], f[4]) for f in found] == [(43, 20, "dates are day/month/year: did you mean 13/12/2027?")]


@pytest.mark.parametrize("written", ["31/02/2027", "2027-02-31", "31 February 2027"])
def test_an_impossible_day_is_an_error_that_says_why(tmp_path, written):
    severity, line, column, message, hint = the_only(
        problems_of(tmp_path, with_line(43, f"        timescale: {written}\n"))
    )
    assert (severity, line, column) == ("error", 43, 20)
    assert message == f"'{written}' is not a date: 31 February 2027 does not exist"
    assert hint.startswith("February 2027 has 28 days")


def test_an_impossible_day_among_good_ones_is_pointed_at(tmp_path):
    found = problems_of(tmp_path, with_line(43, "        timescale: 15/10/26 26/11/26 31/02/27\n"))
    assert [(f[0], f[1], f[2], f[3]) for f in found] == [
        ("error", 43, 38, "'31/02/27' is not a date: 31 February 2027 does not exist")
    ]


def test_an_impossible_day_with_its_own_dates_is_only_a_warning(tmp_path):
    text = with_line(
        43, "        timescale:\n          text: 31/02/2027\n          start: 2027-02-28\n          end: 2027-02-28\n"
    )
    assert problems_of(tmp_path, text) == [
        (
            "warning",
            44,
            17,
            "'31/02/2027' is not a date: 31 February 2027 does not exist",
            "the start and end given are used",
        )
    ]


def test_an_impossible_start_date_says_why(tmp_path):
    text = with_line(43, "        timescale:\n          text: Spring 2027\n          start: 2027-02-31\n")
    assert problems_of(tmp_path, text) == [
        (
            "error",
            45,
            18,
            "groups[0].actions[8].timescale.start: 31 February 2027 does not exist",
            "February 2027 has 28 days",
        )
    ]


def test_a_start_date_written_day_first_gets_its_iso_form(tmp_path):
    text = with_line(43, "        timescale:\n          text: Spring 2027\n          start: 01/03/2027\n")
    severity, line, column, message, hint = the_only(problems_of(tmp_path, text))
    assert (severity, line, column, hint) == ("error", 45, 18, "write it as 2027-03-01")
    assert message == "groups[0].actions[8].timescale.start: expected a date as YYYY-MM-DD, got the text '01/03/2027'"


def test_milestones_and_the_plan_period_are_checked_too(tmp_path):
    text = "".join(long_plan()).replace(
        "status: adopted\n",
        "status: adopted\nperiod: Atumn 2026 to Summer 2027\nmilestones:\n  - text: Review\n    when: 30/02/2027\n",
    )
    assert [(f[0], f[1], f[2]) for f in problems_of(tmp_path, text)] == [("warning", 9, 9), ("error", 12, 11)]


def test_the_bundled_plans_have_no_unreadable_timescales():
    from generator.load.timescale_words import findings

    texts = [line for path in PLANS.glob("*.yml") for line in path.read_text(encoding="utf-8").splitlines()]
    assert texts
    assert [t for t in texts if "timescale:" in t and findings(t.split("timescale:", 1)[1].strip(" \"'"))] == []


@pytest.mark.parametrize("word", ["Summary", "Sprint", "String", "Autumn", "Sept", "March", "Mayor"])
def test_real_words_are_not_called_misspellings(word):
    from generator.load.timescale_words import findings

    assert findings(f"{word} 2027") == ()


def the_only(found: list) -> tuple:
    assert len(found) == 1, found
    return found[0]


# --- draft markers left by the importer ----------------------------------------------

DRAFT = "draft: {} — check it against the source, then delete this comment"


def test_each_draft_marker_is_a_warning_at_its_place(tmp_path):
    text = with_line(
        42,
        "        text: Action i, as written.  # CHECK: two table cells were joined here\n",
        (43, "        # CHECK: the timescale column was empty\n        timescale: Autumn 2026\n"),
    )
    assert problems_of(tmp_path, text) == [
        ("warning", 42, 38, DRAFT.format("two table cells were joined here"), None),
        ("warning", 43, 9, DRAFT.format("the timescale column was empty"), None),
    ]


def test_a_marker_that_says_what_to_do_says_it_once(tmp_path):
    text = with_line(42, "        text: Action i.  # CHECK: read it against the source, then delete this comment\n")
    assert problems_of(tmp_path, text) == [
        ("warning", 42, 26, "draft: read it against the source, then delete this comment", None)
    ]


def test_marker_words_inside_texts_are_not_markers(tmp_path):
    text = with_line(
        42,
        "        text: |\n          Literal text: # CHECK: this is the plan's own words\n"
        "          # CHECK: and so is this line of the block\n",
        (43, '        timescale: "Autumn 2026 # CHECK: quoted, so text"\n'),
        (45, "        text: 'Action j  # CHECK: quoted too'  # CHECK: but this one is a comment\n"),
    )
    assert problems_of(tmp_path, text) == [("warning", 47, 48, DRAFT.format("but this one is a comment"), None)]


def test_a_comment_right_after_a_block_is_a_marker(tmp_path):
    text = with_line(42, "        text: |\n          Literal text.\n# CHECK: flush left, after the block\n")
    assert problems_of(tmp_path, text) == [("warning", 44, 1, DRAFT.format("flush left, after the block"), None)]


def test_validate_prints_draft_markers(tmp_path):
    plans = tmp_path / "plans"
    write(plans / "registry" / "r.yml", "organisations:\n  - id: testshire\n    name: Testshire\n")
    write(plans / "draft.yml", with_line(42, "        text: Action i.  # CHECK: guessed\n"))
    result = plansite("validate", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    assert f"plans/draft.yml:42:26: warning: {DRAFT.format('guessed')}" in result.stdout.splitlines()


# --- one mistake in a registry entry ---------------------------------------------------

REGISTRY_WITH_MISTAKES = """\
organisations:
  - id: testshire
    name: Testshire
roles:
  - id: head
    name: Head of School Improvement
    organisaton: testshire
  - id: adviser
    nmae: Senior Adviser
  - id: clerk
    name: Clerk to the Governors
audiences:
  - id: heads
    name: Headteachers
"""


def test_a_mistake_in_one_registry_entry_keeps_the_rest_of_the_file(tmp_path):
    from generator.resolve.site import load_and_resolve

    plans = tmp_path / "plans"
    write(plans / "registry" / "people.yml", REGISTRY_WITH_MISTAKES)
    names = (
        "        responsible: [Head of School Improvement, Clerk to the Governors]\n        audience: [Headteachers]\n"
    )
    write(plans / "plan.yml", with_line(43, "        timescale: Autumn 2026\n" + names))
    catalogue, problems = load_and_resolve(plans)
    assert [(Path(p.file).name, p.line, p.column, p.message, p.hint) for p in problems] == [
        ("people.yml", 7, 5, "unknown field 'organisaton' in roles[0]", "did you mean 'organisation'?"),
        ("people.yml", 8, 5, "missing required field 'name' in roles[1]", None),
        ("people.yml", 9, 5, "unknown field 'nmae' in roles[1]", "did you mean 'name'?"),
    ]
    assert [role.id for role in catalogue.registry.roles] == ["head", "clerk"]
    assert [o.id for o in catalogue.registry.organisations] == ["testshire"]


# --- names resolve within the plan's own organisation first ---------------------------

TWO_COUNCILS = """\
organisations:
  - id: testshire
    name: Testshire
  - id: southwark
    name: Southwark Council
roles:
  - id: southwark-head-of-school-improvement
    name: Head of School Improvement
    organisation: southwark
  - id: southwark-clerk
    name: Clerk
    organisation: southwark
  - id: testshire-clerk
    name: Clerk
    organisation: testshire
people:
  - id: pat-smith
    name: Pat Smith
    organisation: southwark
"""


def test_a_title_found_only_in_another_council_is_a_warning_and_not_linked(tmp_path):
    from generator.resolve.site import load_and_resolve

    plans = tmp_path / "plans"
    write(plans / "registry" / "r.yml", TWO_COUNCILS)
    names = (
        "        responsible: [Head of School Improvement, Clerk, Pat Smith]\n"
        "        partners: [{text: Head of School Improvement, ref: southwark-head-of-school-improvement}]\n"
    )
    write(plans / "plan.yml", with_line(43, "        timescale: Autumn 2026\n" + names))
    catalogue, problems = load_and_resolve(plans)
    problems = [p for p in problems if "is not named in any plan" not in p.message]  # TWO_COUNCILS' other entries
    assert [(p.severity.value, p.line, p.column, p.message, p.hint) for p in problems] == [
        (
            "warning",
            44,
            23,
            "'Head of School Improvement' is in the registry only as role 'southwark-head-of-school-improvement' "
            "of Southwark Council, not of 'testshire'; it is not linked",
            "add it to plans/registry/ with organisation: testshire, or write {text: Head of School Improvement, "
            "ref: southwark-head-of-school-improvement} if it is that role",
        )
    ]
    action = catalogue.plans[0].groups[0].actions[8]
    linked = [getattr(catalogue.directory.party_of(m), "key", None) for m in action.responsible + action.partners]
    # Not linked; the plan's own Clerk; a named person is the same person anywhere; a ref links.
    assert linked == [None, "role:testshire-clerk", "person:pat-smith", "role:southwark-head-of-school-improvement"]
    involved = catalogue.directory.involvements["role:southwark-head-of-school-improvement"]
    assert [(i.part.value, i.printed) for i in involved] == [("partner", "Head of School Improvement")]


# --- validate FILE checks it against the site -------------------------------------------

OUTSIDE = """\
id: outside-plan
title: A plan kept outside plans/
organisation: testshire
kind: action-plan
status: adopted
source:
  title: The document
groups:
  - label: "1"
    title: One
    actions:
      - label: 1a)
        text: See [[#nowhere]] and [[other-plan#no-such-item]], but [[other-plan]] is fine.
        responsible: [Nobody Known Here]
      - label: 1a)
        text: Labelled twice.
"""


def test_validate_a_file_outside_plans_against_the_site(tmp_path):
    plans = tmp_path / "plans"
    write(plans / "registry" / "r.yml", "organisations:\n  - id: testshire\n    name: Testshire\n")
    write(plans / "other.yml", "".join(long_plan()).replace("id: test-plan", "id: other-plan"))
    write(tmp_path / "drafts" / "outside.yml", SCHEMA_LINE + OUTSIDE)
    result = plansite("validate", "drafts/outside.yml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "drafts/outside.yml:14:19: error: reference '#nowhere' points at nothing known to this site "
        "(use plan-id, plan-id#item-id or #item-id; declare a plan published elsewhere in the registry's "
        "`external:` list)",
        "drafts/outside.yml:14:36: error: reference 'other-plan#no-such-item' points at nothing known to this site "
        "(use plan-id, plan-id#item-id or #item-id; declare a plan published elsewhere in the registry's "
        "`external:` list)",
        "drafts/outside.yml:15:23: warning: 'Nobody Known Here' is not in the registry "
        "(add it, or an alias of an existing entry, to a file in plans/registry/)",
        "drafts/outside.yml:16:9: error: action label '1a)' is used twice (first on line 13): both would be '1-1a' "
        "(correct the label, or give one of them its own `id:`; ids are page anchors)",
    ]
    assert "against the site's plans and registry: 3 error(s), 1 warning(s)" in result.stderr
    alone = plansite("validate", "--alone", "drafts/outside.yml", cwd=tmp_path)
    assert alone.returncode == 0 and alone.stdout == ""


def test_validate_a_changed_copy_of_a_plan_in_its_place(tmp_path):
    plans = tmp_path / "plans"
    write(plans / "registry" / "r.yml", "organisations:\n  - id: testshire\n    name: Testshire\n")
    write(plans / "plan.yml", "".join(long_plan()))
    write(tmp_path / "copy.yml", "".join(long_plan()))
    result = plansite("validate", "copy.yml", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout == ""
    assert "note: copy.yml has the id of plans/plan.yml; it is checked in its place" in result.stderr


# --- plansite new with an organisation the registry does not know --------------------------


def test_new_adds_an_unknown_organisation_and_the_plan_validates(tmp_path):
    registry = tmp_path / "plans" / "registry" / "organisations.yml"
    write(
        registry,
        "# yaml-language-server: $schema=../../schema/registry.schema.json\norganisations:\n"
        "  - id: testshire\n    name: Testshire\n",
    )
    result = plansite("new", "--id", "my-plan-2026", "--title", "My plan", "--organisation", "my-council", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[0] == (
        "added organisation 'my-council' (\"My Council\") to plans/registry/organisations.yml: check its name there"
    )
    assert registry.read_text(encoding="utf-8").endswith(
        '  - id: testshire\n    name: Testshire\n\n  - id: my-council\n    name: "My Council"\n'
    )
    text = (tmp_path / "plans" / "my-plan-2026.yml").read_text(encoding="utf-8")
    # The example names name no one in this registry: left in comments, so it validates clean.
    assert "responsible: []  # as printed, e.g. [Head of School Improvement]" in text
    check = plansite("validate", cwd=tmp_path)
    # the registry's other organisation, named by no plan, is only warned about (issue 16)
    assert (
        check.returncode == 0
        and [line for line in check.stdout.splitlines() if "not named in any plan" not in line] == []
    )
    assert plansite("fmt", "--check", cwd=tmp_path).returncode == 0


def test_new_asks_about_an_organisation_one_slip_from_a_known_one(tmp_path):
    write(tmp_path / "plans" / "registry" / "r.yml", "organisations:\n  - id: testshire-council\n    name: T\n")
    result = plansite("new", "--id", "p", "--title", "P", "--organisation", "testshire-cuoncil", cwd=tmp_path)
    assert result.returncode == 2
    assert "did you mean 'testshire-council'?" in result.stderr
    assert not (tmp_path / "plans" / "p.yml").exists()


def test_new_prints_the_lines_to_add_when_it_cannot_add_them_safely(tmp_path):
    registry = "organisations:\n  - id: testshire\n    name: Testshire\nroles:\n  - id: head\n    name: Head\n"
    write(tmp_path / "plans" / "registry" / "r.yml", registry)
    result = plansite("new", "--id", "p", "--title", "P", "--organisation", "my-council", cwd=tmp_path)
    assert result.returncode == 1
    assert "organisation 'my-council' is not in the registry; add it to the organisations: list in " in result.stderr
    assert '  - id: my-council\n    name: "My Council"\n' in result.stderr
    assert (tmp_path / "plans" / "registry" / "r.yml").read_text(encoding="utf-8") == registry
    assert not (tmp_path / "plans" / "p.yml").exists()


# --- plansite diff: moves and references in the plans' own words --------------------------

DIFF_PLAN = """\
id: p
title: Attendance plan
organisation: testshire
kind: action-plan
status: adopted
source:
  title: The document
indicators:
  - id: kpi17
    code: KPI17
    description: Attendance of pupils
  - id: kpi18
    code: KPI18
    description: Exclusions
groups:
  - kind: priority
    label: "1"
    title: One
    actions:
      - label: 1a)
        text: Do the first thing, see [[#kpi17|local KPI17]].
      - label: 1b)
        text: Do the second thing, as [[q#2]] says.
  - kind: priority
    label: "2"
    title: Two
    actions:
      - label: 2a)
        text: Do the other thing.
"""
OTHER_PLAN = DIFF_PLAN.replace("id: p\ntitle: Attendance plan", "id: q\ntitle: Exclusions plan").replace(
    "as [[q#2]] says", "alone"
)


def diff_folders(tmp_path: Path, after: str) -> list[str]:
    for name, text in (("a", DIFF_PLAN), ("b", after)):
        write(tmp_path / name / "registry" / "r.yml", "organisations:\n  - id: testshire\n    name: Testshire\n")
        write(tmp_path / name / "p.yml", text)
        write(tmp_path / name / "q.yml", OTHER_PLAN)
    result = plansite("diff", "a", "b", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return [line.removeprefix("  - ") for line in result.stdout.splitlines() if line.startswith("  - ")]


def test_diff_a_labelled_action_moved_to_another_group_is_moved(tmp_path):
    moved = "      - label: 1b)\n        text: Do the second thing, as [[q#2]] says.\n"
    after = DIFF_PLAN.replace(moved, "").replace(
        "        text: Do the other thing.\n", "        text: Do the other thing.\n" + moved
    )
    assert diff_folders(tmp_path, after) == ["1 action 1b moved from priority 1 to priority 2"]
    # Moved and relabelled: the same wording, so the same action.
    for edit, change in (
        (("1b)", "2b)"), "label of 2 action 2b changed from “1b)” to “2b)”"),
        (("thing,", "thing now,"), "wording of 2 action 1b changed from"),
    ):
        edited = moved.replace(*edit)
        after = DIFF_PLAN.replace(moved, "").replace(
            "        text: Do the other thing.\n", "        text: Do the other thing.\n" + edited
        )
        found = diff_folders(tmp_path, after)
        assert found[0] == "1 action 1b moved from priority 1 to priority 2"
        assert found[1].startswith(change) and len(found) == 2, found


def test_diff_names_references_by_what_they_point_at(tmp_path):
    after = DIFF_PLAN.replace("[[#kpi17|local KPI17]]", "[[#kpi18|local KPI17]]").replace(
        "Do the other thing.", "Do the other thing, then [[#kpi17]]."
    )
    group_two = '  - kind: priority\n    label: "2"'
    three = (
        '  - kind: priority\n    label: "3"\n    title: Three\n    actions:\n      - label: 3a)\n        text: Read.\n'
    )
    after = after.replace(group_two, three + group_two)
    found = diff_folders(tmp_path, after)
    assert found == [
        "wording of 1 action 1a changed from “Do the first thing, see local KPI17 (→ indicator KPI17).” "
        "to “Do the first thing, see local KPI17 (→ indicator KPI18).”",
        "Priority 3 added: “Three” with 1 action",
        "wording of 2 action 2a changed from “Do the other thing.” to “Do the other thing, then indicator KPI17.”",
    ]
    assert not any("[[" in f or "kpi1" in f for f in found)
    added = DIFF_PLAN.replace(
        "      - label: 2a)\n", "      - label: 2b)\n        text: As [[q#1]] in [[q]].\n      - label: 2a)\n"
    )
    assert diff_folders(tmp_path, added) == [
        "2 action 2b added: “As priority 1 of “Exclusions plan” in “Exclusions plan”.”"
    ]
