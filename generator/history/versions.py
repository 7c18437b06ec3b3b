"""Versions of the plans to compare: a git revision, a folder, or the working tree.

A revision is taken out of git with ``git archive`` into a temporary folder and
loaded through the same pipeline (``load_and_resolve``) as a build, so a diff
sees exactly what the site would show. Bad input (no such revision, a version
whose plans do not validate, no git) is a ``RevisionError`` with a message,
never a traceback.
"""

from __future__ import annotations

import io
import os
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator.history.diff import SiteDiff, diff_sites
from generator.model.calendar import DEFAULT_CALENDAR, Calendar
from generator.model.plan import Plan
from generator.model.registry import Registry
from generator.problems import Problem, Severity
from generator.resolve.site import load_and_resolve


class RevisionError(Exception):
    """A version that cannot be compared; the message says why, in plain words."""


def run_git(
    args: list[str], cwd: Path, text: bool = True, stdin: str | bytes | None = None
) -> subprocess.CompletedProcess:
    """``git ARGS`` in ``cwd``; never raises for a failing command (check ``returncode``)."""
    try:
        return subprocess.run(
            ["git", *args],
            cwd=cwd,
            capture_output=True,
            text=text,
            input=stdin,
            timeout=300,
            env={**os.environ, "GIT_TERMINAL_PROMPT": "0"},
        )
    except (OSError, subprocess.SubprocessError) as error:  # no git at all
        return subprocess.CompletedProcess(
            ["git", *args], 127, "" if text else b"", str(error) if text else str(error).encode()
        )


def repository_root(path: Path) -> Path | None:
    """The top of the git work tree ``path`` is in, or None (no git, or not in a repository)."""
    folder = path if path.is_dir() else path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    result = run_git(["rev-parse", "--show-toplevel"], folder)
    return Path(result.stdout.strip()) if result.returncode == 0 else None


@dataclass
class Version:
    """One version of the plans, loaded and resolved."""

    label: str
    plans: list[Plan]
    registry: Registry
    calendar: Calendar


def _plans_folder(folder: Path) -> Path:
    """A folder given on the command line: a plans folder, or a site with plans/ in it."""
    return folder / "plans" if (folder / "plans").is_dir() and not (folder / "registry").is_dir() else folder


def _load(folder: Path, label: str) -> Version:

    catalogue, problems = load_and_resolve(folder)
    errors = [p for p in problems if p.severity is Severity.error]
    if errors or catalogue is None:
        shown = "\n".join(_relabel(p, folder, label).format() for p in errors[:20])
        more = f"\n... and {len(errors) - 20} more" if len(errors) > 20 else ""
        raise RevisionError(
            f"the plans at {label} do not validate ({len(errors)} error(s)), so they cannot be compared:\n{shown}{more}"
        )
    return Version(label, catalogue.plans, catalogue.registry, catalogue.calendar)


def _relabel(problem: Problem, folder: Path, label: str) -> Problem:
    """A problem in a temporary checkout, named as ``REV:plans/x.yml``."""
    try:
        name = Path(problem.file).resolve().relative_to(folder.resolve().parent).as_posix()
    except ValueError:
        return problem
    return Problem(f"{label}:{name}", problem.line, problem.column, problem.message, problem.hint, problem.severity)


def resolve_revision(revision: str, repository: Path) -> str | None:
    """The commit a revision names (``HEAD~1``, ``origin/main``, a hash), or None."""
    result = run_git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"], repository)
    return result.stdout.strip() if result.returncode == 0 and result.stdout.strip() else None


def load_revision(revision: str, plans_dir: Path) -> Version:
    """The plans folder as it was at a git revision."""
    root = repository_root(plans_dir)
    if root is None:
        raise RevisionError(f"'{revision}' is not a folder, and {plans_dir} is not in a git repository")
    commit = resolve_revision(revision, root)
    if commit is None:
        raise RevisionError(f"'{revision}' is neither a folder nor a git revision in {root}")
    relative = (
        plans_dir.resolve().relative_to(root.resolve()).as_posix() if plans_dir.exists() else plans_dir.as_posix()
    )
    with tempfile.TemporaryDirectory(prefix="plansite-") as temp:
        target = Path(temp)
        if run_git(["cat-file", "-e", f"{commit}:{relative}"], root).returncode != 0:
            return Version(revision, [], Registry(), DEFAULT_CALENDAR)  # no plans folder then
        archive = run_git(["archive", "--format=tar", commit, "--", relative], root, text=False)
        if archive.returncode != 0:
            raise RevisionError(
                f"could not read {relative} at {revision}: {archive.stderr.decode(errors='replace').strip()}"
            )
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            safe = [m for m in tar.getmembers() if m.isfile() or m.isdir()]
            if hasattr(tarfile, "data_filter"):
                tar.extractall(target, members=safe, filter="data")
            else:  # pragma: no cover - Python before 3.11.4
                tar.extractall(target, members=safe)
        return _load(target / relative, revision)


def load_version(spec: str | None, plans_dir: Path) -> Version:
    """``spec`` as a version: None is the working tree's plans folder; a folder is read as it
    is; anything else is a git revision."""
    if spec is None:
        return _load(plans_dir, "the working tree")
    if Path(spec).is_dir():
        return _load(_plans_folder(Path(spec)), spec)
    return load_revision(spec, plans_dir)


def compare(base: str, head: str | None, plans_dir: Path) -> tuple[SiteDiff, str, str]:
    """The semantic diff between two versions, with the names to show them by."""
    before = load_version(base, plans_dir)
    after = load_version(head, plans_dir)
    diff = diff_sites(before.plans, after.plans, before.registry, after.registry, after.calendar)
    return diff, before.label, after.label
