"""Accountability over time: `plansite diff`, history pages and Atom feeds, checked against a
real git repository built in a temporary folder with three commits to a fixture plan."""

from __future__ import annotations

import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.history.plan_history import NO_GIT, SHALLOW, site_history
from generator.pipeline import generate

from .helpers import make_site, minimal_plan, plansite, run_mkdocs_build

pytestmark = pytest.mark.slow  # builds sites or runs git: outside the fast loop

ATOM = "{http://www.w3.org/2005/Atom}"
PLAN_FILE = "plans/scrutiny-plan.yml"

GROUPS = """\
groups:
  - kind: activity
    label: "5.3"
    title: Promote evidence based school improvement planning
    actions:
      - label: "1)"
        text: Promote the use of two IT systems in schools.
        responsible: [Head of Business Infrastructure]
        timescale: Continuing - Annually
      - label: "2)"
        text: Ensure an effective leadership and management training programme.
        responsible: [Senior Advisor (Development)]
        timescale: {timescale}
  - kind: recommendation
    label: "e)"
    text: That the panel receives quarterly updates.
    actions:
      - text: Quarterly updates are on the panel's work programme.
        status: {status}
{extra}"""

EXTRA_ACTION = """\
  - kind: recommendation
    label: "f)"
    text: That governors are told about the plan.
    actions:
      - text: A briefing for governors in the spring.
        timescale: Spring 2004
"""

COMMITS = [
    (
        "2024-01-15T10:00:00+00:00",
        "Publish the scrutiny plan",
        "",
        dict(timescale="Autumn 2003", status="in-progress", extra=""),
    ),
    (
        "2024-04-02T09:30:00+01:00",
        "Quarterly review: 5.3 slips a term",
        "Agreed at the panel on 28 March.\n\nSee the minutes.",
        dict(timescale="Spring 2004", status="in-place", extra=""),
    ),
    (
        "2024-07-01T16:45:00+01:00",
        "<script>alert('hostile')</script> & a new recommendation",
        "<img src=x onerror=alert(1)>",
        dict(timescale="Spring 2004", status="in-place", extra=EXTRA_ACTION),
    ),
]


def git(repo: Path, *args: str, date: str = "2024-01-01T00:00:00+00:00") -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Plan Editor",
        "GIT_AUTHOR_EMAIL": "editor@example.org",
        "GIT_COMMITTER_NAME": "Plan Editor",
        "GIT_COMMITTER_EMAIL": "editor@example.org",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(repo),
    }
    result = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True)
    return result.stdout


def plan_text(timescale: str, status: str, extra: str) -> str:
    return minimal_plan("scrutiny-plan", groups=GROUPS.format(timescale=timescale, status=status, extra=extra))


def make_repository(repo: Path) -> Path:
    """A buildable site in a git repository: the registry and a plan, then two changes to the plan."""
    make_site(repo)
    git(repo, "init", "-q", "-b", "main")
    for date, subject, body, values in COMMITS:
        (repo / PLAN_FILE).write_text(plan_text(**values), encoding="utf-8")
        git(repo, "add", "-A", date=date)
        git(repo, "commit", "-q", "-m", subject, *(["-m", body] if body else []), date=date)
    return repo


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_repository(tmp_path_factory.mktemp("repo"))


@pytest.fixture(scope="module")
def built(repo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("built")
    result = run_mkdocs_build(repo, site)
    assert result.returncode == 0, result.stderr
    return site


# --- plansite diff ----------------------------------------------------------------


def test_diff_of_the_last_quarter_reads_in_the_plans_terms(repo):
    result = plansite("diff", "HEAD~2", "HEAD~1", cwd=repo)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Changes to the plans from HEAD~2 to HEAD~1",
        "",
        "A test plan (scrutiny-plan)",
        "  - timescale of 5.3 action 2 changed from “Autumn 2003” to “Spring 2004” — start moved 4 months later, "
        "end moved 3 months later",
        "  - status of recommendation e changed from in progress to in place",
        "",
        "2 change(s) in 1 plan(s).",
    ]


