"""Deterministic output beyond the five plans: a synthetic corpus with many same-named
roles and teams renders to byte-identical files whatever Python's hash seed (set and dict
iteration must never decide an order)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.corpus import write_corpus

pytestmark = pytest.mark.slow  # builds sites or runs git: outside the fast loop


def render(plans: Path, out: Path, seed: str) -> dict[str, bytes]:
    env = {**os.environ, "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": "1416441600"}
    command = [sys.executable, "-m", "generator.cli", "render", "--plans", str(plans), "--out", str(out)]
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_the_output_does_not_depend_on_the_hash_seed(tmp_path):
    plans = write_corpus(tmp_path / "corpus", plans=6, actions=30, seed=7)
    first = render(plans, tmp_path / "one", "1")
    second = render(plans, tmp_path / "two", "2")
    assert len(first) > 50
    assert sorted(first) == sorted(second)
    assert [path for path in first if first[path] != second[path]] == []
