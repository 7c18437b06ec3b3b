"""The documentation against the repository: the README stays short and gives the exact test
command CI runs, every relative link in the docs reaches a file and a heading, and the
README's table of commands names commands and options the CLI has."""

from __future__ import annotations

import re
from importlib.metadata import entry_points
from pathlib import Path

import click
import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DOCS = [README, ROOT / "CONTRIBUTING.md", ROOT / "bench" / "README.md"]
TEST_COMMAND = "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/pytest"
SERVE_COMMAND = "python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/mkdocs serve"
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def slug(heading: str) -> str:
    """The anchor GitHub gives a Markdown heading."""
    text = re.sub(r"[`*_]|\[|\]\([^)]*\)", "", heading).strip().lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    found: set[str] = set()
    in_code = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            in_code = not in_code
        elif not in_code and (heading := re.match(r"#{1,6} (.+)", line)):
            base = slug(heading.group(1))
            name, n = base, 0
            while name in found:  # GitHub numbers repeated headings
                n += 1
                name = f"{base}-{n}"
            found.add(name)
    return found


def test_the_readme_is_short():
    assert README.stat().st_size < 20_000


def test_the_readme_gives_the_two_set_up_commands_exactly():
    blocks = re.findall(r"```sh\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)
    commands = {line.strip() for block in blocks for line in block.splitlines()}
    assert TEST_COMMAND in commands
    assert SERVE_COMMAND in commands


def test_ci_runs_the_readmes_test_command():
    lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert TEST_COMMAND in [line.strip() for line in lines]


def test_the_test_workflow_installs_with_the_readmes_test_command():
    workflow = (ROOT / ".github" / "workflows" / "tests.yml").read_text(encoding="utf-8")
    install = TEST_COMMAND.removesuffix(" && .venv/bin/pytest")
    assert f"run: {install}\n" in workflow
    for step in ("ruff format --check", "ruff check", "mypy generator", ".venv/bin/pytest\n", 'CI: "true"'):
        assert step in workflow, step


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_relative_link_reaches_a_file_and_heading(doc: Path):
    links = [
        target
        for target in LINK.findall(doc.read_text(encoding="utf-8"))
        if not re.match(r"^[a-z]+:", target)  # https:, mailto:
    ]
    assert links, f"{doc.name} has no relative link: the check would pass on nothing"
    name = doc.relative_to(ROOT).as_posix()
    for target in links:
        path, _, fragment = target.partition("#")
        file = (doc.parent / path).resolve() if path else doc
        assert file.is_file(), f"{name}: {target}: no file {file}"
        if fragment and file.suffix == ".md":
            assert fragment in anchors(file), f"{name}: {target}: no heading #{fragment} in {file.relative_to(ROOT)}"


def readme_commands() -> list[tuple[str, list[str]]]:
    """(command, its --options) for each `plansite …` row of the README's table of commands."""
    rows = re.findall(r"^\| `plansite ([a-z]+)([^`]*)` \|", README.read_text(encoding="utf-8"), re.MULTILINE)
    return [(name, re.findall(r"--[a-z-]+", rest)) for name, rest in rows]


def test_the_readmes_commands_are_the_clis():
    (plansite,) = [e for e in entry_points(group="console_scripts") if e.name == "plansite"]
    cli = plansite.load()
    assert isinstance(cli, click.Group)
    rows = readme_commands()
    assert rows, "no `plansite` command found in the README's table"
    assert {name for name, _ in rows} == set(cli.commands), "the README's table and the CLI list different commands"
    for name, options in rows:
        known = {opt for param in cli.commands[name].params for opt in getattr(param, "opts", [])}
        for option in options:
            assert option in known, f"plansite {name} has no {option}"
