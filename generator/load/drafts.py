"""Draft markers: ``# CHECK: <message>`` comments that ``plansite import`` writes on the lines
it had to guess. Each is a warning at its line and column until the editor has checked the
line against the source and deleted the comment.

Only comments count: the same words inside a text (a quoted text or a ``|`` block) are the
plan's own words. The file is parsed for the places of its texts only when it holds a marker.
"""

from __future__ import annotations

import bisect
import re

import yaml

from generator.problems import Problem, Severity

_MARKER = re.compile(r"(?:(?<=[ \t])|^)#[ \t]*CHECK:[ \t]*(?=([^\n]*))", re.MULTILINE)
"""A marker; its message is looked ahead at, not taken, so that a second '#' on the line
(after a first inside a quoted text) is found too."""

try:
    from yaml import CSafeLoader as _Events
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Events  # type: ignore[assignment]


def _text_spans(text: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Where each scalar of the file starts and ends, as ((line, column), (line, column)), 0-based."""
    spans = []
    for event in yaml.parse(text, Loader=_Events):
        if isinstance(event, yaml.ScalarEvent) and event.start_mark and event.end_mark:
            spans.append(
                ((event.start_mark.line, event.start_mark.column), (event.end_mark.line, event.end_mark.column))
            )
    return spans


def find_checks(text: str) -> list[tuple[int, int, str]]:
    """(line, column, message), 1-based, of every ``# CHECK: message`` comment in ``text``."""
    if "CHECK:" not in text:
        return []
    try:
        spans = _text_spans(text)
    except yaml.YAMLError:
        return []  # the file's syntax error is reported on its own
    starts = [start for start, _ in spans]
    found = []
    line_starts = [0] + [match.end() for match in re.finditer("\n", text)]
    for match in _MARKER.finditer(text):
        line = bisect.bisect_right(line_starts, match.start()) - 1
        place = (line, match.start() - line_starts[line])
        index = bisect.bisect_right(starts, place) - 1
        if index >= 0 and spans[index][0] <= place < spans[index][1]:
            continue  # inside a text: the plan's words, not a comment
        found.append((place[0] + 1, place[1] + 1, match[1].strip()))
    return found


def draft_warnings(display: str, text: str) -> list[Problem]:
    """A warning for each draft marker in a file."""
    return [
        Problem(
            display,
            line,
            column,
            f"draft: {_asking(message)}",
            severity=Severity.warning,
        )
        for line, column, message in find_checks(text)
    ]


_ASK = "check it against the source, then delete this comment"


def _asking(message: str) -> str:
    """A marker's words, ending with what to do about it (once: a marker may say it already)."""
    message = message or "this line was guessed"
    return message if message.rstrip(". ").endswith("delete this comment") else f"{message} — {_ASK}"
