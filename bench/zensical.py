"""Builder independence: does what ``plansite render`` writes build with Zensical, and what differs?

    .venv/bin/python bench/zensical.py [--plans plans] [--work /tmp/plansite-zensical]
                                       [--zensical zensical==0.0.73] [--shots DIR] [--json FILE]

Material for MkDocs 9.8 announces its end of life and names Zensical, which ignores MkDocs
plugins such as plansite's, as its successor. This script is a measurement, not a test (it is
not in the test suite, and Zensical is not a dependency of plansite):

1. installs ``--zensical`` into a throwaway virtual environment under ``--work`` (kept between
   runs; Zensical never enters plansite's own environment);
2. writes the pages with ``plansite render --out WORK/docs`` (plus the project's own ``docs/``
   and ``overrides/``), a minimal ``zensical.toml`` beside them, and builds them with
   ``zensical build``;
3. builds the same plans with ``mkdocs build --strict`` and the plansite plugin, the reference;
4. compares the two sites and prints a Markdown report: pages built and missing, the builder's
   warnings, and page by page how the parts of plansite's output that a builder must carry
   come through: raw HTML blocks (tables, abbreviations, charts, admonitions written as HTML),
   Markdown tables, heading anchors set with attr_list (``## Timeline {#timeline}``), the
   themes' tag listing, the data files, and the search index;
5. with ``--shots DIR``, takes 1280 px screenshots (light and dark) of a few pages from each
   site, and of a search on each, to look at.

Exit status: 0 when the report was made (whatever it found), 2 when Zensical could not be
installed or the plans could not be rendered (the reason is printed).
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path
from typing import Any

import yaml
from bs4 import BeautifulSoup, Tag

ROOT = Path(__file__).resolve().parents[1]
SOURCE_DATE_EPOCH = "1767225600"  # 2026-01-01, as bench/run.py: both builds dated alike
CHROMIUM = os.environ.get("PLANSITE_CHROMIUM", "/usr/bin/chromium")
# Zensical 0.0.74 and later (0.1.x included) need zensical-ui, which the package index this
# was written on does not serve; 0.0.73 is the newest release that installs there.
DEFAULT_ZENSICAL = "zensical==0.0.73"
# Pages to compare closely and to screenshot: one of each family, if the site has it.
SAMPLES = (
    "index.html",
    "plans/salford-post-ofsted-action-plan-2004/index.html",
    "plans/essex-school-improvement-model-2017/index.html",
    "whats-on/index.html",
    "themes/index.html",
    "data/index.html",
)
QUERY = "attendance"  # a word in every real plan, and the name of an action's theme


def run(command: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, check=False, capture_output=True, text=True, **kwargs)


def install_zensical(venv: Path, spec: str) -> tuple[Path | None, str]:
    """``zensical`` installed in ``venv``: its executable and version, or None and why not."""
    executable = venv / "bin" / "zensical"
    if not (venv / "bin" / "python").exists():
        made = run([sys.executable, "-m", "venv", "--clear", str(venv)])
        if made.returncode != 0:
            return None, f"python -m venv {venv} failed:\n{made.stderr.strip()}"
    installed = run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", spec])
    if installed.returncode != 0:
        errors = [line for line in installed.stderr.splitlines() if line.startswith("ERROR")]
        return None, f"pip install {spec} failed:\n" + "\n".join(errors or installed.stderr.splitlines()[-5:])
    version = run([str(executable), "--version"])
    if version.returncode != 0:
        return None, f"zensical --version failed:\n{version.stderr.strip()}"
    return executable, version.stdout.strip()


def plansite_command() -> list[str]:
    """The ``plansite`` command of the environment running this script."""
    script = Path(sys.executable).with_name("plansite")
    return [str(script)] if script.exists() else [sys.executable, "-m", "generator.cli"]


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value)  # a JSON string is a TOML basic string
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)} = {toml_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"no TOML for {value!r}")


def zensical_config(mkdocs: dict[str, Any]) -> str:
    """A minimal zensical.toml with the site's name, theme and Markdown extensions from
    mkdocs.yml, and the two plugins Zensical implements itself (search, tags)."""
    theme = mkdocs.get("theme", {})
    extensions: dict[str, Any] = {}
    for entry in mkdocs.get("markdown_extensions", []):
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        extensions[name] = options or {}
    lines = [
        "# Written by bench/zensical.py: the pages are what `plansite render` wrote.",
        "[project]",
        f"site_name = {toml_value(mkdocs['site_name'])}",
        f"site_description = {toml_value(mkdocs.get('site_description', ''))}",
        f"copyright = {toml_value(mkdocs.get('copyright', ''))}",
        'docs_dir = "docs"',
        'site_dir = "site"',
        # Material's search and tags, which Zensical implements natively; plansite and
        # redirects are MkDocs plugins, which Zensical would drop without a word.
        "plugins = { search = {}, tags = {} }",
        "",
        "[project.theme]",
        'custom_dir = "overrides"',
        'variant = "classic"  # Material for MkDocs\' look; Zensical\'s default is "modern"',
        f"language = {toml_value(theme.get('language', 'en'))}",
        f"font = {toml_value(theme.get('font', False))}",
        f"features = {toml_value(theme.get('features', []))}",
    ]
    if "icon" in theme:
        lines.append(f"icon = {toml_value(theme['icon'])}")
    for palette in theme.get("palette", []):
        lines += ["", "[[project.theme.palette]]"]
        lines += [f"{key} = {toml_value(value)}" for key, value in palette.items()]
    lines += ["", "[project.markdown_extensions]"]
    lines += [f"{json.dumps(name)} = {toml_value(options)}" for name, options in extensions.items()]
    return "\n".join(lines) + "\n"


def mkdocs_reference(work: Path, plans: Path) -> Path:
    """The project's mkdocs.yml with every folder made absolute and ``plans`` as the plans."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(ROOT / config.get("docs_dir", "docs"))
    config["theme"]["custom_dir"] = str(ROOT / config["theme"]["custom_dir"])
    for entry in config["plugins"]:
        if isinstance(entry, dict) and "plansite" in entry:
            entry["plansite"] = {**(entry["plansite"] or {}), "plans_dir": str(plans)}
    target = work / "mkdocs.yml"
    target.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return target


