"""Each plan's history from git: which commits changed its YAML, when, why, and what
that did to the plan (the semantic diff of each commit, from ``generator/diff.py``).

Cheap enough for large sites: a fixed handful of git calls for the whole plans
folder (one ``git log --raw`` for the commits and the blobs they changed, one for
the messages, one ``git cat-file --batch`` for every version of every file),
and each version of a file is read once (cached by its blob id, across
``mkdocs serve`` rebuilds). Dates are committer dates from git, so the same
repository gives the same output.

Without git, outside a repository, or in a shallow clone, history is
*unavailable*: the pages say so, and the build never fails because of it.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from generator.cache import BuildCache
from generator.history.diff import Change, diff_plan
from generator.history.versions import repository_root, run_git
from generator.load.folder import PLAN_SUFFIXES, REGISTRY_DIR
from generator.load.messages import validate
from generator.load.reader import read_document
from generator.model.calendar import DEFAULT_CALENDAR, Calendar
from generator.model.plan import Plan

NO_BLOB = "0" * 40

SHALLOW = (
    "The history of this plan is not available: the site was built from a shallow copy of its "
    "repository. Build it from a full clone (in GitHub Actions, check out with `fetch-depth: 0`)."
)
NO_GIT = "The history of this plan is not available: the site was not built from a git repository."


@dataclass(frozen=True)
class Commit:
    """A commit that changed plan files."""

    sha: str
    date: dt.datetime
    """The committer date, with its offset."""
    subject: str = ""
    body: str = ""

    @property
    def short(self) -> str:
        return self.sha[:10]


@dataclass
class Entry:
    """What one commit did to one plan."""

    commit: Commit
    path: str
    """The plan file, relative to the repository."""
    status: str
    """added, removed or changed."""
    changes: list[Change] = field(default_factory=list)
    note: str = ""
    """Said instead of (or before) the changes: a version that could not be read, a change of layout only."""


@dataclass
class PlanHistory:
    plan_id: str
    entries: list[Entry] = field(default_factory=list)
    """Newest first."""

    @property
    def last_updated(self) -> dt.datetime | None:
        return self.entries[0].commit.date if self.entries else None


@dataclass
class SiteHistory:
    """Every plan's history, or why there is none."""

    available: bool
    reason: str = ""
    plans: dict[str, PlanHistory] = field(default_factory=dict)

    def of(self, plan_id: str) -> PlanHistory:
        return self.plans.get(plan_id) or PlanHistory(plan_id)

    def entries(self) -> list[tuple[str, Entry]]:
        """(plan id, entry) for every plan, newest first."""
        found = [(plan_id, e) for plan_id, history in self.plans.items() for e in history.entries]
        return sorted(found, key=lambda item: (item[1].commit.date, item[1].commit.sha, item[0]), reverse=True)


# --- reading git ---------------------------------------------------------------------


@dataclass
class _Touch:
    path: str
    old: str
    new: str


def _is_plan_file(path: str, folder: str) -> bool:
    relative = PurePosixPath(path).relative_to(folder) if folder else PurePosixPath(path)
    parts = relative.parts
    return (
        relative.suffix in PLAN_SUFFIXES
        and parts[0] != REGISTRY_DIR
        and not any(part.startswith(".") for part in parts)
    )


def _log(root: Path, folder: str) -> list[tuple[str, str, list[_Touch]]] | None:
    """(sha, ISO committer date, plan files changed) for each commit, newest first."""
    result = run_git(
        ["log", "-z", "--no-renames", "--raw", "--no-abbrev", "--format=commit %H %cI", "--", folder or "."], root
    )
    if result.returncode != 0:
        return None
    commits: list[tuple[str, str, list[_Touch]]] = []
    tokens = iter(result.stdout.split("\0"))
    for token in tokens:
        token = token.strip("\n")
        if token.startswith("commit "):
            _, sha, date = token.split(" ", 2)
            commits.append((sha, date, []))
        elif token.startswith(":") and commits:
            path = next(tokens, "")
            fields = token[1:].split()
            if len(fields) >= 5 and _is_plan_file(path, folder):
                commits[-1][2].append(_Touch(path, fields[2], fields[3]))
    return commits


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
"""Characters that have no place in a page or an XML feed (commit messages are untrusted input)."""


def _messages(root: Path, shas: list[str]) -> dict[str, tuple[str, str]]:
    """sha → (subject, body); messages cannot hold NUL, so they are read NUL-separated."""
    if not shas:
        return {}
    result = run_git(
        ["log", "--no-walk=unsorted", "--stdin", "-z", "--format=%H%n%B"], root, stdin="\n".join(shas) + "\n"
    )
    messages = {}
    for record in result.stdout.split("\0"):
        sha, _, message = _CONTROL.sub("", record.strip("\n")).partition("\n")
        subject, _, body = message.strip().partition("\n\n")
        messages[sha] = (" ".join(subject.split()), body.strip())
    return messages


def _blobs(root: Path, shas: set[str]) -> dict[str, bytes]:
    """The contents of many blobs from one ``git cat-file --batch``."""
    wanted = sorted(shas - {NO_BLOB})
    if not wanted:
        return {}
    result = run_git(["cat-file", "--batch"], root, text=False, stdin=("\n".join(wanted) + "\n").encode())
    contents: dict[str, bytes] = {}
    data, position = result.stdout, 0
    while position < len(data):
        end = data.index(b"\n", position)
        header = data[position:end].decode().split()
        position = end + 1
        if len(header) != 3:  # "<sha> missing"
            continue
        size = int(header[2])
        contents[header[0]] = data[position : position + size]
        position += size + 1
    return contents


