"""Every formatting decision the templates make, as named filters.

Plan text is data: it is HTML-escaped (or, for fields the schema calls Markdown,
rendered and then sanitised with nh3) and is never evaluated as a template.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import json
import re
import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import Any

import markdown as markdown_lib
import nh3
from jinja2 import (
    Environment,
    pass_context,
)
from markupsafe import Markup

from generator.model.assessment import Criterion, ItemProgress
from generator.model.fields import Month, slugify
from generator.model.plan import Action, Group, Plan
from generator.model.registry import Acronym
from generator.model.wording import GROUP_KIND_WORDS, group_heading, plain_text
from generator.render.wording import ACTION_COLUMNS, ACTION_DETAILS
from generator.resolve.catalogue import Catalogue
from generator.resolve.links import INLINE, Target, find_target
from generator.resolve.parties import (
    Part,
    Party,
)
from generator.resolve.progress import stated_state
from generator.resolve.reports import progress_anchor
from generator.resolve.timeline import Entry
from generator.site_map import (
    EXPLORER_PAGE,
    indicator_page,
    page_url,
    party_page,
    plan_page,
    relative_url,
)

SANITISE_TAGS = {
    "p",
    "br",
    "ul",
    "ol",
    "li",
    "em",
    "strong",
    "b",
    "i",
    "a",
    "code",
    "pre",
    "blockquote",
    "abbr",
    "h4",
    "h5",
    "h6",
    "hr",
    "sup",
    "sub",
    "del",
}
SANITISE_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "ol": {"type", "start"},
    "li": {"value"},
}
_MD_ESCAPE = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")


@dataclass
class Abbreviator:
    """Marks known acronyms in text as ``<abbr title="...">`` (never inside links, code or another abbr)."""

    acronyms: dict[str, str]

    def __post_init__(self) -> None:
        terms = sorted(self.acronyms, key=len, reverse=True)
        self.pattern = (
            re.compile(r"(?<![\w&/-])(" + "|".join(re.escape(t) for t in terms) + r")(s?)(?![\w-])") if terms else None
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
    return {a.term: a.expansion for a in acronyms if not a.expansion.lower().startswith("not expanded")}


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
            "capital",
        ):
            env.filters[name] = getattr(self, name)
        env.filters["markdown"] = self._markdown_filter
        env.filters["markdown_inline"] = self._markdown_inline
        env.tests["assessed"] = self.assessed
        env.tests["stated"] = lambda item: stated_state(item) is not None
        env.globals["latest_report"] = self.latest_report
        env.globals["reports_on_plan"] = self.reports_on_plan
        env.globals["ref_title"] = self.ref_title
        env.globals["criteria_columns"] = self.criteria_columns
        env.filters["unnamed_indicators"] = self.unnamed_indicators
        env.globals["progress_columns"] = self.progress_columns
        env.globals["progress_anchor"] = progress_anchor
        env.filters["theme_name"] = self.theme_name
        env.tests["has_details"] = self.has_details
        env.globals["url"] = self.url
        env.globals["ref_url"] = self.ref_url
        env.globals["party_url"] = self.party_url
        env.globals["organisation_url"] = self.organisation_url
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

    @pass_context
    def _markdown_inline(self, context: Any, value: str | None) -> Markup:
        """A Markdown field for a list item or a sentence: one paragraph loses its ``<p>``."""
        rendered = self._markdown_filter(context, value)
        inner = rendered[3:-4] if rendered.startswith("<p>") and rendered.endswith("</p>") else ""
        return Markup(inner) if inner and "<p>" not in inner else rendered

    # --- success criteria and monitoring reports (issue 18) ---------------------------

    @pass_context
    def latest_report(self, context: Any, item_id: str) -> Any:
        """The newest progress a monitoring report records on an item of the page's plan, or None."""
        plan = context.get("plan")
        return self.catalogue.reported.latest(plan.id, item_id) if plan is not None else None

    def reports_on_plan(self, plan: Plan) -> list[Plan]:
        """The monitoring reports on ``plan``, oldest first."""
        return self.catalogue.reported.reports.get(plan.id, [])

    def ref_title(self, ref: str) -> str:
        """What a checked reference (``plan-id#item-id``) names, in words; the reference itself if unknown."""
        target = self.catalogue.targets.get(ref)
        return target.title if target is not None else ref

    @staticmethod
    def criteria_columns(criteria: list[Criterion]) -> list[tuple[str, str]]:
        """The columns a table of success criteria needs besides the criterion itself: none
        when a list says it all (criteria with no timescale, indicator or progress)."""
        return [
            (name, title)
            for name, title in (("timescale", "Timescale"), ("status", "Progress"))
            if any(getattr(c, name) or (name == "status" and any(u.status for u in c.updates)) for c in criteria)
        ]

    @staticmethod
    def unnamed_indicators(criterion: Criterion) -> list[str]:
        """The indicators measuring a criterion that its words do not already link to (``[[#id|...]]``)."""
        return [
            i for i in criterion.indicators if f"[[#{i}]]" not in criterion.text and f"[[#{i}|" not in criterion.text
        ]

    @staticmethod
    def progress_columns(entries: list[ItemProgress]) -> list[tuple[str, str]]:
        """The columns a monitoring report's progress table needs besides the item and its date."""
        return [
            (name, title)
            for name, title in (
                ("status", "Status"),
                ("text", "Progress"),
                ("commentary", "Commentary"),
                ("evidence", "Evidence"),
            )
            if any(getattr(e, name) or (name == "status" and e.rag) for e in entries)
        ]

    @pass_context
    def assessed(self, context: Any, group: Group) -> bool:
        """Whether a group shows people, criteria, evaluation, findings or reported progress."""
        plan = context.get("plan")
        reported = plan is not None and self.catalogue.reported.latest(plan.id, group.id or "") is not None
        return bool(
            group.lead
            or group.partners
            or group.monitoring
            or group.success_criteria
            or group.evaluation
            or group.findings
            or group.progress
            or reported
        )

    plain = staticmethod(plain_text)

    @staticmethod
    def capital(value: str) -> str:
        """The first letter a capital, the rest as written: "action 1a) ..." → "Action 1a) ..."."""
        return value[:1].upper() + value[1:]

    @staticmethod
    def label(value: Enum | str) -> str:
        """An enum value as words: ``in-place`` → ``In place``."""
        raw = value.value if isinstance(value, Enum) else str(value)
        words = raw.replace("-", " ")
        return words[:1].upper() + words[1:]

    @staticmethod
    def date(value: dt.date | Month | None) -> str:
        """``2014-12-09`` → ``9 December 2014``; a month (``2004-07``) → ``July 2004``."""
        if isinstance(value, Month):
            return str(value)
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
        return Markup('<a href="{0}">{1}</a>').format(self.url(party_page(party), here), mention.text)

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

    def organisation_url(self, org_id: str, here: str) -> str:
        """The page of an organisation, or "" when it has none."""
        directory = self.catalogue.directory
        party = directory.parties.get(f"organisation:{org_id}")
        return self.url(party_page(party), here) if party is not None and directory.published(party) else ""

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
            return Markup('{0} <span class="ps-dates">(no end date)</span>').format(text)
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
        assert target.plan is not None  # every other kind of target is in a plan
        if target.kind == "indicator":
            return self.url(indicator_page(target.plan.id, target.anchor or ""), here)
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
