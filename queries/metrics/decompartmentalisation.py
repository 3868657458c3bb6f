"""Decompartmentalisation (*décloisonnement*): do ties cross sectors or stay inside them?

Every measure here reads the **working ties** of N(P) only (formal, or declared beyond the
commitment; :func:`~queries.metrics._common.is_working`), as the Federation family does: the
silo analysis is about actual cooperation, and a name on a list with an informal commitment does
not break a silo. The working ties are read unweighted and undirected, as the literature does.
``working`` may hand in :func:`~queries.metrics._common.working_edges` already listed (a report
lists them once for the three measures of the whole network). A lead listing informal partners
from five sectors has no working edge: E-I and modularity are
undefined (``None``) and ``sectors_linked`` is 0.

References
----------
.. [1] Krackhardt, D. and Stern, R. N. (1988). "Informal networks and organizational crises: an
   experimental simulation". *Social Psychology Quarterly* 51(2), 123–140. doi:10.2307/2786835
.. [2] Newman, M. E. J. (2006). "Modularity and community structure in networks". *PNAS*
   103(23), 8577–8582. doi:10.1073/pnas.0601602103
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from queries.metrics._common import Measure
from queries.metrics._net import Net, as_net


def _sectors(net: Net) -> dict[str, str | None]:
    """Each member's sector as a string (``None`` when missing), read once per network."""
    found = net.memo.get("sector_names")
    if found is None:
        found = net.memo["sector_names"] = {
            n: str(s) if s is not None else None for n, s in net.sector.items()
        }
    return found


def _ei(net: Net, edges: Iterable[tuple[str, str]]) -> Measure:
    sector = _sectors(net)
    external: list[tuple[str, str]] = []
    internal: list[tuple[str, str]] = []
    for u, v in edges:
        su, sv = sector[u], sector[v]
        if su is None or sv is None:
            continue
        (internal if su == sv else external).append((u, v))
    total = len(external) + len(internal)
    if total == 0:
        return Measure(None)
    return Measure(
        (len(external) - len(internal)) / total,
        net.evidence([n for e in external for n in e], external),
        {"external": len(external), "internal": len(internal)},
    )


class _SectorTies:
    """What the three measures of the whole network read of its working edges, in one pass.

    The same counts and edges, in the same order, as :func:`_ei`, :func:`sectors_linked` and
    :func:`sector_modularity` find each on their own over ``net.working_edges`` (the reference
    paths, taken when ``working`` is handed in).
    """

    def __init__(self, net: Net) -> None:
        sector = _sectors(net)
        self.external: list[tuple[Any, Any, dict[str, Any]]] = []
        self.internal = 0
        self.linked: dict[tuple[str, str], tuple[Any, Any, dict[str, Any]]] = {}
        # Modularity's groups: members without a sector form one, "" (first seen order kept).
        groups = [name or "" for name in sector.values()]
        self.inner: dict[str, int] = dict.fromkeys(groups, 0)
        self.degree: dict[str, int] = dict.fromkeys(groups, 0)
        inner, degree, linked, external = self.inner, self.degree, self.linked, self.external
        internal = 0
        edges = net._working_triples
        for edge in edges:
            su, sv = sector[edge[0]], sector[edge[1]]
            gu, gv = su or "", sv or ""
            if gu == gv:
                inner[gu] += 1
            degree[gu] += 1
            degree[gv] += 1
            if su is None or sv is None:
                continue
            if su == sv:
                internal += 1
            else:
                external.append(edge)
                linked.setdefault((su, sv) if su < sv else (sv, su), edge)
        self.internal = internal
        self.edges = len(edges)


def _sector_ties(net: Net) -> _SectorTies:
    found = net.memo.get("sector_ties")
    if found is None:
        found = net.memo["sector_ties"] = _SectorTies(net)
    return found


def ei_index(graph: nx.Graph | Net, working: list[tuple[str, str]] | None = None) -> Measure:
    r"""Krackhardt & Stern's (1988) E-I index of N(P) by sector.

    .. math:: EI = \frac{E - I}{E + I}

    :math:`E` counts working edges between members of different sectors, :math:`I` working
    edges inside one sector (the sectors are the groups of Krackhardt & Stern's "internal" and
    "external" ties). −1: every tie stays in its sector (a silo); +1: every tie crosses sectors.

    Returns
    -------
    Measure
        Value in [−1, 1]; ``None`` when no working edge joins two members of known sector.
        Evidence: the external (cross-sector) edges.

    Examples
    --------
    One tie inside the employment sector, three across sectors: (3 − 1) / 4.

    >>> import networkx as nx
    >>> g = nx.Graph([("a", "b"), ("a", "c"), ("c", "d"), ("b", "d")])
    >>> nx.set_node_attributes(g, {"a": "employment", "b": "employment", "c": "social", "d": "health"}, "sector")
    >>> ei_index(g).value
    0.5
    """
    net = as_net(graph)
    if working is not None:
        return _ei(net, working)
    ties = _sector_ties(net)
    external = ties.external
    total = len(external) + ties.internal
    if total == 0:
        return Measure(None)
    return Measure(
        (len(external) - ties.internal) / total,
        net.edge_evidence([n for u, v, _ in external for n in (u, v)], external),
        {"external": len(external), "internal": ties.internal},
    )


