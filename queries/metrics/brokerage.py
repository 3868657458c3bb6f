"""Brokerage roles of Gould & Fernandez (1989) over sectors, by path structure.

A member :math:`b` brokers between :math:`a` and :math:`c` when :math:`a - b - c` is a two-path
and :math:`a` and :math:`c` are not tied. The sectors of :math:`a`, :math:`b`, :math:`c` give the
role (:math:`g(x)` is the sector of :math:`x`):

=============== ========================== =========================================
role            sectors                    reading
=============== ========================== =========================================
coordinator     g(a) = g(b) = g(c)         mediates inside its own sector
itinerant       g(a) = g(c) ≠ g(b)         an outsider mediating inside another sector
gatekeeper      g(a) ≠ g(b) = g(c)         lets an outside sector in
representative  g(a) = g(b) ≠ g(c)         speaks for its sector outwards
liaison         g(a), g(b), g(c) distinct  links two sectors, belonging to neither
=============== ========================== =========================================

How undirected data are counted
-------------------------------
Ties between organisations are symmetric. UCINET's documentation of its brokerage routine and
R's ``sna::brokerage`` define the roles on *directed* two-paths :math:`a \\to b \\to c`; a
symmetric matrix read that way presents every open two-path in both directions
(:math:`a \\to b \\to c` and :math:`c \\to b \\to a`), so coordinator, itinerant and liaison
counts come out doubled, and a pair where exactly one end shares :math:`b`'s sector is seen once
as gatekeeper and once as representative. Here each unordered pair :math:`\\{a, c\\}` is counted
**once**: coordinator, itinerant and liaison are half those directed counts, and gatekeeper and
representative are both equal to the number of such mixed pairs (on undirected data the two
roles coincide). ``total`` counts each open pair once (a mixed pair counts one, not two). Every
broker gets a full point per pair (UCINET's optional partial credit, when several members
mediate the same pair, is not applied). Pairs with a member of unknown sector are skipped.

References
----------
.. [1] Gould, R. V. and Fernandez, R. M. (1989). "Structures of mediation: a formal approach to
   brokerage in transaction networks". *Sociological Methodology* 19, 89–126.
   doi:10.2307/270949
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from queries.metrics._common import Measure, evidence_of, lead_of

ROLES = ("coordinator", "itinerant", "gatekeeper", "representative", "liaison")


def _empty() -> dict[str, int]:
    return {**dict.fromkeys(ROLES, 0), "total": 0}


def _role(a: Any, b: Any, c: Any) -> str:
    if a == b == c:
        return "coordinator"
    if a == c:
        return "itinerant"
    if a == b or b == c:
        return "gatekeeper"  # and representative: the same pair seen from the other end
    return "liaison"


def node_brokerage(graph: nx.Graph, node: str, attribute: str = "sector") -> tuple[dict[str, int], list]:
    """Role counts of one node and the open pairs behind them (``[a, c, role]``)."""
    groups = {n: graph.nodes[n].get(attribute) for n in graph}
    adjacency = {n: set(graph[n]) for n in graph}
    return _count(adjacency, groups, node)


def _count(adjacency: dict[str, set[str]], groups: dict[str, Any], node: str) -> tuple[dict[str, int], list]:
    counts = _empty()
    pairs: list[list[str]] = []
    group = groups[node]
    if group is None:
        return counts, pairs
    neighbours = sorted((n for n in adjacency[node] if n != node), key=str)
    for index, a in enumerate(neighbours):
        ga = groups[a]
        if ga is None:
            continue
        around_a = adjacency[a]
        for c in neighbours[index + 1 :]:
            gc = groups[c]
            if gc is None or c in around_a:
                continue
            role = _role(ga, group, gc)
            counts["total"] += 1
            if role == "gatekeeper":
                counts["representative"] += 1
            counts[role] += 1
            pairs.append([a, c, role])
    return counts, pairs


def brokerage_roles(
    graph: nx.Graph, attribute: str = "sector", counted: dict[str, tuple[dict[str, int], list]] | None = None
) -> Measure:
    r"""Gould & Fernandez (1989) role counts of every member, over sectors.

    For each member :math:`b` and each unordered pair :math:`\{a, c\}` of its contacts with no
    tie between them, the pair counts once for the role given by the sectors of :math:`a, b, c`
    (see the module docstring for the table and for how undirected data are counted). Computed on
    the unweighted, undirected N(P), every edge (informal commitments included: a two-path
    through the lead is a structural position, whatever the commitment).

    Returns
    -------
    Measure
        Value: ``{member: {"coordinator", "itinerant", "gatekeeper", "representative",
        "liaison", "total"}}``; all zeros for a member with fewer than two contacts, with no
        sector, or whose contacts are all tied to each other. ``{}`` for an empty graph.
    """
    counted = counted if counted is not None else all_brokerage(graph, attribute)
    value = {node: found[0] for node, found in counted.items()}
    return Measure(value, evidence_of(graph, nodes=[n for n, c in value.items() if c["total"]]))


def all_brokerage(graph: nx.Graph, attribute: str = "sector") -> dict[str, tuple[dict[str, int], list]]:
    """:func:`node_brokerage` of every member (counts and brokered pairs), in graph order."""
    groups = {n: graph.nodes[n].get(attribute) for n in graph}
    adjacency = {n: set(graph[n]) for n in graph}
    return {node: _count(adjacency, groups, node) for node in graph}


def lead_brokerage(graph: nx.Graph, counted: dict[str, tuple[dict[str, int], list]] | None = None) -> Measure:
    r"""The lead's Gould & Fernandez (1989) role counts over sectors.

    A lead acting as *liaison* and *representative* across sectors links sectors that would not
    otherwise meet: it federates and breaks silos. Counted as in :func:`brokerage_roles`.

    Returns
    -------
    Measure
        Value: the lead's role counts (all zeros with fewer than two partners or when every pair
        of partners is tied); ``None`` when the graph has no lead. ``detail['pairs']`` lists the
        brokered pairs ``[a, c, role]``; evidence: the lead, the brokered partners and the lead's
        edges to them.
    """
    lead = lead_of(graph)
    if lead is None:
        return Measure(None)
    counts, pairs = counted[lead] if counted is not None else node_brokerage(graph, lead)
    ends = list(dict.fromkeys(n for a, c, _ in pairs for n in (a, c)))
    return Measure(
        counts,
        evidence_of(graph, [lead, *ends], [(lead, n) for n in ends]),
        {"pairs": pairs},
    )


__all__ = ["ROLES", "all_brokerage", "brokerage_roles", "lead_brokerage", "node_brokerage"]
