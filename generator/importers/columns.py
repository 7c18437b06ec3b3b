"""What a table's columns hold, from their headings and from their cells.

A heading names a field ("Lead Person/s" → responsible, "Date By" → timescale); when it
does not, or a column has none, the cells say: a column of labels (1.1, 2a, a), NI 94),
of dates and terms ("By July 2005", "Autumn 2003", "2004/05", "Ongoing"), of names and
roles, of money. Every decision keeps its reason, for the import report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# --- labels -----------------------------------------------------------------

_LABEL_CORE = (
    r"(?:"
    r"\d{1,3}(?:\.\d{1,3}){0,3}[a-z]?"  # 1, 1.1, 5.3, 2a, 1.2.3
    r"|[a-z]|[ivx]{1,5}|[A-Z]"  # a, ii, B
    r"|[A-Z]{1,4}\s?\d{1,3}(?:\.\d{1,3})?[a-z]?"  # NI 94, KPI17, SO1, A1, R2.1
    r")"
)
LABEL = re.compile(
    rf"^(?:\(?{_LABEL_CORE}\)|{_LABEL_CORE}[.:]?)"
    rf"(?:\s*(?:&|and|,)\s*\(?{_LABEL_CORE}\)?)*$"  # "1.4 & 3.4"
)
"""A cell that is only a label, as printed."""

_LEAD_LABEL = re.compile(
    r"^\s*(?P<label>"
    r"\d{1,3}(?:\.\d{1,3}){0,3}[a-z]?\s*(?:&|and|,)\s*\d{1,3}(?:\.\d{1,3}){0,3}[a-z]?(?:\s*(?:&|and|,)\s*\d{1,3}(?:\.\d{1,3}){0,3}[a-z]?)*"  # 1.4 & 3.4
    r"|\d{1,3}(?:\.\d{1,3}){1,3}\.(?=[A-Z])"  # 1.1.All (no space after the label)
    r"|"
    r"\(?\d{1,3}(?:\.\d{1,3}){0,3}[a-z]?\)"  # 1) 3a) (2)
    r"|\d{1,3}(?:\.\d{1,3}){1,3}[a-z]?\.?"  # 1.1 5.3.2
    r"|\d{1,3}[a-z]?\."  # 1. 2a.
    r"|\d{1,3}[a-z](?=\s)"  # 2a
    r"|\(?[a-z]\)|[a-z]\."  # a) (b) c.
    r"|\(?[ivx]{1,5}\)|[ivx]{1,5}\."  # (ii) iv)  iii.
    r"|[A-Z]{1,4}\s?\d{1,3}(?:\.\d{1,3})?[a-z]?(?=[\s:.–-])"  # NI 94, SO1, KPI17
    r")[\s:.\u2013\u2014-]*?(?:\s+|(?<=\.)(?=[A-Z]))(?P<rest>\S.*)$",
    re.S,
)
_NOT_LABEL_WORDS = re.compile(r"^(?:[A-Z]{1,4}\s?\d{1,3})\s+(?:pupils|schools|children|per|days|hours|%)", re.I)


def is_label(text: str) -> bool:
    text = text.strip()
    return bool(text) and len(text) <= 16 and bool(LABEL.match(text))


def split_label(text: str) -> tuple[str, str] | None:
    """("1.1", "All Service Plans…") for a cell or line that starts with a label; None if it does not.

    A number that starts a sentence ("2 schools will…", "2004 results") is not a label:
    a bare number must carry a point, a bracket or a letter, and the words after it must
    start with a capital, a quotation mark or a bracket."""
    match = _LEAD_LABEL.match(text)
    if not match:
        return None
    label, rest = match.group("label").strip().rstrip(".:"), match.group("rest").strip()
    bracketed = label.endswith(")")
    if not rest or not (rest[0].isupper() or rest[0] in "\"'‘“(£" or bracketed and rest[0].isalpha()):
        return None
    if re.fullmatch(r"\d{4}\.?", label) or _NOT_LABEL_WORDS.match(text.strip()):
        return None  # a year, or "NI 94 pupils": words, not a label
    if re.fullmatch(r"[A-Z]\.", label) and len(rest.split()) < 2:
        return None
    if re.fullmatch(r"[ivx]{1,5}\.", label) and label not in (
        "i.",
        "ii.",
        "iii.",
        "iv.",
        "v.",
        "vi.",
        "vii.",
        "viii.",
        "ix.",
        "x.",
    ):
        return None
    return label, rest


_GROUP_WORDS = (
    r"key issues?(?: for action)?|recommendations?|priority|priorities|objectives?|aims?|areas? for (?:development|improvement)|"
    r"targets?|strands?|themes?|outcomes?|goals?|workstreams?|key (?:area|driver)s?"
)
_GROUP_LINE = re.compile(
    rf"^(?P<label>(?:{_GROUP_WORDS})\s+\(?(?:[0-9]{{1,3}}(?:\.[0-9]{{1,2}})?[a-z]?|[A-Z]{{1,2}}[0-9]{{1,2}}|[A-Z]|[ivx]{{1,4}})\)?)"
    r"(?:\s*[:.)\u2013\u2014-]\s*|\s+(?=[A-Z\"'‘“(])|\s*$)(?P<rest>\S.*)?$",
    re.I | re.S,
)
"""A line that opens a group by naming it: "Key Issue 1: To improve…", "Recommendation 3 – Share data", "Priority 2"."""


def split_group_line(text: str) -> tuple[str, str] | None:
    """("Key Issue 1", "To improve…") for a line that names a group and its number; None if it does not."""
    match = _GROUP_LINE.match(text.strip())
    if not match:
        return None
    return match.group("label").strip(), (match.group("rest") or "").strip()


def heading_like(text: str) -> bool:
    """A line set apart in bold that is a heading: one that names a group ("Key Issue 1: …"),
    or a short one that is not a sentence and not "Name: value"."""
    if split_group_line(text):
        return True
    return words(text) <= 12 and not text.rstrip().endswith((".", ",", ";")) and not re.search(r":\s+\S", text)


# --- dates, terms and timescales -------------------------------------------

_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_SEASON = r"(?:spring|summer|autumn|winter|michaelmas|lent|easter)"
_YEAR = r"(?:(?:19|20)\d{2}(?:\s?[/–-]\s?(?:(?:19|20)?\d{2}))?|'\d{2}|\d{2}/\d{2})"
_DATE_TOKEN = re.compile(
    rf"\b(?:{_MONTH}|{_SEASON}|{_YEAR}|\d{{1,2}}(?:st|nd|rd|th)?"
    r"|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}"
    r"|q[1-4]|quarter(?:ly)?|term(?:ly|s)?|half[- ]term(?:ly)?|annual(?:ly)?|monthly|weekly|yearly|daily|fortnightly|biannual(?:ly)?|bi-annual(?:ly)?"
    r"|ongoing|on-going|continuing|continuous|immediate(?:ly)?|complete[d]?|in place|end|start|beginning|mid|early|late|by|from|to|until|and|then|onwards|every|each|date|academic|financial|year|years|month|months|week|weeks|of|the|in|before|after|during|first|second|third|fourth|last|next|sept)\b",
    re.I,
)
_DATE_ANCHOR = re.compile(
    rf"\b(?:{_MONTH}|{_SEASON}|{_YEAR}|\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}|q[1-4]|quarterly|termly|annually|monthly|weekly|ongoing|on-going|continuing|immediate(?:ly)?|completed?|half[- ]termly)\b",
    re.I,
)


def is_date(text: str) -> bool:
    """A cell that says when ("Date by March 2002", "Autumn 2003", "2004/05", "Ongoing", "15/10/14")."""
    text = text.strip()
    if not text or len(text) > 120 or not _DATE_ANCHOR.search(text):
        return False
    words = re.findall(r"[A-Za-z0-9'/.–-]+", text)
    if not words:
        return False
    dated = sum(1 for w in words if _DATE_TOKEN.fullmatch(w.strip(".,;:()")) or re.fullmatch(r"[\d/.–-]+", w))
    return dated / len(words) >= 0.6


_TRAILING_DATE = re.compile(
    rf"(?:^|\s|[.;,–-]\s*)(?P<date>(?:(?:target\s+)?date\s+by|by|deadline:?|timescale:?|target date:?|date:?|due:?|completion:?)\s+"
    rf"(?:(?:the\s+)?(?:end|start|beginning|middle)\s+of\s+)?(?:{_SEASON}\s+(?:term\s+)?|{_MONTH}\s+|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\s+)?{_YEAR})\.?\s*$",
    re.I,
)


def date_line(text: str) -> bool:
    """A line that is only a date or term, from its first word ("By July 2005", "Autumn 2003")."""
    first = text.strip().split(" ", 1)[0].strip(".,;:()") if text.strip() else ""
    if re.match(r"(?i)complete[ds]?\b|in place\b", text.strip()) and not _ABSOLUTE.search(text):
        return False  # "completed by…": words carried on, not a date
    if re.search(r"(?i)\b(?:and|or|to|of|the|in|for|with|by|a|an|on|at|from)$", text.strip()):
        return False  # "in the spring and the": a sentence going on over a line, not a date
    return is_date(text) and len(text) <= 60 and bool(_DATE_TOKEN.fullmatch(first) or re.fullmatch(r"[\d/.–-]+", first))


def trailing_date(text: str) -> tuple[str, str] | None:
    """("words", "By July 2005") for text that ends with a deadline; None if it does not."""
    lines = text.rstrip().split("\n")
    if len(lines) > 1 and date_line(lines[-1]):
        return "\n".join(lines[:-1]).rstrip(), lines[-1].strip()
    match = _TRAILING_DATE.search(text)
    if match and match.start("date") > 0:
        return text[: match.start("date")].rstrip(" ;,–-"), match.group("date").strip().rstrip(".")
    return None


_NUMBER_WORD = re.compile(r"(?:one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})", re.I)
_ABSOLUTE = re.compile(rf"\b(?:{_MONTH}|{_SEASON}|{_YEAR}|q[1-4])\b", re.I)
_FILLER = {"and", "of", "the", "in", "then", "each", "every", "date", "end", "start", "mid", "early", "late"}


def date_phrase(text: str) -> str | None:
    """The date a heading gives ("Key Indicators year one 2004/05" → "year one 2004/05",
    "Year 1 Actions - (by March 2005)" → "by March 2005", "Year 2" → "Year 2"); None if it gives none.

    A run of date words with a year, month, season or quarter in it is preferred to "Year 1" alone."""
    tokens = [(m.start(), m.end(), m.group().strip(".,;:()[]")) for m in re.finditer(r"\S+", text)]
    runs: list[list[tuple[int, int, str]]] = []
    for token in tokens:
        word = token[2]
        dated = bool(word) and all(
            _DATE_TOKEN.fullmatch(part) or re.fullmatch(r"[\d/.–-]+", part) or _NUMBER_WORD.fullmatch(part)
            for part in (re.split(r"(?<=[A-Za-z])[–-](?=[A-Za-z])", word))  # "Jan-Mar"
        )
        if dated and runs and runs[-1] and runs[-1][-1] is tokens[tokens.index(token) - 1]:
            runs[-1].append(token)
        elif dated:
            runs.append([token])
    found = []
    for run in runs:
        while run and run[-1][2].lower() in _FILLER | {"to", "by", "from", "until"}:
            run = run[:-1]
        while run and run[0][2].lower() in _FILLER:
            run = run[1:]
        phrase = text[run[0][0] : run[-1][1]].strip(" .,;:()[]–-") if run else ""
        words_ = phrase.lower().split()
        relative = len(words_) >= 2 and words_[0] in ("year", "years", "term", "phase", "stage") or "year" in words_[1:]
        if phrase and (_ABSOLUTE.search(phrase) or relative and _NUMBER_WORD.search(phrase)):
            found.append(phrase)
    absolute = [p for p in found if _ABSOLUTE.search(p)]
    pool = absolute or found
    return pool[0] if pool else None


# --- names and roles, money, status -----------------------------------------

_ROLE_WORDS = re.compile(
    r"\b(?:head|heads|headteachers?|head teachers?|officers?|manager|managers|director|directors|adviser|advisers|advisor|advisors|"
    r"team|teams|coordinator|co-ordinator|senco|lead|leads|leader|leaders|principal|chair|chairs|panel|committee|group|"
    r"service|services|council|cllr|councillor|members?|governors?|governing body|board|staff|consultants?|partnership|"
    r"inspector|hmi|ofsted|dfes|dfe|lea|la|lsc|pct|nhs|trust|school improvement|education|executive|"
    r"secretary|clerk|chief|assistant|deputy|portfolio holder|cabinet|forum|network|partners|unit|psychologist|ewo|sio|sip|eia|"
    r"mr|mrs|ms|dr|miss)\b",
    re.I,
)
_SENTENCE_WORDS = re.compile(
    r"\b(?:will|to|should|must|ensure|develop|provide|review|improve|increase|identify|establish|all|by|through|with|which|that|is|are|have|has)\b",
    re.I,
)
_MONEY = re.compile(
    r"£\s?\d|\b\d[\d,.]*\s?(?:k|m|million|thousand)\b|\bn/?a\b|\bnil\b|\bnone\b|within (?:existing )?(?:budget|resources)|\bno (?:additional )?cost\b|\bstaff time\b",
    re.I,
)
_STATUS = re.compile(
    r"^(?:red|amber|green|r|a|g|rag|complete[d]?|achieved|not achieved|on (?:target|track)|behind|in progress|ongoing|not started|started|done|met|not met|partially met|delayed)\b",
    re.I,
)


def is_person(text: str, strict: bool = False) -> bool:
    """A cell that names people, roles or bodies, one or a few a line ("Head of School Improvement", "AD Learning & Skills").

    ``strict`` (a column with no heading to say so): a role's words, or a name of two words or more;
    one capitalised word or code ("Finance", "CRP") could as well be an area or a committee."""
    text = text.strip()
    if not text or len(text) > 160 or is_date(text):
        return False
    lines = [line for line in re.split(r"[\n;]", text) if line.strip()]
    for line in lines:
        words = line.split()
        if len(words) > 10:
            return False
        if len(_SENTENCE_WORDS.findall(line)) > 1:
            return False
    if _ROLE_WORDS.search(text):
        return True
    # names and acronyms: every word capitalised ("Julie Cordiner", "EMTAS / SIO")
    words = re.findall(r"[A-Za-z][\w'’-]*", text)
    if strict and not any(len(re.findall(r"[A-Za-z][\w'’-]*", line)) >= 2 for line in lines):
        return False
    return (
        bool(words)
        and len(words) <= 12
        and all(w[0].isupper() or w.lower() in ("and", "of", "the", "for", "&") for w in words)
    )


def is_money(text: str) -> bool:
    text = text.strip()
    return bool(text) and len(text) <= 120 and bool(_MONEY.search(text)) and ("£" in text or len(text.split()) <= 6)


def is_status(text: str) -> bool:
    text = text.strip()
    return bool(text) and len(text) <= 40 and bool(_STATUS.match(text))


_STATES = (
    (r"complete[d]?|achieved|done|met|finished|closed", "complete"),
    (r"on-?going|continuing|continuous", "ongoing"),
    (r"in progress|started|under ?way|on (?:track|target|schedule)", "in-progress"),
    (r"not (?:yet )?started|not begun|to start", "not-started"),
    (r"in place|embedded", "in-place"),
    (r"dropped|withdrawn|cancelled|canceled|no longer required", "dropped"),
)


def state_of(text: str) -> str | None:
    """The shared state a status cell names ("Complete", "On track" → in-progress); None if it names none."""
    cell = " ".join(text.split()).strip(" .").lower()
    for pattern, state in _STATES:
        if re.fullmatch(pattern, cell):
            return state
    return None


def words(text: str) -> int:
    return len(text.split())


# --- headings ---------------------------------------------------------------

ROLES = (
    "label",
    "group",
    "text",
    "responsible",
    "partners",
    "audience",
    "monitoring",
    "timescale",
    "budget",
    "success_measures",
    "progress",
    "criteria",
)

_HEADING_WORDS: tuple[tuple[str, str], ...] = (
    # (pattern, role); in a heading, the pattern found first (leftmost) names the column
    (
        r"^(?:no\.?|nos\.?|number|ref\.?|reference|ref(?:erence)? no\.?|#|item|code|id|para(?:graph)?\.?|label|link|pi)$",
        "label",
    ),
    (
        r"action lead|lead (?:person|officer|organisation|organization|partner|agency|member|body|responsibility|role)s?(?:/s)?|responsib|accountab|by whom|^who\b|^lead\b|lead$|owner|person|officer|champion",
        "responsible",
    ),
    (r"partner|support(?:ed)? by|contributor|in conjunction|with whom|involv", "partners"),
    (r"audience|target group|target audience|for whom|who for|beneficiar|client group", "audience"),
    (
        r"monitor|evaluat|review(?:ed)? by|reporting|reports? to|quality assur|scrutin|accountable body|governance",
        "monitoring",
    ),
    (
        r"timing|timescale|time scale|time-scale|timeline|time frame|timeframe|^when|by when|date|deadline|completion|\bterm\b|quarter|^q[1-4]?$|milestone date|target date|\bdue\b|period|\byear\b",
        "timescale",
    ),
    (r"budget|cost|resource|funding|finance|£|money|spend", "budget"),
    (
        r"overarching success criteria|success criteria|success measure|criteria|performance indicator|measure|outcome|impact|evidence|target|result|milestone|output|indicator|kpi|how will we know",
        "success_measures",
    ),
    (r"progress|status|rag|update|comment|position|achieved|current|risk|notes?$|remarks", "progress"),
    (
        r"action|activit|task|what will|what we will|step|intervention|strateg|proposal|how\b|initiative|work ?stream|description|detail",
        "text",
    ),
    (
        r"recommendation|objective|priority|priorities|key issue|issue|aim|goal|area for|areas for|theme|weakness|finding|key area|focus|outcome area|standard",
        "group",
    ),
)
_HEADINGS = [(re.compile(p, re.I), role) for p, role in _HEADING_WORDS]
_HEADING_HINT = re.compile("|".join(p for p, _ in _HEADING_WORDS) + r"|what|how|why|where|who", re.I)


def heading_role(heading: str) -> str | None:
    """The field a column heading names, or None. The earliest mention wins:
    "Lead Person/s" is responsible, "Monitoring: how/when/by whom?" is monitoring."""
    heading = " ".join(heading.split()).strip(" :")
    if not heading:
        return None
    found: list[tuple[int, int, str]] = []
    for order, (pattern, role) in enumerate(_HEADINGS):
        match = pattern.search(heading)
        if match:
            found.append((match.start(), order, role))
    if not found:
        return None
    found.sort()
    role = found[0][2]
    if re.search(
        r"\bactions?\s+(?:taken|to date|completed|achieved|so far)|\bwhat (?:has|we have) (?:been )?done|\bdone so far",
        heading,
        re.I,
    ):
        return "progress"  # "Action taken", "Actions to date": what was done, not what will be
    if re.search(
        r"recommendation|key issue|objective|priorit|area for (?:development|improvement)", heading, re.I
    ) and not re.search(r"action|activit|task|\bno\b|number|ref", heading, re.I):
        return "group"  # "Scrutiny recommendation", "Strategic Priority"
    if re.search(
        r"\b(?:lead|leads|owner|officer|responsible)\s*(?:person|officer)?(?:/s|\(s\))?$", heading, re.I
    ) and role not in ("label",):
        return "responsible"  # "Indicator Lead", "Management Group Lead"
    if (
        role == "success_measures"
        and re.search(r"overarching|success criteria", heading, re.I)
        and not re.search(r"action", heading, re.I)
    ):
        return "success_measures"
    return role


def looks_like_heading(text: str) -> bool:
    """A cell that reads as a column heading: short, no sentence, and a heading's words."""
    text = " ".join(text.split())
    if not text or len(text) > 70 or is_label(text):
        return False
    if re.search(r"[.;]\s+[A-Z]", text) or words(text) > 9:
        return False
    return bool(_HEADING_HINT.search(text)) and not is_date(text)


