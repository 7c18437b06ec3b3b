"""generator/cli.py: the plansite command, run as an editor runs it."""

from __future__ import annotations

import json
from pathlib import Path

from .helpers import MINIMAL_REGISTRY, ROOT, minimal_plan, plansite, write


def broken_site(tmp_path: Path) -> Path:
    plans = tmp_path / "plans"
    write(plans / "registry" / "registry.yml", MINIMAL_REGISTRY)
    write(plans / "good.yml", minimal_plan("good"))
    write(plans / "bad.yml", minimal_plan("bad") + "titel: x\n")
    write(plans / "worse.yml", b"\x00\x01binary")
    return plans


def test_validate_the_bundled_plans_is_clean():
    result = plansite("validate", "plans")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert "no problems" in result.stderr


def test_validate_prints_compiler_lines_and_exits_1(tmp_path):
    broken_site(tmp_path)
    result = plansite("validate", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "plans/bad.yml:9:1: error: unknown field 'titel' in the top level (did you mean 'title'?)",
        "plans/worse.yml:1:1: error: this looks like a binary file, not YAML text",
    ]
    assert "Traceback" not in result.stderr
    assert "2 error(s)" in result.stderr


def test_validate_github_annotations(tmp_path):
    broken_site(tmp_path)
    result = plansite("validate", "--format", "github", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        "::error file=plans/bad.yml,line=9,col=1::unknown field 'titel' in the top level (did you mean 'title'?)"
    )


def test_validate_json_lines(tmp_path):
    broken_site(tmp_path)
    result = plansite("validate", "--format", "json", cwd=tmp_path)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["file"], r["line"], r["column"]) for r in records] == [
        ("plans/bad.yml", 9, 1),
        ("plans/worse.yml", 1, 1),
    ]


def test_validate_named_files_reports_only_those(tmp_path):
    broken_site(tmp_path)
    result = plansite("validate", "plans/good.yml", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    result = plansite("validate", "plans/bad.yml", cwd=tmp_path)
    assert result.returncode == 1
    assert [line.split(":")[0] for line in result.stdout.splitlines()] == ["plans/bad.yml"]


def test_validate_a_missing_file_or_folder(tmp_path):
    result = plansite("validate", "--plans", "nowhere", cwd=tmp_path)
    assert result.returncode == 1
    assert "the plans folder does not exist" in result.stdout
    result = plansite("validate", "plans/missing.yml")
    assert result.returncode == 1
    assert result.stdout.startswith("plans/missing.yml:1:1: error: no such file")


def test_render_writes_plain_markdown(tmp_path):
    out = tmp_path / "out"
    result = plansite("render", "--out", str(out))
    assert result.returncode == 0, result.stderr
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.md"))
    assert "index.md" in written and "glossary.md" in written
    assert len([p for p in written if p.startswith("plans/") and p.count("/") == 1]) == 5  # a page per plan
    assert len([p for p in written if p.endswith("/history.md")]) == 5  # and its history (from git)


def test_render_refuses_broken_plans_without_writing(tmp_path):
    broken_site(tmp_path)
    result = plansite("render", "--out", "out", cwd=tmp_path)
    assert result.returncode == 1
    assert "plans/bad.yml:9:1: error" in result.stdout
    assert not (tmp_path / "out").exists()


def test_schema_is_published_and_up_to_date(tmp_path):
    result = plansite("schema", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    for name in ("plan", "registry"):
        fresh = (tmp_path / f"{name}.schema.json").read_text(encoding="utf-8")
        committed = (ROOT / "schema" / f"{name}.schema.json").read_text(encoding="utf-8")
        assert fresh == committed, f"schema/{name}.schema.json is stale: run `plansite schema`"
        schema = json.loads(fresh)
        assert schema["additionalProperties"] is False
    plan_schema = json.loads((tmp_path / "plan.schema.json").read_text(encoding="utf-8"))
    action = plan_schema["$defs"]["Action"]["properties"]
    assert action["responsible"]["description"].startswith("Who is responsible")
    assert {"type": "string"} in action["timescale"]["anyOf"]


def test_every_plan_file_names_its_schema():
    files = sorted((ROOT / "plans").rglob("*.yml"))
    assert len(files) >= 6  # five plans and the registry
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        depth = len(path.relative_to(ROOT).parts) - 1
        expected_name = "registry" if "registry" in path.parts else "plan"
        assert first == f"# yaml-language-server: $schema={'../' * depth}schema/{expected_name}.schema.json", path


def test_help_lists_the_commands():
    result = plansite("--help")
    assert result.returncode == 0
    for command in ("validate", "schema", "render"):
        assert command in result.stdout


def test_new_writes_a_commented_plan_that_validates(tmp_path):
    plans = tmp_path / "plans"
    (plans / "registry").mkdir(parents=True)
    (plans / "registry" / "r.yml").write_text(
        "organisations:\n  - id: testshire\n    name: Testshire\n"
        "roles:\n  - id: head\n    name: Head of School Improvement\n"
        "audiences:\n  - id: heads\n    name: Headteachers\n",
        encoding="utf-8",
    )
    result = plansite(
        "new",
        "--id",
        "testshire-attendance-2026",
        "--title",
        "Attendance: 2026/27",
        "--organisation",
        "testshire",
        "--period",
        "2026/27",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    written = plans / "testshire-attendance-2026.yml"
    text = written.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/plan.schema.json\n")
    assert text.count("#") > 10  # it explains itself
    check = plansite("validate", cwd=tmp_path)
    assert check.returncode == 0, check.stdout
    assert check.stdout == ""  # no warnings either: the example names are in the registry
    again = plansite(
        "new", "--id", "testshire-attendance-2026", "--title", "x", "--organisation", "testshire", cwd=tmp_path
    )
    assert again.returncode == 2 and "already exists" in again.stderr
    bad = plansite("new", "--id", "Not An Id", "--title", "x", "--organisation", "testshire", cwd=tmp_path)
    assert bad.returncode == 2 and "is not a valid id" in bad.stderr