def test_diff_against_the_working_tree_and_exit_code(repo):
    assert plansite("diff", "HEAD", cwd=repo).stdout == "Changes to the plans from HEAD to the working tree: none.\n"
    assert plansite("diff", "HEAD", "--exit-code", cwd=repo).returncode == 0
    result = plansite("diff", "HEAD~1", "--exit-code", cwd=repo)
    assert result.returncode == 1
    assert "  - Recommendation f added: “That governors are told about the plan.” with 1 action" in result.stdout


def test_diff_markdown_for_the_job_summary_escapes_plan_text(repo):
    result = plansite("diff", "HEAD~2", "HEAD~1", "--format", "markdown", cwd=repo)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "### Changes to the plans from `HEAD~2` to `HEAD~1`"
    assert "- status of recommendation e changed from in progress to in place" in lines


def test_diff_between_two_folders(repo, tmp_path):
    old = tmp_path / "old"
    shutil.copytree(repo / "plans", old / "plans")
    (old / PLAN_FILE).write_text(plan_text(**COMMITS[0][3]), encoding="utf-8")
    result = plansite("diff", str(old), str(repo), cwd=repo)
    assert result.returncode == 0, result.stderr
    assert "status of recommendation e changed from in progress to in place" in result.stdout
    assert "Recommendation f added" in result.stdout


def test_diff_errors_are_messages_not_tracebacks(repo, tmp_path):
    missing = plansite("diff", "no-such-branch", cwd=repo)
    assert missing.returncode == 2
    assert missing.stderr.startswith("error: 'no-such-branch' is neither a folder nor a git revision")
    broken = tmp_path / "broken"
    shutil.copytree(repo / "plans", broken / "plans")
    (broken / PLAN_FILE).write_text(plan_text(**COMMITS[0][3]) + "titel: x\n", encoding="utf-8")
    invalid = plansite("diff", str(broken), cwd=repo)
    assert invalid.returncode == 2
    assert "do not validate (1 error(s))" in invalid.stderr
    assert "unknown field 'titel'" in invalid.stderr
    assert "Traceback" not in missing.stderr + invalid.stderr


# --- history ------------------------------------------------------------------------


def test_history_lists_each_commit_newest_first_with_its_changes(repo):
    history = site_history(repo / "plans")
    assert history.available
    entries = history.of("scrutiny-plan").entries
    assert [e.commit.subject for e in entries] == [c[1] for c in reversed(COMMITS)]
    assert [e.commit.date.isoformat() for e in entries] == [c[0] for c in reversed(COMMITS)]
    assert [e.status for e in entries] == ["changed", "changed", "added"]
    assert entries[1].commit.body == "Agreed at the panel on 28 March.\n\nSee the minutes."
    assert [c.sentence for c in entries[1].changes] == [
        "timescale of 5.3 action 2 changed from “Autumn 2003” to “Spring 2004” — start moved 4 months later, "
        "end moved 3 months later",
        "status of recommendation e changed from in progress to in place",
    ]
    assert entries[2].changes[0].sentence.startswith("plan added: “A test plan”")
    assert history.of("scrutiny-plan").last_updated.isoformat() == COMMITS[-1][0]


def test_a_renamed_file_keeps_its_history(repo, tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(repo), str(clone)], check=True)
    git(clone, "mv", PLAN_FILE, "plans/renamed.yml")
    git(clone, "commit", "-q", "-m", "Rename the file", date="2024-08-01T12:00:00+00:00")
    entries = site_history(clone / "plans").of("scrutiny-plan").entries
    assert len(entries) == 4
    assert entries[0].path == "plans/renamed.yml"
    assert entries[0].note.startswith("No change to what the plan says")


def test_shallow_clone_says_history_is_unavailable_and_still_builds(repo, tmp_path):
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow)], check=True)
    history = site_history(shallow / "plans")
    assert not history.available and history.reason == SHALLOW
    site = generate(shallow / "plans")
    page = BeautifulSoup(site.text("plans/scrutiny-plan/history.md"), "html.parser")
    assert "fetch-depth: 0" in page.find(class_="ps-history-unavailable").get_text()
    assert not [f for f in site.files if f.startswith("feed")] and site.feed is None
    assert "Last updated" in site.text("plans/scrutiny-plan.md")


