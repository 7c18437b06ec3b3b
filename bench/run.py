"""The plansite benchmark: one command, one table.

    .venv/bin/python bench/run.py [--sizes 10,100,1000] [--actions 100] [--runs 3]
                                  [--search auto|material|pagefind] [--no-browser] [--skip plain,warm]
                                  [--work DIR] [--save] [--json FILE]

For each N it writes a synthetic corpus (bench/corpus.py: N plans × --actions actions)
to a temporary folder and measures, each the median of --runs runs in fresh processes:

- libyaml: parsing every YAML file of the corpus with PyYAML's CSafeLoader and nothing
  else (the baseline of the "generator ≤ 2× libyaml" target);
- gen cold: ``generator.pipeline.generate()`` (load → validate → resolve → render, no MkDocs)
  in a fresh process;
- gen warm: in one process, ``generate()``, then one action's text changed on disk, then
  the time of a second ``generate()``; "reparsed" counts the files read and validated again;
- build: ``mkdocs build`` of the corpus (wall time of the whole command) and its peak memory;
- gen share: gen cold / build;
- plugin overhead: build − a plain ``mkdocs build`` (same theme, overrides and plugins, no
  plansite plugin, the generated navigation) of what ``plansite render`` writes; with
  ``--search pagefind`` neither build has Material's search, so the overhead includes
  the plugin's Pagefind index;
- site size, median plan page HTML, explorer JSON;
- search bytes: headless Chromium opens the home page of the built site (served over http
  on 127.0.0.1) and types a query into the search box in its header; "1st search" is every
  byte of the search machinery (plansite's search script, the worker and index, or
  Pagefind's files) fetched since the page opened (nothing, as search loads when the box is
  first focused) plus everything fetched after typing began (but the page's icon, which
  Chromium fetches when it gets round to it), until results show and the network is quiet;
  "2nd search" is what a second, different query fetches. Bodies are counted as served
  (uncompressed), with their gzip size beside them.

Peak memory is the child's maximum resident set size as the kernel reports it (wait4).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.corpus import dump, mkdocs_config, write_corpus  # noqa: E402

SOURCE_DATE_EPOCH = "1767225600"  # 2026-01-01: every run dates the site alike
CHROMIUM = os.environ.get("PLANSITE_CHROMIUM", "/usr/bin/chromium")
EDIT_MARK = "Revised-by-bench"
QUERIES = ("attendance strategy", "governors")

HEADER_SEARCH = ("label.md-search__icon[for=__search]", "input.md-search__input", ".md-search-result__item")
SEARCH_UI = {
    # search mode → (what to click or press first, the query input, a search result): the
    # header's box in every mode (plansite's search answers it, overrides/partials/search.html)
    "auto": HEADER_SEARCH,
    "material": HEADER_SEARCH,
    "pagefind": HEADER_SEARCH,
}
SEARCH_FILES = re.compile(r"/search/|/workers/search|/pagefind/|plansite-search|lunr", re.IGNORECASE)
"""What counts as search machinery fetched before the first query (eagerly, at page load)."""
NOT_SEARCH = re.compile(r"/favicon\.(png|ico)$", re.IGNORECASE)
"""Never counted: Chromium fetches the page's icon (35 KB) whenever it gets round to it, at
times after typing began."""


# --- measuring children ------------------------------------------------------------


@dataclass
class Run:
    seconds: float
    cpu_seconds: float
    """User and system time of the child and its descendants: less sensitive than wall time to a busy machine."""
    peak_bytes: int
    stdout: str
    stderr: str
    returncode: int


def run(cmd: list[str], cwd: Path | None = None) -> Run:
    """Run ``cmd`` to the end; its wall time and peak RSS (its own and its descendants')."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "PYTHONHASHSEED": "0"}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        cpu = usage.ru_utime + usage.ru_stime
        return Run(seconds, cpu, usage.ru_maxrss * 1024, out.read().decode(), err.read().decode(), process.returncode)


def python_child(kind: str, *args: str) -> dict[str, Any]:
    """One measurement in a fresh interpreter (``run.py --child KIND ...``); its JSON result."""
    result = run([sys.executable, str(Path(__file__).resolve()), "--child", kind, *args])
    if result.returncode != 0:
        raise RuntimeError(f"child {kind} failed:\n{result.stderr[-3000:]}")
    data = json.loads(result.stdout.strip().splitlines()[-1])
    data["peak_bytes"] = result.peak_bytes
    return data


def child_parse(plans_dir: Path) -> dict[str, Any]:
    """libyaml alone: every file parsed and dropped."""
    import yaml

    files = sorted(plans_dir.rglob("*.yml"))
    start = time.perf_counter()
    for path in files:
        data = yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
        del data
    return {"seconds": time.perf_counter() - start, "files": len(files)}


def plan_warnings(warnings: list) -> list:
    """The warnings about the corpus's plans: a small corpus leaves some entries of its shared
    registry unnamed ("not named in any plan"), which is the registry's business, not the plans'."""
    return [w for w in warnings if "/registry/" not in str(w.file).replace("\\", "/")]


def child_generate(plans_dir: Path, nav_out: Path | None = None) -> dict[str, Any]:
    """A cold ``generate()``; optionally writes the generated navigation for the plain build."""
    import resource

    from generator.pipeline import generate

    start = time.perf_counter()
    site = generate(plans_dir)
    seconds = time.perf_counter() - start
    if nav_out is not None:
        nav_out.write_text(json.dumps(site.nav), encoding="utf-8")
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)  # the forked render workers (generator/parallel.py)
    return {
        "seconds": seconds, "files": len(site.files), "warnings": len(plan_warnings(site.warnings)),
        "worker_peak_bytes": workers.ru_maxrss * 1024, "worker_cpu_s": workers.ru_utime + workers.ru_stime,
    }  # fmt: skip


