"""How a map looks: colours by sector, shapes by role, tie styles by kind, sizes by betweenness.

One table per visual channel, shared by the interactive HTML and the static images so that a
printed map and a screen map read the same way. The sector palette is Okabe & Ito's colour-blind
safe set, extended by one grey and one purple.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graph_service.domain.vocabulary import Sector, TieKind

SECTOR_COLOURS: dict[str, str] = {
    Sector.EMPLOYMENT.value: "#0072B2",
    Sector.SOCIAL.value: "#E69F00",
    Sector.EDUCATION.value: "#009E73",
    Sector.HEALTH.value: "#CC79A7",
    Sector.HOUSING.value: "#8C6D31",
    Sector.JUSTICE.value: "#555555",
    Sector.YOUTH_SPORT_CULTURE.value: "#56B4E9",
    Sector.PUBLIC_AUTHORITY.value: "#7B3294",
    Sector.ENTERPRISE.value: "#D55E00",
}
SCHEME_COLOUR = "#F0E442"
UNKNOWN_COLOUR = "#999999"

# Roles and the vis-network shape that draws them; the static renderers know the same names.
ROLE_SHAPES: dict[str, str] = {
    "lead": "star",
    "partner": "dot",
    "enterprise": "square",
    "scheme": "triangle",
    "organisation": "dot",
    "application": "box",
    "sector": "hexagon",
}
ROLE_LABELS: dict[str, str] = {
    "lead": "Porteur du projet",
    "partner": "Partenaire",
    "enterprise": "Entreprise partenaire",
    "scheme": "Dispositif local",
    "organisation": "Organisation du territoire",
    "application": "Candidature",
    "sector": "Secteur (agrégé)",
}

# Tie kinds, marks and applications take colours that no sector colour comes near: every pair
# of colours a legend can show (sectors, schemes, tie kinds, marks, applications) is at least
# 25 apart in CIELAB (ΔE*76; about 2.3 is the just-noticeable difference), so no legend entry
# can be read for another. They were picked greedily from a grid of hues dark enough for a line
# on white, each the farthest from those already taken; tests/visualisations/test_legend.py
# checks the distances.
TIE_COLOURS: dict[str, str] = {
    TieKind.ORIENTATION.value: "#0B0BDA",
    TieKind.CO_INTERVENTION.value: "#416B06",
    TieKind.CONVENTION.value: "#6B061F",
    TieKind.ECHANGE_INFORMATION.value: "#DA0BDA",
    TieKind.FINANCEMENT.value: "#DA0B62",
    TieKind.MISE_A_DISPOSITION.value: "#0B50DA",
}
COMMITMENT_COLOUR = "#06066B"  # a lead–partner edge that only says the partner's commitment
OPERATES_COLOUR = "#BDB76B"  # an organisation operating a scheme
MIXED_COLOUR = "#573319"  # two organisations tied in several ways
NEUTRAL = "#333333"  # line styles and sizes in the legend: the colour means nothing there

ARTICULATION_BORDER = "#C00000"
LEAD_BORDER = "#000000"  # the members of the reader's own partnership, on the ecosystem map
RECOMMENDED_BORDER = "#00A000"
SHARED_BORDER = "#C00000"
FADED_COLOUR = "#D9D9D9"

# Applications: a ring (ecosystem) or a box and its lines (overlap map), never a sector's fill.
APPLICATION_COLOURS = (
    "#191E57",
    "#0BDADA",
    "#95DA0B",
    "#0BDA84",
    "#195738",
    "#C91D9E",
    "#B24934",
    "#088691",
    "#910858",
    "#91AA18",
)

# Above this many edges the browser draws straight lines, hides edges while dragging, and informal
# ties are pale instead of dashed: software rasterising of thousands of dashed lines costs about a
# second per frame (measured in headless Chromium on a 2,000-node map: 1.0 s against 0.3 s).
LARGE_MAP_EDGES = 1500
FAINT = 0.35

MIN_SIZE = 10.0
MAX_SIZE = 40.0
DASHES = (6, 4)


def sector_colour(sector: str | None) -> str:
    return SECTOR_COLOURS.get(sector or "", UNKNOWN_COLOUR)


def application_colour(index: int) -> str:
    return APPLICATION_COLOURS[index % len(APPLICATION_COLOURS)]


def member_role(data: Mapping[str, Any]) -> str:
    """Return the drawn role of a graph node: lead, enterprise, partner, scheme or organisation."""
    if data.get("type") == "scheme":
        return "scheme"
    if data.get("role") == "lead":
        return "lead"
    if data.get("sector") == Sector.ENTERPRISE.value:
        return "enterprise"
    if data.get("role") == "partner":
        return "partner"
    return "organisation"


def size_of(betweenness: float, largest: float) -> float:
    """Scale a betweenness to a node size; every node keeps a readable minimum."""
    if largest <= 0:
        return MIN_SIZE
    return round(MIN_SIZE + (MAX_SIZE - MIN_SIZE) * betweenness / largest, 2)


def tie_colour(data: Mapping[str, Any]) -> str:
    kinds = list(data.get("kinds") or [])
    if data.get("operates"):
        return OPERATES_COLOUR
    if not kinds:
        return COMMITMENT_COLOUR
    if len(kinds) == 1:
        return TIE_COLOURS.get(kinds[0], MIXED_COLOUR)
    return MIXED_COLOUR


def tie_width(strength: int) -> float:
    """Strength 1–3 as a line width: 1, 3, 5 pixels."""
    return float(1 + 2 * (max(1, min(3, int(strength))) - 1))


__all__ = [
    "APPLICATION_COLOURS",
    "ARTICULATION_BORDER",
    "COMMITMENT_COLOUR",
    "DASHES",
    "FADED_COLOUR",
    "FAINT",
    "LARGE_MAP_EDGES",
    "LEAD_BORDER",
    "MIXED_COLOUR",
    "NEUTRAL",
    "OPERATES_COLOUR",
    "RECOMMENDED_BORDER",
    "ROLE_LABELS",
    "ROLE_SHAPES",
    "SCHEME_COLOUR",
    "SECTOR_COLOURS",
    "SHARED_BORDER",
    "TIE_COLOURS",
    "application_colour",
    "member_role",
    "sector_colour",
    "size_of",
    "tie_colour",
    "tie_width",
]
