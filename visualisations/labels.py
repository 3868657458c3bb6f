"""Which node labels a map draws at its default zoom, so that no two overlap and none is cut.

The browser first shows the whole map fitted into its canvas. At that zoom a label takes a known
room on screen (the page script draws every drawn label at :data:`FONT_PX` pixels, see
``static/map.js``), so the server can place them: members in order of importance (marked
members, then the most central) each keep their label when its box overlaps no label already
kept and stays inside the canvas; the others show their name on hover, in the side panel and in
the table under the map. The canvas assumed is the smallest the pages give a map (about 900 by
520 pixels at 1366 pixels wide): a larger screen only spreads labels further apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from visualisations.scene import MapNode

CANVAS = (900.0, 520.0)  # pixels: the smallest map canvas of the pages
FIT_MARGIN = 0.9  # the page fits the map then zooms out this much, so edge labels stay inside
FONT_PX = 13.0  # on-screen font size of every drawn label
CHAR_WIDTH = 0.58  # mean glyph width of a sans-serif font, in font sizes
GAP = 3.0  # pixels kept free around each label
EDGE_EXEMPT = 12  # most important members whose label may reach past the canvas edge


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: Box) -> bool:
        return not (
            self.right + GAP <= other.left
            or other.right + GAP <= self.left
            or self.bottom + GAP <= other.top
            or other.bottom + GAP <= self.top
        )


def fit_scale(nodes: Sequence[MapNode], canvas: tuple[float, float] = CANVAS) -> float:
    """Screen pixels per layout unit once the map is fitted into ``canvas`` (as vis-network fits)."""
    if len(nodes) < 2:
        return 1.0
    span_x = max(n.x for n in nodes) - min(n.x for n in nodes)
    span_y = max(n.y for n in nodes) - min(n.y for n in nodes)
    widest = max(n.size for n in nodes) * 2
    scale = min(canvas[0] / (span_x + widest or 1.0), canvas[1] / (span_y + widest or 1.0))
    return min(scale, 1.0) * FIT_MARGIN


def label_box(node: MapNode, scale: float, centre: tuple[float, float]) -> Box:
    """The label's box on screen: inside a box node, under any other shape."""
    width = len(node.label) * FONT_PX * CHAR_WIDTH + 4
    height = FONT_PX * 1.3
    x = (node.x - centre[0]) * scale
    y = (node.y - centre[1]) * scale
    if node.shape == "box":
        return Box(x - width / 2 - 6, y - height / 2 - 4, x + width / 2 + 6, y + height / 2 + 4)
    top = y + node.size * scale + 2
    return Box(x - width / 2, top, x + width / 2, top + height)


def place_labels(
    nodes: Sequence[MapNode], priority: Sequence[str], canvas: tuple[float, float] = CANVAS
) -> None:
    """Set ``labelled`` on every node: kept in ``priority`` order while nothing overlaps.

    ``priority`` lists node ids, most important first; nodes it omits come after, in their order.
    """
    if not nodes:
        return
    scale = fit_scale(nodes, canvas)
    centre = (
        (max(n.x for n in nodes) + min(n.x for n in nodes)) / 2,
        (max(n.y for n in nodes) + min(n.y for n in nodes)) / 2,
    )
    bounds = Box(-canvas[0] / 2, -canvas[1] / 2, canvas[0] / 2, canvas[1] / 2)
    by_id = {n.id: n for n in nodes}
    ordered = [by_id[i] for i in dict.fromkeys(priority) if i in by_id]
    ordered += [n for n in nodes if n.id not in set(priority)]
    # The page fits the map with its labels, so a label past the edge is not cut: it only makes
    # the map a little smaller. The first few members keep theirs there; the others give way.
    first = {n.id for n in ordered[:EDGE_EXEMPT]}
    kept: list[Box] = []
    for node in ordered:
        box = label_box(node, scale, centre)
        inside = (
            box.left >= bounds.left
            and box.right <= bounds.right
            and box.top >= bounds.top
            and box.bottom <= bounds.bottom
        )
        node.labelled = (inside or node.id in first) and not any(box.overlaps(other) for other in kept)
        if node.labelled:
            kept.append(box)


def by_importance(nodes: Sequence[MapNode]) -> list[str]:
    """Node ids, marked members first (lead, applications, shared, recommended), then by size."""

    def rank(node: MapNode) -> tuple[int, float, str]:
        marks = node.marks
        first = node.role in ("application", "sector") or marks.lead
        marked = marks.shared or marks.recommended or marks.articulation or marks.focus
        return (0 if first else 1 if marked else 2, -node.size - node.degree / 100, node.label)

    return [n.id for n in sorted(nodes, key=rank)]


__all__ = ["CANVAS", "FONT_PX", "Box", "by_importance", "fit_scale", "label_box", "place_labels"]
