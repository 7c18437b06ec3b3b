"""The editor's loop, measured: "serve: save → page shows it" (issue 19).

    .venv/bin/python bench/serve.py [--plans 100] [--actions 100] [--edits 3] [--seed 1]
                                    [--python PATH] [--work DIR] [--json FILE]

Writes the synthetic corpus (bench/corpus.py: --plans × --actions), starts ``mkdocs serve``
on it on a free loopback port, and opens a plan's page in headless Chromium (as
``bench/run.py``'s search measurement does). Then, --edits times, each on another plan: the
page of that plan is opened, one action's text is changed in its YAML file (as an editor
saves it), and the time is taken from the save until the page shows the new text, reloaded
by MkDocs' livereload. The row is the median of the edits, with each edit's time, what
MkDocs said the rebuild took ("Documentation built in ..."), the CPU time the server used
until the page showed it and until it was idle again (its own and its children's, from
/proc), and the machine: cores, CPU model, load average before and after, date.

``--python`` runs ``mkdocs serve`` with another interpreter, e.g. the virtual environment
of another checkout, to measure the code before a change on the same corpus.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.corpus import write_corpus  # noqa: E402
from bench.run import CHROMIUM, machine  # noqa: E402

MARK = "Saved-in-the-preview-{}"
BUILT = re.compile(r"Documentation built in ([\d.]+) seconds")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def cpu_seconds(pid: int) -> float:
    """User and system time of a process and its waited-for children, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return sum(int(value) for value in fields[11:15]) / CLOCK_TICKS