@dataclass
class Column:
    index: int
    role: str | None
    reason: str
    heading: str = ""

    def describe(self) -> str:
        name = f'"{self.heading}"' if self.heading else "(no heading)"
        taken = self.role if self.role else "commentary (no field fits)"
        return f"column {self.index + 1} {name}: {taken}, from {self.reason}"


def content_kind(cells: list[str]) -> tuple[str | None, str]:
    """The field a column's cells show, with the share that showed it, or (None, "")."""
    filled = [c for c in cells if c.strip()]
    if not filled:
        return None, ""
    n = len(filled)

    def share(test) -> float:
        return sum(1 for c in filled if test(c)) / n

    for role, test, need in (
        ("label", is_label, 0.7),
        ("timescale", is_date, 0.6),
        ("budget", lambda c: "£" in c or is_money(c), 0.6),
        ("progress", is_status, 0.7),
        ("responsible", lambda c: is_person(c, strict=True), 0.7),
    ):
        if role in ("responsible", "progress") and n < 2:
            continue  # one short cell says too little
        found = share(test)
        if found >= need:
            return role, f"{round(found * 100)}% of its {n} cell(s) look like {_KIND_WORDS[role]}"
    return None, ""


_FITS = {
    "label": is_label,
    "timescale": is_date,
    "budget": lambda c: "£" in c or is_money(c),
    "progress": is_status,
    "responsible": is_person,
}


def fits(role: str, cells: list[str], need: float = 0.5) -> bool:
    """Whether at least ``need`` of the filled cells look like ``role`` (for roles the cells can show)."""
    test = _FITS.get(role)
    filled = [c for c in cells if c.strip()]
    if test is None or not filled:
        return False
    return len([c for c in filled if test(c)]) / len(filled) >= need


_KIND_WORDS = {
    "label": "labels (1.1, 2a, a))",
    "timescale": "dates or terms",
    "budget": "money",
    "progress": "statuses",
    "responsible": "names or roles",
}
