"""Resilience: what the partnership loses when one member leaves.

References
----------
.. [1] Hopcroft, J. and Tarjan, R. (1973). "Algorithm 447: efficient algorithms for graph
   manipulation". *Communications of the ACM* 16(6), 372–378. doi:10.1145/362248.362272
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from queries.metrics._common import Measure, attr_list, evidence_of
from queries.metrics.complementarity import ALL_STAGES


def articulation_points(graph: nx.Graph, cut: set[str] | None = None) -> Measure:
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
    ids = sorted(set(nx.articulation_points(graph)) if cut is None else cut, key=str)
    return Measure(ids, evidence_of(graph, ids))


def single_points_of_failure(
    graph: nx.Graph, required: Iterable[str] = ALL_STAGES, cut: set[str] | None = None
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
    wanted = set(required)
    providers: dict[str, list[str]] = {}
    for node in graph:
        for stage in attr_list(graph, node, "stages"):
            if stage in wanted:
                providers.setdefault(stage, []).append(node)
    if cut is None:
        cut = set(nx.articulation_points(graph))
    detail: dict[str, dict[str, object]] = {}
    for node in graph:
        sole = sorted(s for s, who in providers.items() if who == [node])
        if sole or node in cut:
            detail[node] = {"stages": sole, "splits": node in cut}
    ids = sorted(detail, key=str)
    return Measure(ids, evidence_of(graph, ids), {n: detail[n] for n in ids})


__all__ = ["articulation_points", "single_points_of_failure"]
