"""The plans folder: every plan and registry file read, validated and typed, with all
problems in all files reported in one run. A parse cache keyed on each file's size and
mtime lets ``mkdocs serve`` re-read only what changed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator.cache import BuildCache
from generator.load.drafts import draft_warnings
from generator.load.messages import validate
from generator.load.reader import Document, _read_bytes, display_path, read_document
from generator.load.timescale_words import timescale_problems
from generator.model.plan import Plan
from generator.model.registry import Registry
from generator.problems import Problem, errors

PLAN_SUFFIXES = (".yml", ".yaml")
REGISTRY_DIR = "registry"


# --- a whole plans folder ---------------------------------------------------------


@dataclass
class LoadedPlan:
    plan: Plan
    document: Document


@dataclass
class LoadedRegistry:
    registry: Registry
    document: Document


@dataclass
class LoadResult:
    plans: list[LoadedPlan]
    registry_parts: list[LoadedRegistry]
    problems: list[Problem]
    registry_complete: bool = True
    """False when a registry file could not be read: references to it are not checked then."""

    @property
    def registry(self) -> Registry:
        merged = Registry()
        for part in self.registry_parts:
            merged = merged.merged(part.registry)
        return merged


def plan_files(root: Path) -> tuple[list[Path], list[Path]]:
    """(plan files, registry files) under ``root``, in a stable order."""
    plans: list[Path] = []
    registry: list[Path] = []
    for path in sorted(root.rglob("*")):
        if path.suffix not in PLAN_SUFFIXES or not path.is_file():
            continue
        relative = path.relative_to(root).parts
        if any(part.startswith(".") for part in relative):
            continue
        (registry if relative[0] == REGISTRY_DIR else plans).append(path)
    return plans, registry


def _read_and_validate(
    path: Path, model: type[BaseModel], cache: BuildCache
) -> tuple[Document | None, Any, list[Problem]]:
    """Read ``path`` and validate it against ``model``, through the cache of parsed files."""
    raw, _ = _read_bytes(path)  # read once: hashed here, parsed below
    digest = hashlib.sha256(raw).hexdigest() if raw is not None else ""
    key = (display_path(path), digest, model)
    if digest and key in cache.parsed_files:
        document, value, problems = cache.parsed_files[key]
        return document, value, list(problems)
    document, problems = read_document(path, None, raw)
    value = None
    if document is not None:
        problems += draft_warnings(document.display, document.text)
        value, more = validate(document, model)
        problems += more
        if isinstance(value, Plan):
            problems += timescale_problems(document, value)
        if value is not None:
            document.release()
    if digest:
        cache.remember_parsed(key, (document, value, list(problems)))
    return document, value, problems


def load_plan(path: Path, cache: BuildCache | None = None) -> tuple[LoadedPlan | None, list[Problem]]:
    """Read and validate one plan file."""
    document, plan, problems = _read_and_validate(path, Plan, cache or BuildCache())
    if document is None or plan is None or errors(problems):
        return None, problems
    return LoadedPlan(plan, document), problems


def load_site(root: Path, only: list[Path] | None = None, cache: BuildCache | None = None) -> LoadResult:
    """Load every plan and registry file under ``root`` and collect every problem; with
    ``cache``, files read by an earlier build with the same cache are not read again."""
    cache = cache or BuildCache()
    plan_paths, registry_paths = plan_files(root)
    if only is not None:
        wanted = {p.resolve() for p in only}
        plan_paths = [p for p in plan_paths if p.resolve() in wanted]
    problems: list[Problem] = []
    registry_parts = []
    for path in registry_paths:
        document, part, found = _read_and_validate(path, Registry, cache)
        problems += found
        if document is not None and part is not None:
            registry_parts.append(LoadedRegistry(part, document))
    registry_complete = len(registry_parts) == len(registry_paths)
    loaded: list[LoadedPlan] = []
    first_seen: dict[str, LoadedPlan] = {}
    for path in plan_paths:
        item, found = load_plan(path, cache)
        problems += found
        if item is None:
            continue
        earlier = first_seen.get(item.plan.id)
        if earlier:
            line, column = earlier.document.locate(("id",))
            problems.append(
                item.document.problem(
                    ("id",),
                    f"plan id '{item.plan.id}' is already used by {earlier.document.display}:{line}:{column}",
                    "every plan needs its own id: it is the page's address",
                )
            )
            continue
        first_seen[item.plan.id] = item
        loaded.append(item)
    return LoadResult(loaded, registry_parts, problems, registry_complete)
