"""Render stage: the Catalogue in, ``{page path: Markdown text}`` out.

Templates in ``templates/`` hold layout only; every formatting decision is a
named filter defined here. Plan text is data: it is HTML-escaped (or, for
fields the schema calls Markdown, rendered and then sanitised with nh3) and is
never evaluated as a template. Pages are Markdown with semantic HTML blocks
inside, so any MkDocs-like builder can take them.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import html
import json
import posixpath
import re
import urllib.parse
from dataclasses import dataclass
from enum import Enum
from typing import Any, Callable, Iterable, Iterator

import markdown as markdown_lib
import nh3
from jinja2 import BytecodeCache, Environment, PackageLoader, StrictUndefined, pass_context, select_autoescape
from jinja2.bccache import Bucket
from markupsafe import Markup

from .model import Acronym, Action, Group, Plan, Period, slugify
from .packed import held, joined
from .parallel import render_all
from .people import KIND_FIELDS, Kind, Part, Party, responsibility_matrix
from .charts import indicator_chart
from .reference import field_reference
from .progress import PROGRESS_WORDS, Rollup, progress_of, rollup, stated_state
from .relations import diagram, plan_graph
from .references import INLINE, Reference, Target, find_target
from .resolve import Catalogue
from .text import GROUP_KIND_WORDS, group_heading, plain_text
from .timeline import Entry, Term, TermItems, plan_timeline, whats_on

HOME_PAGE = "index.md"
GLOSSARY_PAGE = "glossary.md"
WHATS_ON_PAGE = "whats-on.md"
WHO_PAGE = "who-does-what.md"
INDICATORS_PAGE = "indicators/index.md"
RELATIONS_PAGE = "relations.md"
AUDIENCES_PAGE = "audiences/index.md"
PLANS_DIR = "plans"
SITE_CALENDAR = "plans.ics"

ACTION_COLUMNS = (
    ("responsible", "Responsible"),
    ("audience", "Audience"),
    ("monitoring", "Monitoring"),
    ("timescale", "Timescale"),
    ("budget", "Budget"),
    ("status", "Status"),
)
"""Fields shown as table columns when any action of a group has them."""

ACTION_DETAILS = (
    "partners",
    "success_measures",
    "milestones",
    "updates",
    "commentary",
    "links",
    "source_note",
)
"""Fields shown inside the action's own cell."""

SANITISE_TAGS = {
    "p", "br", "ul", "ol", "li", "em", "strong", "b", "i", "a", "code", "pre",
    "blockquote", "abbr", "h4", "h5", "h6", "hr", "sup", "sub", "del",
}
SANITISE_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "ol": {"type", "start"},
    "li": {"value"},
}
_MD_ESCAPE = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")


@functools.lru_cache(maxsize=65536)
def page_url(page: str, directory_urls: bool = True) -> str:
    """The URL (relative to the site root) MkDocs gives a page file; other files keep their path."""
    if not page.endswith(".md"):
        return page
    stem = page.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/" if directory_urls else f"{stem}.html"


@functools.lru_cache(maxsize=262144)
def relative_url(target: str, source: str) -> str:
    """``target`` URL as seen from the page at ``source`` URL."""
    base = source if source.endswith("/") or not source else posixpath.dirname(source) + "/"
    path, _, fragment = target.partition("#")
    relative = posixpath.relpath(path or ".", base.rstrip("/") or ".")
    if path.endswith("/") or not path:
        relative = relative.rstrip("/") + "/"
    if relative == "./":
        relative = "./"
    return relative + (f"#{fragment}" if fragment else "")


def plan_page(plan_id: str) -> str:
    return f"{PLANS_DIR}/{plan_id}.md"


LARGE_PLAN = 40
"""A plan with more actions than this shows its responsibility matrix and its timeline by
month or term on pages of their own, linked from where they would be on the plan page: at
100 actions the two were a third of the page, and each action's row already says who is
responsible and when. A timeline grid (``periods``) stays: it is the only place an action
without details is listed."""

PLAN_VIEWS = {"who-does-what": "Who does what", "timeline": "Timeline"}
"""A large plan's sub-pages (``plans/<id>/<view>/``) → their titles."""


def plan_view_page(plan_id: str, view: str) -> str:
    """A sub-page of a plan (one of ``PLAN_VIEWS``), under the plan's own address."""
    return f"{PLANS_DIR}/{plan_id}/{view}.md"


def plan_views(plan: Plan, matrix: Any, timeline: Any) -> list[str]:
    """Which of ``PLAN_VIEWS`` the plan shows on a page of its own (none for a plan of
    up to ``LARGE_PLAN`` actions)."""
    if len(plan.actions()) <= LARGE_PLAN:
        return []
    views = []
    if matrix.has_owners and matrix.rows:
        views.append("who-does-what")
    if not plan.periods and not timeline.empty:
        views.append("timeline")
    return views


def print_date(plan: Plan) -> str:
    """The date a printed sheet of the plan (or of its sub-pages) carries: the first of
    published, revised and prepared that the plan gives ("Published: December 2007")."""
    for name, title in (("published", "Published"), ("revised", "Revised"), ("prepared", "Prepared")):
        if getattr(plan, name):
            return f"{title}: {getattr(plan, name).text}"
    return ""


def party_page(party: Party) -> str:
    """A registry entry's page: roles/<id>.md, teams/<id>.md, audiences/<id>.md..."""
    return f"{KIND_FIELDS[party.kind]}/{party.id}.md"


KIND_WORDS = {
    Kind.person: ("Person", "People"),
    Kind.role: ("Role", "Roles"),
    Kind.team: ("Team or group", "Teams and groups"),
    Kind.organisation: ("Organisation", "Organisations"),
    Kind.audience: ("Audience", "Audiences"),
}

MATRIX_WORDS = {
    "responsible": "Responsible",
    "supporting": "Supporting or partner",
    "monitoring": "Monitoring or reported to",
    "audience": "Audience",
}
"""The matrix legend, in the order cells show the letters."""

PART_SECTIONS = (
    (Part.responsible, "Responsible for"),
    (Part.partner, "Supports or works in partnership on"),
    (Part.monitoring, "Monitors"),
    (Part.reported_to, "Receives reports on"),
    (Part.audience, "Actions for them"),
)
"""Sections of a party page, one per way of taking part in actions."""

PLAN_PARTS = {
    Part.lead: "Leads",
    Part.partner: "Partner in",
    Part.audience: "Plan is for them",
    Part.prepared_by: "Prepared",
    Part.managed_by: "Manages a dependency of",
}


