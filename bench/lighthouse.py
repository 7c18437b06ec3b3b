"""Lighthouse 12 on the built site, served with gzip as a real host would (issue 16):

    .venv/bin/mkdocs build -q
    (mkdir -p /tmp/lh && cd /tmp/lh && npm i -E lighthouse@12.2.3)
    .venv/bin/python bench/lighthouse.py --lighthouse /tmp/lh/node_modules/.bin/lighthouse

Serves ``site/`` on a free local port (text files gzipped when the browser accepts it), runs
Lighthouse's mobile preset (the default: a moto g power, slow 4G, 4x CPU slowdown) for the
accessibility and performance categories on the home page, the largest plan page, What's
on, the explorer and a role page, ``--runs`` times each (3; scores vary from run to run on a
shared machine), and prints a Markdown table of every run's scores with the metrics behind
performance, then the range per page. ``--page NAME`` (repeatable) measures only those pages.
Reports go to ``--out`` (JSON, one per page and run). Lighthouse needs
Chromium: ``CHROME_PATH`` (default /usr/bin/chromium). Measured, never asserted in tests.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv", ".ics", ".map"}
FLAGS = "--headless --no-sandbox --disable-gpu"
ROLE_PAGE = "roles/southwark-head-of-school-improvement/"


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, text types gzipped (level 6, as common hosts do) when accepted."""

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if (
            not path.is_file()
            or path.suffix not in COMPRESSED
            or not accepts
            or not self.path.endswith(("/", path.name))
        ):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600")
        self.end_headers()
        return _Body(body)


class _Body:
    def __init__(self, data: bytes):
        self.data = data

    def read(self, *_):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(GzipHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def pages(site: Path) -> dict[str, str]:
    plans = sorted(site.glob("plans/*/index.html"), key=lambda p: p.stat().st_size)
    if not plans:
        sys.exit(f"no plan pages in {site}: build the site first (mkdocs build)")
    largest = plans[-1].parent.relative_to(site).as_posix() + "/"
    return {"home": "", "largest plan": largest, "What's on": "whats-on/", "explorer": "explorer/", "role": ROLE_PAGE}


def run(lighthouse: str, url: str, out: Path) -> dict:
    env = dict(os.environ, CHROME_PATH=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    command = [lighthouse, url, "--only-categories=accessibility,performance", "--output=json",
               f"--output-path={out}", f"--chrome-flags={FLAGS}", "--quiet"]  # fmt: skip
    subprocess.run(command, env=env, check=True)
    return json.loads(out.read_text(encoding="utf-8"))


def row(name: str, path: str, report: dict) -> str:
    categories, audits = report["categories"], report["audits"]
    score = {key: round(categories[key]["score"] * 100) for key in ("accessibility", "performance")}
    metrics = [audits[key]["displayValue"] for key in ("first-contentful-paint", "largest-contentful-paint",
                                                       "total-blocking-time", "cumulative-layout-shift")]  # fmt: skip
    failing = [key for key, audit in audits.items() if audit.get("score") == 0 and key in _a11y_ids(report)]
    return (f"| {name} (`/{path}`) | {score['accessibility']} | {score['performance']} | "
            + " | ".join(metrics) + f" | {', '.join(failing) or '–'} |")  # fmt: skip


def _a11y_ids(report: dict) -> set[str]:
    return {ref["id"] for ref in report["categories"]["accessibility"]["auditRefs"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--lighthouse", default="/tmp/lh/node_modules/.bin/lighthouse")
    parser.add_argument("--out", type=Path, default=Path("/tmp/lh/reports"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--page", action="append", help="only this page (home, 'largest plan', …)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    chosen = {name: path for name, path in pages(args.site).items() if not args.page or name in args.page}
    if not chosen:
        sys.exit(f"no page named {args.page}: the pages are {', '.join(pages(args.site))}")
    server, base = serve(args.site)
    scores: dict[str, list[tuple[int, int]]] = {name: [] for name in chosen}
    try:
        print("| Page | Accessibility | Performance (mobile) | FCP | LCP | TBT | CLS | Failing a11y audits |")
        print("|---|---|---|---|---|---|---|---|")
        for run_number in range(1, args.runs + 1):
            for index, (name, path) in enumerate(chosen.items()):
                report = run(args.lighthouse, base + path, args.out / f"{index}-run{run_number}.json")
                print(row(name, path, report), flush=True)
                categories = report["categories"]
                scores[name].append(
                    (round(categories["accessibility"]["score"] * 100), round(categories["performance"]["score"] * 100))
                )
    finally:
        server.shutdown()
    print("\n| Page | Accessibility | Performance (mobile) |\n|---|---|---|")
    for name, found in scores.items():
        print(f"| {name} | {_span([a for a, _ in found])} | {_span([p for _, p in found])} |")


def _span(values: list[int]) -> str:
    """ "97–99" for the runs' lowest and highest, "100" where they agree."""
    return f"{min(values)}–{max(values)}" if min(values) != max(values) else str(values[0])


if __name__ == "__main__":
    main()
