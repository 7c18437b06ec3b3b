"""generator/parallel.py: pages rendered in forked workers come back whole and in order,
and no worker is forked where that is unsafe or not worth it."""

from __future__ import annotations

import functools
import os
import threading

import pytest

from generator.render import parallel


def page(number: int) -> dict[str, str]:
    # The process that rendered it, so the test can tell that workers did the work.
    return {f"p{number}.md": f"page {number} " + "x" * (number % 7), "pid": str(os.getpid())}


def jobs(count: int):
    return [functools.partial(page, number) for number in range(count)]


@pytest.fixture
def two_workers(monkeypatch):
    monkeypatch.setenv("PLANSITE_WORKERS", "2")
    # In the whole suite the browser tests' local web servers run in threads for the session;
    # these jobs touch no lock, so for them the process may count as single-threaded.
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)


def test_forked_workers_return_every_page_in_order(two_workers):
    results = parallel.render_all(jobs(parallel.PARALLEL_FROM + 37))
    expected = [page(number) for number in range(parallel.PARALLEL_FROM + 37)]
    assert [{k: v for k, v in r.items() if k != "pid"} for r in results] == [
        {k: v for k, v in e.items() if k != "pid"} for e in expected
    ]
    pids = {r["pid"] for r in results}
    assert len(pids) == 2 and str(os.getpid()) not in pids  # two workers, neither of them this process


def test_a_few_pages_are_rendered_here(two_workers):
    results = parallel.render_all(jobs(parallel.PARALLEL_FROM - 1))
    assert {r["pid"] for r in results} == {str(os.getpid())}


def test_no_fork_from_a_process_with_threads(two_workers, monkeypatch):
    monkeypatch.undo()
    monkeypatch.setenv("PLANSITE_WORKERS", "2")
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert parallel.workers(1000) == 1
        results = parallel.render_all(jobs(parallel.PARALLEL_FROM + 1))
        assert {r["pid"] for r in results} == {str(os.getpid())}
    finally:
        stop.set()
        thread.join()


def test_one_worker_when_asked(monkeypatch):
    monkeypatch.setenv("PLANSITE_WORKERS", "1")
    assert parallel.workers(1000) == 1


def test_an_error_in_a_worker_reaches_the_caller(two_workers):
    def broken(number: int) -> dict[str, str]:
        if number == 70:
            raise ValueError("page 70 cannot be rendered")
        return page(number)

    with pytest.raises(ValueError, match="page 70"):
        parallel.render_all([functools.partial(broken, n) for n in range(100)])


def test_a_worker_that_dies_is_an_error_not_a_half_built_site(two_workers):
    def dies(number: int) -> dict[str, str]:
        if number == 71:
            os._exit(3)  # as if the kernel had killed it for memory
        return page(number)

    with pytest.raises(RuntimeError, match="exit code 3"):
        parallel.render_all([functools.partial(dies, n) for n in range(100)])