def source_title(reference: Reference) -> str:
    """Words for where a reference is written: "Activity 5.3", "action 1a) Promote...", "NI 94"."""
    source = reference.source
    if isinstance(source, Group):
        return group_heading(source)
    if isinstance(source, Action):
        words = plain_text(source.text)
        words = words if len(words) <= 80 else words[:79].rstrip() + "…"
        return f"action {source.label + ' ' if source.label else ''}{words}"
    return getattr(source, "title", None) or getattr(source, "code", "")


def indicator_page(plan_id: str, indicator_id: str) -> str:
    """An indicator's own page, under its plan's id (indicator ids are unique within a plan)."""
    return f"indicators/{plan_id}/{indicator_id}.md"


def calendar_file(plan_id: str) -> str:
    """The plan's iCalendar feed, beside its page."""
    return f"{PLANS_DIR}/{plan_id}.ics"


def term_status(term: Term, today: dt.date) -> str:
    """past, current or upcoming, relative to ``today``."""
    if term.end < today:
        return "past"
    if term.start > today:
        return "upcoming"
    return "current"


TERM_STATUS_TEXT = {"past": "Past", "current": "This term", "upcoming": "Upcoming"}


@dataclass
class Abbreviator:
    """Marks known acronyms in text as ``<abbr title="...">`` (never inside links, code or another abbr)."""

    acronyms: dict[str, str]

    def __post_init__(self) -> None:
        terms = sorted(self.acronyms, key=len, reverse=True)
        self.pattern = (
            re.compile(r"(?<![\w&/-])(" + "|".join(re.escape(t) for t in terms) + r")(s?)(?![\w-])")
            if terms
            else None
        )

    def _replace(self, match: re.Match[str]) -> str:
        term, plural = match.group(1), match.group(2)
        title = html.escape(self.acronyms[term], quote=True)
        return f'<abbr title="{title}">{term}{plural}</abbr>'

    def __call__(self, escaped_html: str) -> str:
        """Apply to HTML whose text is already escaped; tags are left alone."""
        if self.pattern is None:
            return escaped_html
        parts = re.split(r"(<[^>]*>)", escaped_html)
        inside = 0
        for index, part in enumerate(parts):
            if part.startswith("<"):
                name = part[1:].split(None, 1)[0].rstrip("/>").lower() if len(part) > 2 else ""
                if name in ("abbr", "code", "pre", "a"):
                    inside += 1
                elif name in ("/abbr", "/code", "/pre", "/a"):
                    inside = max(0, inside - 1)
            elif part and not inside:
                parts[index] = self.pattern.sub(self._replace, part)
        return "".join(parts)


def _acronym_map(acronyms: Iterable[Acronym]) -> dict[str, str]:
    return {
        a.term: a.expansion
        for a in acronyms
        if not a.expansion.lower().startswith("not expanded")
    }


