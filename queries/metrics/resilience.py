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
from queries.metrics._net import Net, structure
from queries.metrics.complementarity import ALL_STAGES


def cut_points(graph: nx.Graph | Net) -> set[str]:
    """The articulation points of N(P), every edge: ``networkx.articulation_points``."""
    return set(nx.articulation_points(structure(graph)))


def articulation_points(graph: nx.Graph | Net) -> Measure:
    r"""Members whose removal splits their component (cut vertices).

    ``networkx.articulation_points`` (Hopcroft & Tarjan 1973) on the unweighted graph. In a star
    the centre is one; in a cycle there is none.

    Parameters
    ----------
    graph : networkx.Graph or Net
        N(P) or its ``Net``; reads the structure view (every edge).

    Returns
    -------
    Measure
        Sorted list of member ids; ``[]`` with fewer than three members.

    References
    ----------
    Hopcroft & Tarjan (1973) [1]_ (the module's references).

    Examples
    --------
    >>> articulation_points(nx.path_graph(["a", "b", "c"])).value
    ['b']
    """
    graph = structure(graph)
    ids = sorted(cut_points(graph), key=str)
    return Measure(ids, evidence_of(graph, ids))


def single_points_of_failure(graph: nx.Graph | Net, required: Iterable[str] = ALL_STAGES) -> Measure:
    r"""Members whose loss leaves a required stage uncovered or splits the network.

    A member is a single point of failure when it is the only one doing a required stage that is
    covered (a stage nobody covers is a gap, not a failure point), or when it is an articulation
    point (:func:`articulation_points`).

    Parameters
    ----------
    graph : networkx.Graph or Net
        N(P) or its ``Net``; reads the structure view and the members' ``stages``.
    required : iterable of str
        The stages the call requires.

    Returns
    -------
    Measure
        Sorted list of member ids. ``detail[member]`` gives ``{"stages": [...], "splits": bool}``.

    References
    ----------
    Hopcroft & Tarjan (1973) [1]_ (the module's references).

    Examples
    --------
    >>> g = nx.Graph([("a", "b"), ("b", "c")])
    >>> nx.set_node_attributes(g, {"a": ["emploi"], "b": ["reperage"], "c": ["reperage"]}, "stages")
    >>> single_points_of_failure(g, ["reperage", "emploi"]).value  # a alone does emploi; b splits
    ['a', 'b']
    """
    graph = structure(graph)
    cut = cut_points(graph)
    # Each required stage → who lists it (each listing counts: a stage listed once is done alone).
    doing: dict[str, list[str]] = {stage: [] for stage in required}
    for node in graph:
        for stage in attr_list(graph, node, "stages"):
            if stage in doing:
                doing[stage].append(node)
    only: dict[str, list[str]] = {}  # member → the required stages it alone does
    for stage, who in doing.items():
        if len(who) == 1:
            only.setdefault(who[0], []).append(stage)
    detail: dict[str, dict[str, object]] = {}
    for node in graph:
        sole = sorted(only.get(node, ()))
        if sole or node in cut:
            detail[node] = {"stages": sole, "splits": node in cut}
    ids = sorted(detail, key=str)
    return Measure(ids, evidence_of(graph, ids), {n: detail[n] for n in ids})
