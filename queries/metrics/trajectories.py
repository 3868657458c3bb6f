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

Each function reads the working view of N(P) (its :class:`~queries.metrics._net.Net`'s graph of
working ties).
"""

from __future__ import annotations

from itertools import pairwise

import networkx as nx

from graph_service.domain.vocabulary import ENTRY_STAGE, EXIT_STAGES, Stage
from queries.metrics._common import Evidence, Measure, attr_list, evidence_of
from queries.metrics._net import Net, as_net

ENTRY = ENTRY_STAGE.value
EXIT = frozenset(s.value for s in EXIT_STAGES)
ORDER = {s.value: i for i, s in enumerate(Stage)}
STAGES = tuple(s.value for s in Stage)  # by their ORDER


def _toward_exits(working: nx.Graph, exits: list[str]) -> dict[str, str | None]:
    """Each member reaching an exit member → the next member on its way (``None`` at an exit).

    One breadth-first search from every exit member at once (sorted, so ties between equally
    near exits are broken the same way every time) instead of one search per entry member.
    """
    toward: dict[str, str | None] = {x: None for x in sorted(exits, key=str)}
    frontier = list(toward)
    while frontier:
        following = []
        for u in frontier:
            for v in working.adj[u]:
                if v not in toward:
                    toward[v] = u
                    following.append(v)
        frontier = following
    return toward


def _complete_paths(net: Net) -> tuple[list[str], dict[str, list[str]], Evidence]:
    """The entry members, a shortest path to an exit of each one reaching one, and their evidence."""
    graph = net.graph
    entries = [n for n in graph if ENTRY in attr_list(graph, n, "stages")]
    exits = [n for n in graph if not EXIT.isdisjoint(attr_list(graph, n, "stages"))]
    toward = _toward_exits(net.working, exits)
    complete: dict[str, list[str]] = {}
    for entry in entries:
        if entry in toward:
            path = [entry]
            while (step := toward[path[-1]]) is not None:
                path.append(step)
            complete[entry] = path
    edges = [edge for path in complete.values() for edge in pairwise(path)]
    return entries, complete, evidence_of(graph, [n for path in complete.values() for n in path], edges)


def complete_trajectory_share(graph: nx.Graph | Net) -> Measure:
    r"""Share of entry members with a path through working ties to a member at an exit stage.

    .. math:: \frac{|\{r \in R : \exists x \in X,\ r \leadsto x\}|}{|R|}

    :math:`R`: members doing ``reperage``; :math:`X`: members doing ``formation`` or ``emploi``;
    :math:`r \leadsto x`: a path in the graph of working ties of N(P) (formal, or declared beyond
    the commitment; length 0 when one member does both). Informal commitment edges with no
    declared tie are not followed.

    Parameters
    ----------
    graph : networkx.Graph or Net
        N(P) or its ``Net``; reads the working view and the members' ``stages``.

    Returns
    -------
    Measure
        Value in [0, 1]. When no member does ``reperage`` no trajectory can start, and none is
        complete: 0.0 (``detail['no_entry']`` is true). Evidence: the complete paths.

    Examples
    --------
    >>> g = nx.Graph([("r", "m"), ("m", "f")])
    >>> nx.set_node_attributes(g, {"r": ["reperage"], "m": ["mobilisation"], "f": ["formation"]}, "stages")
    >>> complete_trajectory_share(g).value
    1.0
    """
    entries, complete, evidence = _complete_paths(as_net(graph))
    if not entries:
        return Measure(0.0, detail={"no_entry": True, "incomplete": []})
    return Measure(
        len(complete) / len(entries),
        evidence,
        {"no_entry": False, "incomplete": [r for r in entries if r not in complete]},
    )


def mean_handoffs(graph: nx.Graph | Net) -> Measure:
    r"""Mean number of hand-offs from an entry member to its nearest exit member.

    .. math:: \bar h = \frac{1}{|R^*|} \sum_{r \in R^*} \min_{x \in X} d_W(r, x)

    over the entry members :math:`R^*` that reach an exit, :math:`d_W` the shortest-path distance
    over working ties only (formal, or declared beyond the commitment). Fewer hand-offs, fewer chances to lose
    someone on the way.

    Parameters
    ----------
    graph : networkx.Graph or Net
        N(P) or its ``Net``; reads the working view and the members' ``stages``.

    Returns
    -------
    Measure
        Float ≥ 0; ``None`` when no entry member reaches an exit.

    Examples
    --------
    >>> g = nx.Graph([("r", "m"), ("m", "f")])
    >>> nx.set_node_attributes(g, {"r": ["reperage"], "m": ["mobilisation"], "f": ["formation"]}, "stages")
    >>> mean_handoffs(g).value  # r → m → f
    2.0
    """
    _, complete, evidence = _complete_paths(as_net(graph))
    if not complete:
        return Measure(None)
    return Measure(sum(len(p) - 1 for p in complete.values()) / len(complete), evidence)


def dead_ends(graph: nx.Graph | Net) -> Measure:
    r"""Members where a pathway stops: no working path from them leads to an exit.

    .. math:: D = \{m : S(m) \neq \emptyset,\ S(m) \cap X = \emptyset,\ \nexists x \in X_M,\ m \leadsto x\}

    with :math:`S(m)` the stages member :math:`m` does in the project, :math:`X` the exit stages
    (``formation``, ``emploi``), :math:`X_M` the members doing one of them and :math:`\leadsto` a
    path through working ties (formal commitments, declared and known ties). A member tied only
    to the lead, which is tied to an employer, is no dead end: the person is handed on. When no
    member does an exit stage, every member with stages is a dead end. The same breadth-first
    search from the exits as :func:`complete_trajectory_share`, so the two never disagree: a
    member on a complete trajectory is never a dead end.

    Parameters
    ----------
    graph : networkx.Graph or Net
        N(P) or its ``Net``; reads the working view and the members' ``stages``.

    Returns
    -------
    Measure
        Sorted list of member ids; members without stages are not judged. ``detail['stage']``
        gives each dead end's latest stage in the pathway's order.

    Examples
    --------
    >>> g = nx.Graph([("r", "m")])
    >>> nx.set_node_attributes(g, {"r": ["reperage"], "m": ["mobilisation"]}, "stages")
    >>> dead_ends(g).value  # no exit anywhere: both stop
    ['m', 'r']
    >>> g.add_edge("r", "e")
    >>> g.nodes["e"]["stages"] = ["emploi"]
    >>> dead_ends(g).value  # m – r – e leads to employment
    []
    """
    net = as_net(graph)
    graph = net.graph
    exits = [n for n in graph if not EXIT.isdisjoint(attr_list(graph, n, "stages"))]
    reaching = _toward_exits(net.working, exits)
    found: dict[str, str] = {}
    for node in graph:
        stages = attr_list(graph, node, "stages")
        ranks = [ORDER[s] for s in stages if s in ORDER]
        if not ranks or node in reaching:
            continue
        found[node] = STAGES[max(ranks)]
    ids = sorted(found, key=str)
    return Measure(ids, evidence_of(graph, ids), {"stage": {n: found[n] for n in ids}})
