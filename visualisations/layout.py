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
import numpy as np

SMALL_GRAPH = 300  # largest graph laid out in one piece
PIECE = 150  # in a larger graph, largest group laid out in one piece: cost grows as n × PIECE
ASPECT = 1.3  # rows 1.3 times wider, for the pages' wide canvas: on the demo's overlap map 8
# of 8 applications keep their label, against 5 with 1.0, 1.6 or 2.0
UNIT = 100.0  # pixels per square root of a node: keeps the density of a map constant


def fruchterman_reingold(adjacency: np.ndarray, *, seed: int = 0, iterations: int = 50) -> np.ndarray:
    """Fruchterman–Reingold force-directed positions in [-1, 1]², as networkx computes them.

    The algorithm of ``networkx.spring_layout`` (dense version: repulsion k²/d between every
    pair, attraction d²/k along edges, k = 1/√n, a temperature falling linearly from 0.1), in
    float32 and without networkx's per-call overhead: about twice as fast, same pictures.

    References
    ----------
    Fruchterman, T. M. J., & Reingold, E. M. (1991). Graph drawing by force-directed placement.
    *Software: Practice and Experience*, 21(11), 1129–1164. https://doi.org/10.1002/spe.4380211102
    """
    count = adjacency.shape[0]
    rng = np.random.default_rng(seed)
    positions = rng.random((count, 2), dtype=np.float32)
    if count < 2:
        return np.zeros((count, 2), dtype=np.float32)
    weights = adjacency.astype(np.float32)
    k = np.float32(math.sqrt(1.0 / count))
    temperature = 0.1
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        delta = positions[:, None, :] - positions[None, :, :]
        distance = np.sqrt(np.einsum("ijk,ijk->ij", delta, delta))
        np.clip(distance, 0.01, None, out=distance)
        force = (k * k) / (distance * distance) - weights * distance / k
        displacement = np.einsum("ijk,ij->ik", delta, force)
        length = np.sqrt(np.einsum("ik,ik->i", displacement, displacement))
        np.clip(length, 0.01, None, out=length)
        positions += displacement * (np.float32(temperature) / length)[:, None]
        temperature -= cooling
    positions -= positions.mean(axis=0)
    extent = float(np.abs(positions).max()) or 1.0
    return positions / np.float32(extent)


def _spring(graph: nx.Graph, seed: int) -> dict[Any, tuple[float, float]]:
    # Sorted: a subgraph iterates its nodes in the order of a set, which changes from one process
    # to the next (string hashing is randomised); the layout must not.
    nodes = sorted(graph.nodes, key=str)
    adjacency = nx.to_numpy_array(graph, nodelist=nodes, weight=None, dtype=np.float32)
    positions = fruchterman_reingold(adjacency, seed=seed)
    return {node: (float(x), float(y)) for node, (x, y) in zip(nodes, positions.tolist(), strict=True)}


def _radius(count: int) -> float:
    return UNIT * math.sqrt(count) + UNIT


def _packed(graph: nx.Graph, seed: int) -> dict[Any, tuple[float, float]]:
    """Lay out each connected component on its own and pack them in rows, biggest first.

    One spring layout of a graph with isolated nodes squeezes its main component in the middle
    (the isolated ones repel everything to the edges); a component laid out alone keeps a
    readable density. Positions are pixels centred on the origin.
    """
    components = sorted(
        (sorted(c, key=str) for c in nx.connected_components(graph)), key=lambda c: (-len(c), str(c[0]))
    )
    radii = [_radius(len(c)) if len(c) > 1 else UNIT / 2 for c in components]
    width = max(2 * max(radii), math.sqrt(sum((2 * r) ** 2 for r in radii)) * 1.3 * ASPECT)
    positions: dict[Any, tuple[float, float]] = {}
    x = y = row = 0.0
    for component, radius in zip(components, radii, strict=True):
        if x > 0 and x + 2 * radius > width:
            x, y, row = 0.0, y + row, 0.0
        cx, cy = x + radius, y + radius
        x, row = x + 2 * radius, max(row, 2 * radius)
        if len(component) == 1:
            positions[component[0]] = (cx, cy)
            continue
        for node, (px, py) in _spring(graph.subgraph(component), seed).items():
            positions[node] = (cx + px * radius * 0.9, cy + py * radius * 0.9)
    xs = [p[0] for p in positions.values()]
    ys = [p[1] for p in positions.values()]
    mx, my = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    return {n: (px - mx, py - my) for n, (px, py) in positions.items()}


def layout(
    graph: nx.Graph,
    *,
    group: Callable[[Any], Hashable] | None = None,
    seed: int = 0,
    small: int = SMALL_GRAPH,
    piece: int = PIECE,
) -> dict[Any, tuple[float, float]]:
    """Return pixel positions for every node of ``graph``, the same for the same graph and seed.

    Parameters
    ----------
    graph : the graph to lay out (any networkx graph).
    group : when the graph has more than ``small`` nodes, the key that clusters nodes (the
        sector, say); ``None`` cuts the node list in chunks of ``small``.
    seed : the seed of the spring layout.
    small : largest graph laid out in one piece.
    piece : in a larger graph, largest group laid out in one piece.
    """
    count = graph.number_of_nodes()
    if count == 0:
        return {}
    if count <= small:
        return _packed(graph, seed)
    groups: dict[Hashable, list[Any]] = {}
    for index, node in enumerate(graph.nodes):
        key = group(node) if group is not None else index // piece
        groups.setdefault(key, []).append(node)
    pieces: list[list[Any]] = []
    for members in sorted(groups.values(), key=len, reverse=True):
        pieces.extend(members[i : i + piece] for i in range(0, len(members), piece))
    radii = [_radius(len(p)) * 1.2 for p in pieces]  # packed components take a little more room
    circumference = sum(2 * r for r in radii) * 1.15
    ring = circumference / (2 * math.pi) if len(pieces) > 1 else 0.0
    positions: dict[Any, tuple[float, float]] = {}
    angle = 0.0
    for chunk, radius in zip(pieces, radii, strict=True):
        share = 2 * radius * 1.15 / circumference
        centre = angle + math.pi * share
        cx, cy = ring * math.cos(centre), ring * math.sin(centre)
        angle += 2 * math.pi * share
        for node, (x, y) in _packed(graph.subgraph(chunk), seed).items():
            positions[node] = (cx + x, cy + y)
    return positions


__all__ = ["SMALL_GRAPH", "layout"]
