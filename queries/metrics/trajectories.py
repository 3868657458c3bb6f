"""Trajectories: can a person found by outreach be handed on, tie by tie, to a way out?

A pathway starts with a member doing ``reperage`` (the entry stage) and ends with a member doing
``formation`` or ``emploi`` (exit stages). Paths follow the **working ties** of N(P) only
(:func:`~queries.metrics._common.is_working`): a formal commitment or formal tie (signed
agreement, letter of commitment, co-funding), or a tie declared beyond the commitment (a referral,
a co-intervention, …). A person is handed on through an actual referral or cooperation; an
informal commitment with no declared tie is a name on a list and carries nobody, as in the
Decompartmentalisation family and the lead's Burt measures. A lead listing informal partners only
has no working edge: its entry members reach no exit (unless one member does both) and every
member short of an exit stage is a dead end.

Each function takes ``working``, the graph of working ties
(:func:`~queries.metrics._common.working_graph`), so a report builds it once; it is built from
``graph`` when not given.
"""

from __future__ import annotations

from itertools import pairwise

import networkx as nx

from graph_service.domain.vocabulary import ENTRY_STAGE, EXIT_STAGES, Stage
from queries.metrics._common import Evidence, Measure
from queries.metrics._net import Neighbours, Net, as_net, working_ties

ENTRY = ENTRY_STAGE.value
EXIT = frozenset(s.value for s in EXIT_STAGES)
ORDER = {s.value: i for i, s in enumerate(Stage)}
STAGES = tuple(s.value for s in Stage)  # by their ORDER


def _entries_exits(net: Net) -> tuple[list[str], set[str]]:
    found = net.memo.get("entries_exits")
    if found is None:
        stages = net.attr("stages")
        entries = [n for n, done in stages.items() if ENTRY in done]
        exits = {n for n, done in stages.items() if not EXIT.isdisjoint(done)}
        found = net.memo["entries_exits"] = (entries, exits)
    return found


def _complete(net: Net, working: nx.Graph | None) -> tuple[list[str], dict[str, list[str]], Evidence]:
    """The entry members, the shortest path to an exit of those reaching one, and its evidence.

    Both measures report the same paths with the same evidence: found once per network.
    """
    found = net.memo.get("complete_paths") if working is None else None
    if found is None:
        entries, exits = _entries_exits(net)
        if working is None:
            # The paths of the entry members alone (not of every member reaching an exit).
            toward = _toward_exits(net.working, exits)
            complete = {r: _path(toward, r) for r in entries if r in toward}
        else:
            paths = _paths(net, working, exits)
            complete = {r: paths[r] for r in entries if r in paths}
        edges = [edge for p in complete.values() for edge in pairwise(p)]
        found = (entries, complete, net.evidence([n for p in complete.values() for n in p], edges))
        if working is None:
            net.memo["complete_paths"] = found
    return found


def _paths(net: Net, working: nx.Graph | None, exits: set[str]) -> dict[str, list[str]]:
    """:func:`_exit_paths` over the working ties, found once per network for both measures."""
    if working is not None:
        return _exit_paths(working.adj, exits)
    found = net.memo.get("exit_paths")
    if found is None:
        found = net.memo["exit_paths"] = _exit_paths(net.working, exits)
    return found


def _exit_paths(graph: Neighbours, exits: set[str]) -> dict[str, list[str]]:
    """For every member that reaches an exit member, a shortest path to the nearest one.

    ``graph`` is the graph of working ties. One breadth-first search from all exit members at once (sorted, so ties between equally near
    exits are broken the same way every time) instead of one search per entry member.
    """
    toward = _toward_exits(graph, exits)
    return {node: _path(toward, node) for node in toward}


def _toward_exits(graph: Neighbours, exits: set[str]) -> dict[str, str | None]:
    """Each member reaching an exit member → the next member on its way (``None`` at an exit)."""
    toward: dict[str, str | None] = {x: None for x in sorted(exits, key=str)}
    frontier = list(toward)
    while frontier:
        following = []
        for u in frontier:
            for v in graph[u]:
                if v not in toward:
                    toward[v] = u
                    following.append(v)
        frontier = following
    return toward


