"""Fuzzing the loader: for any bytes an editor (or an attacker) can put in a pull request,
reading a plan or registry file gives problems with a real position, never an exception,
and stays within a bounded amount of memory.

The example counts are fixed so that CI spends a bounded time here (about half a minute
on two cores); run with ``--hypothesis-seed`` to replay a failure.
"""

from __future__ import annotations

import tempfile
import tracemalloc
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator.load.folder import load_plan, load_site
from generator.problems import Problem

from .helpers import MINIMAL_REGISTRY, PLANS, minimal_plan

pytestmark = pytest.mark.slow  # builds sites or runs git: outside the fast loop

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

MEMORY_LIMIT = 64 * 1024 * 1024
"""Peak Python allocations allowed while reading one fuzzed file of at most a few kilobytes."""

SEED_TEXTS = [minimal_plan()] + [p.read_text(encoding="utf-8") for p in sorted(PLANS.glob("*.yml"))[:2]]

# Pieces of YAML that have broken parsers before: indicators, tags, anchors, flow syntax,
# block scalars, tabs, BOMs, odd line ends, long and non-BMP text, template syntax.
TOKENS = [
    ":",
    ": ",
    "- ",
    "? ",
    "&a ",
    "*a",
    "!!python/object:os.system ",
    "!tag ",
    "{",
    "}",
    "[",
    "]",
    ",",
    "|",
    ">-",
    "\t",
    "\r",
    "\r\n",
    "\ufeff",
    "%YAML 1.1\n",
    "---\n",
    "...\n",
    "#",
    "'",
    '"',
    "\\",
    "@",
    "`",
    "\x85",
    "\u2028",
    "\U0001f600",
    "{{ 7*7 }}",
    "{% raw %}",
    "<script>",
    "\x00",
    "\x1b",
    "0x1F",
    "1e400",
    "~",
    "null",
    "yes",
    "No",
    "2003-04-01",
    "5.10",
    "-" * 5,
    "a" * 300,
]


def _read(data: bytes) -> tuple[object, list[Problem], int]:
    """Load ``data`` as a plan file; return the result, its problems and the peak memory."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.yml"
        path.write_bytes(data)
        tracemalloc.start()
        try:
            item, problems = load_plan(path)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        for problem in problems:
            assert problem.file == str(path) or problem.file.endswith("fuzz.yml"), problem
    return item, problems, peak


def _line_breaks(data: bytes) -> int:
    """Line breaks as YAML counts them (NEL and the Unicode separators too), and a margin of one."""
    text = data.decode("utf-8", errors="replace")
    return sum(text.count(mark) for mark in ("\n", "\r", "\x85", "\u2028", "\u2029")) + 2


def _assert_well_placed(data: bytes, item: object, problems: list[Problem], peak: int) -> None:
    if item is None:
        assert problems, "a file that does not load must say why"
    lines = _line_breaks(data)
    for problem in problems:
        assert problem.message.strip(), problem
        assert 1 <= problem.line <= lines, (problem.format(), lines)
        assert problem.column >= 1, problem.format()
    assert peak < MEMORY_LIMIT, f"{peak:,} bytes to read {len(data):,}"


@FUZZ
@given(st.binary(max_size=2048))
def test_any_bytes_give_problems_not_exceptions(data):
    _assert_well_placed(data, *_read(data))


@st.composite
def _mutated_plans(draw) -> bytes:
    """A real plan with a few random edits: tokens inserted, slices deleted, lines swapped."""
    text = draw(st.sampled_from(SEED_TEXTS))
    if len(text) > 6000:
        start = draw(st.integers(0, len(text) - 6000))
        text = text[start : start + 6000]
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        edit = draw(st.sampled_from(["insert", "delete", "swap", "indent"]))
        if edit == "insert":
            text = text[:at] + draw(st.sampled_from(TOKENS) | st.text(max_size=20)) + text[at:]
        elif edit == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 40)) :]
        elif edit == "indent":
            line_start = text.rfind("\n", 0, at) + 1
            text = text[:line_start] + draw(st.sampled_from([" ", "  ", "\t", ""])) + text[line_start:]
        else:
            lines = text.split("\n")
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-16", "latin-1"]))
    return text.encode(encoding, errors="replace")


@FUZZ
@given(_mutated_plans())
def test_mutated_real_plans_give_problems_not_exceptions(data):
    _assert_well_placed(data, *_read(data))


_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30))
_keys = st.sampled_from(
    [
        "id",
        "title",
        "organisation",
        "kind",
        "status",
        "source",
        "groups",
        "actions",
        "label",
        "text",
        "responsible",
        "audience",
        "timescale",
        "milestones",
        "indicators",
        "ref",
        "x",
        "titel",
    ]
) | st.text(min_size=1, max_size=10)
_trees = st.recursive(
    _scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(_keys, children, max_size=5),
    max_leaves=40,
)


@FUZZ
@given(st.dictionaries(_keys, _trees, max_size=8))
@example({"\x85": None, "0\x85": "\x85", "id": None})  # NEL is a line break to YAML
def test_any_well_formed_tree_is_validated_with_positions(tree):
    data = yaml.safe_dump(tree, allow_unicode=True, sort_keys=False).encode("utf-8")
    item, problems, peak = _read(data)
    _assert_well_placed(data, item, problems, peak)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=1024) | _mutated_plans())
def test_a_fuzzed_registry_file_never_breaks_loading_the_site(data):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "plans"
        (root / "registry").mkdir(parents=True)
        (root / "registry" / "base.yml").write_text(MINIMAL_REGISTRY, encoding="utf-8")
        (root / "registry" / "fuzz.yml").write_bytes(data)
        (root / "ok.yml").write_text(minimal_plan("ok"), encoding="utf-8")
        result = load_site(root)
        lines = _line_breaks(data)
        for problem in result.problems:
            assert problem.file.endswith("fuzz.yml"), problem.format()
            assert 1 <= problem.line <= lines and problem.column >= 1, problem.format()
