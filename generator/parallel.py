"""Render pages on every core, without copying the site to each.

Rendering is most of a large build and each page is independent once the catalogue is
resolved. Worker processes are forked after resolving, so each inherits the catalogue,
templates and filters as they are; only page texts travel back. A page's text does not
depend on which process rendered it, so the output is the same as rendering in one.

Forking is only safe from a process with one thread (a thread holding a lock at the fork
would leave the lock held for ever in the child): under ``mkdocs serve``, whose server
runs in threads, and wherever ``fork`` does not exist, pages are rendered in this process.
``PLANSITE_WORKERS`` sets the number of processes (1 turns this off).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from typing import Callable, TypeVar

T = TypeVar("T")

PARALLEL_FROM = 64
"""Fewer pages than this are rendered in this process: starting workers costs more."""

_JOBS: list[Callable[[], object]] = []
"""The jobs of the current run, inherited by the forked workers (never pickled)."""


def _cores() -> int:
    affinity = getattr(os, "sched_getaffinity", None)  # the cores this process may use (Linux)
    return len(affinity(0)) if affinity else os.cpu_count() or 1


def workers(pages: int) -> int:
    """How many processes to render ``pages`` pages with."""
    wanted = os.environ.get("PLANSITE_WORKERS", "").strip()
    count = int(wanted) if wanted.isdigit() and int(wanted) > 0 else _cores()
    if (
        count <= 1
        or pages < PARALLEL_FROM
        or threading.active_count() > 1
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        return 1
    return min(count, 8)


def _run_share(share: tuple[int, int]) -> list[object]:
    first, step = share
    return [_JOBS[index]() for index in range(first, len(_JOBS), step)]


def render_all(jobs: list[Callable[[], T]]) -> list[T]:
    """Each job's result (page texts), in order: in this process or, for many jobs, in forked workers,
    each taking every n-th job (so long and short pages are shared out evenly)."""
    count = workers(len(jobs))
    if count == 1:
        return [job() for job in jobs]
    global _JOBS
    _JOBS = jobs
    gc.freeze()  # the inherited objects stay out of the workers' collections (and their pages unwritten)
    try:
        with multiprocessing.get_context("fork").Pool(count) as pool:
            shares = pool.map(_run_share, [(first, count) for first in range(count)], chunksize=1)
    finally:
        gc.unfreeze()
        _JOBS = []
    results: list = [None] * len(jobs)
    for first, share in enumerate(shares):
        results[first::count] = share
    return results