def _path(toward: dict[str, str | None], node: str) -> list[str]:
    """The way from ``node`` to its exit member, ``node`` first."""
    path = [node]
    step = toward[node]
    while step is not None:
        path.append(step)
        step = toward[step]
    return path


def complete_trajectory_share(graph: nx.Graph | Net, working: nx.Graph | None = None) -> Measure:
    r"""Share of entry members with a path through working ties to a member at an exit stage.

    .. math:: \frac{|\{r \in R : \exists x \in X,\ r \leadsto x\}|}{|R|}

    :math:`R`: members doing ``reperage``; :math:`X`: members doing ``formation`` or ``emploi``;
    :math:`r \leadsto x`: a path in the graph of working ties of N(P) (formal, or declared beyond
    the commitment; length 0 when one member does both). Informal commitment edges with no
    declared tie are not followed.

    Returns
    -------
    Measure
        Value in [0, 1]. When no member does ``reperage`` no trajectory can start, and none is
        complete: 0.0 (``detail['no_entry']`` is true). Evidence: the complete paths.
    """
    net = as_net(graph)
    if not _entries_exits(net)[0]:
        return Measure(0.0, detail={"no_entry": True, "incomplete": []})
    entries, complete, evidence = _complete(net, working)
    return Measure(
        len(complete) / len(entries),
        evidence,
        {"no_entry": False, "incomplete": [r for r in entries if r not in complete]},
    )


def mean_handoffs(graph: nx.Graph | Net, working: nx.Graph | None = None) -> Measure:
    r"""Mean number of hand-offs from an entry member to its nearest exit member.

    .. math:: \bar h = \frac{1}{|R^*|} \sum_{r \in R^*} \min_{x \in X} d_W(r, x)

    over the entry members :math:`R^*` that reach an exit, :math:`d_W` the shortest-path distance
    over working ties only (formal, or declared beyond the commitment). Fewer hand-offs, fewer chances to lose
    someone on the way.

    Returns
    -------
    Measure
        Float ≥ 0; ``None`` when no entry member reaches an exit.
    """
    net = as_net(graph)
    _, complete, evidence = _complete(net, working)
    if not complete:
        return Measure(None)
    return Measure(sum(len(p) - 1 for p in complete.values()) / len(complete), evidence)


def dead_ends(graph: nx.Graph | Net, working: nx.Graph | None = None) -> Measure:
    r"""Members where a pathway stops: no exit stage, and no working tie to a member further along.

    Stages are ordered ``reperage < mobilisation < accompagnement < levee_freins < formation <
    emploi``. A member whose latest stage :math:`s` is not an exit stage is a dead end when none
    of its neighbours over working ties (formal, or declared beyond the commitment) does a stage
    after :math:`s`; an informal commitment with no declared tie hands nobody on.

    Returns
    -------
    Measure
        Sorted list of member ids; members without stages are not judged. ``detail['stage']``
        gives each dead end's latest stage.
    """
    net = as_net(graph)
    ties = working_ties(net, working)
    done = net.attr("stages")
    # Each member's latest stage in the pathway's order (-1 when it does none of them).
    order = ORDER.get
    latest = {
        n: order(stages[0], -1) if len(stages) == 1 else max([order(s, -1) for s in stages], default=-1)
        for n, stages in done.items()
    }
    # The members whose latest stage comes after each rank: a neighbour does a later stage
    # exactly when it is among them (sets built once per rank, from the latest down).
    by_rank: dict[int, list[str]] = {}
    for node, rank in latest.items():
        by_rank.setdefault(rank, []).append(node)
    after: dict[int, set[str]] = {}
    beyond: set[str] = set()
    for rank in sorted(by_rank, reverse=True):
        after[rank] = beyond
        beyond = beyond.union(by_rank[rank])
    found: dict[str, str] = {}
    for node in net.nodes:
        rank = latest[node]
        if rank < 0:
            continue  # no stage of the pathway
        last = STAGES[rank]
        if last in EXIT:
            continue
        if after[rank].isdisjoint(ties[node]):
            found[node] = last
    ids = sorted(found, key=str)
    return Measure(ids, net.evidence(ids), {"stage": {n: found[n] for n in ids}})


__all__ = ["complete_trajectory_share", "dead_ends", "mean_handoffs"]
