"""A synthetic corpus of plans for the benchmark: N plans × M actions, deterministic from a seed.

``write_corpus(dest, plans, actions, seed)`` writes

- ``dest/plans/*.yml``: plans with groups and sub-groups, realistic action text of varied
  length, owners, partners and audiences named as printed (resolved by the registry's
  names and aliases), timescales in every form ``generator.timescales`` reads (and some
  it keeps undated), indicators with baselines, targets and actuals, milestones, statuses
  and updates, risks, dependencies, narrative sections, timeline periods, and links
  (``ref:`` and inline ``[[...]]``) between plans;
- ``dest/plans/registry/*.yml``: organisations, teams, roles, people, audiences,
  acronyms, external plans and themes for them;
- ``dest/mkdocs.yml``: the project's mkdocs.yml pointed at the corpus, with the
  project's own ``docs/`` copied and its ``overrides/`` used in place.

Same arguments → byte-identical files. The size of an action (≈ 530 bytes of YAML on
average) follows the issue's reference corpus: 1,000 plans × 100 actions = 53 MB.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
from pathlib import Path
from typing import Any

import yaml

PROJECT = Path(__file__).resolve().parents[1]
PLAN_HEADER = "# yaml-language-server: $schema=../schema/plan.schema.json\n"
REGISTRY_HEADER = "# yaml-language-server: $schema=../../schema/registry.schema.json\n"

# --- vocabulary ------------------------------------------------------------------

PLACE_STARTS = (
    "Ash",
    "Brook",
    "Castle",
    "Dun",
    "East",
    "Fair",
    "Glen",
    "Hart",
    "Kings",
    "Lang",
    "Mill",
    "North",
    "Oak",
    "Red",
    "Stan",
    "West",
    "Wood",
    "Ald",
    "Bram",
    "Thorn",
)
PLACE_ENDS = ("bury", "field", "ford", "ham", "ley", "mouth", "shire", "ton", "wick", "worth")
ORG_KINDS = (
    ("County Council", "local authority"),
    ("Borough Council", "local authority"),
    ("City Council", "local authority"),
    ("Schools Trust", "multi-academy trust"),
)
NATIONAL_ORGS = (
    ("ofsted", "Ofsted", "inspectorate", ["OFSTED"]),
    ("national-strategies", "National Strategies", "national programme", ["National Strategy"]),
    ("department-for-education", "Department for Education", "government department", ["DfE"]),
    ("local-schools-forum", "Local Schools Forum", "forum", []),
    ("diocesan-board-of-education", "Diocesan Board of Education", "diocese", ["Diocese"]),
)
ROLES = (
    ("Head of School Improvement", ["Head of school improvement", "HSI"]),
    ("Principal Adviser", ["Principal Advisor"]),
    ("Senior Adviser (Secondary Performance)", ["Senior Adviser - Secondary Performance"]),
    ("Senior Adviser (Primary)", ["Senior adviser (Primary)"]),
    ("Senior Adviser (ICT)", ["Senior Adviser I/C ICT"]),
    ("School Improvement Officer", ["SIO", "School Improvement Officers"]),
    ("Head of Governor Development", []),
    ("Education Welfare Officer", ["EWO", "EWOs"]),
    ("Head of SEN and Inclusion", ["Head of SEN"]),
    ("Head of Management Information", ["Head of MIAS"]),
    ("Assistant Director Learning and Skills", ["AD Learning and Skills"]),
    ("Virtual School Headteacher", ["Virtual School Head"]),
    ("Early Years Consultant", ["EY Consultant"]),
    ("Attendance Lead", []),
    ("Key Stage 3 Strategy Manager", ["KS3 Strategy Manager"]),
)
TEAMS = (
    ("School Improvement Team", ["SIT"]),
    ("Governor Services", ["Governor Support Service"]),
    ("Education Welfare Service", []),
    ("Children and Learning Scrutiny Panel", ["the scrutiny panel"]),
    ("School Standards Monitoring Group", ["SSMG"]),
    ("Education Performance Board", []),
    ("Admissions and Transport Service", []),
    ("Ethnic Minority Achievement Service", ["EMAS"]),
)
AUDIENCES = (
    ("All schools", ["all schools"]),
    ("Headteachers", ["Head teachers", "headteachers"]),
    ("Deputy headteachers", ["Deputy head teachers"]),
    ("Governors", ["governing bodies"]),
    ("Chairs of governors", []),
    ("SENCOs", ["SENCO"]),
    ("Subject leaders", ["subject leaders"]),
    ("Middle leaders", ["middle managers"]),
    ("Newly qualified teachers", ["NQTs"]),
    ("Teaching assistants", []),
    ("Parents and carers", ["parents"]),
    ("Pupils", ["pupils", "children and young people"]),
    ("Elected members", ["councillors"]),
    ("Primary schools", []),
    ("Secondary schools", []),
    ("Special schools", []),
    ("Early years settings", []),
    ("School business managers", []),
    ("Advisory staff", []),
    ("Looked after children", ["children in care"]),
)
FIRST_NAMES = (
    "Alison",
    "Ben",
    "Carol",
    "David",
    "Elaine",
    "Farid",
    "Grace",
    "Hassan",
    "Irene",
    "James",
    "Kiran",
    "Linda",
    "Martin",
    "Nadia",
    "Owen",
    "Priya",
    "Ruth",
    "Simon",
    "Tariq",
    "Yvonne",
)
LAST_NAMES = (
    "Ahmed",
    "Barker",
    "Clarke",
    "Dawson",
    "Evans",
    "Fletcher",
    "Gill",
    "Hughes",
    "Iqbal",
    "Jones",
    "Khan",
    "Lewis",
    "Morgan",
    "Nolan",
    "O'Brien",
    "Patel",
    "Reid",
    "Shaw",
    "Turner",
    "Walsh",
)
ACRONYMS = (
    ("CPD", "Continuing Professional Development"),
    ("SENCO", "Special Educational Needs Co-ordinator"),
    ("SEF", "Self-Evaluation Form"),
    ("SIP", "School Improvement Partner"),
    ("EAL", "English as an Additional Language"),
    ("KS2", "Key Stage 2"),
    ("KS3", "Key Stage 3"),
    ("NQT", "Newly Qualified Teacher"),
    ("LA", "Local Authority"),
    ("ICT", "Information and Communication Technology"),
    ("FSM", "Free School Meals"),
    ("AfL", "Assessment for Learning"),
    ("APP", "Assessing Pupils' Progress"),
    ("SSRE", "School Self-Review and Evaluation"),
    ("EMAS", "Ethnic Minority Achievement Service"),
    ("EWO", "Education Welfare Officer"),
    ("SSMG", "School Standards Monitoring Group"),
    ("MIAS", "Management Information and Analytical Services"),
    ("HSI", "Head of School Improvement"),
    ("SIO", "School Improvement Officer"),
    ("NEET", "Not in Education, Employment or Training"),
    ("PRU", "Pupil Referral Unit"),
    ("EYFS", "Early Years Foundation Stage"),
    ("DfE", "Department for Education"),
)
THEMES = (
    ("attainment", "Pupil progress and attainment"),
    ("behaviour", "Behaviour and attendance"),
    ("cpd", "Professional development"),
    ("data", "Data and performance information"),
    ("equalities", "Equalities"),
    ("governance", "Governance"),
    ("ict", "ICT"),
    ("leadership", "Leadership and management"),
    ("recruitment", "Recruitment"),
    ("safeguarding", "Safeguarding"),
    ("school-improvement", "School improvement"),
    ("sen", "SEN and inclusion"),
    ("early-years", "Early years"),
    ("transition", "Transition between phases"),
)
PLAN_TITLES = (
    ("action-plan", "Post-Inspection Action Plan"),
    ("development-plan", "Education Development Plan"),
    ("delivery-plan", "Local Area Agreement Delivery Plan"),
    ("scrutiny-response", "School Improvement Scrutiny Action Plan"),
    ("strategy", "Raising Attainment Strategy"),
    ("proposal", "School Improvement Model Proposals"),
    ("action-plan", "Attendance Improvement Action Plan"),
    ("development-plan", "SEN and Inclusion Development Plan"),
)
GROUP_KINDS = ("priority", "strategic-priority", "recommendation", "objective", "theme", "workstream")
SUB_KINDS = ("activity", "objective", "section")
VERBS = (
    "Develop",
    "Implement",
    "Review",
    "Extend",
    "Embed",
    "Monitor",
    "Establish",
    "Provide",
    "Publish",
    "Evaluate",
    "Strengthen",
    "Agree",
    "Audit",
    "Broker",
    "Commission",
    "Train",
    "Support",
    "Improve",
    "Promote",
    "Co-ordinate",
    "Refresh",
    "Pilot",
)
OBJECTS = (
    "the school self-evaluation framework (SEF)",
    "termly link adviser visits to every school",
    "a protocol for sharing pupil data between phases",
    "induction training for new governors",
    "the authority's attendance strategy",
    "CPD for middle leaders in primary and secondary schools",
    "moderation of teacher assessment at KS2",
    "support for schools causing concern",
    "a traded service offer for school business managers",
    "the Key Stage 3 strategy in English and mathematics",
    "provision for pupils with EAL",
    "networks for SENCOs and inclusion managers",
    "the use of ICT to track pupil progress",
    "guidance on target setting for headteachers",
    "a programme of leadership development for deputy headteachers",
    "transition arrangements from Year 6 to Year 7",
    "safer recruitment training for governing bodies",
    "the annual review of school performance data",
    "outreach from special schools to mainstream schools",
    "early years provision in children's centres",
    "support for looked after children through the virtual school",
    "partnership work with the Diocesan Board of Education",
)
PURPOSES = (
    "so that every school has an accurate view of its strengths and weaknesses",
    "to raise attainment of pupils eligible for FSM",
    "in order to reduce persistent absence in secondary schools",
    "focusing on schools below the floor targets",
    "with particular attention to vulnerable groups of pupils",
    "so that good practice is shared between schools",
    "to secure consistently good teaching and learning",
    "to narrow the gap between the lowest achieving pupils and their peers",
    "building on the findings of the last Ofsted inspection",
    "in partnership with the National Strategies",
    "to ensure governors can challenge and support their schools effectively",
    "so that NEET figures fall year on year",
)
EXTRAS = (
    "This includes training for headteachers and governors.",
    "Progress will be reported to elected members each term.",
    "Schools will be consulted through the headteachers' forum before the change is made.",
    "The work builds on the pilot carried out with a group of primary schools last year.",
    "Funding is drawn from the school improvement grant.",
    "Particular attention will be paid to schools in the Ofsted category of concern.",
    "Materials will be published on the LA's Best Practice web-site.",
    "An evaluation will be shared with the School Standards Monitoring Group.",
)
MEASURES = (
    "All schools have an effective process of self-review and evaluation",
    "Increase the proportion of schools judged good or better by 10% annually",
    "Persistent absence falls below the national average",
    "Every governing body has completed safer recruitment training",
    "Proportion of pupils achieving L4+ at KS2 rises faster than statistical neighbours",
    "No school remains in special measures for more than 18 months",
    "Attendance at CPD events is monitored and reported termly",
    "The gap between FSM pupils and their peers narrows",
    "Schools report improved confidence in using performance data",
)
MONITORING = (
    "Termly report by {by} to {to}",
    "Annual review by {by}, reported to {to}",
    "Half-termly monitoring by {by} through link visits; report to {to}",
    "Progress reviewed by {by} at each meeting of {to}",
)
RISKS = (
    ("Reduction in grant funding limits the support available to schools", "High", "Medium"),
    ("Recruitment difficulties leave adviser posts vacant", "Medium", "High"),
    ("Schools do not take up the training offered", "Medium", "Low"),
    ("Changes in national policy alter the priorities of the plan", "Low", "Medium"),
)
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
SHORT_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec")
TERMS = ("Autumn", "Spring", "Summer")
STATES = ("not-started", "in-progress", "in-place", "complete", "ongoing", "dropped")


def slug(text: str) -> str:
    out = "".join(c if c.isalnum() else "-" for c in text.lower())
    return "-".join(part for part in out.split("-") if part)


# --- timescales --------------------------------------------------------------------


def _yy(year: int) -> str:
    return f"{year % 100:02d}"


def _pair(year: int) -> str:
    return f"{year}/{_yy(year + 1)}"


def _day(rng: random.Random, year: int) -> dt.date:
    return dt.date(year, rng.randint(1, 12), rng.randint(1, 28))


def _numeric(d: dt.date) -> str:
    return f"{d.day}/{d.month}/{_yy(d.year)}"


TIMESCALES = (
    # exact days
    lambda r, y: _numeric(_day(r, y)),
    lambda r, y: _day(r, y).strftime("%d/%m/%Y"),
    lambda r, y: (lambda d: f"{d.day} {MONTHS[d.month - 1]} {d.year}")(_day(r, y)),
    lambda r, y: _day(r, y).isoformat(),
    lambda r, y: " ".join(_numeric(d) for d in sorted(_day(r, y) for _ in range(3))),
    # months
    lambda r, y: f"{r.choice(MONTHS)} {y}",
    lambda r, y: f"{r.choice(SHORT_MONTHS)} {y}",
    lambda r, y: f"{r.randint(1, 12):02d}/{_yy(y)}",
    # terms and half terms
    lambda r, y: f"{r.choice(TERMS)} {y}",
    lambda r, y: f"{r.choice(TERMS)} Term {y}",
    lambda r, y: f"First half term {r.choice(TERMS)} {y}",
    lambda r, y: f"second half of the {r.choice(TERMS).lower()} term {y}",
    lambda r, y: f"{r.choice(TERMS)} {r.randint(1, 2)} {y}",
    # academic and financial years, quarters, years
    lambda r, y: _pair(y),
    lambda r, y: f"Implement {_yy(y)}-{_yy(y + 1)} academic year.",
    lambda r, y: f"academic year {y}-{_yy(y + 1)}",
    lambda r, y: f"financial year {_pair(y)}",
    lambda r, y: f"{y}-{_yy(y + 1)} financial year",
    lambda r, y: f"Q{r.randint(1, 4)} {y}",
    lambda r, y: f"Q{r.randint(1, 4)} {_pair(y)}",
    lambda r, y: f"{y}",
    lambda r, y: f"{y}-{y + r.randint(2, 5)}",
    lambda r, y: f"{y}-{_yy(y + 3)}",
    # ranges, open starts and ends
    lambda r, y: f"{r.choice(MONTHS[:6])} {y} – {r.choice(MONTHS[6:])} {y + 1}",
    lambda r, y: f"September {y} to July {y + 1}",
    lambda r, y: f"between January {y} and March {y}",
    lambda r, y: f"From {r.choice(MONTHS)} {y}",
    lambda r, y: f"Start date – {r.choice(MONTHS)} {y}",
    lambda r, y: f"{r.choice(MONTHS)} {y} onwards",
    lambda r, y: f"By {r.choice(MONTHS)} {y}",
    lambda r, y: f"before the end of {r.choice(TERMS)} {y}",
    lambda r, y: f"no later than {_numeric(_day(r, y))}",
    # recurrence, with and without dates
    lambda r, y: "Termly",
    lambda r, y: "Continuing - Annually",
    lambda r, y: "Continuing – Half yearly",
    lambda r, y: "Half termly",
    lambda r, y: "Monthly",
    lambda r, y: "Quarterly",
    lambda r, y: "Ongoing",
    lambda r, y: f"Termly review. First tranche in Autumn Term {y}",
    lambda r, y: f"Annually from September {y}",
    # what stays undated
    lambda r, y: r.choice(("TBA", "TBC", "As required", "When the review reports")),
    # explicit dates beside the text
    lambda r, y: {"text": f"Autumn {y}", "start": dt.date(y, 9, 3), "end": dt.date(y, 12, 19)},
)
"""One maker per timescale form; each takes (rng, base year) and returns the text or a mapping."""


def timescale(rng: random.Random, year: int, form: int | None = None) -> Any:
    maker = TIMESCALES[rng.randrange(len(TIMESCALES)) if form is None else form % len(TIMESCALES)]
    return maker(rng, year)


# --- the registry ------------------------------------------------------------------


class Registry:
    """The synthetic registry: what plans may name, per organisation."""

    def __init__(self, rng: random.Random, organisations: int):
        places = [a + b for a in PLACE_STARTS for b in PLACE_ENDS]
        rng.shuffle(places)
        self.orgs: list[dict[str, Any]] = []
        for index in range(organisations):
            place = places[index % len(places)] + ("" if index < len(places) else f" {index // len(places) + 1}")
            suffix, kind = ORG_KINDS[index % len(ORG_KINDS)]
            name = f"{place} {suffix}"
            self.orgs.append({"id": slug(name), "name": name, "aliases": [place], "kind": kind})
        self.people: dict[str, list[dict[str, Any]]] = {}
        for org in self.orgs:
            self.people[org["id"]] = []
            for first, role in zip(rng.sample(FIRST_NAMES, 2), rng.sample(ROLES, 2)):
                name = f"{first} {rng.choice(LAST_NAMES)}"
                self.people[org["id"]].append(
                    {
                        "id": slug(f"{name} {org['id']}"),
                        "name": name,
                        "aliases": [f"{name} ({role[0]})"],
                        "role": f"{org['id']}-{slug(role[0])}",
                        "organisation": org["id"],
                    }
                )

    def files(self) -> dict[str, dict[str, Any]]:
        org_ids = [o["id"] for o in self.orgs]
        return {
            "organisations": {
                "organisations": self.orgs
                + [{"id": i, "name": n, "kind": k, **({"aliases": a} if a else {})} for i, n, k, a in NATIONAL_ORGS]
            },
            "roles": {
                "roles": [
                    {
                        "id": f"{o}-{slug(name)}",
                        "name": name,
                        **({"aliases": aliases} if aliases else {}),
                        "organisation": o,
                    }
                    for o in org_ids
                    for name, aliases in ROLES
                ]
            },
            "teams": {
                "teams": [
                    {
                        "id": f"{o}-{slug(name)}",
                        "name": name,
                        **({"aliases": aliases} if aliases else {}),
                        "organisation": o,
                    }
                    for o in org_ids
                    for name, aliases in TEAMS
                ]
            },
            "people": {"people": [p for o in org_ids for p in self.people[o]]},
            "audiences": {
                "audiences": [
                    {
                        "id": slug(name),
                        "name": name,
                        **({"aliases": aliases} if aliases else {}),
                        "description": f"{name} in the schools and services the plans cover.",
                    }
                    for name, aliases in AUDIENCES
                ]
            },
            "acronyms": {"acronyms": [{"term": t, "expansion": e} for t, e in ACRONYMS]},
            "themes": {"themes": [{"id": i, "name": n} for i, n in THEMES]},
            "external": {
                "external": [
                    {
                        "id": f"{o}-behaviour-support-plan",
                        "title": "Behaviour support plan",
                        "kind": "plan",
                        "organisation": o,
                    }
                    for o in org_ids[:5]
                ]
                + [{"id": "ni-73", "title": "NI 73", "kind": "indicator"}]
            },
        }


# --- plans ----------------------------------------------------------------------------


class PlanWriter:
    """Makes one plan's data; every choice comes from ``rng``."""

    def __init__(self, rng: random.Random, registry: Registry, plan_ids: list[str], index: int, actions: int):
        self.rng = rng
        self.registry = registry
        self.plan_ids = plan_ids
        self.index = index
        self.actions = actions
        self.org = registry.orgs[index % len(registry.orgs)]
        self.year = 2002 + (index * 7) % 24
        self.form = index * 5  # cycles through every timescale form across the corpus

    # small helpers
    def pick(self, options, k: int = 1) -> list:
        return self.rng.sample(options, min(k, len(options)))

    def role(self) -> str:
        name, aliases = self.rng.choice(ROLES)
        return self.rng.choice([name, name, *aliases])

    def team(self) -> str:
        name, aliases = self.rng.choice(TEAMS)
        return self.rng.choice([name, *aliases])

    def owner(self) -> str:
        roll = self.rng.random()
        if roll < 0.1:
            person = self.rng.choice(self.registry.people[self.org["id"]])
            return self.rng.choice([person["name"], *person["aliases"]])
        return self.team() if roll < 0.3 else self.role()

    def audience(self) -> str:
        name, aliases = self.rng.choice(AUDIENCES)
        return self.rng.choice([name, name, *aliases])

    def partner(self) -> str:
        return self.rng.choice(NATIONAL_ORGS)[1]

    def sentence(self, words: int = 0, purpose: float = 1.0) -> str:
        """A sentence of the plan's kind; ``purpose``: the chance it says what for."""
        rng = self.rng
        text = f"{rng.choice(VERBS)} {rng.choice(OBJECTS)}"
        text += f" {rng.choice(PURPOSES)}." if rng.random() < purpose else "."
        while len(text.split()) < words:
            text += " " + rng.choice(EXTRAS)
        return text

    def when(self) -> Any:
        self.form += 1
        year = self.year + self.rng.randint(0, 3)
        return timescale(self.rng, year, self.form)

    def other_plan(self) -> str | None:
        others = [p for p in self.plan_ids if p != self.plan_ids[self.index]]
        return self.rng.choice(others) if others else None

    def link(self) -> dict[str, Any]:
        rng = self.rng
        target = self.other_plan()
        kind = rng.choice(("related", "depends-on", "contributes-to", "monitors", "supersedes"))
        if target is None or rng.random() < 0.15:
            return {"text": "Behaviour support plan", "ref": f"{self.registry.orgs[0]['id']}-behaviour-support-plan"}
        part, words = rng.choice(
            (
                ("", "the related plan"),
                ("#1", "priority 1 of the related plan"),
                ("#kpi1", "local KPI1 of the related plan"),
            )
        )
        return {"text": words, "ref": target + part, "relation": kind}

    # the parts of a plan
    def action(self, label: str, periods: list[dict[str, Any]]) -> dict[str, Any]:
        rng = self.rng
        action: dict[str, Any] = {
            "label": label,
            "text": self.sentence(rng.choice((0, 0, 0, 0, 0, 0, 20, 30)), purpose=0.6),
        }
        action["responsible"] = [self.owner() for _ in range(rng.choice((1, 1, 1, 1, 2, 3)))]
        if rng.random() < 0.25:
            action["partners"] = [self.partner()]
        action["audience"] = [self.audience() for _ in range(rng.choice((1, 1, 1, 1, 2, 3)))]
        if rng.random() < 0.3:
            by, to = self.role(), self.team()
            action["monitoring"] = {"text": rng.choice(MONITORING).format(by=by, to=to), "by": [by], "to": [to]}
        if periods and rng.random() < 0.5:
            # In a timeline grid the timescale is the period's own label, as in Salford's plan.
            # (Today an open-ended timescale in a period crashes the grid: render.period_span.)
            period = rng.choice(periods)
            action["timescale"], action["period"] = period["label"], period["id"]
        else:
            action["timescale"] = self.when()
        if rng.random() < 0.15:
            action["budget"] = rng.choice(("n/a", "Within existing resources", {"text": "£3,000", "amount": 3000}))
        if rng.random() < 0.2:
            action["success_measures"] = rng.choice(MEASURES)
        if rng.random() < 0.07:
            action["milestones"] = [
                {"text": self.sentence(), "when": f"{rng.choice(MONTHS)} {self.year + 1}"}
                for _ in range(rng.randint(1, 3))
            ]
        if rng.random() < 0.6:
            state = rng.choice(STATES)
            action["status"] = (
                state if rng.random() < 0.7 else {"state": state, "text": "As reported to the last review."}
            )
        if rng.random() < 0.1:
            action["updates"] = [
                {
                    "date": dt.date(self.year + 1, rng.randint(1, 12), rng.randint(1, 28)),
                    "text": rng.choice(EXTRAS),
                    "rag": rng.choice(("red", "amber", "green")),
                }
            ]
        if rng.random() < 0.05 and (target := self.other_plan()):
            action["commentary"] = f"See also [[{target}#1|priority 1 of the related plan]]."
        if rng.random() < 0.05:
            action["links"] = [self.link()]
        if rng.random() < 0.3:
            action["themes"] = [t for t, _ in self.pick(THEMES, rng.randint(1, 2))]
        return action

    def groups(self, periods: list[dict[str, Any]], indicators: list[str]) -> list[dict[str, Any]]:
        rng = self.rng
        leaves = max(1, min(self.actions, rng.randint(self.actions // 12 + 1, self.actions // 6 + 2)))
        tops = max(1, min(leaves, rng.randint(2, 6)))
        per_top = [leaves // tops + (1 if i < leaves % tops else 0) for i in range(tops)]
        counts = [self.actions // leaves + (1 if i < self.actions % leaves else 0) for i in range(leaves)]
        kind = rng.choice(GROUP_KINDS)
        groups, leaf = [], 0
        for top, subs in enumerate(per_top, start=1):
            group: dict[str, Any] = {"kind": kind, "label": str(top), "title": self.sentence().rstrip(".")}
            if rng.random() < 0.3:
                group["themes"] = [t for t, _ in self.pick(THEMES, 2)]
            if indicators and rng.random() < 0.5:
                group["indicators"] = self.pick(indicators, 2)
            if rng.random() < 0.3:
                group["success_criteria"] = "\n".join(f"- {m}" for m in self.pick(MEASURES, 3))
            if rng.random() < 0.2:
                group["links"] = [self.link()]
            if subs == 1:
                group["actions"] = self.actions_of(counts[leaf], periods)
                leaf += 1
            else:
                group["groups"] = []
                sub_kind = rng.choice(SUB_KINDS)
                for number in range(1, subs + 1):
                    label = f"{top}.{number}"
                    sub = {"kind": sub_kind, "label": label, "title": self.sentence().rstrip(".")}
                    if rng.random() < 0.3:
                        sub["facts"] = [{"label": "Key SSRE Area(s)", "value": f"{rng.randint(1, 7)}"}]
                    sub["actions"] = self.actions_of(counts[leaf], periods)
                    group["groups"].append(sub)
                    leaf += 1
            groups.append(group)
        return groups

    def actions_of(self, count: int, periods: list[dict[str, Any]]) -> list[dict[str, Any]]:
        letters = "abcdefghijklmnopqrstuvwxyz"
        return [self.action(f"{number // 26 + 1}{letters[number % 26]})", periods) for number in range(count)]

    def indicators(self) -> list[dict[str, Any]]:
        rng = self.rng
        out = []
        for number in range(1, rng.randint(1, 5) + 1):
            base = rng.randint(40, 80)
            out.append(
                {
                    "id": f"kpi{number}",
                    "code": f"local KPI{number}",
                    "description": f"% of pupils {rng.choice(('attending regularly', 'achieving L4+ at KS2', 'making expected progress', 'in good or better schools'))}",
                    "lead": [self.role()],
                    "unit": "%",
                    "polarity": "higher-is-better",
                    "baseline": {"period": str(self.year), "value": str(base), "text": f"{base}% ({self.year})"},
                    "targets": [
                        {"period": _pair(self.year + k), "value": str(base + 3 * k), "text": f"{base + 3 * k}%"}
                        for k in range(1, 4)
                    ]
                    + [{"period": _pair(self.year + 4), "text": "Not set"}],
                    "actuals": [{"period": _pair(self.year + 1), "value": str(base + rng.randint(-2, 5))}],
                }
            )
        return out

    def plan(self, plan_id: str) -> dict[str, Any]:
        rng = self.rng
        kind, title = PLAN_TITLES[self.index % len(PLAN_TITLES)]
        status = rng.choice(("draft", "consultation", "adopted", "adopted", "in-progress", "complete", "superseded"))
        periods = []
        if rng.random() < 0.3:
            periods = [
                {
                    "id": f"p{n}",
                    "label": f"{MONTHS[3 * n - 1]} {self.year} – {MONTHS[3 * n + 1]} {self.year}",
                    "start": dt.date(self.year, 3 * n, 1),
                    "end": dt.date(self.year, 3 * n + 2, 28),
                }
                for n in range(1, 4)
            ]
        indicators = self.indicators()
        plan: dict[str, Any] = {
            "id": plan_id,
            "title": f"{title} {self.year}-{_yy(self.year + 3)}",
            "organisation": self.org["id"],
            "themes": [t for t, _ in self.pick(THEMES, 2)],
            "kind": kind,
            "status": status,
            "period": f"{self.year}-{_yy(self.year + 3)}",
            "published": f"{rng.choice(MONTHS)} {self.year}",
            "summary": " ".join(self.sentence() for _ in range(3)),
            "lead": [self.role()],
            "partners": [self.partner() for _ in range(2)],
            "audience": [self.audience() for _ in range(2)],
            "facts": [{"label": "Theme Group", "value": "Children and Young People's Strategic Partnership"}],
            "source": {
                "title": f"{title} (Word document)",
                "publisher": self.org["name"],
                "format": "Word document",
                "notes": ["Synthetic plan written by bench/corpus.py for the benchmark."],
            },
        }
        if status == "consultation":
            plan["consultation"] = {
                "text": self.sentence(),
                "feedback": "Write to the School Improvement Team.",
                "closes": dt.date(self.year, 11, 30),
            }
        plan["links"] = [self.link() for _ in range(rng.randint(0, 3))]
        plan["sections"] = [
            {
                "title": f"Section {n}: context",
                "body": "\n\n".join(self.sentence(40) for _ in range(2)),
                "sections": [{"title": f"Section {n} detail", "body": self.sentence(20)}] if n == 1 else [],
            }
            for n in range(1, rng.randint(1, 3) + 1)
        ]
        plan["milestones"] = [{"text": self.sentence(), "when": f"{rng.choice(TERMS)} {self.year + 1}"}]
        plan["indicators"] = indicators
        plan["dependencies"] = [
            {
                "kind": "LAA priority",
                "on": "NI 73",
                "ref": "ni-73",
                "managed_by": [self.team()],
                "arrangement": "To be managed through theme group",
            }
        ]
        plan["risks"] = [
            {"description": d, "impact": i, "likelihood": likely, "how_managed": self.sentence()}
            for d, i, likely in self.pick(RISKS, rng.randint(1, 3))
        ]
        if periods:
            plan["periods"] = periods
        plan["groups"] = self.groups(periods, [i["id"] for i in indicators])
        return {k: v for k, v in plan.items() if v != []}


def plan_ids(rng: random.Random, registry: Registry, plans: int) -> list[str]:
    ids = []
    for index in range(plans):
        org = registry.orgs[index % len(registry.orgs)]
        _, title = PLAN_TITLES[index % len(PLAN_TITLES)]
        ids.append(f"{org['id']}-{slug(title)}-{index + 1:04d}")
    return ids


class _Dumper(yaml.CSafeDumper):
    """Writes repeated values out in full: plan files may not use YAML anchors and aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    """Several lines as a literal block, the way editors write lists and paragraphs."""
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_Dumper.add_representer(str, _text)


def dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def organisations_for(plans: int) -> int:
    """About one organisation per 20 plans: 2 at N=10, 5 at 100, 50 at 1000."""
    return max(2, min(200, plans // 20))


def write_corpus(dest: Path, plans: int, actions: int, seed: int) -> Path:
    """Write the corpus under ``dest`` (``plans/``, ``plans/registry/``, ``docs/``, ``mkdocs.yml``);
    returns the plans folder."""
    rng = random.Random(seed)
    registry = Registry(rng, organisations_for(plans))
    plans_dir = dest / "plans"
    (plans_dir / "registry").mkdir(parents=True, exist_ok=True)
    for name, data in registry.files().items():
        (plans_dir / "registry" / f"{name}.yml").write_text(REGISTRY_HEADER + dump(data), encoding="utf-8")
    ids = plan_ids(rng, registry, plans)
    for index, plan_id in enumerate(ids):
        # One generator per plan, seeded from the corpus seed: a plan does not change
        # when another one does, and any plan can be remade on its own.
        plan_rng = random.Random(f"{seed}:{index}")
        data = PlanWriter(plan_rng, registry, ids, index, actions).plan(plan_id)
        (plans_dir / f"{plan_id}.yml").write_text(PLAN_HEADER + dump(data), encoding="utf-8")
    write_mkdocs(dest)
    return plans_dir


def mkdocs_config(dest: Path, plugin: bool = True, search: str = "material", docs_dir: str = "docs") -> dict[str, Any]:
    """The project's mkdocs.yml pointed at ``dest``: its docs folder, the project's overrides,
    the corpus's plans. Without ``plugin`` the plansite plugin is left out (for a plain build
    of ``plansite render`` output). ``search="pagefind"`` asks the plugin for a Pagefind index
    instead of Material's search plugin (and a plain build then has no search index at all)."""
    config = yaml.safe_load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(dest / docs_dir)
    config["site_dir"] = str(dest / "site")
    config["theme"]["custom_dir"] = str(PROJECT / "overrides")
    plugins = []
    for entry in config.get("plugins", []):
        name = next(iter(entry)) if isinstance(entry, dict) else entry
        if name == "plansite":
            if not plugin:
                continue
            options = dict(entry["plansite"] or {})
            options["plans_dir"] = str(dest / "plans")
            if search == "pagefind":
                options["search"] = "pagefind"
            entry = {"plansite": options}
        elif name == "search" and search == "pagefind":
            continue
        plugins.append(entry)
    config["plugins"] = plugins
    return config


def write_mkdocs(dest: Path, name: str = "mkdocs.yml", **options: Any) -> Path:
    """Copy the project's docs/ to ``dest/docs`` (once) and write ``dest/<name>``."""
    docs = dest / "docs"
    if not docs.exists():
        shutil.copytree(PROJECT / "docs", docs)
    target = dest / name
    target.write_text(dump(mkdocs_config(dest, **options)), encoding="utf-8")
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dest", type=Path)
    parser.add_argument("--plans", type=int, default=10)
    parser.add_argument("--actions", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    plans_dir = write_corpus(args.dest, args.plans, args.actions, args.seed)
    size = sum(p.stat().st_size for p in plans_dir.rglob("*.yml"))
    print(f"wrote {args.plans} plan(s) × {args.actions} action(s) to {plans_dir}: {size / 1e6:.1f} MB of YAML")


if __name__ == "__main__":
    main()
