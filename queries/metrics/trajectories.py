"""Trajectories: can a person found by outreach be handed on, tie by tie, to a way out?

A pathway starts with a member doing ``reperage`` (the entry stage) and ends with a member doing
``formation`` or ``emploi`` (exit stages). Paths follow the edges of N(P), commitment edges
included: a partner's commitment is a tie with the lead.
"""

from __future__ import annotations

import networkx as nx

from graph_service.domain.vocabulary import ENTRY_STAGE, EXIT_STAGES, Stage
from queries.metrics._common import Measure, attr_list, evidence_of

ENTRY = ENTRY_STAGE.value
EXIT = frozenset(s.value for s in EXIT_STAGES)
ORDER = {s.value: i for i, s in enumerate(Stage)}


def _entries_exits(graph: nx.Graph) -> tuple[list[str], set[str]]:
    entries = [n for n in graph if ENTRY in attr_list(graph, n, "stages")]
    exits = {n for n in graph if EXIT & set(attr_list(graph, n, "stages"))}
    return entries, exits


def _exit_paths(graph: nx.Graph, exits: set[str]) -> dict[str, list[str]]:
    """For every member that reaches an exit member, a shortest path to the nearest one.

    One breadth-first search from all exit members at once (sorted, so ties between equally near
    exits are broken the same way every time) instead of one search per entry member.
    """
    toward: dict[str, str | None] = {x: None for x in sorted(exits, key=str)}
    frontier = list(toward)
    while frontier:
        following = []
        for u in frontier:
            for v in graph.adj[u]:
                if v not in toward:
                    toward[v] = u
                    following.append(v)
        frontier = following
    paths: dict[str, list[str]] = {}
    for node in toward:
        path = [node]
        step = toward[node]
        while step is not None:
            path.append(step)
            step = toward[step]
        paths[node] = path
    return paths


def complete_trajectory_share(graph: nx.Graph) -> Measure:
    r"""Share of entry members with a path through ties to a member at an exit stage.

    .. math:: \frac{|\{r \in R : \exists x \in X,\ r \leadsto x\}|}{|R|}

    :math:`R`: members doing ``reperage``; :math:`X`: members doing ``formation`` or ``emploi``;
    :math:`r \leadsto x`: a path in N(P) (length 0 when one member does both).

    Returns
    -------
    Measure
        Value in [0, 1]. When no member does ``reperage`` no trajectory can start, and none is
        complete: 0.0 (``detail['no_entry']`` is true). Evidence: the complete paths.
    """
    entries, exits = _entries_exits(graph)
    if not entries:
        return Measure(0.0, detail={"no_entry": True, "incomplete": []})
    paths = _exit_paths(graph, exits)
    complete = {r: paths[r] for r in entries if r in paths}
    edges = [(p[i], p[i + 1]) for p in complete.values() for i in range(len(p) - 1)]
    return Measure(
        len(complete) / len(entries),
        evidence_of(graph, [n for p in complete.values() for n in p], edges),
        {"no_entry": False, "incomplete": [r for r in entries if r not in complete]},
    )


def mean_handoffs(graph: nx.Graph) -> Measure:
    r"""Mean number of hand-offs from an entry member to its nearest exit member.

    .. math:: \bar h = \frac{1}{|R^*|} \sum_{r \in R^*} \min_{x \in X} d(r, x)

    over the entry members :math:`R^*` that reach an exit. Fewer hand-offs, fewer chances to lose
    someone on the way.

    Returns
    -------
    Measure
        Float ≥ 0; ``None`` when no entry member reaches an exit.
    """
    entries, exits = _entries_exits(graph)
    to_exit = _exit_paths(graph, exits)
    paths = [to_exit[r] for r in entries if r in to_exit]
    if not paths:
        return Measure(None)
    edges = [(p[i], p[i + 1]) for p in paths for i in range(len(p) - 1)]
    return Measure(
        sum(len(p) - 1 for p in paths) / len(paths),
        evidence_of(graph, [n for p in paths for n in p], edges),
    )


def dead_ends(graph: nx.Graph) -> Measure:
    r"""Members where a pathway stops: no exit stage, and no tie to a member further along.

    Stages are ordered ``reperage < mobilisation < accompagnement < levee_freins < formation <
    emploi``. A member whose latest stage :math:`s` is not an exit stage is a dead end when none
    of its neighbours does a stage after :math:`s`.

    Returns
    -------
    Measure
        Sorted list of member ids; members without stages are not judged. ``detail['stage']``
        gives each dead end's latest stage.
    """
    found: dict[str, str] = {}
    for node in graph:
        stages = [s for s in attr_list(graph, node, "stages") if s in ORDER]
        if not stages:
            continue
        last = max(stages, key=ORDER.__getitem__)
        if last in EXIT:
            continue
        onward = any(
            ORDER.get(s, -1) > ORDER[last] for n in graph[node] for s in attr_list(graph, n, "stages")
        )
        if not onward:
            found[node] = last
    ids = sorted(found, key=str)
    return Measure(ids, evidence_of(graph, ids), {"stage": {n: found[n] for n in ids}})


__all__ = ["complete_trajectory_share", "dead_ends", "mean_handoffs"]
