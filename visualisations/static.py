"""Static images of a map, for printed reports: SVG written from the layout, PNG through matplotlib.

Both draw the scene the HTML map draws (same positions, colours, shapes, dashes and widths) with
the legend and the side-panel sections beside it. pyvis cannot export images, hence these.
"""

from __future__ import annotations

import io
import math
import textwrap
from dataclasses import replace
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from visualisations.scene import LegendEntry, MapNode, Scene
from visualisations.text import short

WIDTH = 1000.0  # drawing area, pixels
PANEL = 340.0  # legend and sections, right of the drawing
MARGIN = 60.0
MIN_RADIUS = 3.0
# The PNG's side panel, in pixels: the legend's title, each legend row, each line of the sections.
PNG_LEGEND_TOP = 40
PNG_LEGEND_ROW = 15.5
PNG_LINE = 11.5
PNG_WRAP = 58  # characters per line of the panel


def _frame(scene: Scene) -> tuple[dict[str, tuple[float, float]], float, float]:
    """Fit the node positions in the drawing area: positions, scale, height."""
    if not scene.nodes:
        return {}, 1.0, 400.0
    xs = [n.x for n in scene.nodes]
    ys = [n.y for n in scene.nodes]
    span_x = max(max(xs) - min(xs), 1.0)
    span_y = max(max(ys) - min(ys), 1.0)
    scale = min((WIDTH - 2 * MARGIN) / span_x, (WIDTH - 2 * MARGIN) / span_y, 2.5)
    height = span_y * scale + 2 * MARGIN + 40
    positions = {
        n.id: (MARGIN + (n.x - min(xs)) * scale, MARGIN + 40 + (n.y - min(ys)) * scale) for n in scene.nodes
    }
    return positions, scale, max(height, 400.0)


def _labelled(scene: Scene, node: MapNode) -> bool:
    """The labels the screen map draws at its default zoom (placed without overlap, see
    visualisations.labels): the image is at least as wide, so they do not overlap there either."""
    return node.labelled


def _radius(node: MapNode, scale: float) -> float:
    return max(MIN_RADIUS, node.size * min(1.0, scale * 1.5) * 0.8)


def _polygon(shape: str, x: float, y: float, r: float) -> list[tuple[float, float]]:
    if shape == "star":
        return [
            (
                x + (r if i % 2 == 0 else r * 0.45) * math.sin(math.pi * i / 5),
                y - (r if i % 2 == 0 else r * 0.45) * math.cos(math.pi * i / 5),
            )
            for i in range(10)
        ]
    if shape == "triangle":
        return [(x, y - r), (x + r * 0.9, y + r * 0.7), (x - r * 0.9, y + r * 0.7)]
    if shape == "hexagon":
        return [(x + r * math.cos(math.pi / 3 * i), y + r * math.sin(math.pi / 3 * i)) for i in range(6)]
    return [(x - r, y - r), (x + r, y - r), (x + r, y + r), (x - r, y + r)]


def _svg_shape(shape: str, x: float, y: float, r: float, fill: str, stroke: str, width: float) -> str:
    paint = f'fill="{fill}" stroke="{stroke}" stroke-width="{width}"'
    if shape in ("dot", "box"):
        if shape == "box":
            return f'<rect x="{x - 2 * r:.1f}" y="{y - r:.1f}" width="{4 * r:.1f}" height="{2 * r:.1f}" rx="3" {paint}/>'
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" {paint}/>'
    points = " ".join(f"{px:.1f},{py:.1f}" for px, py in _polygon(shape, x, y, r))
    return f'<polygon points="{points}" {paint}/>'


def _svg_legend_entry(entry: LegendEntry, x: float, y: float) -> str:
    if entry.symbol in ("line", "dashed"):
        dash = ' stroke-dasharray="5 3"' if entry.symbol == "dashed" else ""
        mark = (
            f'<line x1="{x}" y1="{y}" x2="{x + 24}" y2="{y}" stroke="{entry.colour}" '
            f'stroke-width="{entry.width}"{dash}/>'
        )
    else:
        stroke = entry.border or "#333333"
        mark = _svg_shape(entry.symbol, x + 12, y, 7, entry.colour, stroke, 3 if entry.border else 1)
    return mark + f'<text x="{x + 32}" y="{y + 4}" font-size="12">{escape(entry.label)}</text>'


