"""How fast a 2,000-node ecosystem map becomes usable in headless Chromium, against pyvis defaults.

Run from the repository root: ``python -m benchmarks.map_bench`` (needs Debian's Chromium,
``make chromium``). The same synthetic territory (1,900 organisations, 100 schemes, 5,000 ties,
ten applications) is drawn twice in the same run:

- **ours**: ``visualisations.ecosystem_map`` + ``standalone_html``: node and edge JSON built
  directly, positions computed on the server, physics off, straight edges hidden while dragging;
- **pyvis defaults**: ``pyvis.network.Network(cdn_resources="in_line")`` filled with
  ``add_node``/``add_edge`` (the same nodes, colours, shapes, sizes and edges) and
  ``generate_html()``: vis-network's Barnes–Hut physics with its default stabilisation.

For each it prints the Python time to build the HTML, then, in the browser, the time from
navigation start to the first drawing, to the end of the stabilisation iterations, to the moment
the network is stable (the ``stabilized`` event; immediately after the first drawing when physics
is off), and how long a click on the canvas waits before the page answers it right after the first
drawing (a busy main thread makes that long); "interactive" is the first drawing plus that wait,
when the page has answered a click. Every request to another host is aborted, as in the
browser tests.
"""

from __future__ import annotations

import argparse
import contextlib
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from rich.console import Console
from rich.table import Table

from tests.support.browser import CHROMIUM, CHROMIUM_FLAGS, allowed
from tests.visualisations.fixtures import large_territory
from visualisations import ecosystem_map, standalone_html
from visualisations.scene import Scene

ATTACH = """
() => {
  const mine = window.partnershipMap;
  const net = (mine && mine.network) || window.network;
  const physics = Boolean(net.physics && net.physics.physicsEnabled);
  const bench = {physics: physics, firstDraw: null, iterationsDone: null, stable: null};
  window.__bench = bench;
  const drawn = (at) => {
    bench.firstDraw = at;
    if (!physics) { bench.stable = at; }
  };
  if (mine && mine.ready) { drawn(mine.readyAt); } else { net.once('afterDrawing', () => drawn(performance.now())); }
  net.once('stabilizationIterationsDone', () => { bench.iterationsDone = performance.now(); });
  net.once('stabilized', () => { bench.stable = performance.now(); });
}
"""

CLICK_PROBE = """
() => {
  const net = (window.partnershipMap && window.partnershipMap.network) || window.network;
  window.__clickAt = null;
  net.once('click', () => { window.__clickAt = performance.now(); });
  return performance.now();
}
"""


@dataclass
class Measure:
    name: str
    build_s: float
    html_mb: float
    first_draw_s: float | None
    iterations_done_s: float | None
    stable_s: float | None
    click_ms: float | None


def pyvis_defaults_html(scene: Scene) -> str:
    """The same map through pyvis's own API and defaults (physics on, no positions)."""
    from pyvis.network import Network

    network = Network(height="750px", width="100%", cdn_resources="in_line")
    for node in scene.nodes:
        network.add_node(
            node.id,
            label=node.label,
            color=node.colour,
            shape=node.shape,
            size=node.size,
            title="\n".join(node.hover),
        )
    for edge in scene.edges:
        network.add_edge(edge.source, edge.target, color=edge.colour, width=edge.width, dashes=edge.dashes)
    return str(network.generate_html())


