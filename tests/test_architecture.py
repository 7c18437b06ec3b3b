"""The code's shape, held to what ARCHITECTURE.md says: stages as packages, no import
cycles (lazy imports included), only the plugin knows MkDocs, and no module, function or
template line past the sizes a reader can take in."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "generator"
MODULES = sorted(PACKAGE.rglob("*.py"))
TEMPLATES = sorted((PACKAGE / "templates").glob("*.j2"))


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every generator module ``path`` imports, at the top or inside a function."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names}  # `from pkg import module`
    known = {module_name(p) for p in MODULES}
    return {module for module in found if module in known and module != name}


def graph() -> dict[str, set[str]]:
    return {module_name(path): imports_of(path) for path in MODULES}


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One import cycle, as the modules along it, or None."""
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt) :] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        state[node] = 2
        path.pop()
        return None

    for node in sorted(edges):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_the_package_is_read():
    assert len(MODULES) > 30 and len(TEMPLATES) > 10
    assert "generator.render.site" in graph()["generator.pipeline"]


def test_the_cycle_finder_finds_a_planted_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycle():
    assert find_cycle(graph()) is None


def test_stages_are_packages():
    for stage in ("load", "model", "resolve", "render", "render/pages", "outputs", "history", "importers"):
        assert (PACKAGE / stage / "__init__.py").is_file(), stage


def test_only_the_plugin_imports_mkdocs():
    importers = []
    for path in MODULES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            if any(name == "mkdocs" or name.startswith("mkdocs.") for name in names):
                importers.append(module_name(path))
    assert sorted(set(importers)) == ["generator.plugin"]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_over_700_lines(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 700


def test_no_function_over_80_lines():
    long = []
    for path in MODULES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1  # type: ignore[operator]
                if length > 80:
                    long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name} ({length} lines)")
    assert long == []


def test_no_template_line_over_200_characters():
    long = [
        f"{path.name}:{number}"
        for path in TEMPLATES
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if len(line) > 200
    ]
    assert long == []


def test_plan_page_sections_and_reserved_anchors_are_one_table():
    from generator.pipeline import generate
    from generator.resolve.catalogue import RESERVED_ANCHORS
    from generator.resolve.site import load_and_resolve
    from generator.site_map import PLAN_SECTIONS

    assert RESERVED_ANCHORS == frozenset(PLAN_SECTIONS)
    site = generate(ROOT / "tests" / "fixtures" / "golden" / "plans", history=False)
    page = site.text("plans/golden-plan.md")
    headings = set(re.findall(r"^## .* \{#([a-z-]+)\}$", page, re.MULTILINE))
    headings |= set(re.findall(r'<h3 class="ps-undated__title" id="([a-z-]+)">', page))
    catalogue, _ = load_and_resolve(ROOT / "tests" / "fixtures" / "golden" / "plans")
    assert catalogue is not None
    own = {item.id for plan in catalogue.plans for _, item, _ in plan.anchored_items()}
    used = headings - own  # the plan's own narrative sections have headings too
    assert len(used) >= 8  # the golden plan has most sections
    assert used <= set(PLAN_SECTIONS)
    template = (PACKAGE / "templates" / "plan.md.j2").read_text(encoding="utf-8")
    assert not re.search(r"^## [^{]*\{#[a-z-]+\}", template, re.MULTILINE), "a section heading written in the template"
