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

from visualisations.assets import map_script, map_style, vis_script, vis_style
from visualisations.scene import Scene
from visualisations.style import LARGE_MAP_EDGES

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
    return Environment(
        loader=PackageLoader("visualisations", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _payload(scene: Scene) -> dict[str, Any]:
    data = scene.vis_data()
    data["large"] = len(scene.edges) > LARGE_MAP_EDGES
    return data


def map_fragment(scene: Scene, *, asset_base: str | None = None) -> Markup:
    """The map, its filters, legend and side panel, to put inside a page.

    ``asset_base`` is the URL folder serving ``vis-network.min.js`` and ``map.js`` (the web pages);
    ``None`` inlines them (the standalone file).
    """
    template = environment().get_template("map_fragment.html.j2")
    return Markup(
        template.render(
            scene=scene,
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
        csp=STANDALONE_CSP,
        vis_css=Markup(vis_style()),
        map_css=Markup(map_style()),
        fragment=map_fragment(scene),
    )


__all__ = ["LARGE_MAP_EDGES", "STANDALONE_CSP", "map_fragment", "script_json", "standalone_html"]