def measure(browser: Any, name: str, html: str, build_s: float, folder: Path, cap_s: float) -> Measure:
    path = folder / f"{name.replace(' ', '-')}.html"
    path.write_text(html, encoding="utf-8")
    # The measuring scripts are evaluated in the page: let them past the map's own CSP.
    context = browser.new_context(viewport={"width": 1400, "height": 900}, bypass_csp=True)
    context.route("**/*", lambda route: route.continue_() if allowed(route.request.url) else route.abort())
    page = context.new_page()
    result: dict[str, Any] = {"firstDraw": None, "iterationsDone": None, "stable": None}
    click_ms: float | None = None
    wait = int(cap_s * 1000)
    try:
        page.goto(path.as_uri(), wait_until="commit", timeout=wait)
        # pyvis's page assigns `network` only once vis-network's constructor returns, and with
        # physics on that constructor may run the whole stabilisation: the cap is then reached.
        page.wait_for_function(
            "(window.partnershipMap && window.partnershipMap.network) || window.network",
            timeout=wait,
            polling=5,
        )
        page.evaluate(ATTACH)
        page.wait_for_function("window.__bench.firstDraw !== null", timeout=wait, polling=5)
        box = page.locator("#map, #mynetwork").first.bounding_box()
        assert box is not None
        clicked_at = page.evaluate(CLICK_PROBE)
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.wait_for_function("window.__clickAt !== null", timeout=wait, polling=5)
        click_ms = page.evaluate("window.__clickAt") - clicked_at
        with contextlib.suppress(PlaywrightTimeout):
            page.wait_for_function("window.__bench.stable !== null", timeout=wait, polling=50)
        result = page.evaluate("window.__bench")
    except PlaywrightTimeout:
        pass  # reported as "> cap"
    finally:
        context.close()

    def seconds(value: float | None) -> float | None:
        return None if value is None else value / 1000

    return Measure(
        name=name,
        build_s=build_s,
        html_mb=len(html.encode("utf-8")) / 1e6,
        first_draw_s=seconds(result["firstDraw"]),
        iterations_done_s=seconds(result["iterationsDone"]),
        stable_s=seconds(result["stable"]),
        click_ms=click_ms,
    )


def _cell(value: float | None, unit: str, cap_s: float) -> str:
    if value is None:
        return f"> {cap_s:.0f} s" if unit == "s" else "—"
    return f"{value:.2f} {unit}" if unit == "s" else f"{value:.0f} {unit}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.map_bench", description=__doc__)
    parser.add_argument("--organisations", type=int, default=1900)
    parser.add_argument("--schemes", type=int, default=100)
    parser.add_argument("--ties", type=int, default=5000)
    parser.add_argument("--cap", type=float, default=120.0, help="seconds to wait for stability")
    args = parser.parse_args(argv)
    console = Console(width=150)
    if not CHROMIUM.exists():
        console.print("Chromium de Debian absent : lancez `make chromium`.")
        raise SystemExit(2)
    dataset = large_territory(args.organisations, args.schemes, args.ties)
    started = time.perf_counter()
    scene = ecosystem_map(dataset)
    ours = standalone_html(scene)
    ours_s = time.perf_counter() - started
    started = time.perf_counter()
    theirs = pyvis_defaults_html(scene)
    theirs_s = time.perf_counter() - started

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS
        )
        try:
            rows = [
                measure(browser, "ours", ours, ours_s, Path(folder), args.cap),
                measure(browser, "pyvis defaults", theirs, theirs_s, Path(folder), args.cap),
            ]
        finally:
            browser.close()
    table = Table(
        title=f"Carte d'écosystème : {len(scene.nodes)} nœuds, {len(scene.edges)} liens (Chromium headless)"
    )
    for column in (
        "variante",
        "HTML (Python)",
        "taille",
        "1er dessin",
        "fin stabilisation",
        "stable",
        "attente d'un clic",
        "interactif",
    ):
        table.add_column(column, justify="right")
    for row in rows:
        table.add_row(
            row.name,
            _cell(row.build_s, "s", args.cap),
            f"{row.html_mb:.1f} Mo",
            _cell(row.first_draw_s, "s", args.cap),
            _cell(row.iterations_done_s, "s", args.cap) if row.name != "ours" else "sans physique",
            _cell(row.stable_s, "s", args.cap),
            _cell(row.click_ms, "ms", args.cap),
            _cell(
                None
                if row.first_draw_s is None or row.click_ms is None
                else row.first_draw_s + row.click_ms / 1000,
                "s",
                args.cap,
            ),
        )
    console.print(table)


if __name__ == "__main__":
    main()