def timed(command: list[str], **kwargs: Any) -> tuple[subprocess.CompletedProcess[str], float]:
    start = time.perf_counter()
    result = run(command, **kwargs)
    return result, time.perf_counter() - start


def html_pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def other_files(site: Path, theme_prefixes: tuple[str, ...] = ("assets/", "search/")) -> set[str]:
    """Files but HTML pages and the builder's own assets: the data files the site publishes."""
    found = set()
    for path in site.rglob("*"):
        name = path.relative_to(site).as_posix()
        if path.is_file() and not name.endswith(".html") and not name.startswith(theme_prefixes):
            found.add(name)
    return found - {"search.json", "sitemap.xml", "sitemap.xml.gz", "objects.inv"}


def read_site(site: Path, pages: set[str]) -> dict[str, dict[str, Any]]:
    """Each page read once: its article's fingerprint, its article's links (with their
    classes) and every id in the whole page."""
    data = {}
    for page in sorted(pages):
        soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
        found = soup.select_one("article.md-content__inner")
        article = found if isinstance(found, Tag) else None
        data[page] = {
            "print": fingerprint(article),
            "hrefs": [(str(a["href"]), list(a.get("class") or [])) for a in article.find_all("a", href=True)]
            if article is not None
            else [],
            "ids": {str(tag["id"]) for tag in soup.find_all(id=True)},
        }
    return data


def fingerprint(article: Tag | None) -> dict[str, Any]:
    """What a builder must carry over from plansite's Markdown, counted in a page's article."""
    if article is None:
        return {"article": False}
    text = article.get_text(" ", strip=True)
    return {
        "article": True,
        "elements": collections.Counter(tag.name for tag in article.find_all(True) if tag.name in ELEMENTS)
        + collections.Counter({"a[href]": len(article.find_all("a", href=True))}),
        "classes": collections.Counter(
            cls
            for tag in article.find_all(class_=True)
            for cls in tag["class"]
            if cls.startswith(("ps-", "admonition"))
        ),
        "heading_ids": [(tag.name, tag.get("id")) for tag in article.find_all(re.compile(r"^h[1-6]$"))],
        "ids": sorted(str(tag["id"]) for tag in article.find_all(id=True)),
        "links": sorted(str(a["href"]) for a in article.find_all("a", href=True) if a.get("class") != ["headerlink"]),
        "escaped_html": len(re.findall(r"<(?:div|table|p|span|a|abbr|svg)\b", text)),  # markup shown as text
        "attr_list_left": len(re.findall(r"\{[#.:][^}]*\}", text)),  # "{#id}" shown as text
        "text_chars": len(text),
    }