def lead_ei_index(graph: nx.Graph | Net) -> Measure:
    r"""E-I index (Krackhardt & Stern 1988) of the lead's own edges, by sector.

    .. math:: EI_\ell = \frac{E_\ell - I_\ell}{E_\ell + I_\ell}

    over the lead's working edges.

    Returns
    -------
    Measure
        Value in [−1, 1]; ``None`` when there is no lead or it has no working edge to a member of
        known sector.
    """
    net = as_net(graph)
    lead = net.lead
    if lead is None:
        return Measure(None)
    # _ei over the lead's working edges, read with their data (tie keys at hand, no lookup).
    sector = _sectors(net)
    around = net.adj[lead]
    external = []
    internal = 0
    mine = sector[lead]
    if mine is not None:
        for v in net.working_around(lead):
            theirs = sector[v]
            if theirs is None:
                continue
            if theirs == mine:
                internal += 1
            else:
                external.append((lead, v, around[v]))
    total = len(external) + internal
    if total == 0:
        return Measure(None)
    return Measure(
        (len(external) - internal) / total,
        net.edge_evidence([n for u, v, _ in external for n in (u, v)], external),
        {"external": len(external), "internal": internal},
    )


def sector_modularity(graph: nx.Graph | Net, working: list[tuple[str, str]] | None = None) -> Measure:
    r"""Newman's modularity of the partition of members by sector.

    .. math:: Q = \sum_k \left[\frac{L_k}{m} - \left(\frac{d_k}{2m}\right)^2\right]

    with :math:`L_k` the working edges inside sector :math:`k`, :math:`d_k` the sum of its
    members' degrees over working edges and :math:`m` the number of working edges (as
    ``networkx.community.modularity`` on the graph of working ties, unweighted).
    High when ties stay inside sectors (compartments); near 0 or negative when they cross.
    Members without a sector form one group of their own.

    Returns
    -------
    Measure
        Value in [−1/2, 1); ``None`` when the graph has no working edge.
    """
    net = as_net(graph)
    if working is None:
        ties = _sector_ties(net)
        m = ties.edges
        if m == 0:
            return Measure(None)
        value = sum(ties.inner[k] / m - (ties.degree[k] / (2 * m)) ** 2 for k in ties.inner)
        return Measure(value, net.evidence(net.nodes), {"groups": len(ties.inner)})
    edges = working
    m = len(edges)
    if m == 0:
        return Measure(None)
    group = {node: sector or "" for node, sector in _sectors(net).items()}
    inner: dict[str, int] = dict.fromkeys(group.values(), 0)
    degree: dict[str, int] = dict.fromkeys(group.values(), 0)
    for u, v in edges:
        if group[u] == group[v]:
            inner[group[u]] += 1
        degree[group[u]] += 1
        degree[group[v]] += 1
    # Newman's Q, as networkx.community.modularity computes it (checked in the tests).
    value = sum(inner[k] / m - (degree[k] / (2 * m)) ** 2 for k in inner)
    return Measure(value, net.evidence(net.nodes), {"groups": len(inner)})


def sectors_linked(graph: nx.Graph | Net, working: list[tuple[str, str]] | None = None) -> Measure:
    r"""Number of distinct pairs of sectors joined by at least one working edge.

    .. math:: |\{\{g(u), g(v)\} : (u, v) \in E,\ g(u) \neq g(v)\}|

    Returns
    -------
    Measure
        Integer ≥ 0 (0 for a silo or a graph without working edges). ``detail['pairs']`` lists the
        linked sector pairs; evidence: one edge per pair.
    """
    net = as_net(graph)
    if working is None:
        linked = _sector_ties(net).linked
        return Measure(
            len(linked),
            net.edge_evidence([n for u, v, _ in linked.values() for n in (u, v)], linked.values()),
            {"pairs": [list(p) for p in sorted(linked)]},
        )
    sector = _sectors(net)
    found: dict[tuple[str, str], tuple[str, str]] = {}
    for u, v in working:
        su, sv = sector[u], sector[v]
        if su is None or sv is None or su == sv:
            continue
        pair = (su, sv) if su < sv else (sv, su)
        found.setdefault(pair, (u, v))
    pairs = sorted(found)
    return Measure(
        len(pairs),
        net.evidence([n for e in found.values() for n in e], found.values()),
        {"pairs": [list(p) for p in pairs]},
    )


__all__ = ["ei_index", "lead_ei_index", "sector_modularity", "sectors_linked"]
