"""Network maps of partnerships: interactive HTML (vis-network), SVG and PNG.

Build a :class:`~visualisations.scene.Scene` with :func:`project_map`, :func:`ecosystem_map` or
:func:`overlap_map`, then render it with :func:`standalone_html` (one offline file),
:func:`map_fragment` (inside a web page), :func:`render_svg` or :func:`render_png`.
"""

from __future__ import annotations

from visualisations.ecosystem import ecosystem_map
from visualisations.html import map_fragment, script_json, standalone_html
from visualisations.overlap import overlap_map
from visualisations.project import project_map
from visualisations.scene import Scene
from visualisations.static import render_png, render_svg

__all__ = [
    "Scene",
    "ecosystem_map",
    "map_fragment",
    "overlap_map",
    "project_map",
    "render_png",
    "render_svg",
    "script_json",
    "standalone_html",
]
