"""How the plans relate: plan-to-plan edges from the references, and a static SVG of them.

Render-stage reading of the Catalogue. Every reference from one plan to
another plan (or to a part of one, or to an external plan or indicator)
becomes an edge; edges are drawn as a two-column diagram (plans on this site
on the left, things published elsewhere on the right) and said again as a
list, which is what a screen reader reads.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from xml.sax.saxutils import escape

from generator.model.fields import RELATION_INVERSES, RelationKind
from generator.resolve.catalogue import Catalogue


@dataclass(frozen=True)
class Node:
    key: str
    title: str
    published: bool


@dataclass(frozen=True)
class Edge:
    source: Node
    target: Node
    relation: RelationKind
    count: int
    """How many references make this edge."""

    @property
    def sentence(self) -> str:
        verb = "relates to" if self.relation is RelationKind.related else self.relation.value.replace("-", " ")
        times = f" ({self.count} references)" if self.count > 1 else ""
        return f"{self.source.title} {verb} {self.target.title}{times}."

    @property
    def inverse(self) -> str:
        return f"{self.target.title} is {RELATION_INVERSES[self.relation]} {self.source.title}."


def plan_names(plans: list) -> dict[str, str]:
    """Plan id → how the plan is named in passing: its short title, else its title; two plans
    that would read the same (a plan and its appendix) are told apart by their ids, so that
    no line reads "X monitors X"."""
    names = {plan.id: plan.name for plan in plans}
    counts = Counter(name.casefold() for name in names.values())
    return {pid: f"{name} ({pid})" if counts[name.casefold()] > 1 else name for pid, name in names.items()}


def plan_graph(catalogue: Catalogue) -> tuple[list[Node], list[Edge]]:
    """Plans (all of them) and external things referred to, and the edges between them."""
    names = plan_names(catalogue.plans)
    nodes = {plan.id: Node(plan.id, names[plan.id], True) for plan in catalogue.plans}
    counts: Counter[tuple[str, str, RelationKind]] = Counter()
    for reference in catalogue.references:
        target = reference.target
        if target.kind == "external":
            key = target.key
            nodes.setdefault(key, Node(key, target.title, False))
        elif target.plan is not None:
            key = target.plan.id
        else:
            continue  # a role or audience: not a plan-to-plan relation
        if key != reference.plan.id:
            counts[(reference.plan.id, key, reference.relation)] += 1
    edges = [
        Edge(nodes[source], nodes[target], relation, count)
        for (source, target, relation), count in sorted(
            counts.items(), key=lambda item: (item[0][0], item[0][1], item[0][2].value)
        )
    ]
    ordered = sorted(nodes.values(), key=lambda n: (not n.published, n.title.casefold()))
    return ordered, edges


WIDTH, BOX_WIDTH, BOX_HEIGHT, GAP, TOP = 760, 250, 44, 16, 40


def _lines(text: str, limit: int = 34) -> list[str]:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > limit:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    if len(lines) > 2:
        lines = [lines[0], (lines[1][: limit - 1] + "…")]
    return lines


def diagram(nodes: list[Node], edges: list[Edge]) -> str:
    """A static, accessible SVG: plans on this site left, published elsewhere right, arrows between."""
    if not edges:
        return ""
    left = [n for n in nodes if n.published]
    right = [n for n in nodes if not n.published]
    position: dict[str, tuple[float, float, bool]] = {}
    for column, items in ((0, left), (1, right)):
        for index, node in enumerate(items):
            left_edge = 10 if column == 0 else WIDTH - BOX_WIDTH - 10
            position[node.key] = (left_edge, TOP + index * (BOX_HEIGHT + GAP), column == 0)
    height = TOP + max(len(left), len(right)) * (BOX_HEIGHT + GAP) + 10
    sentences = " ".join(edge.sentence for edge in edges)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="ps-relations-diagram" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" aria-labelledby="relations-title relations-desc" font-family="inherit" font-size="13">',
        '<title id="relations-title">How the plans relate</title>',
        f'<desc id="relations-desc">{escape(sentences)}</desc>',
        '<defs><marker id="relations-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" '
        'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="currentColor"/></marker></defs>',
        '<text x="10" y="22" font-weight="700" fill="currentColor">On this site</text>',
        f'<text x="{WIDTH - BOX_WIDTH - 10}" y="22" font-weight="700" fill="currentColor">Published elsewhere</text>',
    ]
    for edge in edges:
        sx, sy, _ = position[edge.source.key]
        tx, ty, target_left = position[edge.target.key]
        y1, y2 = sy + BOX_HEIGHT / 2, ty + BOX_HEIGHT / 2
        dash = ' stroke-dasharray="6 4"' if edge.relation is RelationKind.related else ""
        if target_left:  # between two plans on this site: a curve out to the right
            x1 = x2 = sx + BOX_WIDTH
            path = f"M {x1} {y1:.1f} C {x1 + 80} {y1:.1f}, {x2 + 80} {y2:.1f}, {x2} {y2:.1f}"
            label_x, label_y = x1 + 60, (y1 + y2) / 2
        else:
            x1, x2 = sx + BOX_WIDTH, tx
            path = f"M {x1} {y1:.1f} C {(x1 + x2) / 2} {y1:.1f}, {(x1 + x2) / 2} {y2:.1f}, {x2} {y2:.1f}"
            label_x, label_y = x2 - 60, y2 - 8  # beside the arrowhead, where labels do not collide
        parts.append(
            f'<path d="{path}" fill="none" stroke="currentColor" stroke-width="1.5"{dash} marker-end="url(#relations-arrow)"/>'
        )
        verb = edge.relation.value.replace("-", " ")
        parts.append(
            f'<text x="{label_x:.1f}" y="{label_y:.1f}" text-anchor="middle" fill="currentColor" font-size="12" '
            f'paint-order="stroke" stroke="Canvas" stroke-width="4">{escape(verb)}</text>'
        )
    for node in nodes:
        x, y, _ = position[node.key]
        style = "" if node.published else ' stroke-dasharray="4 3"'
        parts.append(
            f'<rect x="{x}" y="{y}" width="{BOX_WIDTH}" height="{BOX_HEIGHT}" rx="6" fill="Canvas" '
            f'stroke="currentColor" stroke-width="1.5"{style}/>'
        )
        for index, line in enumerate(_lines(node.title)):
            parts.append(f'<text x="{x + 10}" y="{y + 18 + index * 16}" fill="currentColor">{escape(line)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)