def edit_one_action(path: Path) -> None:
    """Change one action's text on disk (the first ``text:`` after ``groups:``)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    start = lines.index("groups:")
    for number in range(start, len(lines)):
        stripped = lines[number].lstrip(" -")
        if stripped.startswith("text: ") and not stripped.startswith(("text: |", "text: >")):
            lines[number] = lines[number].replace("text: ", f"text: {EDIT_MARK} ", 1)
            break
    path.write_text("\n".join(lines), encoding="utf-8")


def child_warm(plans_dir: Path) -> dict[str, Any]:
    """``generate()`` twice in one process, one plan file changed in between; the second timed,
    with the number of files read and validated again."""
    import generator.load.folder as load
    from generator.pipeline import generate

    generate(plans_dir)
    counts = {"read": 0, "validated": 0}

    def counting(name: str, function):
        def wrapper(*args, **kwargs):
            counts[name] += 1
            return function(*args, **kwargs)

        return wrapper

    load.read_document = counting("read", load.read_document)
    load.validate = counting("validated", load.validate)
    target = sorted(p for p in plans_dir.glob("*.yml"))[0]
    edit_one_action(target)
    start = time.perf_counter()
    site = generate(plans_dir)
    seconds = time.perf_counter() - start
    changed = any(EDIT_MARK in site.text(path) for path in site.files if path.endswith(".md"))
    return {"seconds": seconds, "reread": counts["read"], "revalidated": counts["validated"], "change_shown": changed}


CHILDREN = {"parse": child_parse, "generate": child_generate, "warm": child_warm}


# --- the site ----------------------------------------------------------------------------


def tree_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def site_sizes(site: Path, plans_dir: Path) -> dict[str, Any]:
    plan_pages = [site / "plans" / p.stem / "index.html" for p in sorted(plans_dir.glob("*.yml"))]
    sizes = [p.stat().st_size for p in plan_pages if p.exists()]
    explorer = site / "actions.json"
    page = site / "explorer" / "index.html"
    if page.exists():
        found = re.search(r'data-source="([^"]+)"', page.read_text(encoding="utf-8"))
        if found:
            explorer = (page.parent / found[1]).resolve()
    return {
        "site_bytes": tree_bytes(site),
        "site_files": sum(1 for p in site.rglob("*") if p.is_file()),
        "plan_page_median_bytes": int(statistics.median(sizes)) if sizes else 0,
        "plan_page_max_bytes": max(sizes, default=0),
        "explorer_json_bytes": explorer.stat().st_size if explorer.exists() else 0,
    }


def search_bytes(site: Path, search: str, ui: tuple[str, str, str] | None = None) -> dict[str, Any]:
    """Bytes a browser fetches for a first and a second search (see the module docstring)."""
    import functools
    import http.server
    import threading
    from urllib.parse import urlsplit

    from playwright.sync_api import sync_playwright

    opener, query_selector, result_selector = ui or SEARCH_UI[search]

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    fetched: list[tuple[str, int, int, float]] = []
    pending: set[Any] = set()

    def on_response(response) -> None:
        if NOT_SEARCH.search(response.url):
            return
        try:
            body = response.body()
        except Exception:  # a redirect or a body the browser did not keep (an 11 MB index, say)
            body = b""
        if not body and response.status == 200:
            served = site / urlsplit(response.url).path.lstrip("/")  # the file it served, to count the same bytes
            if served.is_file():
                body = served.read_bytes()
        size = len(body) or int(response.headers.get("content-length", 0) or 0)
        fetched.append((response.url, size, len(gzip.compress(body, 6)) if body else size, time.perf_counter()))

    def settle(quiet: float = 0.75, limit: float = 30.0) -> None:
        """Wait until no request has been pending for ``quiet`` seconds."""
        deadline = time.perf_counter() + limit
        calm_since = time.perf_counter()
        while time.perf_counter() < deadline:
            page.wait_for_timeout(100)
            if pending:
                calm_since = time.perf_counter()
            elif time.perf_counter() - calm_since >= quiet:
                return

    def since(moment: float) -> tuple[int, int]:
        chosen = [f for f in fetched if f[3] >= moment]
        return sum(f[1] for f in chosen), sum(f[2] for f in chosen)

    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--disable-gpu", "--disable-quic"])
            context = browser.new_context(service_workers="block")
            context.on("request", lambda request: pending.add(request))
            context.on("requestfinished", lambda request: pending.discard(request))
            context.on("requestfailed", lambda request: pending.discard(request))
            context.on("response", on_response)
            page = context.new_page()
            page.goto(url)
            page.wait_for_load_state("load")
            settle()
            page_load = since(0)
            eager = [f for f in fetched if SEARCH_FILES.search(f[0])]
            results = []
            searched: list[float] = []  # when each query began
            for query in QUERIES:
                begun = time.perf_counter()
                searched.append(begun)
                box = page.locator(query_selector).first
                if opener and not box.is_visible():
                    page.locator(opener).first.click()
                box.click()
                box.fill("")
                box.press_sequentially(query, delay=30)
                page.locator(result_selector).first.wait_for(
                    state="attached", timeout=240_000
                )  # a large index on a busy machine
                settle()
                results.append(since(begun))
            browser.close()
    finally:
        server.shutdown()
    first = (sum(f[1] for f in eager) + results[0][0], sum(f[2] for f in eager) + results[0][1])
    first_files: dict[str, int] = {}  # what `first` counts, file by file
    for address, size, _, moment in fetched:
        if (moment < searched[0] and SEARCH_FILES.search(address)) or searched[0] <= moment < searched[1]:
            first_files[address.removeprefix(url)] = first_files.get(address.removeprefix(url), 0) + size
    return {
        "page_load_bytes": page_load[0],
        "first_search_bytes": first[0],
        "first_search_gzip_bytes": first[1],
        "second_search_bytes": results[1][0],
        "second_search_gzip_bytes": results[1][1],
        "first_search_files": first_files,
        "search_urls": sorted({f[0].removeprefix(url) for f in fetched if SEARCH_FILES.search(f[0])}),
    }


def chromium_available() -> bool:
    return Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is not None


# --- one size ----------------------------------------------------------------------------


def median(values: list[float]) -> float:
    return statistics.median(values) if values else 0.0


def measure(
    plans: int, actions: int, runs: int, search: str, skip: frozenset[str], seed: int, work: Path, log
) -> dict[str, Any]:
    """Every measurement for N = ``plans`` but those in ``skip`` (browser, plain, warm); ``log`` reports progress."""
    dest = work / f"n{plans}"
    shutil.rmtree(dest, ignore_errors=True)
    started = time.perf_counter()
    plans_dir = write_corpus(dest, plans, actions, seed)
    full_config = dest / "mkdocs.yml"
    full_config.write_text(dump(search_config(mkdocs_config(dest, search=search), search)), encoding="utf-8")
    yaml_bytes = sum(p.stat().st_size for p in plans_dir.rglob("*.yml"))
    log(f"N={plans}: corpus {yaml_bytes / 1e6:.1f} MB written in {time.perf_counter() - started:.1f} s")
    result: dict[str, Any] = {"plans": plans, "actions": actions, "runs": runs, "yaml_bytes": yaml_bytes}

    parse = [python_child("parse", str(plans_dir)) for _ in range(runs)]
    result["libyaml_s"] = median([p["seconds"] for p in parse])
    log(f"N={plans}: libyaml {result['libyaml_s']:.2f} s")
    nav = dest / "nav.json"
    cold = [python_child("generate", str(plans_dir), str(nav)) for _ in range(runs)]
    result["gen_cold_s"] = median([c["seconds"] for c in cold])
    result["gen_peak_bytes"] = int(median([c["peak_bytes"] for c in cold]))
    result["gen_worker_peak_bytes"] = int(median([c.get("worker_peak_bytes", 0) for c in cold]))
    result["warnings"] = cold[0]["warnings"]
    log(
        f"N={plans}: generator cold {result['gen_cold_s']:.2f} s, peak {result['gen_peak_bytes'] / 2**20:.0f} MiB"
        f" (render workers' peak {result['gen_worker_peak_bytes'] / 2**20:.0f} MiB each)"
    )

    builds = []
    for _ in range(runs):
        build = run([sys.executable, "-m", "mkdocs", "build", "-f", str(full_config)], cwd=dest)
        if build.returncode != 0:
            message = build.stderr.strip().splitlines()[-5:]
            if search == "pagefind":
                raise SkipSize(f"the build with `search: pagefind` failed (is the plugin option there yet?): {message}")
            raise RuntimeError(f"mkdocs build failed:\n{build.stderr[-3000:]}")
        builds.append(build)
    result["build_s"] = median([b.seconds for b in builds])
    result["build_cpu_s"] = median([b.cpu_seconds for b in builds])
    result["build_peak_bytes"] = int(median([b.peak_bytes for b in builds]))
    result["gen_share"] = result["gen_cold_s"] / result["build_s"]
    log(f"N={plans}: mkdocs build {result['build_s']:.1f} s, peak {result['build_peak_bytes'] / 2**20:.0f} MiB")
    result.update(site_sizes(dest / "site", plans_dir))
    if "browser" not in skip:
        result.update(search_bytes(dest / "site", search))
        log(f"N={plans}: first search {result['first_search_bytes'] / 1e3:.0f} KB")

    if "plain" not in skip:
        result["plain_build_s"] = plain_build(dest, plans_dir, search, runs)
        result["plugin_overhead_s"] = result["build_s"] - result["plain_build_s"]
        log(f"N={plans}: plain build {result['plain_build_s']:.1f} s")
    if "warm" not in skip:
        result.update(warm_rebuild(plans_dir, runs))
        log(f"N={plans}: generator warm {result['gen_warm_s']:.2f} s ({result['warm_reread']} file(s) re-read)")
    result["total_s"] = time.perf_counter() - started
    return result


def search_config(config: dict[str, Any], search: str) -> dict[str, Any]:
    """``config`` (bench/corpus.py's mkdocs.yml) with the plugin's option ``search`` set as
    asked: ``auto`` leaves the plugin's default, which picks by the number of plans."""
    if search != "auto":
        for entry in config["plugins"]:
            if isinstance(entry, dict) and "plansite" in entry:
                entry["plansite"]["search"] = search
    return config


def plain_build(dest: Path, plans_dir: Path, search: str, runs: int) -> float:
    """``plansite render`` into a copy of the docs, then ``mkdocs build`` without the plugin: its median time."""
    plain_docs = dest / "plain-docs"
    shutil.rmtree(plain_docs, ignore_errors=True)
    shutil.copytree(dest / "docs", plain_docs)
    rendered = run(
        [sys.executable, "-m", "generator.cli", "render", "--plans", str(plans_dir), "--out", str(plain_docs)]
    )
    if rendered.returncode != 0:
        raise RuntimeError(f"plansite render failed:\n{rendered.stderr[-3000:]}")
    plain = mkdocs_config(dest, plugin=False, search=search, docs_dir="plain-docs")
    plain["site_dir"] = str(dest / "plain-site")
    plain["strict"] = False  # a measurement, not a check: without the plugin, edit links and the like differ
    own = sorted(p.relative_to(dest / "docs").as_posix() for p in (dest / "docs").rglob("*.md"))
    plain["nav"] = json.loads((dest / "nav.json").read_text(encoding="utf-8")) + own
    plain_config = dest / "mkdocs-plain.yml"
    plain_config.write_text(dump(plain), encoding="utf-8")
    plain_builds = []
    for _ in range(runs):
        build = run([sys.executable, "-m", "mkdocs", "build", "-f", str(plain_config)], cwd=dest)
        if build.returncode != 0:
            raise RuntimeError(f"plain mkdocs build failed:\n{build.stderr[-3000:]}")
        plain_builds.append(build.seconds)
    return median(plain_builds)


def warm_rebuild(plans_dir: Path, runs: int) -> dict[str, Any]:
    """The generator after one plan changed, in a process that has built once (``child_warm``)."""
    warm = [python_child("warm", str(plans_dir)) for _ in range(runs)]
    result = {
        "gen_warm_s": median([w["seconds"] for w in warm]),
        "warm_reread": warm[0]["reread"],
        "warm_revalidated": warm[0]["revalidated"],
        "warm_change_shown": all(w["change_shown"] for w in warm),
    }
    return result


class SkipSize(Exception):
    """A size that cannot be measured on this code (e.g. Pagefind not there yet)."""


# --- the report ----------------------------------------------------------------------------

COLUMNS: tuple[tuple[str, str], ...] = (
    ("N", "plans"),
    ("actions/plan", "actions"),
    ("YAML MB", "yaml_mb"),
    ("libyaml s", "libyaml_s"),
    ("gen cold s", "gen_cold_s"),
    ("gen/libyaml", "gen_vs_libyaml"),
    ("build s", "build_s"),
    ("gen share", "gen_share"),
    ("plain build s", "plain_build_s"),
    ("plugin overhead s", "plugin_overhead_s"),
    ("peak MB", "build_peak_mb"),
    ("site MB", "site_mb"),
    ("plan page KB (median)", "plan_page_kb"),
    ("explorer JSON KB", "explorer_kb"),
    ("1st search KB (gzip)", "first_search"),
    ("2nd search KB (gzip)", "second_search"),
    ("gen warm s", "gen_warm_s"),
    ("warm re-read files", "warm_reread"),
)


def _kb(value: float) -> str:
    return f"{value / 1e3:,.0f}"


def cells(result: dict[str, Any]) -> dict[str, str]:
    """One table row's cells, by column key; "–" for what was not measured."""

    def get(key: str, shape: str, scale: float = 1.0) -> str:
        return format(result[key] / scale, shape) if key in result else "–"

    def search(key: str) -> str:
        if f"{key}_bytes" not in result:
            return "–"
        return f"{_kb(result[f'{key}_bytes'])} ({_kb(result[f'{key}_gzip_bytes'])})"

    ratio = result["gen_cold_s"] / result["libyaml_s"] if result.get("libyaml_s") else None
    return {
        "plans": str(result["plans"]),
        "actions": str(result["actions"]),
        "yaml_mb": get("yaml_bytes", ".1f", 1e6),
        "libyaml_s": get("libyaml_s", ".2f"),
        "gen_cold_s": get("gen_cold_s", ".2f"),
        "gen_vs_libyaml": f"{ratio:.1f}×" if ratio else "–",
        "build_s": get("build_s", ".1f"),
        "gen_share": get("gen_share", ".0%"),
        "plain_build_s": get("plain_build_s", ".1f"),
        "plugin_overhead_s": get("plugin_overhead_s", ".1f"),
        "build_peak_mb": get("build_peak_bytes", ",.0f", 1e6),
        "site_mb": get("site_bytes", ",.1f", 1e6),
        "plan_page_kb": get("plan_page_median_bytes", ",.0f", 1e3),
        "explorer_kb": get("explorer_json_bytes", ",.0f", 1e3),
        "first_search": search("first_search"),
        "second_search": search("second_search"),
        "gen_warm_s": get("gen_warm_s", ".2f"),
        "warm_reread": str(result.get("warm_reread", "–")),
    }


def table(results: list[dict[str, Any]]) -> str:
    head = "| " + " | ".join(title for title, _ in COLUMNS) + " |"
    rule = "|" + "|".join("---:" for _ in COLUMNS) + "|"
    rows = []
    for result in results:
        row = cells(result)
        rows.append("| " + " | ".join(row[key] for _, key in COLUMNS) + " |")
    return "\n".join([head, rule, *rows])


def machine() -> dict[str, Any]:
    model = ""
    try:
        found = re.search(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.MULTILINE)
        model = found[1].strip() if found else platform.processor()
    except OSError:
        model = platform.processor()
    memory = 0
    try:
        found = re.search(r"^MemTotal:\s*(\d+) kB", Path("/proc/meminfo").read_text(), re.MULTILINE)
        memory = int(found[1]) * 1024 if found else 0
    except OSError:
        pass
    return {
        "cores": os.cpu_count(),
        "cpu": model,
        "memory_bytes": memory,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
    }


def report(info: dict[str, Any], results: list[dict[str, Any]], options: dict[str, Any]) -> str:
    lines = [
        f"plansite benchmark, {info['date']}: {info['cores']} cores, {info['cpu']}, "
        f"{info['memory_bytes'] / 2**30:.0f} GiB RAM, Python {info['python']}",
        f"search: {options['search']}; medians of {options['runs']} run(s); seed {options['seed']}",
        "",
        table(results),
    ]
    for result in results:
        if result.get("warnings"):
            lines.append(f"N={result['plans']}: the corpus's plans gave {result['warnings']} warning(s)")
        if "warm_change_shown" in result and not result["warm_change_shown"]:
            lines.append(f"N={result['plans']}: the warm rebuild did NOT show the changed action (stale cache?)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark plansite on synthetic corpora.")
    parser.add_argument("--sizes", default="10,100,1000", help="numbers of plans, comma-separated")
    parser.add_argument("--actions", type=int, default=100, help="actions per plan")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (the median is shown)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--search", choices=sorted(SEARCH_UI), default="material")
    parser.add_argument("--no-browser", action="store_true", help="skip the search-bytes measurement (no Chromium)")
    parser.add_argument("--skip", default="", help="measurements to leave out, comma-separated: browser, plain, warm")
    parser.add_argument("--work", type=Path, help="folder for corpora and sites (default: a temporary one, removed)")
    parser.add_argument("--save", action="store_true", help="also write bench/results/<date>-<search>.json")
    parser.add_argument("--json", type=Path, help="also write the results as JSON to this file")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        kind, *paths = args.child
        print(json.dumps(CHILDREN[kind](*(Path(p) for p in paths))))
        return 0

    skip = {name.strip() for name in args.skip.split(",") if name.strip()}
    if skip - {"browser", "plain", "warm"}:
        parser.error(f"--skip: unknown {', '.join(sorted(skip - {'browser', 'plain', 'warm'}))}")
    if args.no_browser:
        skip.add("browser")
    elif not chromium_available():
        print(f"no Chromium at {CHROMIUM}: search bytes are not measured (set PLANSITE_CHROMIUM)", file=sys.stderr)
        skip.add("browser")
    info = machine()
    log = lambda message: print(message, file=sys.stderr, flush=True)  # noqa: E731
    work = args.work or Path(tempfile.mkdtemp(prefix="plansite-bench-"))
    results = []
    try:
        for size in (int(s) for s in args.sizes.split(",") if s.strip()):
            try:
                results.append(
                    measure(size, args.actions, args.runs, args.search, frozenset(skip), args.seed, work, log)
                )
            except SkipSize as skip:
                log(f"N={size}: skipped: {skip}")
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    options = {"search": args.search, "runs": args.runs, "seed": args.seed}
    print(report(info, results, options))
    saved = json.dumps({"machine": info, "options": {**options, "actions": args.actions}, "results": results}, indent=2)
    targets = [args.json] if args.json else []
    if args.save:
        targets.append(ROOT / "bench" / "results" / f"{dt.date.today().isoformat()}-{args.search}.json")
    for out in targets:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(saved + "\n", encoding="utf-8")
        log(f"wrote {out}")
    return 0 if results else 1


if __name__ == "__main__":
    sys.exit(main())