def test_no_git_repository_is_unavailable_too(site_dir):
    (site_dir / "plans" / "p.yml").write_text(minimal_plan("p"), encoding="utf-8")
    assert site_history(site_dir / "plans").reason == NO_GIT
    assert "history.md" not in " ".join(generate(site_dir / "plans", history=False).files)


def test_the_same_repository_gives_the_same_output(repo):
    first, second = generate(repo / "plans"), generate(repo / "plans")
    assert first.files == second.files


# --- the built site ------------------------------------------------------------------


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_plan_page_shows_last_updated_and_links_history_and_feeds(built):
    page = soup(built / "plans" / "scrutiny-plan" / "index.html")
    updated = page.find(class_="ps-last-updated")
    assert updated.find("time")["datetime"] == COMMITS[-1][0]
    assert updated.find("time").get_text() == "1 July 2024"
    assert updated.find("a")["href"] == "history/"
    feeds = {link["href"] for link in page.find_all("link", rel="alternate", type="application/atom+xml")}
    assert feeds == {"../../feed.xml", "../../feed-scrutiny-plan.xml"}


def test_history_page_lists_changes_newest_first_and_escapes_messages(built):
    page = soup(built / "plans" / "scrutiny-plan" / "history" / "index.html")
    article = page.find("article")
    headings = [h.get_text().rstrip("¶") for h in article.find_all("h2")]
    assert headings == [
        "1 July 2024: <script>alert('hostile')</script> & a new recommendation",
        "2 April 2024: Quarterly review: 5.3 slips a term",
        "15 January 2024: Publish the scrutiny plan",
    ]
    assert article.find("script") is None and article.find("img") is None
    assert "<img src=x onerror=alert(1)>" in article.get_text()
    entries = article.find_all(class_="ps-history-entry")
    changes = [li.get_text(" ", strip=True) for li in entries[1].find_all("li")]
    assert changes[0].startswith("Timescale of 5.3 action 2 changed from “Autumn 2003” to “Spring 2004”")
    assert entries[1].find("a", class_="ps-change__link")["href"] == "../#5.3-2"
    assert [t["datetime"] for t in article.find_all("time")] == [c[0] for c in reversed(COMMITS)]
    assert page.find("nav", class_="md-nav--primary").find("a", href=lambda h: h and "history" in h) is None


def test_atom_feeds_parse_and_list_the_history(built, repo):
    site_feed = ET.parse(built / "feed.xml").getroot()
    plan_feed = ET.parse(built / "feed-scrutiny-plan.xml").getroot()
    for feed in (site_feed, plan_feed):
        assert feed.tag == f"{ATOM}feed"
        for required in ("id", "title", "updated", "author"):
            assert feed.find(f"{ATOM}{required}") is not None, required
        entries = feed.findall(f"{ATOM}entry")
        assert len(entries) == 3
        assert [e.findtext(f"{ATOM}updated") for e in entries] == [c[0] for c in reversed(COMMITS)]
        assert feed.findtext(f"{ATOM}updated") == COMMITS[-1][0]
        ids = [e.findtext(f"{ATOM}id") for e in entries]
        assert len(set(ids)) == 3 and all(i.startswith("tag:plansite,2024-") for i in ids)
    entry = plan_feed.findall(f"{ATOM}entry")[1]
    assert entry.findtext(f"{ATOM}title") == "Quarterly review: 5.3 slips a term"
    sha = git(repo, "rev-parse", "HEAD~1").strip()
    assert entry.find(f"{ATOM}link").get("href") == f"plans/scrutiny-plan/history/#c-{sha[:10]}"
    assert entry.findtext(f"{ATOM}id") == f"tag:plansite,2024-04-02:scrutiny-plan/{sha}"
    content = BeautifulSoup(entry.findtext(f"{ATOM}content"), "html.parser")
    assert "status of recommendation e changed from in progress to in place" in [
        li.get_text() for li in content.find_all("li")
    ]
    hostile = site_feed.findall(f"{ATOM}entry")[0]
    assert hostile.findtext(f"{ATOM}title") == "A test plan: <script>alert('hostile')</script> & a new recommendation"
    assert BeautifulSoup(hostile.findtext(f"{ATOM}content"), "html.parser").find("img") is None