class Filters:
    """Every formatting decision the templates make, as named filters."""

    def __init__(self, catalogue: Catalogue, directory_urls: bool):
        self.catalogue = catalogue
        self.directory_urls = directory_urls
        self.abbreviate = Abbreviator(_acronym_map(catalogue.registry.acronyms))
        self.audience_index = {
            name.casefold(): audience.id
            for audience in catalogue.registry.audiences
            for name in [audience.name, *audience.aliases]
        }
        self._markdown = markdown_lib.Markdown(extensions=["pymdownx.fancylists"], output_format="html")
        # Pure functions of their text, called for the same words on many pages: memoised.
        self._text = functools.lru_cache(maxsize=200_000)(self._text_uncached)
        self._plain_markdown = functools.lru_cache(maxsize=50_000)(self._markdown_uncached)

    def register(self, env: Environment) -> None:
        for name in (
            "text",
            "md_text",
            "markdown",
            "plain",
            "label",
            "date",
            "yaml_string",
            "heading",
            "names",
            "organisation",
            "has_details",
            "safe_url",
            "kind_word",
            "indicator_value",
            "money",
            "anchor",
            "audience_ids",
            "entry_when",
            "linked_text",
        ):
            env.filters[name] = getattr(self, name)
        env.filters["markdown"] = self._markdown_filter
        env.filters["theme_name"] = self.theme_name
        env.tests["has_details"] = self.has_details
        env.globals["url"] = self.url
        env.globals["ref_url"] = self.ref_url
        env.globals["party_url"] = self.party_url
        env.globals["explorer_url"] = self.explorer_url
        env.globals["explorer_url_for"] = self.explorer_url_for
        env.globals["in_plan"] = self.in_plan
        env.globals["themes_of"] = self.themes_of
        env.globals["m_contact"] = self.contact

    def text(self, value: Any) -> Markup:
        """Plain text for HTML: escaped, acronyms marked, line breaks kept."""
        if value is None:
            return Markup("")
        return self._text(str(value))

    def _text_uncached(self, value: str) -> Markup:
        escaped = html.escape(value, quote=True)
        escaped = escaped.replace("\n", "<br>\n")
        return Markup(self.abbreviate(escaped))

    def md_text(self, value: Any) -> Markup:
        """Plain text inside Markdown (headings): escaped for HTML and Markdown."""
        escaped = html.escape(" ".join(str(value).split()), quote=False)
        escaped = _MD_ESCAPE.sub(r"\\\1", escaped)
        return Markup(self.abbreviate(escaped))

    @pass_context
    def _markdown_filter(self, context: Any, value: str | None) -> Markup:
        return self.markdown(value, context.get("plan"), context.get("here", ""))

    def markdown(self, value: str | None, plan: Plan | None = None, here: str = "") -> Markup:
        """A Markdown field rendered to HTML and sanitised (nh3); ``[[references]]`` become links."""
        if not value:
            return Markup("")
        if "[[" not in value:  # no inline references: the same HTML on every page
            return self._plain_markdown(value)
        return self._markdown_uncached(self._inline_references(value, plan, here))

    def _markdown_uncached(self, value: str) -> Markup:
        self._markdown.reset()
        rendered = self._markdown.convert(value)
        clean = nh3.clean(
            rendered,
            tags=SANITISE_TAGS,
            attributes=SANITISE_ATTRIBUTES,
            url_schemes={"http", "https", "mailto"},
            link_rel="noopener noreferrer",
        )
        return Markup(self.abbreviate(clean))

    plain = staticmethod(plain_text)

    @staticmethod
    def label(value: Enum | str) -> str:
        """An enum value as words: ``in-place`` → ``In place``."""
        raw = value.value if isinstance(value, Enum) else str(value)
        words = raw.replace("-", " ")
        return words[:1].upper() + words[1:]

    @staticmethod
    def date(value: dt.date | None) -> str:
        """``2014-12-09`` → ``9 December 2014``."""
        return f"{value.day} {value:%B %Y}" if value else ""

    @staticmethod
    def yaml_string(value: str) -> Markup:
        """A string for YAML front matter (JSON is YAML), HTML-escaped: themes put page
        titles and descriptions into the page (nav, <title>, <meta>) without escaping."""
        return Markup(json.dumps(html.escape(" ".join(str(value).split())), ensure_ascii=False))

    heading = staticmethod(group_heading)

    @pass_context
    def names(self, context: Any, mentions: list[Any]) -> Markup:
        """Names as printed, one per line, each linked to its page when the registry knows it."""
        return Markup("<br>\n").join(self._name(m, context["here"]) for m in mentions)

    def _name(self, mention: Any, here: str) -> Markup:
        party = self.catalogue.directory.party_of(mention)
        if party is None:
            return self.text(mention.text)
        return Markup('<a href="{0}">{1}</a>').format(
            self.url(party_page(party), here), mention.text
        )

    @pass_context
    def in_plan(self, context: Any, anchor: str) -> str:
        """A link to an anchor of the plan's own page, from it or from one of its sub-pages."""
        page = plan_page(context["plan"].id)
        here = context["here"]
        return f"#{anchor}" if here == page else self.url(f"{page}#{anchor}", here)

    @pass_context
    def linked_text(self, context: Any, text: str, mentions: list[Any]) -> Markup:
        """Text as written, with the names it contains (``mentions``) linked to their pages."""
        escaped = str(self.text(text))
        for mention in mentions:
            printed = str(self.text(mention.text))
            if printed in escaped and self.catalogue.directory.party_of(mention) is not None:
                escaped = escaped.replace(printed, str(self._name(mention, context["here"])), 1)
        return Markup(escaped)

    def contact(self, value: str) -> Markup:
        """A contact route as a link: an email address or a web page; other words as they are."""
        if "@" in value and " " not in value.strip():
            return Markup('<a href="mailto:{0}">{0}</a>').format(value.strip())
        if self.safe_url(value) and value.startswith("http"):
            return Markup('<a href="{0}">{0}</a>').format(value)
        return Markup("{0}").format(value)

    def theme_name(self, theme_id: str) -> str:
        return next((t.name for t in self.catalogue.registry.themes if t.id == theme_id), theme_id)

    def themes_of(self, plan: Plan) -> list[str]:
        """Names of every theme a plan, its groups or its actions carry, in registry order."""
        used = set(plan.themes)
        for group, _ in plan.walk_groups():
            used |= set(group.themes)
            for action in group.actions:
                used |= set(action.themes)
        return [t.name for t in self.catalogue.registry.themes if t.id in used]

    def party_url(self, party: Party, here: str) -> str:
        return self.url(party_page(party), here)

    def explorer_url_for(self, party: Party, part: Part, plan_id: str, here: str) -> str:
        """The explorer showing the actions of one plan that ``party`` takes ``part`` in: an
        audience by the explorer's "For" filter, anyone else by "Who is involved"."""
        chosen = {"audience": party.id} if part is Part.audience else {"who": party.key}
        return self.explorer_url(here, plan=plan_id, **chosen)

    def explorer_url(self, here: str, **filters: str) -> str:
        """The actions explorer with its filters set (``who``, ``audience``, ``plan``, ``term``...),
        as the explorer keeps them in its address."""
        query = urllib.parse.urlencode({name: value for name, value in filters.items() if value})
        return self.url(EXPLORER_PAGE, here) + (f"?{query}" if query else "")

    def organisation(self, org_id: str) -> str:
        return self.catalogue.organisation_name(org_id)

    @staticmethod
    def has_details(action: Action) -> bool:
        """Whether an action says more than its text and period (so needs a table row)."""
        return any(getattr(action, name) for name, _ in ACTION_COLUMNS) or any(
            getattr(action, name) for name in ACTION_DETAILS
        )

    @staticmethod
    def safe_url(value: str | None) -> str:
        """A web address from plan data, or "" when its scheme is not http(s) or mailto."""
        if not value:
            return ""
        scheme = value.split(":", 1)[0].lower().strip() if ":" in value else ""
        return value if scheme in ("http", "https", "mailto") else ""

    def audience_ids(self, names: Iterable[str]) -> list[str]:
        """Registry ids of audiences named as printed (unknown names keep a slug of their own)."""
        return sorted({self.audience_index.get(name.casefold(), slugify(name)) for name in names})

    def entry_when(self, entry: Entry) -> Markup:
        """When an entry happens, for a list: an exact day as a date, else the words of the plan."""
        if entry.start and entry.start == entry.end:
            return Markup('<time datetime="{0}">{1}</time>').format(entry.start.isoformat(), self.date(entry.start))
        text = self.text(entry.when.text)
        if entry.when.open_end:
            return Markup("{0} <span class=\"ps-dates\">(no end date)</span>").format(text)
        return text

    @staticmethod
    def anchor(value: str) -> str:
        """A page anchor for any text, kept distinct: "OFSTED", "OfSTED" and "N/A" → "N_2fA"."""
        return re.sub(r"[^A-Za-z0-9-]", lambda m: f"_{ord(m.group()):x}", value)

    @staticmethod
    def kind_word(group: Group) -> str:
        return GROUP_KIND_WORDS[group.kind]

    @staticmethod
    def indicator_value(value: Any, indicator: Any) -> str:
        """An indicator value as written, or the number with its unit."""
        if value.text:
            return value.text
        number = f"{value.value.normalize():f}"
        unit = indicator.unit or ""
        return f"{number}{unit}" if unit == "%" else f"{number} {unit}".strip()

    @staticmethod
    def money(amount: Any) -> str:
        """``3000`` → ``£3,000``; pence only when there are some."""
        return f"£{amount:,.2f}".removesuffix(".00")

    def target_url(self, target: Target, here: str) -> str | None:
        """Where a reference target is shown: its page, its anchor, or (external) its web address."""
        if target.kind == "party":
            return self.url(party_page(target.item), here)
        if target.kind == "external":
            return self.safe_url(target.item.url) or None
        if target.kind == "indicator":
            return self.url(indicator_page(target.plan.id, target.anchor), here)
        page = plan_page(target.plan.id)
        if page == here and target.anchor:
            return f"#{target.anchor}"
        return self.url(page + (f"#{target.anchor}" if target.anchor else ""), here)

    @pass_context
    def ref_url(self, context: Any, ref: str) -> str | None:
        """The link for a checked reference (``plan-id``, ``plan-id#item``, ``#item``, ``role:id``...)."""
        plan = context.get("plan")
        target = find_target(self.catalogue.targets, plan, ref) if plan else self.catalogue.targets.get(ref)
        return self.target_url(target, context["here"]) if target else None

    def _inline_references(self, value: str, plan: Plan | None, here: str) -> str:
        """``[[ref|words]]`` → a Markdown link to the target (checked in resolve)."""

        def link(match: re.Match[str]) -> str:
            ref, words = match.group(1).strip(), (match.group(2) or "").strip()
            target = find_target(self.catalogue.targets, plan, ref) if plan else self.catalogue.targets.get(ref)
            if target is None:
                return words or ref
            words = _MD_ESCAPE.sub(r"\\\1", words or target.title)
            address = self.target_url(target, here)
            if address is None:
                return f"{words} (not published on this site)"
            return f"[{words}](<{address}>)"

        return INLINE.sub(link, value)

    def url(self, target: str, here: str) -> str:
        """Link from page ``here`` to page ``target`` (``page.md#anchor``)."""
        page, _, anchor = target.partition("#")
        destination = page_url(page, self.directory_urls) + (f"#{anchor}" if anchor else "")
        return relative_url(destination, page_url(here, self.directory_urls))