ELEMENTS = {"table", "caption", "th", "td", "abbr", "svg", "dl", "details", "time", "ul", "ol", "img", "script", "form"}


def compare(mk: dict[str, Any], zn: dict[str, Any]) -> list[str]:
    """How page ``zn`` (Zensical) differs from ``mk`` (MkDocs), in words."""
    if not zn["article"] or not mk["article"]:
        return [f"article found: MkDocs {mk['article']}, Zensical {zn['article']}"]
    notes = []
    for key in ("elements", "classes"):
        for name in sorted(set(mk[key]) | set(zn[key])):
            if mk[key][name] != zn[key][name]:
                notes.append(f"{name}: {mk[key][name]} → {zn[key][name]}")
    if mk["heading_ids"] != zn["heading_ids"]:
        lost = [h for h in mk["heading_ids"] if h not in zn["heading_ids"]]
        added = [h for h in zn["heading_ids"] if h not in mk["heading_ids"]]
        notes.append(f"heading ids differ (missing {lost[:5]}, new {added[:5]})")
    missing_ids = sorted(set(mk["ids"]) - set(zn["ids"]))
    if missing_ids:
        notes.append(f"{len(missing_ids)} ids missing, e.g. {missing_ids[:5]}")
    if mk["links"] != zn["links"]:
        gone = sorted(set(mk["links"]) - set(zn["links"]))
        new = sorted(set(zn["links"]) - set(mk["links"]))
        notes.append(f"links differ: {len(gone)} only in MkDocs {gone[:3]}, {len(new)} only in Zensical {new[:3]}")
    for key in ("escaped_html", "attr_list_left"):
        if zn[key] or mk[key]:
            notes.append(f"{key}: MkDocs {mk[key]}, Zensical {zn[key]}")
    if mk["text_chars"] != zn["text_chars"]:
        notes.append(f"text: {mk['text_chars']} → {zn['text_chars']} characters")
    return notes


def link_check(site: Path, data: dict[str, dict[str, Any]], prefix: str) -> dict[str, Any]:
    """Every relative link in every page's article, resolved as a browser would with the site
    served at ``prefix`` ("/" for a domain of its own, "/published-plans/" for a GitHub project site):
    how many there are, and those that miss a page, a file or an anchor."""
    checked, broken = 0, []
    for page, read in sorted(data.items()):
        address = "http://site.test" + prefix + page.removesuffix("index.html")
        for href, _ in read["hrefs"]:
            if re.match(r"^[a-z][a-z0-9+.-]*:", href, re.IGNORECASE):
                continue  # https:, mailto: and the like
            checked += 1
            target = urllib.parse.urlsplit(urllib.parse.urljoin(address, href))
            path, fragment = target.path, target.fragment  # the query (explorer filters) is the page's business
            if not path.startswith(prefix):
                broken.append(f"{page}: {href} (leaves the site)")
                continue
            name = urllib.parse.unquote(path.removeprefix(prefix))
            if name == "" or name.endswith("/"):
                name += "index.html"
            if not (site / name).is_file():
                broken.append(f"{page}: {href} (no {name})")
            elif fragment and name.endswith(".html"):
                ids = data[name]["ids"] if name in data else read_site(site, {name})[name]["ids"]
                if urllib.parse.unquote(fragment) not in ids:
                    broken.append(f"{page}: {href} (no #{fragment} in {name})")
    return {"checked": checked, "broken": len(broken), "examples": broken}


def relative_links(hrefs: list[tuple[str, list[str]]]) -> collections.Counter[str]:
    """The relative links (not to an anchor of the same page) a page's article holds, as written."""
    return collections.Counter(
        href
        for href, classes in hrefs
        if classes != ["headerlink"]
        and not re.match(r"^([a-z][a-z0-9+.-]*:|#)", href, re.IGNORECASE)
        and "#tag:" not in href  # the tag chips, which only Material's tags plugin shows
    )