def _plan_of(blob: str, content: bytes | None, path: str, cache: BuildCache) -> Plan | str:
    """The plan a blob holds, or why it cannot be read; blobs never change, so a serve
    rebuild reads each once."""
    if blob in cache.history_plans:
        return cache.history_plans[blob]
    if content is None:
        return "the file could not be read from git"
    with tempfile.TemporaryDirectory(prefix="plansite-history-") as temp:
        file = Path(temp) / PurePosixPath(path).name
        file.write_bytes(content)
        document, problems = read_document(file, display=path)
        plan = None
        if document is not None:
            plan, found = validate(document, Plan)
            problems = problems + found
    result: Plan | str = (
        plan if plan is not None and not problems else (problems[0].format() if problems else "unreadable")
    )
    cache.history_plans[blob] = result
    return result


def _state(root: Path) -> str:
    """ "" when history can be read; else why not."""
    shallow = run_git(["rev-parse", "--is-shallow-repository"], root)
    if shallow.returncode != 0:
        return NO_GIT
    return SHALLOW if shallow.stdout.strip() == "true" else ""


def site_history(
    plans_dir: Path,
    plan_ids: set[str] | None = None,
    calendar: Calendar = DEFAULT_CALENDAR,
    cache: BuildCache | None = None,
) -> SiteHistory:
    """The history of every plan in ``plans_dir`` (only ``plan_ids`` when given). Never raises
    for a missing or shallow repository: the result says history is unavailable."""
    root = repository_root(plans_dir) if plans_dir.is_dir() else None
    if root is None:
        return SiteHistory(False, NO_GIT)
    reason = _state(root)
    if reason:
        return SiteHistory(False, reason)
    folder = plans_dir.resolve().relative_to(root.resolve()).as_posix()
    folder = "" if folder == "." else folder
    log = _log(root, folder)
    if log is None:
        return SiteHistory(False, NO_GIT)
    log = [item for item in log if item[2]]
    messages = _messages(root, [sha for sha, _, _ in log])
    contents = _blobs(root, {blob for _, _, touches in log for t in touches for blob in (t.old, t.new)})
    history = SiteHistory(True)
    cache = cache or BuildCache()
    ids_of_path: dict[str, str] = {}
    for sha, date, touches in reversed(log):  # oldest first, so a path's plan id is known when a later version breaks
        subject, body = messages.get(sha, ("", ""))
        commit = Commit(sha, dt.datetime.fromisoformat(date), subject, body)
        for entry_id, entry in _entries(commit, touches, contents, ids_of_path, calendar, cache):
            if plan_ids is None or entry_id in plan_ids:
                history.plans.setdefault(entry_id, PlanHistory(entry_id)).entries.insert(0, entry)
    return history


def _entries(
    commit: Commit,
    touches: list[_Touch],
    contents: dict[str, bytes],
    ids_of_path: dict[str, str],
    calendar: Calendar,
    cache: BuildCache,
) -> Iterator[tuple[str, Entry]]:
    """(plan id, Entry) for each plan one commit changed; plans are matched by id, so a
    renamed file keeps its history."""
    before: dict[str, tuple[Plan, str]] = {}
    after: dict[str, tuple[Plan, str, _Touch]] = {}
    broken: list[tuple[str, _Touch, str]] = []
    for touch in touches:
        if touch.old != NO_BLOB:
            plan = _plan_of(touch.old, contents.get(touch.old), touch.path, cache)
            if isinstance(plan, Plan):
                before[plan.id] = (plan, touch.old)
                ids_of_path[touch.path] = plan.id
        if touch.new != NO_BLOB:
            plan = _plan_of(touch.new, contents.get(touch.new), touch.path, cache)
            if isinstance(plan, Plan):
                after[plan.id] = (plan, touch.new, touch)
                ids_of_path[touch.path] = plan.id
            elif touch.path in ids_of_path:
                broken.append((ids_of_path[touch.path], touch, plan))
    for plan_id, touch, problem in broken:
        if plan_id not in after:
            yield (
                plan_id,
                Entry(commit, touch.path, "changed", note=f"This version of the file could not be read: {problem}"),
            )
    paths = {t.path: t for t in touches}
    for plan_id in sorted(before.keys() | after.keys()):
        old, new = before.get(plan_id), after.get(plan_id)
        key = (old[1] if old else NO_BLOB, new[1] if new else NO_BLOB, calendar)
        if key not in cache.history_diffs:
            cache.history_diffs[key] = diff_plan(old[0] if old else None, new[0] if new else None, calendar).changes
        status = "added" if old is None else "removed" if new is None else "changed"
        path = new[2].path if new else next((p for p, t in paths.items() if t.old == key[0]), "")
        changed = new[2] if new else paths.get(path)
        note = ""
        if status == "added" and changed is not None and changed.old != NO_BLOB:
            note = "The previous version of the file could not be read, so the plan is shown as new."
        elif status == "changed" and not cache.history_diffs[key]:
            note = "No change to what the plan says: only the file's layout or comments changed."
        yield plan_id, Entry(commit, path, status, list(cache.history_diffs[key]), note)
