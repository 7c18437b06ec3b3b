"""The plans folder: every plan and registry file read, validated and typed, with all
problems in all files reported in one run. A parse cache keyed on each file's size and
mtime lets ``mkdocs serve`` re-read only what changed.
"""

from __future__ import annotations

import copy
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.cache import BuildCache
from generator.load.drafts import draft_warnings
from generator.load.messages import model_at, validate
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
        if value is None and model is Registry:
            value = salvage_registry(document.data)
        if isinstance(value, Plan):
            problems += timescale_problems(document, value)
        if value is not None:
            document.release()
    if digest:
        cache.remember_parsed(key, (document, value, list(problems)))
    return document, value, problems


_DROP = object()
"""Marks a registry entry to leave out."""


def _prune(data: dict[str, Any], loc: tuple[str | int, ...], kind: str) -> None:
    """Leave out what one validation error is about: the wrong field of an entry when the
    entry can do without it, else the entry; a wrong top-level key or calendar whole."""
    if len(loc) < 2 or not isinstance(loc[1], int) or not isinstance(data.get(str(loc[0])), list):
        data.pop(str(loc[0]), None)
        return
    entries = data[str(loc[0])]
    if not 0 <= loc[1] < len(entries):
        return
    entry = entries[loc[1]]
    model = model_at(Registry, loc[:2])
    field = loc[2] if len(loc) > 2 else None
    if isinstance(entry, dict) and isinstance(field, str) and model is not None and kind != "missing":
        info = model.model_fields.get(field)
        if info is None or not info.is_required():
            entry.pop(field, None)
            return
    entries[loc[1]] = _DROP


def salvage_registry(data: Any) -> Registry | None:
    """What can be kept of a registry file with mistakes: every entry and field that is right.

    One mistyped key in one entry used to drop the whole file, and every plan then warned
    about names that are in fact there. The mistakes are reported all the same (the build
    fails until they are fixed); only what they cascade into is spared."""
    if not isinstance(data, dict):
        return None
    data = copy.deepcopy(data)
    for _ in range(4):
        try:
            return Registry.model_validate(data)
        except ValidationError as failure:
            for error in failure.errors(include_url=False):
                _prune(data, tuple(error["loc"]), error["type"])
            for key, entries in list(data.items()):
                if isinstance(entries, list):
                    data[key] = [entry for entry in entries if entry is not _DROP]
    return None


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
