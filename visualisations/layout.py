"""Node positions computed once, on the server, so the browser never runs a physics simulation.

vis-network's own physics needs tens of seconds past about a thousand nodes, and networkx's
Fruchterman–Reingold is quadratic per iteration (about 17 s for 2,000 nodes without SciPy). Small
graphs get networkx's spring layout as it is; larger ones are split into groups (sectors, say), each
group laid out on its own and the groups placed around a circle, so the cost grows with the sum of
the squares of the group sizes instead of the square of the whole.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable
from typing import Any

import networkx as nx

SMALL_GRAPH = 300  # largest group laid out in one piece
UNIT = 60.0  # pixels per square root of a node: keeps the density of a map constant


def _spring(graph: nx.Graph, seed: int) -> dict[Any, tuple[float, float]]:
    if graph.number_of_nodes() == 1:
        return {next(iter(graph.nodes)): (0.0, 0.0)}
    positions = nx.spring_layout(graph, seed=seed, weight=None, iterations=50)
    return {node: (float(xy[0]), float(xy[1])) for node, xy in positions.items()}


def _radius(count: int) -> float:
    return UNIT * math.sqrt(count) + UNIT


def layout(
    graph: nx.Graph,
    *,
    group: Callable[[Any], Hashable] | None = None,
    seed: int = 0,
    small: int = SMALL_GRAPH,
) -> dict[Any, tuple[float, float]]:
    """Return pixel positions for every node of ``graph``, the same for the same graph and seed.

    Parameters
    ----------
    graph : the graph to lay out (any networkx graph).
    group : when the graph has more than ``small`` nodes, the key that clusters nodes (the
        sector, say); ``None`` cuts the node list in chunks of ``small``.
    seed : the seed of the spring layout.
    small : largest number of nodes laid out in one piece.
    """
    count = graph.number_of_nodes()
    if count == 0:
        return {}
    if count <= small:
        radius = _radius(count)
        return {n: (x * radius, y * radius) for n, (x, y) in _spring(graph, seed).items()}
    groups: dict[Hashable, list[Any]] = {}
    for index, node in enumerate(graph.nodes):
        key = group(node) if group is not None else index // small
        groups.setdefault(key, []).append(node)
    pieces: list[list[Any]] = []
    for members in sorted(groups.values(), key=len, reverse=True):
        pieces.extend(members[i : i + small] for i in range(0, len(members), small))
    radii = [_radius(len(p)) for p in pieces]
    circumference = sum(2 * r for r in radii) * 1.15
    ring = circumference / (2 * math.pi) if len(pieces) > 1 else 0.0
    positions: dict[Any, tuple[float, float]] = {}
    angle = 0.0
    for piece, radius in zip(pieces, radii, strict=True):
        share = 2 * radius * 1.15 / circumference
        centre = angle + math.pi * share
        cx, cy = ring * math.cos(centre), ring * math.sin(centre)
        angle += 2 * math.pi * share
        for node, (x, y) in _spring(graph.subgraph(piece), seed).items():
            positions[node] = (cx + x * radius, cy + y * radius)
    return positions


__all__ = ["SMALL_GRAPH", "layout"]
