"""Strict YAML reading: one file's text in, a ``Document`` with positions out.

The fast path parses with libyaml and keeps no positions; only when something is wrong
is the file composed again to find the line and column of the offending node.

Rules, for editors' safety:
- every scalar stays text (``5.10`` is not ``5.1``, ``No`` is not ``false``,
  ``2008/09`` is not arithmetic); the schema decides what is a number or a date;
- duplicate keys, anchors/aliases, custom tags, several documents, tabs, invalid
  UTF-8, binary and empty files are errors in plain English.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.load.syntax import explain
from generator.problems import Problem, Severity

MAX_FILE_BYTES = 8 * 1024 * 1024
"""A plan of 100 actions is about 50 KB; anything this big is a mistake, not a plan."""
MAX_DEPTH = 64
"""Plans nest a handful of levels; a deeper file is hostile or broken."""

try:
    from yaml.cyaml import CParser as _Parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml.loader import Composer, Parser, Reader, Scanner  # type: ignore[attr-defined]

    class _Parser(Reader, Scanner, Parser, Composer):  # type: ignore[no-redef]
        def __init__(self, stream):
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)


_ALLOWED_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}
_NULL_TAG = "tag:yaml.org,2002:null"


class YamlProblem(Exception):
    def __init__(self, message: str, node_or_mark: Any, hint: str | None = None):
        self.message = message
        self.mark = getattr(node_or_mark, "start_mark", node_or_mark)
        self.hint = hint


class _TextResolver(yaml.resolver.BaseResolver):
    """Resolves nothing implicitly but null: every other plain scalar is text."""


_TextResolver.add_implicit_resolver(_NULL_TAG, re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])


class _Loader(_Parser, yaml.constructor.BaseConstructor, _TextResolver):
    """libyaml parser, text-only scalars, duplicate keys recorded."""

    def __init__(self, stream: str):
        _Parser.__init__(self, stream)
        yaml.constructor.BaseConstructor.__init__(self)
        _TextResolver.__init__(self)
        self.duplicates: list[tuple[str, Node, Node]] = []

    def get_single_data(self) -> Any:
        node = self.get_single_node()
        if node is None:
            return None
        _check_tree(node)
        return self.construct_document(node)

    def construct_mapping(self, node: Node, deep: bool = False) -> dict[Any, Any]:
        mapping: dict[str, Any] = {}
        key_nodes: dict[str, Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag == _NULL_TAG:
                raise YamlProblem("a key must be plain text", key_node)
            key = key_node.value
            if key in key_nodes:
                self.duplicates.append((key, key_nodes[key], key_node))
            key_nodes[key] = key_node
            mapping[key] = self.construct_object(value_node, deep=True)
        return mapping

    def construct_sequence(self, node: Node, deep: bool = False) -> list[Any]:
        return [self.construct_object(child, deep=True) for child in node.value]


_Loader.add_constructor(_NULL_TAG, lambda loader, node: None)


def _check_tree(root: Node) -> None:
    """Reject aliases, custom tags and runaway nesting before building anything."""
    seen: set[int] = set()
    stack: list[tuple[Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:
            raise YamlProblem(
                "anchors and aliases (&name, *name) are not allowed in plan files",
                node,
                "write the repeated value out in full",
            )
        seen.add(id(node))
        if node.tag not in _ALLOWED_TAGS:
            raise YamlProblem(
                f"the YAML tag '{node.tag.replace('tag:yaml.org,2002:', '!!')}' is not allowed in plan files",
                node,
                "remove the '!' tag; the schema decides each field's type",
            )
        if depth > MAX_DEPTH:
            raise YamlProblem(f"nested more than {MAX_DEPTH} levels deep", node)
        if isinstance(node, MappingNode):
            for key, value in node.value:
                stack.append((key, depth + 1))
                stack.append((value, depth + 1))
        elif isinstance(node, SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)


_DEEP_INDENT = re.compile(r"^[ \t]{512,}", re.MULTILINE)


def _check_depth(text: str) -> None:
    """Refuse runaway nesting before libyaml composes it (its composer recurses
    in C, and tens of thousands of levels crash the process). The cheap test
    clears every real plan; only a suspicious file pays for the event scan."""
    if text.count("[") + text.count("{") <= 1000 and not _DEEP_INDENT.search(text):
        return
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):  # type: ignore[arg-type]
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlProblem(f"nested more than {MAX_DEPTH} levels deep", event.start_mark)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


def kind_of(value: Any) -> str:
    """A value's kind in words, for a message: "the text '…'", "a mapping", "a list"."""
    if value is None:
        return "an empty value"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text '{shown}'"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