def render_svg(scene: Scene) -> str:
    """Return the map as an SVG document; every name is XML-escaped text."""
    positions, scale, height = _frame(scene)
    lines: list[str] = []
    panel_rows = len(scene.legend) + sum(2 + len(s.items) for s in scene.sections) + 4
    total_height = max(height, 60 + panel_rows * 18)
    total_width = WIDTH + PANEL
    lines.append(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{total_width:.0f}" height="{total_height:.0f}" '
        f'viewBox="0 0 {total_width:.0f} {total_height:.0f}" font-family="sans-serif" role="img">'
    )
    lines.append(f"<title>{escape(scene.title)}</title>")
    lines.append(f'<rect width="{total_width:.0f}" height="{total_height:.0f}" fill="#ffffff"/>')
    lines.append(f'<text x="{MARGIN}" y="28" font-size="18" font-weight="bold">{escape(scene.title)}</text>')
    lines.append(f'<text x="{MARGIN}" y="48" font-size="12" fill="#444444">{escape(scene.subtitle)}</text>')
    if scene.notice:
        lines.append(f'<text x="{MARGIN}" y="66" font-size="12" fill="#8a6d00">{escape(scene.notice)}</text>')
    lines.append('<g class="edges">')
    for edge in scene.edges:
        if edge.source not in positions or edge.target not in positions:
            continue
        (x1, y1), (x2, y2) = positions[edge.source], positions[edge.target]
        dash = ' stroke-dasharray="6 4"' if edge.dashes else ""
        lines.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{edge.colour}" '
            f'stroke-width="{edge.width}" stroke-opacity="{0.8 * edge.opacity:.2f}"{dash}>'
            f"<title>{escape(' · '.join(edge.hover))}</title></line>"
        )
    lines.append("</g>")
    lines.extend(_svg_nodes(scene, positions, scale))
    lines.extend(_svg_panel(scene))
    lines.append("</svg>")
    return "\n".join(lines) + "\n"


def _svg_nodes(scene: Scene, positions: dict[str, tuple[float, float]], scale: float) -> list[str]:
    lines = ['<g class="nodes">']
    for node in scene.nodes:
        x, y = positions[node.id]
        r = _radius(node, scale)
        stroke = node.border or "#333333"
        labelled = _labelled(scene, node)
        lines.append(f"<g data-id={quoteattr(node.id)}><title>{escape(' · '.join(node.hover))}</title>")
        lines.append(_svg_shape(node.shape, x, y, r, node.colour, stroke, 3 if node.border else 0.8))
        if labelled:
            weight = ' font-weight="bold"' if node.marks.lead else ""
            lines.append(
                f'<text x="{x:.1f}" y="{y + r + 12:.1f}" font-size="11" text-anchor="middle"{weight}>'
                f"{escape(node.label)}</text>"
            )
        lines.append("</g>")
    lines.append("</g>")
    return lines


def _svg_panel(scene: Scene) -> list[str]:
    """The legend and the side-panel sections, right of the drawing."""
    x, y = WIDTH + 10, 30.0
    lines = [f'<text x="{x}" y="{y}" font-size="14" font-weight="bold">Légende</text>']
    for entry in scene.legend:
        y += 18
        lines.append(_svg_legend_entry(entry, x, y))
    for section in scene.sections:
        y += 28
        lines.append(
            f'<text x="{x}" y="{y}" font-size="13" font-weight="bold">{escape(section.title)}</text>'
        )
        for item in section.items or (section.empty,):
            y += 18
            lines.append(f'<text x="{x + 8}" y="{y}" font-size="12">• {escape(item)}</text>')
    return lines


_MARKERS = {"dot": "o", "star": "*", "square": "s", "triangle": "^", "hexagon": "h", "box": "s"}


