"""What a map shows, independent of how it is drawn.

A :class:`Scene` holds positioned nodes and styled edges, the legend, the side panel and the
filters. The HTML renderer (:mod:`visualisations.html`) and the static renderers
(:mod:`visualisations.static`) draw the same scene, so a screen map and a printed one agree.
Every text here is plain text: renderers escape it for their own format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

MapKind = Literal["project", "ecosystem", "overlap"]


@dataclass(frozen=True)
class Marks:
    """What sets a node apart beyond its sector and role."""

    lead: bool = False
    articulation: bool = False
    recommended: bool = False
    focus: bool = False  # a member of the application the map is about
    shared: bool = False  # a partner of several applications (overlap map)


@dataclass
class MapNode:
    id: str
    label: str
    role: str
    shape: str
    colour: str
    size: float
    x: float
    y: float
    sector: str | None = None
    border: str | None = None
    marks: Marks = field(default_factory=Marks)
    # Hover text, one plain-French line each; the first is the name. A click shows the same
    # lines in the side panel.
    hover: list[str] = field(default_factory=list)
    applications: list[str] = field(default_factory=list)
    # Whether the label is drawn at the default zoom: labels that would overlap another or leave
    # the canvas are kept for hover, the panel and the table (see visualisations.labels).
    labelled: bool = True
    degree: int = 0

    def to_vis(self) -> dict[str, Any]:
        """The vis-network node, text fields as plain strings (turned into text nodes in the page)."""
        node: dict[str, Any] = {
            "id": self.id,
            "label": self.label if self.labelled else None,
            "name": self.label,
            "labelled": self.labelled,
            "shape": self.shape,
            "size": self.size,
            "x": round(self.x, 2),
            "y": round(self.y, 2),
            "color": {
                "background": self.colour,
                "border": self.border or self.colour,
                "highlight": {"background": self.colour, "border": "#000000"},
            },
            "borderWidth": 4 if self.border else 1,
            "hover": self.hover,
            "sector": self.sector,
            "role": self.role,
            "applications": self.applications,
            "marks": {k: v for k, v in vars(self.marks).items() if v},
        }
        if self.shape == "box":
            node["font"] = {"color": "#ffffff" if _dark(self.colour) else "#000000"}
        return node


def _dark(colour: str) -> bool:
    """Whether white text reads better than black on ``colour`` (#RRGGBB), by relative luminance."""
    red, green, blue = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue < 0.5


@dataclass
class MapEdge:
    id: str
    source: str
    target: str
    colour: str
    width: float
    dashes: bool
    hover: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    applications: list[str] = field(default_factory=list)
    opacity: float = 1.0

    def to_vis(self) -> dict[str, Any]:
        colour: dict[str, Any] = {"color": self.colour, "highlight": "#000000"}
        if self.opacity < 1:
            colour["opacity"] = self.opacity
        return {
            "id": self.id,
            "from": self.source,
            "to": self.target,
            "color": colour,
            "width": self.width,
            "dashes": self.dashes,
            "hover": self.hover,
            "kinds": self.kinds,
            "applications": self.applications,
        }


@dataclass(frozen=True)
class LegendEntry:
    label: str
    colour: str
    symbol: str  # a node shape ("dot", "star", …) or a line ("line", "dashed")
    width: float = 2.0
    border: str | None = None
    # False when the colour is only a sample (a white shape for a role, a grey line for a line
    # style): such entries mean their shape or style, not their colour.
    swatch: bool = True

    @property
    def key_colour(self) -> str:
        """The colour this entry means: the ring when it has one, else the fill or the line."""
        return self.border or self.colour


@dataclass(frozen=True)
class Section:
    """A block of the side panel: a heading and plain-text items."""

    title: str
    items: tuple[str, ...]
    empty: str = "Aucun."


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass
class Scene:
    kind: MapKind
    title: str
    subtitle: str
    nodes: list[MapNode]
    edges: list[MapEdge]
    legend: list[LegendEntry] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    # Filter name ("application", "sector") → choices offered in the page.
    filters: dict[str, list[Choice]] = field(default_factory=dict)
    notice: str | None = None
    aggregated: bool = False

    def vis_data(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "nodes": [n.to_vis() for n in self.nodes],
            "edges": [e.to_vis() for e in self.edges],
        }


__all__ = ["Choice", "LegendEntry", "MapEdge", "MapKind", "MapNode", "Marks", "Scene", "Section"]
