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


def _work(first: int, step: int, writer) -> None:
    """In a worker: every ``step``-th job from ``first``, sent back whole (or the error)."""
    try:
        writer.send((True, [_JOBS[index]() for index in range(first, len(_JOBS), step)]))
    except OSError:
        pass  # the caller stopped listening (another worker failed): nothing to send to
    except BaseException as error:  # noqa: BLE001 - the caller raises it again
        try:
            writer.send((False, error))
        except OSError:
            pass
        except Exception:  # noqa: BLE001 - an error that cannot be pickled
            writer.send((False, RuntimeError(repr(error))))
    finally:
        writer.close()


def render_all(jobs: list[Callable[[], T]]) -> list[T]:
    """Each job's result (page texts), in order: in this process or, for many jobs, in
    forked workers, one per core, each taking every n-th job (long and short pages shared
    out evenly), all at once."""
    count = workers(len(jobs))
    if count == 1:
        return [job() for job in jobs]
    global _JOBS
    _JOBS = jobs
    context = multiprocessing.get_context("fork")
    gc.freeze()  # the inherited objects stay out of the workers' collections (and their pages unwritten)
    started = []
    try:
        for first in range(count):
            reader, writer = context.Pipe(duplex=False)
            process = context.Process(target=_work, args=(first, count, writer), daemon=True)
            process.start()
            writer.close()
            started.append((reader, process))
        shares = []
        for reader, process in started:
            try:
                done, share = reader.recv()
            except EOFError:
                process.join()
                raise RuntimeError(f"a render worker stopped without its pages (exit code {process.exitcode})") from None
            if not done:
                raise share
            shares.append(share)
    finally:
        for reader, process in started:
            reader.close()
            process.join(timeout=5)
            if process.is_alive():
                process.kill()
        gc.unfreeze()
        _JOBS = []
    results: list = [None] * len(jobs)
    for first, share in enumerate(shares):
        results[first::count] = share
    return results
