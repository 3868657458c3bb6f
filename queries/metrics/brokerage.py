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

from collections.abc import Collection, Iterable, Mapping
from itertools import chain
from typing import Any

import networkx as nx

from queries.metrics._common import Evidence, Measure
from queries.metrics._net import Net, as_net

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


def node_brokerage(
    graph: nx.Graph | Net, node: str, attribute: str = "sector"
) -> tuple[dict[str, int], list]:
    """Role counts of one node and the open pairs behind them (``(a, c, role)``)."""
    net = as_net(graph)
    groups = {n: data.get(attribute) for n, data in net.node.items()}
    return _count(net.adj, groups, node)


def _count(
    adjacency: Mapping[Any, Collection[Any]], groups: dict[str, Any], node: str, with_pairs: bool = True
) -> tuple[dict[str, int], list]:
    """Role counts of ``node`` and, when ``with_pairs``, the open pairs behind them.

    The role of each pair is :func:`_role` written out, one loop for a contact ``a`` of the
    broker's sector and one for the others: this loop runs once per pair of a member's
    contacts, about 400 times for the lead of a 30-member project.
    """
    # Tuples, not lists: the lead's few hundred pairs are then no work for the garbage collector.
    pairs: list[tuple[str, str, str]] = []
    group = groups[node]
    if group is None:
        return _empty(), pairs
    coordinator = itinerant = gatekeeper = liaison = 0
    neighbours = sorted((n for n in adjacency[node] if n != node), key=str)
    known = [(n, g) for n in neighbours if (g := groups[n]) is not None]
    append = pairs.append
    for index, (a, ga) in enumerate(known, 1):
        around_a = adjacency[a]
        if ga == group:
            for c, gc in known[index:]:
                if c in around_a:
                    continue
                if gc == ga:
                    coordinator += 1
                    append((a, c, "coordinator"))
                else:
                    gatekeeper += 1
                    append((a, c, "gatekeeper"))
        else:
            for c, gc in known[index:]:
                if c in around_a:
                    continue
                if gc == ga:
                    itinerant += 1
                    append((a, c, "itinerant"))
                elif gc == group:
                    gatekeeper += 1
                    append((a, c, "gatekeeper"))
                else:
                    liaison += 1
                    append((a, c, "liaison"))
    counts = {
        "coordinator": coordinator,
        "itinerant": itinerant,
        "gatekeeper": gatekeeper,
        # On undirected data the pair a gatekeeper lets in is the one a representative speaks
        # for (module docstring): the two counts are equal.
        "representative": gatekeeper,
        "liaison": liaison,
        "total": coordinator + itinerant + gatekeeper + liaison,
    }
    return counts, pairs if with_pairs else []


def _tally(
    adjacency: Mapping[Any, Collection[Any]],
    groups: dict[str, Any],
    node: str,
    universal: Collection[Any] = (),
) -> dict[str, int]:
    """:func:`_count`'s counts without its pairs: the same open pairs, in no particular order.

    ``universal``: members tied to every other member, left out of the contacts: every pair
    one of them is in is closed (in N(P), the lead, so a partner's pairs are among its partners).
    """
    group = groups[node]
    coordinator = itinerant = gatekeeper = liaison = 0
    if group is not None:
        contacts = [
            (n, g)
            for n in adjacency[node]
            if n != node and n not in universal and (g := groups[n]) is not None
        ]
        for index, (a, ga) in enumerate(contacts, 1):
            around_a = adjacency[a]
            if ga == group:
                for c, gc in contacts[index:]:
                    if c not in around_a:
                        if gc == ga:
                            coordinator += 1
                        else:
                            gatekeeper += 1
            else:
                for c, gc in contacts[index:]:
                    if c not in around_a:
                        if gc == ga:
                            itinerant += 1
                        elif gc == group:
                            gatekeeper += 1
                        else:
                            liaison += 1
    return {
        "coordinator": coordinator,
        "itinerant": itinerant,
        "gatekeeper": gatekeeper,
        "representative": gatekeeper,  # the same pairs seen from the other end (module docstring)
        "liaison": liaison,
        "total": coordinator + itinerant + gatekeeper + liaison,
    }


