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
import multiprocessing.connection
import os
import threading
from collections.abc import Callable
from typing import TypeVar, cast

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


BATCH = 16
"""Pages a worker sends back at a time: the parent takes them in while the rest render,
and never holds one worker's whole share as a single message."""


def _work(first: int, step: int, writer) -> None:
    """In a worker: every ``step``-th job from ``first``, sent back in batches of
    ``(index, result)``, then ``None`` (or the error)."""
    try:
        batch = []
        for index in range(first, len(_JOBS), step):
            batch.append((index, _JOBS[index]()))
            if len(batch) == BATCH:
                writer.send((True, batch))
                batch = []
        writer.send((True, batch))
        writer.send((True, None))
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
    _JOBS = cast("list[Callable[[], object]]", jobs)
    context = multiprocessing.get_context("fork")
    results: list = [None] * len(jobs)
    gc.freeze()  # the inherited objects stay out of the workers' collections (and their pages unwritten)
    started = {}
    try:
        for first in range(count):
            reader, writer = context.Pipe(duplex=False)
            process = context.Process(target=_work, args=(first, count, writer), daemon=True)
            process.start()
            writer.close()
            started[reader] = process
        working = dict(started)
        while working:
            for ready in multiprocessing.connection.wait(list(working)):
                reader = cast(multiprocessing.connection.Connection, ready)
                try:
                    done, batch = reader.recv()
                except EOFError:
                    process = working[reader]
                    process.join()
                    raise RuntimeError(
                        f"a render worker stopped without its pages (exit code {process.exitcode})"
                    ) from None
                if not done:
                    raise batch
                if batch is None:
                    del working[reader]
                    continue
                for index, result in batch:
                    results[index] = result
    finally:
        for reader, process in started.items():
            reader.close()
            process.join(timeout=5)
            if process.is_alive():
                process.kill()
        gc.unfreeze()
        _JOBS = []
    return results