@dataclass
class Document:
    """A plan or registry file, read and parsed, that can locate its own nodes."""

    path: Path
    display: str
    text: str
    _data: Any = field(repr=False)
    """The file as plain YAML values; let go once the file has validated (``release``)."""
    _nodes: Node | None = field(default=None, repr=False)
    _released: bool = field(default=False, repr=False)
    encoding: str = "utf-8"
    """How the file was saved: utf-8 (with or without a byte order mark), utf-16-le..."""

    @property
    def data(self) -> Any:
        """The file as plain YAML values (read again from the text, once, if it was released)."""
        if self._released:
            loader = _Loader(self.text)
            try:
                self._data, self._released = loader.get_single_data(), False
            finally:
                loader.dispose()
        return self._data

    def release(self) -> None:
        """Let go of the values once the file has validated: the model holds what it says, and
        only an error found later needs them, to point at its place (read again then, and kept
        for the file's other errors). At 1,000 plans they were a second copy of every plan."""
        self._data, self._released = None, True

    def _root(self) -> Node | None:
        if self._nodes is None:
            loader = _Loader(self.text)
            try:
                self._nodes = loader.get_single_node()
            finally:
                loader.dispose()
        return self._nodes

    def locate(self, loc: tuple[str | int, ...], key: bool = False) -> tuple[int, int]:
        """1-based line and column of the node at ``loc`` (or of its key)."""
        node = self._root()
        if node is None:
            return 1, 1
        for index, part in enumerate(loc):
            last = index == len(loc) - 1
            if isinstance(node, MappingNode) and isinstance(part, str):
                found = next(((k, v) for k, v in reversed(node.value) if k.value == part), None)
                if found is None:
                    break
                if last and key:
                    node = found[0]
                    break
                node = found[1]
            elif isinstance(node, SequenceNode) and isinstance(part, int):
                if not 0 <= part < len(node.value):
                    break
                node = node.value[part]
            else:
                break
        mark = node.start_mark
        return mark.line + 1, mark.column + 1

    def problem(
        self,
        loc: tuple[str | int, ...],
        message: str,
        hint: str | None = None,
        *,
        key: bool = False,
        severity: Severity = Severity.error,
    ) -> Problem:
        """A problem at the node found by ``loc`` (or at its key)."""
        line, column = self.locate(loc, key=key)
        return Problem(self.display, line, column, message, hint, severity)


def display_path(path: Path) -> str:
    """The path as an editor would type it: relative to the working directory."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def _position_of(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return line, column


def _read_bytes(path: Path) -> tuple[bytes | None, str | None]:
    """The file's bytes, or why they cannot be read (too large, unreadable)."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, f"the file is {size:,} bytes; plan files are limited to {MAX_FILE_BYTES:,}"
        return path.read_bytes(), None
    except OSError as error:
        return None, f"cannot read the file: {error.strerror or error}"


_BOMS = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
)


