"""A draft plan → its YAML file: laid out as ``plansite fmt`` lays files out, with the schema
line editors' tools read and a ``# CHECK: …`` comment on the line of each guess."""

from __future__ import annotations

import io
from typing import Any

from generator.importers.builder import Draft
from generator.importers.report import find_checks

SCHEMA_LINE = "# yaml-language-server: $schema=../schema/plan.schema.json\n"


def to_yaml(plan: dict[str, Any], marks: list[tuple[tuple[Any, ...], str]] | None = None) -> str:
    """The draft as a plan file, laid out as ``plansite fmt`` lays files out, with the schema
    line editors' tools read and a ``# CHECK: …`` comment on the line of each guess."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import LiteralScalarString

    from generator.load.fmt import _yaml, format_text

    def convert(value: Any) -> Any:
        if isinstance(value, dict):
            return CommentedMap((k, convert(v)) for k, v in value.items())
        if isinstance(value, list):
            return CommentedSeq(convert(v) for v in value)
        if isinstance(value, str) and "\n" in value and _literal_safe(value):
            return LiteralScalarString(value)
        return value

    writer = _yaml()
    out = io.StringIO()
    writer.dump(convert(plan), out)
    text = SCHEMA_LINE + out.getvalue()
    if marks:
        loaded = writer.load(text)
        lines = text.split("\n")
        notes: dict[int, list[str]] = {}
        for path, message in marks:
            node = loaded
            for step in path[:-1]:
                node = node[step]
            line = node.lc.key(path[-1])[0] if hasattr(node, "lc") and path[-1] in node else None
            if line is not None:
                notes.setdefault(line, []).append(message)
        for line, messages in notes.items():
            lines[line] = f"{lines[line]}  # CHECK: {'; '.join(dict.fromkeys(messages))}"
        text = "\n".join(lines)
    formatted = format_text(text)
    return formatted if formatted.startswith("#") else SCHEMA_LINE + formatted


def _literal_safe(value: str) -> bool:
    """A string a literal block keeps exactly: no trailing spaces on a line, no tabs, no odd line ends."""
    return (
        not any(line != line.rstrip() for line in value.split("\n"))
        and "\t" not in value
        and "\r" not in value
        and not value.startswith((" ", "\n"))
        and not value.endswith("\n")
    )


def plan_yaml(draft: Draft) -> str:
    """The draft's YAML, and its report's checks filled in with their lines and columns."""
    text = to_yaml(draft.plan, draft.marks)
    draft.report.checks = find_checks(text)
    return text