class _CompiledTemplates(BytecodeCache):
    """Compiled templates kept in memory between builds (``mkdocs serve`` builds a new
    environment for every rebuild); Jinja keys them by name and source, so an edited
    template is compiled again."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()


def make_environment(filters: Filters) -> Environment:
    env = Environment(
        loader=PackageLoader("generator", "templates"),
        bytecode_cache=_COMPILED,
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Markdown's attribute lists ("## Title {#anchor}") start with "{#",
        # Jinja's default comment marker, so comments are "<# ... #>" here.
        comment_start_string="<#",
        comment_end_string="#>",
    )
    filters.register(env)
    env.globals["ACTION_COLUMNS"] = ACTION_COLUMNS
    return env


def action_columns(actions: list[Action]) -> list[tuple[str, str]]:
    """The columns a group's action table needs: only those some action fills."""
    return [(name, title) for name, title in ACTION_COLUMNS if any(getattr(a, name) for a in actions)]


def grid_rows(plan: Plan) -> list[tuple[Group, dict[str, list[Action]]]]:
    """Timeline grid: each top-level group's actions (and its descendants'), by period id."""
    rows = []
    for group in plan.groups:
        cells: dict[str, list[Action]] = {period.id: [] for period in plan.periods}
        stack = [group]
        while stack:
            current = stack.pop(0)
            for action in current.actions:
                if action.period in cells:
                    cells[action.period].append(action)
            stack[:0] = current.groups
        if any(cells.values()):
            rows.append((group, cells))
    return rows


def search_entries(catalogue: Catalogue, directory_urls: bool = True, on_page: bool = False) -> list[dict[str, str]]:
    """Every search entry (``search_records``), as a list."""
    return list(search_records(catalogue, directory_urls, on_page))


SEARCH_SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("maths", "mathematics", "math"),
    ("heads", "headteachers", "head teachers"),
    ("headteacher", "head teacher"),
    ("special needs", "special educational needs"),
    ("exclusion", "exclusions", "excluded", "exclude"),
    ("website", "web site"),
)
"""Words readers type for the plans' words, beside the registry's acronyms: each group's
phrases find one another (the search box's script, overrides/assets/javascripts/
plansite-search.js, expands a query with them; the registry's acronyms work the same way,
and an acronym followed by a number, "KS2", reads as its expansion and the number)."""

SEARCH_TERMS = "terms"
"""The kind (``k``) of the first search entry: the acronyms and synonyms the search box
expands a query with (they travel with the entries to the index, search_index.json or
Pagefind's folder)."""


def search_records(catalogue: Catalogue, directory_urls: bool = True, on_page: bool = False) -> Iterator[dict[str, Any]]:
    """The search entries plansite adds to a site's index: first the terms a query is
    expanded with (``k: "terms"``); then, for each plan, an entry for its page (``k: "p"``:
    its title, subtitle, summary, organisation and themes, in place of the page's header,
    whose labels and dates are not words anyone searches for) and one per action
    (``k: "a"``), pointing at its anchor.

    An action's entry keeps its words apart by what they are, so that a search can rank
    an action by its own words above the words around it: ``title`` (label and words, in
    full), ``text`` (its success measures, milestones and timescale), ``o`` (who is
    responsible and the partners), ``a`` (who it is for), ``x`` (what the abbreviations it
    uses stand for, so "special educational needs" finds "SEN"), ``t`` (its themes) and
    ``g`` (its group's heading). Fields with nothing in them are left out. Words are
    HTML-escaped (Material's search shows them as HTML).

    ``on_page``: for an index that sees each entry inside its plan page (Pagefind): an
    action leaves out the words its page already holds once (the plan's and group's themes,
    and its group's heading, named instead by the group's anchor, ``gid``), and its groups
    have no entries of their own (its page's sections are indexed as they are). Otherwise each
    group has an entry (``k: "s"``: its heading, words, facts, success criteria and
    evaluation, and themes), in place of the one Material makes of its section, which holds
    the words of its actions' table too."""
    acronyms = _acronym_map(catalogue.registry.acronyms)
    pattern = Abbreviator(acronyms).pattern
    theme_names = {theme.id: theme.name for theme in catalogue.registry.themes}
    yield {
        "location": "",
        "k": SEARCH_TERMS,
        "acronyms": {term: acronyms[term] for term in sorted(acronyms)},
        "synonyms": [list(group) for group in SEARCH_SYNONYMS],
    }

    def field(*parts: str) -> str:
        return html.escape(" · ".join(dict.fromkeys(p for p in parts if p)), quote=False)

    for plan in catalogue.plans:
        page = page_url(plan_page(plan.id), directory_urls)
        yield {
            "location": page,
            "k": "p",
            "title": html.escape(plan.title, quote=False),
            "text": field(plan.subtitle or "", plain_text(plan.summary)),
            "org": html.escape(catalogue.organisation_name(plan.organisation), quote=False),
            **({"t": themes} if (themes := field(*(theme_names.get(t, "") for t in plan.themes))) else {}),
        }
        for group, _ in plan.walk_groups():
            if not on_page:  # Material's own entry for a group's section holds its actions' table too
                facts = [" ".join(filter(None, [f.label, f.value, f.detail])) for f in group.facts]
                words = [plain_text(group.text), *facts, plain_text(group.success_criteria), plain_text(group.evaluation)]
                yield {
                    "location": f"{page}#{group.id}",
                    "k": "s",
                    "title": html.escape(group_heading(group), quote=False),
                    **({"text": text} if (text := field(*words)) else {}),
                    **({"t": themes} if (themes := field(*(theme_names.get(t, "") for t in group.themes))) else {}),
                }
            for action in group.actions:
                title = " ".join(filter(None, [action.label, plain_text(action.text)]))
                more = [plain_text(action.success_measures), *(plain_text(m.text) for m in action.milestones)]
                if action.timescale:
                    more.append(action.timescale.text)
                owners = [m.text for m in action.responsible + action.partners]
                audience = [m.text for m in action.audience]
                themes = action.themes if on_page else [*group.themes, *action.themes]
                words = " ".join([title, *more, *owners, *audience])
                used = sorted({m.group(1) for m in pattern.finditer(words)}) if pattern else []
                entry = {
                    "location": f"{page}#{action.id}",
                    "k": "a",
                    "title": html.escape(title, quote=False),
                    "text": field(*more),
                    "o": field(*owners),
                    "a": field(*audience),
                    "x": field(*(f"{term}: {acronyms[term]}" for term in used)),
                    "t": field(*(theme_names[t] for t in themes if t in theme_names)),
                    "g": "" if on_page else html.escape(group_heading(group), quote=False),
                    "gid": group.id if on_page else "",
                }
                yield {key: value for key, value in entry.items() if value or key in ("location", "title")}


