"""generator/load.py: strict reading, and every error class with its position."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.load.folder import load_plan, load_site
from generator.load.messages import validate
from generator.load.reader import MAX_DEPTH, read_document
from generator.model.registry import Registry
from generator.problems import Problem

from .helpers import MINIMAL_REGISTRY, minimal_plan, only, write


def problems_for(tmp_path: Path, text: str | bytes, name: str = "plan.yml") -> list[Problem]:
    item, problems = load_plan(write(tmp_path / name, text))
    assert item is None, "a broken plan must not load"
    return problems


def test_a_valid_plan_loads_with_no_problems(tmp_path):
    item, problems = load_plan(write(tmp_path / "ok.yml", minimal_plan()))
    assert problems == []
    assert item.plan.id == "test-plan"


def test_labels_and_ids_stay_text(tmp_path):
    text = minimal_plan(
        groups="""\
        groups:
          - label: 5.10
            title: No
            actions:
              - label: 5.1
                text: No
                timescale: 2008/09
              - text: 1e3
                timescale: 0x10
        """
    )
    item, problems = load_plan(write(tmp_path / "text.yml", text))
    assert problems == []
    group = item.plan.groups[0]
    assert group.label == "5.10"
    assert group.title == "No"
    first, second = group.actions
    assert (first.label, first.text, first.timescale.text) == ("5.1", "No", "2008/09")
    assert (second.text, second.timescale.text) == ("1e3", "0x10")


def test_duplicate_key_is_an_error_at_the_second_key(tmp_path):
    text = minimal_plan() + "title: Another title\n"
    problem = only(problems_for(tmp_path, text))
    assert "duplicate key 'title'" in problem.message
    assert "line 3" in problem.message  # where the first one is
    assert (problem.line, problem.column) == (9, 1)


def test_unknown_field_suggests_the_field_meant(tmp_path):
    text = minimal_plan(
        groups="""\
        groups:
          - label: "1"
            actions:
              - text: Do something
                respnsible: [Head of Service]
        """
    )
    problem = only(problems_for(tmp_path, text))
    assert problem.message == "unknown field 'respnsible' in groups[0].actions[0]"
    assert problem.hint == "did you mean 'responsible'?"
    assert (problem.line, problem.column) == (13, 9)


def test_unknown_top_level_field_lists_nothing_silly(tmp_path):
    problem = only(problems_for(tmp_path, minimal_plan() + "titel: x\n"))
    assert problem.message == "unknown field 'titel' in the top level"
    assert problem.hint == "did you mean 'title'?"
    assert (problem.line, problem.column) == (9, 1)


def test_wrong_type_names_the_expected_type(tmp_path):
    text = minimal_plan(
        groups="""\
        groups:
          - label: "1"
            actions:
              - text: [not, text]
                responsible: Head of Service
                timescale: [Autumn 2003]
        """
    )
    problems = problems_for(tmp_path, text)
    by_line = {p.line: p for p in problems}
    assert by_line[12].message == "groups[0].actions[0].text: expected text, got a list"
    assert by_line[12].column == 15
    assert by_line[13].message == "groups[0].actions[0].responsible: expected a list, got the text 'Head of Service'"
    assert by_line[13].column == 22
    assert by_line[14].column == 20
    assert by_line[14].message.startswith("groups[0].actions[0].timescale: expected text, or a mapping with 'text'")
    assert len(problems) == 3


def test_wrong_enum_value_lists_the_allowed_ones(tmp_path):
    problem = only(problems_for(tmp_path, minimal_plan().replace("kind: action-plan", "kind: action plan")))
    assert problem.message == "kind: the text 'action plan' is not allowed"
    assert "'action-plan'" in problem.hint and "'proposal'" in problem.hint
    assert (problem.line, problem.column) == (5, 7)


def test_bad_date_and_number_say_what_is_expected(tmp_path):
    text = minimal_plan(
        indicators="""\
        indicators:
          - id: ni-94
            code: NI 94
            description: Progress
            baseline: {period: "2008", value: seventy}
        milestones:
          - text: Launch
            date: 31/01/2005
        """
    )
    problems = problems_for(tmp_path, text)
    messages = {p.message: (p.line, p.column) for p in problems}
    assert messages["indicators[0].baseline.value: expected a number, got the text 'seventy'"] == (13, 39)
    assert messages["milestones[0].date: expected a date as YYYY-MM-DD, got the text '31/01/2005'"] == (16, 11)


def test_missing_required_field_points_at_the_mapping(tmp_path):
    text = minimal_plan().replace("title: A test plan\n", "")
    problem = only(problems_for(tmp_path, text))
    assert problem.message == "missing required field 'title' in the top level"
    assert (problem.line, problem.column) == (2, 1)


def test_plan_id_must_be_a_url_safe_slug(tmp_path):
    problem = only(problems_for(tmp_path, minimal_plan("Test Plan!")))
    assert problem.message == "id: 'Test Plan!' is not a valid id"
    assert "lower-case letters" in problem.hint
    assert (problem.line, problem.column) == (2, 5)


def test_anchors_and_aliases_are_refused(tmp_path):
    text = minimal_plan() + "summary: &words Some words\nsubtitle: *words\n"
    problem = only(problems_for(tmp_path, text))
    assert "anchors and aliases" in problem.message
    assert (problem.line, problem.column) == (9, 10)


def test_billion_laughs_is_refused_quickly(tmp_path):
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 9):
        previous = f"*a{level - 1}"
        lines.append(f"a{level}: &a{level} [{', '.join([previous] * 9)}]")
    problem = only(problems_for(tmp_path, "\n".join(lines) + "\n"))
    assert "anchors and aliases" in problem.message


def test_deep_nesting_is_refused_without_crashing(tmp_path):
    text = "a: " + "[" * 50_000 + "]" * 50_000 + "\n"
    problem = only(problems_for(tmp_path, text))
    assert problem.message == f"nested more than {MAX_DEPTH} levels deep"
    assert problem.line == 1


def test_invalid_utf8_names_the_byte_and_its_position(tmp_path):
    text = minimal_plan().encode("utf-8").replace(b"A test plan", b"A test \xe9 plan")
    problem = only(problems_for(tmp_path, text))
    assert problem.message == "the file is not valid UTF-8 text (byte 0xe9)"
    assert problem.hint == "save it as UTF-8 from your editor"
    assert (problem.line, problem.column) == (3, 15)


def test_tab_indentation_is_explained(tmp_path):
    text = minimal_plan() + "source:\n\ttitle: x\n"
    problem = only(problems_for(tmp_path, text))
    assert problem.message == "a tab character is used for indentation"
    assert "spaces" in problem.hint
    assert (problem.line, problem.column) == (10, 1)


@pytest.mark.parametrize("content", ["", "\n\n   \n", "# only a comment\n"])
def test_empty_file_is_explained(tmp_path, content):
    problem = only(problems_for(tmp_path, content))
    assert problem.message.startswith("the file is empty")
    assert (problem.line, problem.column) == (1, 1)


def test_binary_file_is_explained(tmp_path):
    problem = only(problems_for(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
    assert problem.message == "this looks like a binary file, not YAML text"
    assert (problem.line, problem.column) == (3, 1)


def test_second_document_is_an_error(tmp_path):
    problem = only(problems_for(tmp_path, minimal_plan() + "---\nid: other\n"))
    assert problem.message == "a plan file holds one document, but a second one starts here"
    assert problem.line == 9


def test_yaml_tags_are_refused(tmp_path):
    problem = only(problems_for(tmp_path, minimal_plan() + "summary: !!python/object:os.system ls\n"))
    assert problem.message == "the YAML tag '!!python/object:os.system' is not allowed in plan files"
    assert (problem.line, problem.column) == (9, 10)


def test_top_level_list_is_explained(tmp_path):
    problem = only(problems_for(tmp_path, "- id: a\n- id: b\n"))
    assert problem.message == "the file must be a mapping of fields (id: ..., title: ...), not a list"


def test_a_syntax_error_keeps_its_position(tmp_path):
    problem = only(problems_for(tmp_path, minimal_plan() + "summary: Aims: to improve\n"))
    assert problem.message == "unexpected ':' in a value"
    assert "quotes" in problem.hint
    assert (problem.line, problem.column) == (9, 14)


def test_duplicate_plan_ids_across_files_name_both_places(tmp_path):
    plans = tmp_path / "plans"
    write(plans / "registry" / "registry.yml", MINIMAL_REGISTRY)
    write(plans / "a.yml", minimal_plan("same-id"))
    write(plans / "b.yml", minimal_plan("same-id"))
    result = load_site(plans)
    problem = only(result.problems)
    assert problem.file.endswith("b.yml")
    assert (problem.line, problem.column) == (2, 5)
    assert "plan id 'same-id' is already used by" in problem.message
    assert problem.message.endswith("a.yml:2:5")
    assert [loaded.plan.id for loaded in result.plans] == ["same-id"]


def test_all_problems_in_all_files_come_out_in_one_run(tmp_path):
    plans = tmp_path / "plans"
    write(plans / "registry" / "registry.yml", MINIMAL_REGISTRY + "roles:\n  - id: Bad Role\n    name: x\n")
    write(plans / "one.yml", minimal_plan("one") + "titel: x\nsummary: [a]\n")
    write(plans / "two.yml", minimal_plan("two") + "\tbad: tab\n")
    write(plans / "three.yml", b"\xff\xfe")
    files = {Path(p.file).name for p in load_site(plans).problems}
    assert files == {"registry.yml", "one.yml", "two.yml", "three.yml"}
    assert len(load_site(plans).problems) == 5


def test_oversized_file_is_refused_before_parsing(tmp_path, monkeypatch):
    import generator.load.reader as load_module

    monkeypatch.setattr(load_module, "MAX_FILE_BYTES", 100)
    problem = only(problems_for(tmp_path, minimal_plan()))
    assert "plan files are limited to 100" in problem.message


def test_null_forms_are_empty_values(tmp_path):
    text = minimal_plan() + "subtitle: ~\nsummary:\nstatus_text: null\n"
    item, problems = load_plan(write(tmp_path / "nulls.yml", text))
    assert problems == []
    assert (item.plan.subtitle, item.plan.summary, item.plan.status_text) == (None, None, None)


def test_quoted_empty_string_stays_text(tmp_path):
    document, problems = read_document(write(tmp_path / "q.yml", 'a: ""\nb: "~"\n'))
    assert problems == []
    assert document.data == {"a": "", "b": "~"}


def test_registry_files_validate_against_the_registry_schema(tmp_path):
    path = write(tmp_path / "registry.yml", "roles:\n  - id: head\n    name: Head\n    alias: [x]\n")
    document, problems = read_document(path)
    registry, problems = validate(document, Registry)
    assert registry is None
    problem = only(problems)
    assert problem.message == "unknown field 'alias' in roles[0]"
    assert problem.hint == "did you mean 'aliases'?"
    assert (problem.line, problem.column) == (4, 5)


def test_byte_order_mark_is_accepted(tmp_path):
    item, problems = load_plan(write(tmp_path / "bom.yml", "\ufeff" + minimal_plan()))
    assert problems == [] and item.plan.id == "test-plan"


def test_problem_formats(tmp_path):
    problem = Problem("plans/x.yml", 12, 5, "it broke", "fix it")
    assert problem.format() == "plans/x.yml:12:5: error: it broke (fix it)"
    assert problem.format_github() == "::error file=plans/x.yml,line=12,col=5::it broke (fix it)"


def test_an_unchanged_file_is_not_parsed_again(tmp_path, monkeypatch):
    # mkdocs serve: a rebuild re-reads only the files whose content changed (keyed by hash).
    import generator.load.folder as load_module
    from generator.cache import BuildCache

    cache = BuildCache()

    write(tmp_path / "registry" / "r.yml", MINIMAL_REGISTRY)
    a = write(tmp_path / "a.yml", minimal_plan("a"))
    write(tmp_path / "b.yml", minimal_plan("b"))
    first = load_site(tmp_path, cache=cache)
    assert first.problems == [] and len(first.plans) == 2
    parsed: list[str] = []
    real = load_module.read_document
    monkeypatch.setattr(
        load_module, "read_document", lambda path, *rest: (parsed.append(path.name), real(path, *rest))[1]
    )
    again = load_site(tmp_path, cache=cache)
    assert parsed == [] and [p.plan.id for p in again.plans] == ["a", "b"]
    a.write_text(minimal_plan("a") + "summary: Changed.\n", encoding="utf-8")
    third = load_site(tmp_path, cache=cache)
    assert parsed == ["a.yml"]
    assert next(p for p in third.plans if p.plan.id == "a").plan.summary == "Changed."
    a.write_text(minimal_plan("a") + "titel: typo\n", encoding="utf-8")
    broken = load_site(tmp_path, cache=cache)
    assert len(broken.problems) == 1 and "titel" in broken.problems[0].message
    assert load_site(tmp_path, cache=cache).problems == broken.problems  # the cached result keeps its problems
    parsed.clear()
    load_site(tmp_path)  # without a cache, every file is read
    assert sorted(parsed) == ["a.yml", "b.yml", "r.yml"]