def _encoding_of(raw: bytes) -> tuple[str, int]:
    """(encoding, length of its byte order mark): by the mark, else UTF-16 without one when
    every other byte of the start is zero (Windows' "Unicode" without a mark), else UTF-8."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return encoding, len(bom)
    head = raw[:400] if len(raw) % 2 == 0 else b""
    if len(head) >= 4 and not any(head[1::2]) and all(head[0::2]):
        return "utf-16-le", 0
    if len(head) >= 4 and not any(head[0::2]) and all(head[1::2]):
        return "utf-16-be", 0
    return "utf-8", 0


ENCODING_NAMES = {"utf-16-le": "UTF-16", "utf-16-be": "UTF-16", "utf-32-le": "UTF-32", "utf-32-be": "UTF-32"}
SAVE_AS_UTF8 = (
    "save it as UTF-8 from your editor (in VS Code: the encoding in the status bar, then 'Save with Encoding')"
)


def decode(raw: bytes) -> tuple[str | None, str, tuple[str, int, int, str | None] | None]:
    """(text, encoding, None), or (None, encoding, (message, line, column, hint)) when the bytes
    are not text. UTF-8 (with or without a byte order mark), UTF-16 and UTF-32 are read."""
    encoding, skip = _encoding_of(raw)
    body = raw[skip:]
    if encoding == "utf-8" and b"\x00" in body:
        line, column = _position_of(raw, raw.index(b"\x00"))
        return None, encoding, ("this looks like a binary file, not YAML text", line, column, None)
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as error:
        if encoding == "utf-8":
            line, column = _position_of(raw, error.start + skip)
            message = f"the file is not valid UTF-8 text (byte 0x{body[error.start]:02x})"
            return None, encoding, (message, line, column, "save it as UTF-8 from your editor")
        before = body[: error.start].decode(encoding, errors="replace")
        line, column = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
        message = f"the file is saved as {ENCODING_NAMES[encoding]}, but it is damaged here (not a character)"
        return None, encoding, (message, line, column, SAVE_AS_UTF8)
    if "\x00" in text:
        line, column = _position_of(text.encode("utf-8"), text.encode("utf-8").index(b"\x00"))
        return None, encoding, ("this looks like a binary file, not YAML text", line, column, None)
    return text.removeprefix("\ufeff"), encoding, None


def read_document(
    path: Path, display: str | None = None, raw: bytes | None = None
) -> tuple[Document | None, list[Problem]]:
    """Read one YAML file strictly (``raw``: its bytes, when already read). Never raises for bad input."""
    display = display or display_path(path)

    def fail(message: str, line: int = 1, column: int = 1, hint: str | None = None):
        return None, [Problem(display, line, column, message, hint)]

    if raw is None:
        raw, why = _read_bytes(path)
        if raw is None:
            return fail(why or "cannot read the file")
    text, encoding, trouble = decode(raw)
    if text is None or trouble is not None:
        message, line, column, hint = trouble or ("cannot read the file", 1, 1, None)
        return fail(message, line, column, hint)
    if not text.strip() or all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
        return fail("the file is empty: a plan needs at least id, title, organisation, kind, status and source")

    loader = _Loader(text)
    try:
        _check_depth(text)
        data = loader.get_single_data()
    except YamlProblem as error:
        return fail(error.message, error.mark.line + 1, error.mark.column + 1, error.hint)
    except yaml.YAMLError as error:
        message, hint, line, column = explain(error, text)
        return fail(message, line, column, hint)
    except RecursionError:
        return fail(f"nested more than {MAX_DEPTH} levels deep")
    finally:
        loader.dispose()

    problems = [
        Problem(
            display,
            second.start_mark.line + 1,
            second.start_mark.column + 1,
            f"duplicate key '{name}': it is already set on line {first.start_mark.line + 1}",
            "keep one of them; YAML would silently drop the first",
        )
        for name, first, second in loader.duplicates
    ]
    document = Document(path, display, text, data, encoding=encoding)
    if encoding in ENCODING_NAMES:
        problems.append(
            Problem(
                display,
                1,
                1,
                f"the file is saved as {ENCODING_NAMES[encoding]}: it is read, but git and pull requests show it as binary",
                f"run `plansite fmt {display}` to save it as UTF-8, or {SAVE_AS_UTF8}",
                Severity.warning,
            )
        )
    if not isinstance(data, dict):
        kind = kind_of(data)
        problems.append(
            Problem(display, 1, 1, f"the file must be a mapping of fields (id: ..., title: ...), not {kind}")
        )
        return None, problems
    return document, problems
