"""The README's commands and YAML examples work verbatim on a fresh clone (issue 19).

Everything is read from the README's code fences, so the test follows the README as it is
edited: every command in a ``sh`` fence that starts with ``plansite`` (or
``.venv/bin/plansite``) is run, in the README's order, in a fresh copy of the repository;
every ``yaml`` fence is put where the README says it goes, in the same order:

- a whole plan (it has an ``id``) becomes ``plans/<id>.yml``;
- a registry file (only registry lists or ``calendar``) is written to the last
  ``plans/registry/....yml`` the text before it names (else a file of its own);
- a fragment of a plan or an action (``links:``, ``timescale:``) is set on the README's
  last example plan, saved outside ``plans/`` and checked with ``plansite validate FILE``;
- a ``plugins:`` block for ``mkdocs.yml`` has its ``plansite`` options checked by the plugin.

A fence the test cannot place fails it, saying why. At the end the copy must validate
with no problem at all, be in ``plansite fmt``'s layout, and build strictly with MkDocs.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from generator.model.plan import Action, Plan
from generator.model.registry import Registry

from .helpers import ROOT, run_mkdocs_build

README = ROOT / "README.md"
FENCE = re.compile(r"^(?P<indent>[ ]*)```(?P<lang>[\w-]*)[ ]*\n(?P<body>.*?)^(?P=indent)```[ ]*$", re.M | re.S)
REGISTRY_PATH = re.compile(r"`(plans/registry/[\w.-]+\.ya?ml)`")
PLANSITE = (".venv/bin/plansite", "plansite")


@dataclass
class Fence:
    lang: str
    body: str
    before: str
    """The README's text between the previous fence and this one."""
    line: int


def readme_fences() -> list[Fence]:
    text = README.read_text(encoding="utf-8")
    fences, end = [], 0
    for match in FENCE.finditer(text):
        body = textwrap.dedent("".join(line[len(match["indent"]) :] + "\n" for line in match["body"].splitlines()))
        fences.append(Fence(match["lang"], body, text[end : match.start()], text.count("\n", 0, match.start()) + 1))
        end = match.end()
    return fences


def plansite_commands(fence: Fence) -> list[list[str]]:
    """The fence's commands that run plansite, as argument lists (comments dropped)."""
    commands = []
    for line in fence.body.splitlines():
        words = shlex.split(line, comments=True)
        if words and words[0] in PLANSITE:
            commands.append(words)
    return commands


# --- the fresh clone --------------------------------------------------------------------


def git(copy: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org", *args],
        cwd=copy,
        check=True,
        capture_output=True,
    )


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository as a fresh clone has it (the working tree's tracked and new files), with
    two commits and an ``origin/main``, so ``plansite diff HEAD~1`` and ``origin/main`` work."""
    copy = tmp_path_factory.mktemp("clone")
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    ).stdout.decode("utf-8")
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    git(copy, "init", "-q", "-b", "main")
    git(copy, "add", "-A")
    git(copy, "commit", "-q", "-m", "A fresh clone")
    git(copy, "commit", "-q", "--allow-empty", "-m", "A second commit")
    git(copy, "update-ref", "refs/remotes/origin/main", "HEAD")
    return copy


def plansite(copy: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``plansite ARGS`` as an editor runs it in the clone (its own copy of the code)."""
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", *args],
        capture_output=True,
        text=True,
        cwd=copy,
        env={**os.environ, "PYTHONPATH": str(copy)},
        timeout=300,
    )


# --- putting each YAML example where it goes --------------------------------------------


def _registry_target(copy: Path, fence: Fence, number: int) -> Path:
    named = REGISTRY_PATH.findall(fence.before)
    target = copy / (named[-1] if named else f"plans/registry/readme-example-{number}.yml")
    assert not target.exists(), f"README line {fence.line}: {target.name} already exists; the example would replace it"
    return target