def brokerage_roles(
    graph: nx.Graph | Net,
    attribute: str = "sector",
    counted: dict[str, tuple[dict[str, int], list]] | None = None,
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
    net = as_net(graph)
    counted = counted if counted is not None else all_brokerage(net, attribute)
    value = {node: found[0] for node, found in counted.items()}
    return Measure(value, net.evidence(nodes=[n for n, c in value.items() if c["total"]]))


def all_brokerage(
    graph: nx.Graph | Net, attribute: str = "sector", pairs_of: Iterable[str] | None = None
) -> dict[str, tuple[dict[str, int], list]]:
    """:func:`node_brokerage` of every member (counts and brokered pairs), in graph order.

    ``pairs_of``: when given, only those members' brokered pairs are listed (the others' lists
    are empty); the report needs the lead's only.
    """
    net = as_net(graph)
    groups = net.sector if attribute == "sector" else {n: data.get(attribute) for n, data in net.node.items()}
    listed = None if pairs_of is None else set(pairs_of)
    adjacency = net.adj
    n = len(adjacency)
    universal = {v for v, around in adjacency.items() if len(around) - (v in around) == n - 1}
    return {
        node: _count(adjacency, groups, node)
        if listed is None or node in listed
        else (_tally(adjacency, groups, node, universal), [])
        for node in net.nodes
    }


_LEAD_EDGES = "brokerage.lead_edges"  # the key of _lead_edges' table in Net.memo


def _lead_edges(net: Net) -> tuple[dict[Any, tuple[Any, Any]], dict[Any, Any]] | None:
    """The lead's edges read once for the evidence of the measures naming them: each
    neighbour → the edge in evidence order, and → its tie keys. ``None`` when ids do not compare.

    The lead's brokerage, reach, degree, sectors spanned and formal share each name some of the
    lead's edges: their ordered form and tie keys are found once per network, not once per measure.
    """
    found = net.memo.get(_LEAD_EDGES, False)
    if found is False:
        lead = net.lead
        around = net.adj[lead]
        try:
            ordered = {n: (lead, n) if lead <= n else (n, lead) for n in around}
        except TypeError:
            found = None
        else:
            found = (ordered, {n: data.get("ties") or () for n, data in around.items()})
        net.memo[_LEAD_EDGES] = found
    return found


def _lead_evidence(net: Net, nodes: Iterable[Any], ends: list[Any]) -> Evidence:
    """``net.evidence(nodes, [(lead, n) for n in ends])`` for distinct neighbours ``ends`` of the
    lead, from :func:`_lead_edges`' table (edges and tie keys in the same order)."""
    table = _lead_edges(net)
    if table is None:
        around = net.adj[net.lead]
        return net.edge_evidence(nodes, [(net.lead, n, around[n]) for n in ends])
    if not ends:
        return Evidence(nodes=tuple(dict.fromkeys(nodes)))
    ordered, ties = table
    return Evidence(
        nodes=tuple(dict.fromkeys(nodes)),
        ties=tuple(dict.fromkeys(chain.from_iterable(map(ties.__getitem__, ends)))),
        edges=tuple(map(ordered.__getitem__, ends)),
    )


def _ends(pairs: list[tuple[str, str, str]], most: int) -> dict[str, None]:
    """The members of the brokered pairs in order of first appearance, as
    ``dict.fromkeys(n for a, c, _ in pairs for n in (a, c))``.

    ``most`` bounds how many there can be (the broker's contacts): once that many are found no
    pair can add one, and the scan stops. The first pairs (its first contact's, with nearly
    every other) usually name them all, so the few hundred pairs of a lead are rarely all read.
    """
    found: dict[str, None] = {}
    for a, c, _ in pairs:
        found[a] = found[c] = None  # a first: an existing key keeps its place
        if len(found) >= most:
            break
    return found


def lead_brokerage(
    graph: nx.Graph | Net, counted: dict[str, tuple[dict[str, int], list]] | None = None
) -> Measure:
    r"""The lead's Gould & Fernandez (1989) role counts over sectors.

    A lead acting as *liaison* and *representative* across sectors links sectors that would not
    otherwise meet: it federates and breaks silos. Counted as in :func:`brokerage_roles`.

    Returns
    -------
    Measure
        Value: the lead's role counts (all zeros with fewer than two partners or when every pair
        of partners is tied); ``None`` when the graph has no lead. ``detail['pairs']`` lists the
        brokered pairs ``(a, c, role)`` (lists in the JSON report); evidence: the lead, the brokered partners and the lead's
        edges to them.
    """
    net = as_net(graph)
    lead = net.lead
    if lead is None:
        return Measure(None)
    counts, pairs = counted[lead] if counted is not None else node_brokerage(net, lead)
    around = net.adj[lead]
    ends = list(_ends(pairs, len(around) - (lead in around)))
    return Measure(
        counts,
        _lead_evidence(net, [lead, *ends], ends),
        {"pairs": pairs},
    )


__all__ = ["ROLES", "all_brokerage", "brokerage_roles", "lead_brokerage", "node_brokerage"]