EXPLORER_PAGE = "explorer.md"
EXPLORER_DATA = "actions.json"


@dataclass(frozen=True)
class ExplorerRow:
    """One action as the explorer shows and filters it."""

    key: str
    plan: Plan
    group: Group
    action: Action
    when: Any
    progress: Any
    parties: tuple[Party, ...]
    audiences: tuple[Party, ...]
    terms: tuple[str, ...]


def explorer_rows(catalogue: Catalogue, build_date: dt.date) -> list[ExplorerRow]:
    """Every action of every plan, with what the explorer filters on."""
    directory = catalogue.directory
    terms = []
    for plan in catalogue.plans:
        whens = catalogue.whens.get(plan.id, {})
        days = [d for w in whens.values() for d in (w.start, w.end) if d]
        if days:
            terms += catalogue.calendar.terms_between(min(days), max(days))
    terms = list(dict.fromkeys(terms))  # once: every plan adds the terms it spans
    rows = []
    for plan in catalogue.plans:
        whens = catalogue.whens.get(plan.id, {})
        for group, _ in plan.walk_groups():
            for action in group.actions:
                when = whens.get(action.id)
                mentions = action.responsible + action.partners
                if action.monitoring:
                    mentions = mentions + action.monitoring.by + action.monitoring.to
                parties = tuple(dict.fromkeys(p for m in mentions if (p := directory.party_of(m))))
                audiences = tuple(dict.fromkeys(p for m in action.audience if (p := directory.party_of(m))))
                start = when.start if when and when.start else (when.end if when else None)
                end = when.end if when and when.end else start
                touched = tuple(
                    f"{name}-{year}" for name, year, s, e in terms if start and end and s <= end and e >= start
                )
                rows.append(
                    ExplorerRow(
                        f"{plan.id}--{action.id}", plan, group, action, when,
                        progress_of(action, when, build_date), parties, audiences, touched,
                    )
                )
    return rows


EXPLORER_LIMIT = 200
"""On a large site the explorer draws this many matching rows at a time ("Show more" adds as many)."""


def explorer_chunks(rows: list[ExplorerRow], large: bool = False, directory_urls: bool = True) -> Iterator[bytes]:
    """The explorer's JSON, in UTF-8, a row at a time: what each row can be filtered and
    sorted by; on a large site, whose explorer page has no row per action, also what a row
    shows (its words as printed, escaped by the browser: the explorer sets them as text,
    never as markup). At 1,000 plans the whole file as Python objects and then as text was
    about 600 MB, so it is never made whole (``packed.joined``)."""
    here = page_url(EXPLORER_PAGE, directory_urls)
    yield b'{"actions":['
    for index, row in enumerate(rows):
        record: dict[str, Any] = {
            "row": row.key,
            "plan": row.plan.id,
            "organisation": row.plan.organisation,
            "parties": [p.key for p in row.parties],
            "audiences": [p.id for p in row.audiences],
            "terms": list(row.terms),
            "start": row.when.start.isoformat() if row.when and row.when.start else None,
            "end": row.when.end.isoformat() if row.when and row.when.end else None,
            "progress": row.progress.value,
        }
        words = [row.action.label or "", plain_text(row.action.text), group_heading(row.group)]
        if large:
            record.update(
                url=relative_url(f"{page_url(plan_page(row.plan.id), directory_urls)}#{row.action.id}", here),
                title=" ".join(filter(None, words[:2])),
                group=words[2],
                who=[m.text for m in row.action.responsible],
                partners=[m.text for m in row.action.partners],
                audience=[m.text for m in row.action.audience],
                when=row.when.text if row.when else None,
            )  # the words searched are these fields (plansite.js), not a second copy of them
        else:
            names = [m.text for m in row.action.responsible + row.action.partners + row.action.audience]
            record["text"] = " ".join(words + names).strip()
        yield (b"," if index else b"") + _compact_json(record)
    yield b"]"
    if large:
        yield b',"plans":' + _compact_json({row.plan.id: row.plan.title for row in rows})
        yield b',"progress":' + _compact_json({progress.value: label for progress, label in PROGRESS_WORDS.items()})
    yield b"}\n"


def _compact_json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


LARGE_SITE = 30
"""A site with more plans than this is laid out for its size, so that no page grows with
every action on the site: the sidebar stops listing every plan (the home page does), party
pages count each plan's actions and link to them in the explorer instead of listing them
all, the explorer draws its rows from its data file, What's on gives the current and
coming terms a page each and counts the past ones, and the relations diagram gives way to
its list."""


SEARCH_PAGE = "search.md"
"""The search page, generated when a site uses Pagefind."""


