"""generator/references.py and relations.py: one reference syntax, positions, backlinks, inverses."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from generator.model.fields import RelationKind
from generator.pipeline import load_and_resolve
from generator.render.site import render_site
from generator.resolve.relations import diagram, plan_graph

from .helpers import BUILD_DATE, MINIMAL_REGISTRY, PLANS, minimal_plan, only, write

REGISTRY = (
    MINIMAL_REGISTRY
    + """\
roles:
  - id: head
    name: Head of School Improvement
external:
  - id: sen-plan
    title: SEN plan
"""
)

FIRST = minimal_plan(
    "first",
    groups="""\
    groups:
      - label: "5.3"
        text: |
          Promote evidence based planning.
          See [[second#ni-94|the numeracy indicator]] and [[role:head]].
        actions:
          - label: 1a)
            text: Promote IT systems, as [[second]] asks.
            links:
              - text: SEN plan Priority 1
                ref: sen-plan#priority-1
                relation: contributes-to
    """,
)
SECOND = minimal_plan(
    "second",
    indicators="""\
    indicators:
      - id: ni-94
        code: NI 94
        description: Progression in mathematics
    links:
      - text: Priority 5.3 of the first plan
        ref: first#5.3
        relation: depends-on
    dependencies:
      - kind: LAA priority
        "on": First plan's action 1a
        ref: first#5.3-1a
    """,
)


def catalogue_of(tmp_path: Path, *plans: tuple[str, str]):
    root = tmp_path / "plans"
    write(root / "registry" / "r.yml", REGISTRY)
    for name, text in plans:
        write(root / name, text)
    return load_and_resolve(root)


def test_every_reference_form_resolves(tmp_path):
    catalogue, problems = catalogue_of(tmp_path, ("first.yml", FIRST), ("second.yml", SECOND))
    assert problems == []
    found = {(r.plan.id, r.target.key, r.relation) for r in catalogue.references}
    assert found == {
        ("first", "second#ni-94", RelationKind.related),
        ("first", "role:head", RelationKind.related),
        ("first", "second", RelationKind.related),
        ("first", "sen-plan", RelationKind.contributes_to),
        ("second", "first#5.3", RelationKind.depends_on),
        ("second", "first#5.3-1a", RelationKind.depends_on),
    }


def test_backlinks_name_their_source(tmp_path):
    catalogue, _ = catalogue_of(tmp_path, ("first.yml", FIRST), ("second.yml", SECOND))
    into_group = catalogue.backlinks["first#5.3"]
    assert [(r.plan.id, r.anchor, r.text) for r in into_group] == [("second", None, "Priority 5.3 of the first plan")]
    into_indicator = catalogue.backlinks["second#ni-94"]
    assert [(r.plan.id, r.anchor) for r in into_indicator] == [("first", "5.3")]


def test_a_broken_inline_reference_is_an_error_at_its_line_and_column(tmp_path):
    broken = FIRST.replace("[[role:head]]", "[[role:nobody]]")
    _, problems = catalogue_of(tmp_path, ("first.yml", broken), ("second.yml", SECOND))
    problem = only(problems)
    assert problem.message == "reference 'role:nobody' points at nothing known to this site"
    assert "role:" in problem.hint
    line = broken.splitlines()[problem.line - 1]
    assert line[problem.column - 1 :].startswith("[[role:nobody]]")


def test_a_broken_link_ref_is_an_error_at_the_ref(tmp_path):
    broken = SECOND.replace("ref: first#5.3\n", "ref: first#9.9\n")
    _, problems = catalogue_of(tmp_path, ("first.yml", FIRST), ("second.yml", broken))
    problem = only(problems)
    assert problem.message == "reference 'first#9.9' points at nothing known to this site"
    assert broken.splitlines()[problem.line - 1].strip() == "ref: first#9.9"
    assert problem.column == 10


def test_inline_references_render_as_links_and_externals_say_so(tmp_path):
    catalogue, _ = catalogue_of(tmp_path, ("first.yml", FIRST), ("second.yml", SECOND))
    pages = render_site(catalogue, BUILD_DATE)
    page = BeautifulSoup(pages["plans/first.md"], "html.parser")
    links = {a.get_text(): a["href"] for a in page.find_all("a")}
    assert links["the numeracy indicator"] == "../../indicators/second/ni-94/"
    assert links["Head of School Improvement"] == "../../roles/head/"
    assert "SEN plan Priority 1 (not published on this site)" in " ".join(page.get_text().split())
    second = BeautifulSoup(pages["plans/second.md"], "html.parser")
    referenced = [" ".join(li.get_text().split()) for li in second.select(".ps-backlinks li")]
    # The action's row (in its table) comes before its group's notes, which follow the actions.
    assert referenced == [
        "action 1a) Promote IT systems, as second asks. in A test plan",
        "5.3 in A test plan",
    ] or sorted(referenced) == ["5.3 in A test plan", "action 1a) Promote IT systems, as second asks. in A test plan"]
    first = BeautifulSoup(pages["plans/first.md"], "html.parser")
    into_action = first.find(id="5.3-1a").select(".ps-backlinks li")
    assert [" ".join(li.get_text().split()) for li in into_action] == ["A test plan (depends on this)"]


def test_relations_graph_and_its_inverse_words(tmp_path):
    catalogue, _ = catalogue_of(tmp_path, ("first.yml", FIRST), ("second.yml", SECOND))
    nodes, edges = plan_graph(catalogue)
    sentences = {e.sentence for e in edges}
    # both plans are titled "A test plan": their ids tell them apart (issue 18: never "X depends on X")
    assert "A test plan (second) depends on A test plan (first) (2 references)." in sentences
    assert "A test plan (first) contributes to SEN plan." in sentences
    inverse = {e.inverse for e in edges}
    assert "SEN plan is contributed to by A test plan (first)." in inverse
    svg = diagram(nodes, edges)
    assert svg.startswith("<svg") and 'role="img"' in svg and "<desc" in svg


def test_the_seed_plans_relations():
    catalogue, problems = load_and_resolve(PLANS)
    assert problems == []
    _, edges = plan_graph(catalogue)
    assert {(e.source.key, e.target.key, e.relation.value) for e in edges} == {
        ("middlesbrough-school-improvement-scrutiny-2014", "middlesbrough-post-inspection-action-plan", "monitors"),
        ("southwark-edp-2002-07", "southwark-sen-plan", "related"),
        ("southwark-edp-2002-07", "southwark-behaviour-support-plan", "related"),
        ("worcestershire-laa-delivery-plan-ni-94", "ni-73", "depends-on"),
    }
