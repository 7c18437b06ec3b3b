"""The first three stages in one call: the plans folder loaded, validated and resolved.

Used by every build (generator/pipeline.py) and by whatever reads another version of the
plans (generator/history/versions.py) the same way.
"""

from __future__ import annotations

from pathlib import Path

from generator.cache import BuildCache
from generator.load.folder import LoadResult, load_site
from generator.problems import Problem, Severity
from generator.resolve.catalogue import Catalogue, build_catalogue


def load_and_resolve(plans_dir: Path, cache: BuildCache | None = None) -> tuple[Catalogue | None, list[Problem]]:
    """Load every file and resolve the catalogue; all problems, sorted. With ``cache``, files
    an earlier build read are not read again."""
    if not plans_dir.is_dir():
        return None, [Problem(str(plans_dir), 1, 1, "the plans folder does not exist")]
    loaded: LoadResult = load_site(plans_dir, cache=cache)
    catalogue, problems = build_catalogue(
        loaded.plans,
        loaded.registry_parts,
        source_root=plans_dir.parent,
        registry_complete=loaded.registry_complete,
        plans_complete=not any(problem.severity is Severity.error for problem in loaded.problems),
    )
    return catalogue, sorted(set(loaded.problems + problems))