def site_nav(catalogue: Catalogue, settings: Settings | None = None) -> list[dict[str, Any]]:
    """The navigation, in MkDocs' ``nav`` form: role and audience pages are reached from
    their indexes and from every mention, not listed in the sidebar (nor, on a large site, the plans)."""
    settings = settings or Settings()
    plans = sorted(catalogue.plans, key=lambda p: p.title.casefold())
    listed = [] if settings.is_large(catalogue) else [{"Plans": [{html.escape(plan.title): plan_page(plan.id)} for plan in plans]}]
    return [
        {"Home": HOME_PAGE},
        *([{"Search": SEARCH_PAGE}] if settings.search == "pagefind" else []),
        {"What's on": WHATS_ON_PAGE},
        {"Actions explorer": EXPLORER_PAGE},
        *listed,
        {"Who does what": WHO_PAGE},
        {"Who the plans are for": AUDIENCES_PAGE},
        {"Indicators": INDICATORS_PAGE},
        {"How the plans relate": RELATIONS_PAGE},
        {"Open data": DATA_PAGE},
        {"Themes": THEMES_PAGE},
        {"Glossary": GLOSSARY_PAGE},
        {"How to edit a plan": HOW_TO_EDIT_PAGE},
        {"Accessibility statement": ACCESSIBILITY_PAGE},
    ]


OGL = ("Open Government Licence v3.0", "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/")
"""The default licence of the open data; a site may set its own."""
DATA_PAGE = "data.md"
THEMES_PAGE = "themes.md"
HOW_TO_EDIT_PAGE = "how-to-edit.md"
CSV_COLUMNS = (
    "plan_id",
    "action_id",
    "page",
    "group_id",
    "group",
    "label",
    "text",
    "responsible",
    "partners",
    "audience",
    "monitoring",
    "timescale",
    "start",
    "end",
    "precision",
    "budget",
    "budget_amount",
    "status",
    "status_text",
    "progress",
    "updates",
)
"""One row per action; names joined with "; " as printed."""


def data_files(plan_id: str) -> tuple[str, str]:
    """A plan's open data files: its actions as CSV and the whole plan as JSON."""
    return f"{PLANS_DIR}/{plan_id}.csv", f"{PLANS_DIR}/{plan_id}.json"


@dataclass(frozen=True)
class Settings:
    """What a site says about itself: its data licence and its accessibility contact."""

    licence: tuple[str, str] = OGL
    accessibility_contact: str = "the council's web team"
    """An email address or web page for accessibility problems and requests."""
    accessibility_reviewed: str = ""
    """When the accessibility statement was last reviewed, as words ("23 November 2026")."""
    large_site: int = LARGE_SITE
    """A site with more plans than this is laid out as a large site (see ``LARGE_SITE``)."""
    search: str = "material"
    """``material``: Material's search (one index file, fine for a small site); ``pagefind``:
    a chunked Pagefind index and a search page, for a large site."""
    base_url: str = "/"
    """The site's path on its host ("/" or "/plans/"), for links in the Pagefind index."""

    def is_large(self, catalogue: Catalogue) -> bool:
        """Whether the site has more plans than ``large_site`` (and is laid out for its size)."""
        return len(catalogue.plans) > self.large_site


ACCESSIBILITY_PAGE = "accessibility.md"


class _OnDemand(dict):
    """A mapping that computes a missing value from its key, once."""

    def __init__(self, make: Any):
        super().__init__()
        self.make = make

    def __missing__(self, key: Any) -> Any:
        value = self[key] = self.make(key)
        return value


_PLAN_PAGES: dict[str, tuple[str, dict[str, str]]] = {}
"""Plan page → (digest of everything it shows, {page: Markdown} of it and its sub-pages):
``mkdocs serve`` re-renders only the plan pages whose inputs changed. The key covers the
plan itself, the registry and calendar, the build date and settings, its history line, and
the references into and out of it (with the titles they show), which are also all that its
sub-pages show; tests compare cached and fresh renders after edits."""


def forget_cached_pages() -> None:
    """Drop the plan-page cache (a one-off build has no use for it)."""
    _PLAN_PAGES.clear()


def _reference_signature(reference: Reference) -> tuple:
    source = reference.source
    return (
        reference.plan.id, reference.plan.title, reference.anchor, reference.relation.value, reference.text,
        reference.target.key, reference.target.title, reference.target.anchor,
        getattr(source, "label", None), getattr(source, "title", None), getattr(source, "text", None),
    )


def _references_by_plan(catalogue: Catalogue) -> dict[str, list[tuple]]:
    """Plan id → signatures of the references into it or its items, and out of it."""
    found: dict[str, list[tuple]] = {}
    for key, references in sorted(catalogue.backlinks.items()):
        plan_id = key.partition("#")[0]
        found.setdefault(plan_id, []).extend(("in", key, _reference_signature(r)) for r in references)
    for reference in catalogue.references:
        found.setdefault(reference.plan.id, []).append(("out", _reference_signature(reference)))
    return found


def _shared_inputs(
    catalogue: Catalogue, build_date: dt.date, directory_urls: bool, settings: Any, history: Any, pack: bool
) -> str:
    digest = hashlib.sha256(catalogue.registry.model_dump_json().encode("utf-8"))
    digest.update(repr((build_date, directory_urls, settings, history is None, catalogue.calendar, pack)).encode("utf-8"))
    digest.update(repr(sorted((p.id, p.title) for p in catalogue.plans)).encode("utf-8"))
    return digest.hexdigest()


def _plan_page_key(catalogue: Catalogue, plan: Plan, shared: str, references: list[tuple], history: Any) -> str:
    digest = hashlib.sha256(shared.encode("utf-8"))
    digest.update(plan.model_dump_json().encode("utf-8"))
    own = history.of(plan.id) if history else None
    digest.update(repr((catalogue.sources[plan.id], references, own and (own.last_updated, bool(own.entries)))).encode("utf-8"))
    return digest.hexdigest()


def whats_on_term_page(anchor: str) -> str:
    """A term's own What's on page (a large site's current and coming terms), by the term's anchor."""
    return f"{WHATS_ON_PAGE.removesuffix('.md')}/{anchor}.md"