def children(pid: int) -> list[str]:
    """The processes ``pid`` started that are still running (Pagefind, render workers)."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            found += (task / "children").read_text().split()
        except OSError:
            pass
    return found


def wait_idle(pid: int, quiet: float = 3.0, limit: float = 3600) -> float:
    """Wait until the server has used no CPU and run no child process for ``quiet`` seconds
    (as when an editor saves again, seconds later: Pagefind's index, made after the page is
    shown, is done); the seconds waited."""
    started = time.perf_counter()
    calm_since, last = time.perf_counter(), cpu_seconds(pid)
    while time.perf_counter() - started < limit:
        time.sleep(0.5)
        now = cpu_seconds(pid)
        if now - last > 0.05 or children(pid):
            calm_since = time.perf_counter()
        last = now
        if time.perf_counter() - calm_since >= quiet:
            break
    return time.perf_counter() - started


def edit_action(path: Path, mark: str) -> str:
    """Put ``mark`` at the start of the first one-line action text after ``groups:``, as an
    editor would type it; the text the page will show."""
    lines = path.read_text(encoding="utf-8").split("\n")
    for number in range(lines.index("groups:"), len(lines)):
        head, found, rest = lines[number].partition("text: ")
        if found and head.strip(" -") == "" and rest and rest[0] not in "|>'\"":
            lines[number] = f"{head}text: {mark} {rest}"
            path.write_text("\n".join(lines), encoding="utf-8")
            return f"{mark} {rest}"
    raise ValueError(f"no one-line action text in {path}")


def wait_for_answer(address: str, process: subprocess.Popen, log: Path, limit: float) -> None:
    import urllib.request

    deadline = time.monotonic() + limit
    while True:
        try:
            with urllib.request.urlopen(address, timeout=10) as answer:
                if answer.status == 200:
                    return
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"mkdocs serve did not answer:\n{log.read_text(encoding='utf-8')[-3000:]}")
        time.sleep(0.5)


def measure(project: Path, python: str, edits: int, limit: float, report) -> dict[str, Any]:
    """Start serve on ``project``; each edit's save → page time, build time and server CPU."""
    from playwright.sync_api import expect, sync_playwright

    plans = sorted((project / "plans").glob("*.yml"))
    port = free_port()
    log = project / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    started = time.perf_counter()
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(
            [python, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")],
            cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    address = f"http://127.0.0.1:{port}/"
    result: dict[str, Any] = {"edits": []}
    try:
        wait_for_answer(address + f"plans/{plans[0].stem}/", process, log, limit)
        result["first_build_s"] = time.perf_counter() - started
        report(f"serve answered after {result['first_build_s']:.1f} s")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--disable-gpu", "--disable-quic"])
            page = browser.new_page()
            for number in range(edits):
                path = plans[(number * 37 + 11) % len(plans)]
                page.goto(address + f"plans/{path.stem}/")
                page.wait_for_load_state("load")
                waited = wait_idle(process.pid)  # the livereload poll is open, the server idle
                builds_before = len(BUILT.findall(log.read_text(encoding="utf-8")))
                cpu_before = cpu_seconds(process.pid)
                saved = time.perf_counter()
                edit_action(path, MARK.format(number + 1))
                expect(page.locator("article")).to_contain_text(MARK.format(number + 1), timeout=limit * 1000)
                shown = time.perf_counter() - saved
                cpu_shown = cpu_seconds(process.pid) - cpu_before
                background = wait_idle(process.pid)
                builds = BUILT.findall(log.read_text(encoding="utf-8"))[builds_before:]
                edit = {
                    "plan": path.stem,
                    "save_to_page_s": shown,
                    "built_s": [float(b) for b in builds],
                    "server_cpu_s": cpu_shown,
                    "server_cpu_until_idle_s": cpu_seconds(process.pid) - cpu_before,
                    "idle_after_s": background,
                    "idle_wait_s": waited,
                }
                result["edits"].append(edit)
                report(f"edit {number + 1}: page shows it {shown:.2f} s after the save; MkDocs: {builds} s")
            browser.close()
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
    times = [e["save_to_page_s"] for e in result["edits"]]
    result["median_s"] = statistics.median(times)
    result["median_server_cpu_s"] = statistics.median(e["server_cpu_s"] for e in result["edits"])
    result["median_server_cpu_until_idle_s"] = statistics.median(e["server_cpu_until_idle_s"] for e in result["edits"])
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure save → page in mkdocs serve.")
    parser.add_argument("--plans", type=int, default=100)
    parser.add_argument("--actions", type=int, default=100)
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--python", default=sys.executable, help="the interpreter that runs mkdocs serve")
    parser.add_argument("--limit", type=float, default=3600, help="seconds to wait for the first build or a page")
    parser.add_argument("--work", type=Path, help="folder for the corpus (default: a temporary one, removed)")
    parser.add_argument("--json", type=Path, help="also write the results as JSON to this file")
    args = parser.parse_args(argv)
    report = lambda message: print(message, file=sys.stderr, flush=True)  # noqa: E731
    work = args.work or Path(tempfile.mkdtemp(prefix="plansite-serve-"))
    info = machine()
    info["load_before"] = os.getloadavg()
    try:
        project = work / f"n{args.plans}"
        shutil.rmtree(project, ignore_errors=True)
        write_corpus(project, args.plans, args.actions, args.seed)
        result = measure(project, args.python, args.edits, args.limit, report)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    info["load_after"] = os.getloadavg()
    result.update(plans=args.plans, actions=args.actions, python=args.python)
    each = ", ".join(f"{e['save_to_page_s']:.2f}" for e in result["edits"])
    built = ", ".join("/".join(f"{b:.2f}" for b in e["built_s"]) for e in result["edits"])
    print(
        f"serve: save → page shows it, {args.plans} plans × {args.actions} actions: median {result['median_s']:.2f} s "
        f"({each}); MkDocs' rebuilds {built} s; server CPU median {result['median_server_cpu_s']:.2f} s "
        f"until shown, {result['median_server_cpu_until_idle_s']:.2f} s until idle\n"
        f"{dt.date.today().isoformat()}, {info['cores']} cores, {info['cpu']}, load average "
        f"{info['load_before'][0]:.1f} before, {info['load_after'][0]:.1f} after; first build {result['first_build_s']:.0f} s"
    )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"machine": info, "result": result}, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