def _fragment(copy: Path, fence: Fence, data: dict, plan_text: str | None, number: int) -> None:
    """Set a fragment on the last example plan and save it outside plans/ (checked at the end,
    when every registry example is in place)."""
    assert plan_text is not None, f"README line {fence.line}: a fragment before any example plan"
    plan = yaml.safe_load(plan_text)
    if set(data) <= set(Plan.model_fields):
        plan.update(data)
    else:
        plan["groups"][0]["actions"][0].update(data)
    plan["id"] = f"readme-fragment-{number}"
    target = copy / "fragments" / f"fragment-{number}.yml"
    target.parent.mkdir(exist_ok=True)
    target.write_text(yaml.safe_dump(plan, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _mkdocs_options(fence: Fence, data: dict) -> None:
    from generator.plugin import PlansitePlugin

    entries = [entry for entry in data["plugins"] if isinstance(entry, dict) and "plansite" in entry]
    assert entries, f"README line {fence.line}: a plugins example without plansite"
    errors, warnings = PlansitePlugin().load_config(entries[0]["plansite"])
    assert errors == [] and warnings == [], f"README line {fence.line}: {errors} {warnings}"


def place_yaml(copy: Path, fence: Fence, number: int, plan_text: str | None) -> str | None:
    """Put one YAML example where it goes; returns the text of the last whole plan."""
    data = yaml.safe_load(fence.body)
    assert isinstance(data, dict), f"README line {fence.line}: a YAML example that is not a mapping"
    if "id" in data and "title" in data:
        target = copy / "plans" / f"{data['id']}.yml"
        assert not target.exists(), f"README line {fence.line}: plans/{data['id']}.yml already exists"
        target.write_text(fence.body, encoding="utf-8")
        return fence.body
    if set(data) <= set(Registry.model_fields):
        target = _registry_target(copy, fence, number)
        target.write_text(fence.body, encoding="utf-8")
    elif set(data) <= set(Plan.model_fields) | set(Action.model_fields):
        _fragment(copy, fence, data, plan_text, number)
    elif "plugins" in data:
        _mkdocs_options(fence, data)
    else:
        pytest.fail(f"README line {fence.line}: a YAML example this test cannot place: {sorted(data)}")
    return plan_text


# --- the test ------------------------------------------------------------------------------


def test_the_readme_has_examples_to_run():
    fences = readme_fences()
    commands = [" ".join(c) for f in fences for c in plansite_commands(f)]
    assert len([f for f in fences if f.lang == "yaml"]) >= 5
    assert ".venv/bin/plansite new --id my-plan-2026 --title My plan --organisation my-council" in commands
    assert any(c.startswith(".venv/bin/plansite fmt") for c in commands)
    assert any(c.startswith(".venv/bin/plansite validate") for c in commands)


@pytest.mark.slow
def test_every_command_and_example_works_on_a_fresh_clone(clone, tmp_path):
    plan_text, ran = None, []
    for number, fence in enumerate(readme_fences()):
        if fence.lang == "yaml":
            plan_text = place_yaml(clone, fence, number, plan_text)
            continue
        for words in plansite_commands(fence):
            if "old-copy/" in words:  # "two folders": an older copy of the plans, made here
                shutil.copytree(clone / "plans", clone / "old-copy", dirs_exist_ok=True)
            result = plansite(clone, *words[1:])
            assert result.returncode == 0, (
                f"README line {fence.line}: {shlex.join(words)}\n{result.stdout}{result.stderr}"
            )
            assert "Traceback" not in result.stderr
            ran.append(words[1])
    assert {"new", "fmt", "validate", "diff"} <= set(ran)
    assert (clone / "plans" / "my-plan-2026.yml").is_file()

    check = plansite(clone, "validate")
    assert check.returncode == 0 and check.stdout == "", check.stdout
    fragments = sorted(str(p.relative_to(clone)) for p in (clone / "fragments").glob("*.yml"))
    assert len(fragments) >= 2  # the timescale and links examples
    check = plansite(clone, "validate", *fragments)
    assert check.returncode == 0 and check.stdout == "", check.stdout
    layout = plansite(clone, "fmt", "--check")
    assert layout.returncode == 0, layout.stdout + layout.stderr

    shutil.rmtree(clone / "fragments", ignore_errors=True)
    built = run_mkdocs_build(clone, tmp_path / "site")
    assert built.returncode == 0, built.stdout + built.stderr
    pages = {p.parent.name for p in (tmp_path / "site" / "plans").glob("*/index.html")}
    assert {"my-plan-2026", "my-council-school-improvement-2026"} <= pages
