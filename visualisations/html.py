"""Render a scene as HTML: a standalone file that works offline, or a fragment for the web pages.

Safety: every name reaches the page as text. The scene travels as JSON inside a
``<script type="application/json">`` element with ``<``, ``>``, ``&``, U+2028 and U+2029 escaped,
so no name can close the element; the page script turns hover and detail lines into text nodes
(``textContent``), never HTML; legend and side panel go through Jinja2's autoescaping. The
standalone file carries a Content-Security-Policy that forbids every network request.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from graph_service.domain.french import count
from graph_service.domain.vocabulary import label
from visualisations.assets import map_script, map_style, vis_script, vis_style
from visualisations.scene import MapNode, Scene
from visualisations.style import LARGE_MAP_EDGES, ROLE_LABELS
from visualisations.text import french_environment

_JSON_ESCAPES = {
    ord("<"): "\\u003c",
    ord(">"): "\\u003e",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}

# No request may leave a standalone map: no source but the inlined script and style.
STANDALONE_CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)


def script_json(value: Any) -> Markup:
    """Serialise ``value`` as JSON that is safe inside a ``<script>`` element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return Markup(text.translate(_JSON_ESCAPES))


@lru_cache(maxsize=1)
def environment() -> Environment:
    return french_environment(
        loader=PackageLoader("visualisations", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _payload(scene: Scene) -> dict[str, Any]:
    data = scene.vis_data()
    data["large"] = len(scene.edges) > LARGE_MAP_EDGES
    return data


OPEN_TABLE = 150  # members: a longer table starts folded under the map

MARK_WORDS = {
    "lead": "porteur",
    "articulation": "point d'articulation",
    "recommended": "recommandée",
    "shared": "dans plusieurs candidatures",
}


def _marks(node: MapNode) -> str:
    words = [text for mark, text in MARK_WORDS.items() if getattr(node.marks, mark)]
    return ", ".join(words) or "—"


def map_table(scene: Scene) -> dict[str, Any]:
    """The map as two tables (members, ties): what a screen reader or a keyboard user reads."""
    names = {n.id: (n.hover[0] if n.hover else n.label) for n in scene.nodes}
    degree: dict[str, int] = {}
    for edge in scene.edges:
        degree[edge.source] = degree.get(edge.source, 0) + 1
        degree[edge.target] = degree.get(edge.target, 0) + 1
    members = [
        {
            "id": n.id,
            "name": names[n.id],
            "role": ROLE_LABELS.get(n.role, n.role),
            "sector": label(n.sector) if n.sector else "—",
            "marks": _marks(n),
            "degree": degree.get(n.id, 0),
        }
        for n in sorted(scene.nodes, key=lambda n: names[n.id].casefold())
    ]
    ties = [
        {
            "source": names.get(e.source, e.source),
            "target": names.get(e.target, e.target),
            "nature": " · ".join(e.hover[1:]) or "—",
            "style": "pointillés (informel)"
            if e.dashes
            else "trait pâle (informel)"
            if e.opacity < 1
            else "trait plein",
        }
        for e in scene.edges
    ]
    return {
        "members": members,
        "ties": ties,
        "members_text": count(len(members), "membre"),
        "ties_text": count(len(ties), "lien"),
        "open": len(members) <= OPEN_TABLE,
    }


def map_fragment(scene: Scene, *, asset_base: str | None = None) -> Markup:
    """The map, its filters, legend and side panel, to put inside a page.

    ``asset_base`` is the URL folder serving ``vis-network.min.js`` and ``map.js`` (the web pages);
    ``None`` inlines them (the standalone file).
    """
    template = environment().get_template("map_fragment.html.j2")
    return Markup(
        template.render(
            scene=scene,
            table=map_table(scene),
            data_json=script_json(_payload(scene)),
            asset_base=asset_base,
            vis_js=Markup(vis_script()) if asset_base is None else None,
            map_js=Markup(map_script()) if asset_base is None else None,
        )
    )


def standalone_html(scene: Scene) -> str:
    """One self-contained HTML file: no external reference, no network request."""
    template = environment().get_template("map_page.html.j2")
    return template.render(
        scene=scene,
        csp=Markup(STANDALONE_CSP),  # a header value: no French spacing
        vis_css=Markup(vis_style()),
        map_css=Markup(map_style()),
        fragment=map_fragment(scene),
    )


__all__ = ["LARGE_MAP_EDGES", "STANDALONE_CSP", "map_fragment", "map_table", "script_json", "standalone_html"]