def render_png(scene: Scene, *, dpi: int = 100) -> bytes:
    """Return the map as a PNG image drawn with matplotlib (Agg, no display needed)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    positions, scale, drawing = _frame(scene)
    notes = _panel_lines(scene)
    height = max(
        drawing, 500, PNG_LEGEND_TOP + PNG_LEGEND_ROW * len(scene.legend) + PNG_LINE * len(notes) + 40
    )
    figure = Figure(figsize=((WIDTH + PANEL) / 100, height / 100), dpi=dpi)
    FigureCanvasAgg(figure)
    axes = figure.add_axes((0.0, 0.0, WIDTH / (WIDTH + PANEL), 1.0))
    axes.set_xlim(0, WIDTH)
    axes.set_ylim(height, 0)
    axes.set_axis_off()
    axes.text(MARGIN, 28, scene.title, fontsize=14, fontweight="bold", parse_math=False)
    axes.text(MARGIN, 48, scene.subtitle, fontsize=9, color="#444444", parse_math=False)
    _png_edges(axes, scene, positions)
    _png_nodes(axes, scene, positions, scale)
    panel = figure.add_axes((WIDTH / (WIDTH + PANEL), 0.0, PANEL / (WIDTH + PANEL), 1.0))
    panel.set_axis_off()
    _png_panel(panel, scene, notes, height)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, facecolor="white")
    return buffer.getvalue()


def _png_edges(axes: Any, scene: Scene, positions: dict[str, tuple[float, float]]) -> None:
    from matplotlib.collections import LineCollection
    from matplotlib.colors import to_rgba

    segments, colours, widths, styles = [], [], [], []
    for edge in scene.edges:
        if edge.source in positions and edge.target in positions:
            segments.append([positions[edge.source], positions[edge.target]])
            colours.append(to_rgba(edge.colour, 0.8 * edge.opacity))
            widths.append(edge.width * 0.75)
            styles.append((0, (4, 3)) if edge.dashes else "solid")
    if segments:
        axes.add_collection(
            LineCollection(segments, colors=colours, linewidths=widths, linestyles=styles, zorder=1)
        )


def _png_nodes(axes: Any, scene: Scene, positions: dict[str, tuple[float, float]], scale: float) -> None:
    by_marker: dict[str, list[MapNode]] = {}
    for node in scene.nodes:
        by_marker.setdefault(_MARKERS.get(node.shape, "o"), []).append(node)
    for marker, group in by_marker.items():  # one scatter per marker: thousands of nodes in a second
        axes.scatter(
            [positions[n.id][0] for n in group],
            [positions[n.id][1] for n in group],
            s=[(_radius(n, scale) * 1.6) ** 2 for n in group],
            marker=marker,
            c=[n.colour for n in group],
            edgecolors=[n.border or "#333333" for n in group],
            linewidths=[2.5 if n.border else 0.6 for n in group],
            zorder=2,
        )
    for node in scene.nodes:
        if _labelled(scene, node):
            x, y = positions[node.id]
            axes.text(
                x,
                y + _radius(node, scale) + 10,
                node.label,
                fontsize=7,
                ha="center",
                fontweight="bold" if node.marks.lead else "normal",
                parse_math=False,
                zorder=3,
            )


def _png_handle(entry: LegendEntry) -> Any:
    from matplotlib.lines import Line2D

    if entry.symbol in ("line", "dashed"):
        return Line2D(
            [],
            [],
            color=entry.colour,
            linewidth=entry.width * 0.75,
            linestyle="--" if entry.symbol == "dashed" else "-",
            label=entry.label,
        )
    return Line2D(
        [],
        [],
        marker=_MARKERS.get(entry.symbol, "o"),
        linestyle="none",
        markersize=9,
        markerfacecolor=entry.colour,
        markeredgecolor=entry.border or "#333333",
        markeredgewidth=2 if entry.border else 0.6,
        label=entry.label,
    )


def _panel_lines(scene: Scene) -> list[str]:
    """The side-panel sections as lines short enough for the panel."""
    lines = []
    for section in scene.sections:
        lines.append(section.title)
        for item in section.items or (section.empty,):
            lines.extend(textwrap.wrap(f"• {item}", PNG_WRAP, initial_indent="  ", subsequent_indent="    "))
    return lines


def _png_panel(panel: Any, scene: Scene, notes: list[str], height: float) -> None:
    """The legend, then the side-panel sections below it, right of the drawing."""
    handles = [_png_handle(replace(entry, label=short(entry.label, PNG_WRAP))) for entry in scene.legend]
    if handles:
        legend = panel.legend(
            handles=handles, loc="upper left", fontsize=7, title="Légende", frameon=False, borderaxespad=0.3
        )
        for text in legend.get_texts():
            text.set_parse_math(False)
    if notes:
        top = 1 - (PNG_LEGEND_TOP + PNG_LEGEND_ROW * len(handles)) / height
        panel.text(0.02, top, "\n".join(notes), fontsize=7, va="top", parse_math=False)


__all__ = ["render_png", "render_svg"]
