"""``plansite fmt``: one canonical layout for plan and registry files, comments kept.

Indentation is two spaces, list dashes are indented under their key, and
long lines are not re-wrapped. Key order is the editor's: moving keys would
move the comments around them. Comments and quoting stay as the
editor wrote them (ruamel.yaml round trip). Formatting never changes what a
file says: the result is read back with the strict loader and compared with
the original, and a file whose meaning would change is left alone.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML

from generator.load.reader import read_document
from generator.problems import Problem

WIDTH = 4096
"""Never re-wrap: line breaks in plan text are the editor's."""


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = WIDTH
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


@dataclass
class Formatted:
    path: Path
    changed: bool
    problems: list[Problem]


def format_text(text: str) -> str:
    """The text in the canonical layout."""
    yaml = _yaml()
    data = yaml.load(text)
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def format_file(path: Path, write: bool = True) -> Formatted:
    """Format one file; with problems (and unchanged) if it cannot be read or would change meaning."""
    document, problems = read_document(path)
    if document is None or any(p.severity.value == "error" for p in problems):
        return Formatted(path, False, problems)
    original = document.text
    formatted = format_text(original)
    if formatted == original and document.encoding == "utf-8":
        return Formatted(path, False, [])  # (a UTF-16 file is written again, as UTF-8)
    check = path.with_name(f".{path.name}.fmt-check")
    try:
        check.write_text(formatted, encoding="utf-8")
        again, found = read_document(check, document.display)
        if again is None or found or again.data != document.data:
            return Formatted(
                path,
                False,
                [Problem(document.display, 1, 1, "formatting would change what this file says; it was left as it is")],
            )
    finally:
        check.unlink(missing_ok=True)
    if write:
        path.write_text(formatted, encoding="utf-8")
    return Formatted(path, True, [])