def link_rewriting(mdata: dict[str, dict[str, Any]], zdata: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Page by page, how Zensical wrote the relative links MkDocs left as plansite wrote them:
    unchanged, every one prefixed with "../", or otherwise."""
    verdicts: dict[str, list[str]] = {"unchanged": [], "every link prefixed with ../": [], "otherwise": []}
    for page in sorted(set(mdata) & set(zdata)):
        mk, zn = relative_links(mdata[page]["hrefs"]), relative_links(zdata[page]["hrefs"])
        if not mk and not zn:
            continue
        if mk == zn:
            verdicts["unchanged"].append(page)
        elif collections.Counter("../" + href for href in mk.elements()) == zn:
            verdicts["every link prefixed with ../"].append(page)
        else:
            verdicts["otherwise"].append(page)
    return verdicts


def sidebar_links(page: Path) -> int:
    """Links in a page's primary navigation (the sidebar)."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return len(soup.select("nav.md-nav--primary a[href]"))


def html_bytes(site: Path) -> int:
    return sum(p.stat().st_size for p in site.rglob("*.html"))


def search_summary(site: Path) -> dict[str, Any]:
    """The search index a builder wrote: where, how many entries, how many at an anchor."""
    for name, key in (("search/search_index.json", "docs"), ("search.json", "items")):
        path = site / name
        if path.exists():
            items = json.loads(path.read_text(encoding="utf-8")).get(key, [])
            return {
                "file": name,
                "bytes": path.stat().st_size,
                "entries": len(items),
                "anchored": sum("#" in item["location"] for item in items),
                "pages": len({item["location"].split("#")[0] for item in items}),
                "with_tags": sum(bool(item.get("tags")) for item in items),
            }
    return {"file": None}


def search_in_browser(page: Any, base: str) -> str:
    """Type QUERY into the site's search (Material's box in the header, or Zensical's
    dialog behind a button) and say how many results it shows."""
    page.goto(base)
    page.wait_for_load_state("load")
    page.wait_for_timeout(1000)  # Zensical's search button is drawn by its script
    box = page.locator("input.md-search__input")
    if box.count() and box.first.is_visible():
        box.first.click()
    else:
        page.locator(".md-search__button").first.click(timeout=10_000)
        page.wait_for_timeout(500)
    page.keyboard.type(QUERY, delay=30)
    page.wait_for_timeout(2500)
    # Playwright's text locators see into Zensical's shadow DOM, which inner_text() does not.
    count = page.get_by_text(re.compile(r"^(\d+|No) (matching documents?|results?)$", re.IGNORECASE))
    return count.first.inner_text().strip() if count.count() else "no result count shown"


def screenshots(sites: dict[str, Path], pages: list[str], out: Path) -> tuple[list[str], dict[str, str]]:
    """1280 px screenshots, light and dark, of ``pages`` in each site, and a search for QUERY."""
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    out.mkdir(parents=True, exist_ok=True)
    taken: list[str] = []
    searches: dict[str, str] = {}
    servers = {}
    for name, site in sites.items():
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers[name] = server
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--disable-gpu", "--disable-quic"])
            for scheme in ("light", "dark"):
                context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
                page = context.new_page()
                for name, server in servers.items():
                    base = f"http://127.0.0.1:{server.server_address[1]}/"
                    for path in pages:
                        page.goto(base + path.removesuffix("index.html"))
                        page.wait_for_load_state("load")
                        shot = out / f"{name}-{path.replace('/', '_').removesuffix('.html')}-1280-{scheme}.png"
                        page.screenshot(path=str(shot))
                        taken.append(str(shot))
                    if scheme == "light":
                        searches[name] = search_in_browser(page, base)
                        shot = out / f"{name}-search-{QUERY}-1280-{scheme}.png"
                        page.screenshot(path=str(shot))
                        taken.append(str(shot))
                context.close()
            browser.close()
    finally:
        for server in servers.values():
            server.shutdown()
    return taken, searches


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--plans", type=Path, default=ROOT / "plans", help="the plans folder (default: plans)")
    parser.add_argument(
        "--work", type=Path, default=Path("/tmp/plansite-zensical"), help="work folder (emptied but the venv)"
    )
    parser.add_argument("--zensical", default=DEFAULT_ZENSICAL, help=f"what pip installs (default {DEFAULT_ZENSICAL})")
    parser.add_argument("--shots", type=Path, help="take 1280 px screenshots into this folder")
    parser.add_argument("--json", type=Path, help="also write the findings as JSON")
    args = parser.parse_args()
    plans = args.plans.resolve()
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    for name in ("docs", "overrides", "site", "mkdocs-site"):
        shutil.rmtree(work / name, ignore_errors=True)
    env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "NO_MKDOCS_2_WARNING": "1"}

    zensical, version = install_zensical(work / "venv", args.zensical)
    if zensical is None:
        print(f"Zensical could not be installed, so nothing was built.\n\n{version}")
        return 2

    shutil.copytree(ROOT / "docs", work / "docs")
    shutil.copytree(ROOT / "overrides", work / "overrides")
    rendered, render_s = timed(
        [*plansite_command(), "render", "--plans", str(plans), "--out", str(work / "docs")], env=env
    )
    if rendered.returncode != 0:
        print(f"plansite render failed:\n{rendered.stderr}")
        return 2
    mkdocs = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    (work / "zensical.toml").write_text(zensical_config(mkdocs), encoding="utf-8")
    built, zensical_s = timed([str(zensical), "build", "--clean", "-f", str(work / "zensical.toml")], cwd=work, env=env)
    log = (built.stdout + built.stderr).strip()
    reference = mkdocs_reference(work, plans)
    mk_built, mkdocs_s = timed(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(reference), "-d", str(work / "mkdocs-site")],
        cwd=ROOT, env=env,
    )  # fmt: skip
    if mk_built.returncode != 0:
        print(f"the reference mkdocs build failed:\n{mk_built.stderr[-3000:]}")
        return 2

    zsite, msite = work / "site", work / "mkdocs-site"
    zpages, mpages = html_pages(zsite), html_pages(msite)
    zdata, mdata = other_files(zsite), other_files(msite)
    findings: dict[str, Any] = {
        "date": dt.date.today().isoformat(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "zensical": version,
        "zensical_exit": built.returncode,
        "zensical_log": log,
        "render_s": round(render_s, 2),
        "zensical_build_s": round(zensical_s, 2),
        "mkdocs_build_s": round(mkdocs_s, 2),
        "pages": {"mkdocs": len(mpages), "zensical": len(zpages)},
        "missing_pages": sorted(mpages - zpages),
        "extra_pages": sorted(zpages - mpages),
        "missing_files": sorted(mdata - zdata),
        "extra_files": sorted(zdata - mdata),
        "search": {"mkdocs": search_summary(msite), "zensical": search_summary(zsite)},
        "sidebar_links_on_home": {
            "mkdocs": sidebar_links(msite / "index.html"),
            "zensical": sidebar_links(zsite / "index.html"),
        },
        "html_bytes": {"mkdocs": html_bytes(msite), "zensical": html_bytes(zsite)},
    }
    per_page: dict[str, list[str]] = {}
    totals: dict[str, collections.Counter[str]] = {"mkdocs": collections.Counter(), "zensical": collections.Counter()}
    mread, zread = read_site(msite, mpages), read_site(zsite, zpages)
    for page in sorted(mpages & zpages):
        mk, zn = mread[page]["print"], zread[page]["print"]
        for side, print_ in (("mkdocs", mk), ("zensical", zn)):
            if print_["article"]:
                totals[side].update(print_["elements"])
                totals[side].update(print_["classes"])
                totals[side]["escaped_html"] += print_["escaped_html"]
                totals[side]["attr_list_left"] += print_["attr_list_left"]
                totals[side]["heading ids"] += sum(1 for _, anchor in print_["heading_ids"] if anchor)
        notes = compare(mk, zn)
        if notes:
            per_page[page] = notes
    findings["links"] = {
        f"{side} at {prefix}": link_check(site, read, prefix)
        for side, site, read in (("mkdocs", msite, mread), ("zensical", zsite, zread))
        for prefix in ("/", "/published-plans/")
    }
    findings["link_rewriting"] = link_rewriting(mread, zread)
    findings["pages_that_differ"] = len(per_page)
    findings["differences"] = per_page
    findings["totals"] = {side: dict(sorted(counter.items())) for side, counter in totals.items()}
    if args.shots:
        findings["screenshots"], findings["search_in_browser"] = screenshots(
            {"mkdocs": msite, "zensical": zsite}, [p for p in SAMPLES if p in zpages and p in mpages], args.shots
        )

    print(report(findings))
    if args.json:
        args.json.write_text(json.dumps(findings, indent=2, default=str), encoding="utf-8")
    return 0


def report(f: dict[str, Any]) -> str:
    lines = [
        f"# Zensical build of `plansite render` output ({f['date']}; {f['machine']})",
        "",
        (
            f"- {f['zensical']}: exit {f['zensical_exit']}, {f['zensical_build_s']} s "
            f"(MkDocs with the plugin: {f['mkdocs_build_s']} s; `plansite render`: {f['render_s']} s)"
        ),
        (
            f"- HTML pages: MkDocs {f['pages']['mkdocs']}, Zensical {f['pages']['zensical']}; "
            f"missing from Zensical: {len(f['missing_pages'])}, only in Zensical: {len(f['extra_pages'])}"
        ),
    ]
    for key, label in (("missing_pages", "missing page"), ("extra_pages", "page only in Zensical"),
                       ("missing_files", "data file missing"), ("extra_files", "file only in Zensical")):  # fmt: skip
        lines += [f"  - {label}: `{name}`" for name in f[key][:20]]
        if len(f[key]) > 20:
            lines.append(f"  - … and {len(f[key]) - 20} more")
    lines += [
        (
            f"- links in the home page's sidebar: MkDocs {f['sidebar_links_on_home']['mkdocs']}, "
            f"Zensical {f['sidebar_links_on_home']['zensical']}"
        ),
        f"- HTML bytes: MkDocs {f['html_bytes']['mkdocs']:,}, Zensical {f['html_bytes']['zensical']:,}",
    ]
    lines += ["", "Zensical's log:", "", "```", f["zensical_log"] or "(nothing)", "```", ""]
    lines += ["Search index:", ""]
    for side in ("mkdocs", "zensical"):
        s = f["search"][side]
        lines.append(f"- {side}: " + (", ".join(f"{k} {v}" for k, v in s.items()) if s["file"] else "no index"))
    lines += ["", "Relative links in the pages' articles, resolved as a browser would:", ""]
    for where, check in f["links"].items():
        lines.append(f"- {where}: {check['checked']} checked, {check['broken']} broken")
        lines += [f"  - {example}" for example in check["examples"][:3]]
    lines += ["", "Relative links in raw HTML, Zensical against MkDocs, pages with links:", ""]
    for verdict, pages in f["link_rewriting"].items():
        lines.append(f"- {verdict}: {len(pages)}" + (f" ({', '.join(pages[:6])})" if pages and len(pages) < 20 else ""))
    lines += ["", "Totals over every page's article (MkDocs → Zensical), where they differ or matter:", ""]
    mk, zn = f["totals"]["mkdocs"], f["totals"]["zensical"]
    for name in sorted(set(mk) | set(zn)):
        if mk.get(name, 0) != zn.get(name, 0) or name.startswith(
            ("admonition", "escaped", "attr_list", "heading", "table")
        ):
            lines.append(f"- {name}: {mk.get(name, 0)} → {zn.get(name, 0)}")
    lines += ["", f"Pages whose article differs: {f['pages_that_differ']}", ""]
    for page, notes in list(f["differences"].items())[:40]:
        lines.append(f"- `{page}`: " + "; ".join(notes[:8]) + (" …" if len(notes) > 8 else ""))
    if len(f["differences"]) > 40:
        lines.append(f"- … and {len(f['differences']) - 40} more pages")
    if f.get("search_in_browser"):
        lines += [
            "",
            f"A search for “{QUERY}” in the browser shows: "
            + "; ".join(f"{side} {said}" for side, said in f["search_in_browser"].items()),
        ]
    if f.get("screenshots"):
        lines += ["", f"Screenshots: {len(f['screenshots'])} in {Path(f['screenshots'][0]).parent}"]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