def _whats_on_pages(
    env: Environment, catalogue: Catalogue, terms: list[TermItems], filters: Filters, build_date: dt.date, large: bool
) -> dict[str, str]:
    """What's on: one page of every term, or, on a large site, a page that lists the terms
    (the current and coming ones linked to a page each, the past ones to the explorer)."""
    template = env.get_template("whats-on.md.j2")
    names = {a.id: a.name for a in catalogue.registry.audiences}
    order = {plan.id: index for index, plan in enumerate(catalogue.plans)}

    def page(here: str, shown: list[TermItems], **words: Any) -> str:
        entries = [entry for item in shown for entry in item.entries]
        used = {aid for entry in entries for aid in filters.audience_ids(entry.audience)}
        plans = sorted({entry.plan.id: entry.plan for entry in entries}.values(), key=lambda plan: order[plan.id])
        audiences = sorted(((aid, names.get(aid, aid)) for aid in used), key=lambda item: item[1].casefold())
        return template.render(
            catalogue=catalogue, here=here, terms=shown, plans=plans, audiences=audiences, **words
        )

    if not large:
        return {WHATS_ON_PAGE: page(WHATS_ON_PAGE, terms, **_WHATS_ON_WORDS, overview=None, index=None)}
    pages = {}
    coming = [item for item in terms if item.term.end >= build_date]
    for item in coming:
        here = whats_on_term_page(item.term.anchor)
        pages[here] = page(
            here, [item], title=f"What's on: {item.term.label}",
            description=f"Actions and milestones from every published plan in the {item.term.label}.",
            overview=f"What the plans say will happen in the {item.term.label}. Every term is listed on What's on.",
            index=None,
        )  # fmt: skip
    past = [item for item in terms if item.term.end < build_date]
    pages[WHATS_ON_PAGE] = page(
        WHATS_ON_PAGE, [], **_WHATS_ON_WORDS, index=[
            ("This term and coming terms", "coming", [(item, whats_on_term_page(item.term.anchor)) for item in coming]),
            ("Past terms", "past", [(item, None) for item in reversed(past)]),
        ],
        overview="What every plan says will happen, term by term. The current and coming terms have a page each; past terms open in the actions explorer, and every plan's page has its own timeline.",
    )  # fmt: skip
    return pages


_WHATS_ON_WORDS = {
    "title": "What's on",
    "description": "Actions and milestones from every published plan, term by term.",
}


