"""Re-run only the Pagefind step on a site that ``bench/run.py --work DIR --search pagefind``
built, and measure its search bytes, without building the site again:

    .venv/bin/python bench/pagefind_step.py DIR/n1000 [--no-browser]

The pages to index (from the built site) and the actions' search entries (from DIR/nN/plans) are
kept in DIR/nN/pagefind-step.json after the first run (the built pages do not change between runs).
Prints the index's size and file count, the indexing time, and the first and second search
bytes with every file the first search fetched.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.run import search_bytes, tree_bytes  # noqa: E402
from generator.outputs.pagefind import index_with_pagefind  # noqa: E402

UNSEARCHED = re.compile(r"^(404\.html|search/index\.html|plans/[^/]+/history/index\.html)$")
"""The built pages of a bench site that Material's search leaves out (``search: exclude`` in
the history and search page templates; the 404 page is not a page of the site)."""


def pages_and_entries(work: Path) -> tuple[list[str], list[dict[str, str]]]:
    """The pages Material's search would index (as the plugin collects them in a build) and
    the actions' entries (read from the plans, not rendered), kept in ``work/pagefind-step.json``."""
    cache = work / "pagefind-step.json"
    if not cache.exists():
        from generator.outputs.search import search_entries
        from generator.pipeline import load_and_resolve

        catalogue, _ = load_and_resolve(work / "plans")
        site = work / "site"
        pages = sorted(
            dest
            for dest in (
                str(p.relative_to(site)) for p in site.rglob("*.html") if not p.is_relative_to(site / "pagefind")
            )
            if not UNSEARCHED.match(dest) and "<article" in (site / dest).read_text(encoding="utf-8")
        )
        cache.write_text(
            json.dumps({"pages": pages, "entries": search_entries(catalogue, on_page=True)}), encoding="utf-8"
        )
    data = json.loads(cache.read_text(encoding="utf-8"))
    return data["pages"], data["entries"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("work", type=Path, help="a size's folder of bench/run.py --work (holds plans/ and site/)")
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args(argv)
    site = args.work / "site"
    pages, entries = pages_and_entries(args.work)
    shutil.rmtree(site / "pagefind", ignore_errors=True)
    started = time.perf_counter()
    index_with_pagefind(site, pages, entries)
    seconds = time.perf_counter() - started
    files = [p for p in (site / "pagefind").rglob("*") if p.is_file()]
    print(f"pagefind: {seconds:.1f} s, {len(files)} files, {tree_bytes(site / 'pagefind') / 1e6:.1f} MB")
    if args.no_browser:
        return 0
    found = search_bytes(site, "pagefind")
    for key in ("first_search_bytes", "first_search_gzip_bytes", "second_search_bytes", "second_search_gzip_bytes"):
        print(f"{key}: {found[key] / 1e3:.0f} KB")
    for url, size in sorted(found["first_search_files"].items(), key=lambda item: -item[1]):
        print(f"  {size / 1e3:8.1f} KB  {url}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
