"""Resilience: what the partnership loses when one member leaves.

References
----------
.. [1] Hopcroft, J. and Tarjan, R. (1973). "Algorithm 447: efficient algorithms for graph
   manipulation". *Communications of the ACM* 16(6), 372–378. doi:10.1145/362248.362272
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from queries.metrics._common import Measure
from queries.metrics._net import Adjacency, Net, as_net
from queries.metrics.complementarity import ALL_STAGES


def cut_vertices(adjacency: Adjacency) -> set[str]:
    """The articulation points of a graph given as plain adjacency dicts (Hopcroft & Tarjan 1973).

    The set ``networkx.articulation_points`` gives (checked in the tests on random graphs),
    by one iterative depth-first search: a vertex other than a root is a cut vertex when a child
    subtree has no edge back above it (``low[child] >= depth[vertex]``), a root when it has two
    children or more. Self-loops are ignored.
    """
    found: set[str] = set()
    depth: dict[str, int] = {}
    low: dict[str, int] = {}
    for root in adjacency:
        if root in depth:
            continue
        depth[root] = low[root] = 0
        children = 0
        stack = [(root, root, iter(adjacency[root]))]
        while stack:
            parent, node, neighbours = stack[-1]
            for other in neighbours:
                if other == node:
                    continue
                if other in depth:
                    if other != parent and depth[other] < low[node]:
                        low[node] = depth[other]
                    continue
                depth[other] = low[other] = depth[node] + 1
                stack.append((node, other, iter(adjacency[other])))
                break
            else:
                stack.pop()
                if node == root:
                    continue
                if low[node] < low[parent]:
                    low[parent] = low[node]
                if parent == root:
                    children += 1
                elif low[node] >= depth[parent]:
                    found.add(parent)
        if children > 1:
            found.add(root)
    return found


def cut_points(graph: nx.Graph | Net) -> set[str]:
    """:func:`cut_vertices` of N(P), found without a depth-first search when the lead is tied to all.

    In N(P) the lead is tied to every partner (its commitments). With a member :math:`u` tied to
    every other, removing any other member leaves :math:`u` tied to all the rest: no other member
    is a cut vertex, and :math:`u` is one exactly when the graph without it is disconnected
    (one search over the partners). Any other graph takes :func:`cut_vertices`.
    """
    net = as_net(graph)
    lead = net.lead
    if lead is None:
        return cut_vertices(net.adj)
    adjacency = net.adj
    count = len(adjacency)
    around = adjacency[lead]
    if len(around) - (lead in around) != count - 1:
        return cut_vertices(adjacency)
    if count < 3:
        return set()
    start = next(n for n in adjacency if n != lead)
    seen = {lead, start}
    stack = [start]
    while stack:
        for other in adjacency[stack.pop()]:
            if other not in seen:
                seen.add(other)
                stack.append(other)
    reached = len(seen) - 1
    return {lead} if reached < count - 1 else set()


def articulation_points(graph: nx.Graph | Net, cut: set[str] | None = None) -> Measure:
    r"""Members whose removal splits their component (cut vertices).

    ``networkx.articulation_points`` (Hopcroft & Tarjan 1973) on the unweighted graph. In a star
    the centre is one; in a cycle there is none.

    ``cut`` may hand in the set already found (a report finds it once for both resilience
    metrics).

    Returns
    -------
    Measure
        Sorted list of member ids; ``[]`` with fewer than three members.
    """
    net = as_net(graph)
    ids = sorted(cut_points(net) if cut is None else cut, key=str)
    return Measure(ids, net.evidence(ids))


def single_points_of_failure(
    graph: nx.Graph | Net, required: Iterable[str] = ALL_STAGES, cut: set[str] | None = None
) -> Measure:
    r"""Members whose loss leaves a required stage uncovered or splits the network.

    A member is a single point of failure when it is the only one doing a required stage that is
    covered (a stage nobody covers is a gap, not a failure point), or when it is an articulation
    point (``cut``: the articulation points when already found).

    Returns
    -------
    Measure
        Sorted list of member ids. ``detail[member]`` gives ``{"stages": [...], "splits": bool}``.
    """
    net = as_net(graph)
    wanted = set(required)
    if cut is None:
        cut = cut_points(net)
    only: dict[str, list[str]] = {}  # member → the stages it alone does (listed once in all)
    for stage, who in net.holders("stages").items():
        if len(who) == 1 and stage in wanted:
            only.setdefault(who[0], []).append(stage)
    detail: dict[str, dict[str, object]] = {}
    for node in net.nodes:
        sole = sorted(only.get(node, ()))
        if sole or node in cut:
            detail[node] = {"stages": sole, "splits": node in cut}
    ids = sorted(detail, key=str)
    return Measure(ids, net.evidence(ids), {n: detail[n] for n in ids})


__all__ = ["articulation_points", "cut_points", "cut_vertices", "single_points_of_failure"]