def render_site(
    catalogue: Catalogue,
    build_date: dt.date,
    directory_urls: bool = True,
    settings: Settings = Settings(),
    history: Any = None,
    pack: bool = False,
) -> dict[str, Any]:
    """Every generated page, keyed by its path under the docs folder.

    ``build_date`` places the "now" marker for readers without JavaScript
    (the browser moves it to today). ``history`` (a ``generator.history.SiteHistory``)
    adds "last updated" to plan pages and a history page per plan. With ``pack``, each
    page is ``generator.packed.Packed`` as soon as it is rendered (the render workers
    pack theirs), so a large site's pages are never all held as text."""
    filters = Filters(catalogue, directory_urls)
    env = make_environment(filters)
    calendar = catalogue.calendar

    def period_span(plan: Plan, period: Period) -> tuple[dt.date, dt.date] | None:
        when = catalogue.whens.get(plan.id, {})
        for action in plan.actions():
            dates = when.get(action.id) if action.period == period.id else None
            if dates and dates.start and dates.end:  # an open-ended timescale says nothing of the column's end
                return dates.start, dates.end
        return (period.start, period.end) if period.start and period.end else None

    env.globals.update(
        action_columns=action_columns,
        grid_rows=grid_rows,
        plan_page=plan_page,
        calendar_file=calendar_file,
        data_files=data_files,
        site_calendar=SITE_CALENDAR,
        term_status=term_status,
        term_status_text=TERM_STATUS_TEXT.get,
        period_span=period_span,
        build_date=build_date,
        schedule=catalogue.schedule,
        whens=catalogue.whens,
        kind_words=KIND_WORDS,
        matrix_words=MATRIX_WORDS,
        plan_view_page=plan_view_page,
        print_date=print_date,
        view_titles=PLAN_VIEWS,
        party_page=party_page,
        indicator_page=indicator_page,
        progress_words=PROGRESS_WORDS,
        stated_state=stated_state,
        progress_of=progress_of,
        backlinks=catalogue.backlinks,
        source_title=source_title,
        # Worked out when a plan page is rendered, so cached pages cost nothing.
        timelines=_OnDemand(lambda plan_id: plan_timeline(catalogue.schedule[plan_id], calendar)),
        matrices=_OnDemand(
            lambda plan_id: responsibility_matrix(catalogue.plan(plan_id), catalogue.directory, Filters.heading)
        ),
    )
    def plan_rollup(plan: Plan, actions: list[Action]) -> Rollup:
        return rollup(actions, catalogue.whens[plan.id], build_date)

    env.globals["rollup"] = plan_rollup
    env.globals["history"] = history
    if history is not None:
        from .history_pages import history_page, history_pages, plan_feed

        env.globals.update(history_page=history_page, plan_feed=plan_feed)
    env.globals["reports_progress"] = lambda plan: any(stated_state(a) for a in plan.actions())
    large = settings.is_large(catalogue)
    env.globals["large"] = large
    pages: dict[str, str] = {}
    pages[HOME_PAGE] = env.get_template("home.md.j2").render(catalogue=catalogue, here=HOME_PAGE)
    plan_template = env.get_template("plan.md.j2")
    shared = _shared_inputs(catalogue, build_date, directory_urls, settings, history, pack)
    references = _references_by_plan(catalogue)
    view_template = env.get_template("plan-view.md.j2")
    # Pages are rendered as jobs, on every core (generator/parallel.py), once everything they
    # read is worked out; the plan pages not in the serve cache, and each party's page.
    jobs: list[Callable[[], dict[str, Any]]] = []
    todo: list[tuple[str, str]] = []  # (plan page, its cache key), in the order of their jobs

    def packed(own: dict[str, Any]) -> dict[str, Any]:
        return {path: held(text, pack) for path, text in own.items()}

    def render_plan(plan: Plan) -> dict[str, Any]:
        here = plan_page(plan.id)
        views = plan_views(plan, env.globals["matrices"][plan.id], env.globals["timelines"][plan.id])
        own = {
            here: plan_template.render(
                plan=plan, catalogue=catalogue, here=here, source_file=catalogue.sources[plan.id], views=views
            )
        }
        for view in views:
            page = plan_view_page(plan.id, view)
            own[page] = view_template.render(plan=plan, here=page, view=view)
        env.globals["matrices"].pop(plan.id, None)  # only its own pages show them: let them go
        env.globals["timelines"].pop(plan.id, None)
        return packed(own)

    for plan in catalogue.plans:
        here = plan_page(plan.id)
        key = _plan_page_key(catalogue, plan, shared, references.get(plan.id, []), history)
        cached = _PLAN_PAGES.get(here)
        if cached is not None and cached[0] == key:
            pages.update(cached[1])
            continue
        todo.append((here, key))
        jobs.append(functools.partial(render_plan, plan))
    all_entries = [entry for plan in catalogue.plans for entry in catalogue.schedule[plan.id].entries]
    pages.update(_whats_on_pages(env, catalogue, whats_on(all_entries, calendar), filters, build_date, large))
    directory = catalogue.directory
    order = {plan.id: index for index, plan in enumerate(catalogue.plans)}

    def timing_key(involvement):
        when = catalogue.whens.get(involvement.plan.id, {}).get(involvement.action.id) if involvement.action else None
        day = (when.start or when.end) if when else None
        return (day is None, day or dt.date.min, order[involvement.plan.id])

    def sections_of(party: Party):
        """(heading, [(plan, [involvements ordered by timescale])]) for each way the party takes part."""
        involvements = directory.involvements.get(party.key, [])
        sections = []
        for part, heading in PART_SECTIONS:
            chosen = [i for i in involvements if i.part is part and i.action is not None]
            if not chosen:
                continue
            by_plan: dict[str, list] = {}
            for involvement in sorted(chosen, key=timing_key):
                by_plan.setdefault(involvement.plan.id, []).append(involvement)
            plans = sorted(by_plan.items(), key=lambda item: order[item[0]])
            sections.append((part, heading, [(catalogue.plan(pid), items) for pid, items in plans]))
        plan_level = [(PLAN_PARTS[i.part], i) for i in involvements if i.action is None and i.part in PLAN_PARTS]
        return sections, plan_level

    party_template = env.get_template("party.md.j2")
    named = directory.everyone()

    def render_party(party: Party) -> dict[str, Any]:
        here = party_page(party)
        sections, plan_level = sections_of(party)
        organisation = directory.parties.get(f"organisation:{party.organisation}") if party.kind is not Kind.organisation else None
        return packed({
            here: party_template.render(
                party=party,
                here=here,
                sections=sections,
                plan_level=plan_level,
                spellings=directory.spellings(party),
                organisation=organisation,
                members=[p for p in named if p.kind is not Kind.organisation and p.organisation == party.id],
                count=len({id(i.action) for i in directory.involvements[party.key] if i.action is not None}),
            )
        })

    jobs += [functools.partial(render_party, party) for party in named]
    rendered = render_all(jobs)
    for (here, key), own in zip(todo, rendered):
        _PLAN_PAGES[here] = (key, own)
    for own in rendered:
        pages.update(own)
    indicator_template = env.get_template("indicator.md.j2")
    for plan in catalogue.plans:
        for indicator in plan.indicators:
            here = indicator_page(plan.id, indicator.id)
            pages[here] = indicator_template.render(
                plan=plan,
                indicator=indicator,
                here=here,
                chart=Markup(indicator_chart(indicator, f"chart-{indicator.id}")),
                measured=[g for g, _ in plan.walk_groups() if indicator.id in g.indicators],
            )
    nodes, edges = plan_graph(catalogue)
    pages[RELATIONS_PAGE] = env.get_template("relations.md.j2").render(
        here=RELATIONS_PAGE,
        nodes=nodes,
        edges=edges,
        # A diagram of a large site's every plan is too big to read or to download; the list stays.
        diagram=Markup(diagram(nodes, edges)) if not large else None,
        connected={e.source.key for e in edges} | {e.target.key for e in edges},
    )
    pages[INDICATORS_PAGE] = env.get_template("indicators.md.j2").render(catalogue=catalogue, here=INDICATORS_PAGE)
    index_template = env.get_template("parties.md.j2")

    def action_count(party: Party) -> int:
        return len({id(i.action) for i in directory.involvements[party.key] if i.action is not None})

    pages[WHO_PAGE] = index_template.render(
        here=WHO_PAGE,
        title="Who does what",
        lede="Every role, team, person and organisation the plans name, with the number of actions they take part in. Select one to see what they do, plan by plan.",
        groups=[(kind, [p for p in named if p.kind is kind]) for kind in (Kind.role, Kind.team, Kind.person, Kind.organisation)],
        action_count=action_count,
    )
    pages[AUDIENCES_PAGE] = index_template.render(
        here=AUDIENCES_PAGE,
        title="Who the plans are for",
        lede="Every audience the plans name: headteachers, governing bodies, schools... Select one to see what that reader should look at.",
        groups=[(Kind.audience, [p for p in named if p.kind is Kind.audience])],
        action_count=action_count,
    )
    rows = explorer_rows(catalogue, build_date)
    seen_terms = sorted({t for r in rows for t in r.terms}, key=lambda t: (int(t.split("-")[1]), ["spring", "summer", "autumn"].index(t.split("-")[0])))
    pages[EXPLORER_PAGE] = env.get_template("explorer.md.j2").render(
        catalogue=catalogue,
        here=EXPLORER_PAGE,
        rows=rows,
        data_file=EXPLORER_DATA,
        organisations=sorted({r.plan.organisation for r in rows}),
        parties=sorted({p for r in rows for p in r.parties}, key=lambda p: (p.name.casefold(), p.key)),
        audiences=sorted({p for r in rows for p in r.audiences}, key=lambda p: (p.name.casefold(), p.key)),
        terms=[(t, f"{t.split('-')[0].title()} term {t.split('-')[1]}") for t in seen_terms],
        explorer_limit=EXPLORER_LIMIT,
        whats_on_page=WHATS_ON_PAGE,
        data_page=DATA_PAGE,
    )
    pages[EXPLORER_DATA] = joined(explorer_chunks(rows, large, directory_urls), pack)
    del rows
    pages[HOW_TO_EDIT_PAGE] = env.get_template("how-to-edit.md.j2").render(here=HOW_TO_EDIT_PAGE, models=field_reference())
    pages[THEMES_PAGE] = env.get_template("themes.md.j2").render(catalogue=catalogue, here=THEMES_PAGE)
    pages[DATA_PAGE] = env.get_template("data.md.j2").render(
        catalogue=catalogue, here=DATA_PAGE, licence=settings.licence, csv_columns=CSV_COLUMNS
    )
    pages[ACCESSIBILITY_PAGE] = env.get_template("accessibility.md.j2").render(here=ACCESSIBILITY_PAGE, settings=settings)
    if settings.search == "pagefind":
        pages[SEARCH_PAGE] = env.get_template("search.md.j2").render(
            here=SEARCH_PAGE, base_url=settings.base_url, home_page=HOME_PAGE, explorer_page=EXPLORER_PAGE
        )
    pages[GLOSSARY_PAGE] = env.get_template("glossary.md.j2").render(
        catalogue=catalogue,
        here=GLOSSARY_PAGE,
        acronyms=sorted(catalogue.registry.acronyms, key=lambda a: (a.term.casefold(), a.term)),
    )
    if history is not None:
        pages.update(history_pages(env, catalogue, history))
    # Most addresses are asked for once (at 1,000 plans 130,000 of them, 50 MB): let them go.
    relative_url.cache_clear()
    page_url.cache_clear()
    return packed(pages)
