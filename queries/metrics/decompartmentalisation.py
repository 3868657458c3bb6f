"""Decompartmentalisation (*décloisonnement*): do ties cross sectors or stay inside them?

The E-I index, the modularity and the sector pairs read the **between partners** view of N(P)
(:func:`~queries.metrics._common.partners_graph`: the ties declared or known between two
partners, without the lead's commitment edges). The lead's commitment edges always cross sectors
when the lead comes from another sector: counted, they would make twelve employment partners led
by a youth association look decompartmentalised. The lead's own crossing is read apart, by
:func:`lead_ei_index` on its working edges. Ties are read unweighted and undirected, as the
literature does. Partners who only know the lead have no tie between them: E-I and modularity
are undefined (``None``) and ``sectors_linked`` is 0.

References
----------
.. [1] Krackhardt, D. and Stern, R. N. (1988). "Informal networks and organizational crises: an
   experimental simulation". *Social Psychology Quarterly* 51(2), 123–140. doi:10.2307/2786835
.. [2] Newman, M. E. J. (2006). "Modularity and community structure in networks". *PNAS*
   103(23), 8577–8582. doi:10.1073/pnas.0601602103
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from queries.metrics._common import Measure, evidence_of
from queries.metrics._net import Net, as_net


def _sectors(graph: nx.Graph) -> dict[str, str | None]:
    """Each member's sector as a string (``None`` when missing)."""
    return {n: str(s) if s is not None else None for n, s in graph.nodes(data="sector")}


def _ei(graph: nx.Graph, edges: Iterable[tuple[str, str]]) -> Measure:
    """Krackhardt & Stern's E-I index of some edges of ``graph`` (see :func:`ei_index`)."""
    sector = _sectors(graph)
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
        evidence_of(graph, [n for e in external for n in e], external),
        {"external": len(external), "internal": len(internal)},
    )


def ei_index(graph: nx.Graph | Net) -> Measure:
    r"""Krackhardt & Stern's (1988) E-I index of N(P) by sector.

    .. math:: EI = \frac{E - I}{E + I}

    :math:`E` counts ties between two partners of different sectors, :math:`I` ties between two
    partners of one sector (the sectors are the groups of Krackhardt & Stern's "internal" and
    "external" ties). −1: every tie stays in its sector (a silo); +1: every tie crosses sectors;
    0: as many ties inside as across (not "crossing").

    Parameters
    ----------
    graph : networkx.Graph or Net
        N(P) or its ``Net``; reads the between-partners view.

    Returns
    -------
    Measure
        Value in [−1, 1]; ``None`` when no tie joins two partners of known sector.
        Evidence: the external (cross-sector) edges.

    References
    ----------
    Krackhardt & Stern (1988) [1]_ (the module's references).

    Examples
    --------
    One tie inside the employment sector, three across sectors: (3 − 1) / 4.

    >>> g = nx.Graph([("a", "b"), ("a", "c"), ("c", "d"), ("b", "d")])
    >>> nx.set_node_attributes(g, {"a": "employment", "b": "employment", "c": "social", "d": "health"}, "sector")
    >>> ei_index(g).value
    0.5
    """
    net = as_net(graph)
    return _ei(net.graph, net.partners.edges)


def lead_ei_index(graph: nx.Graph | Net) -> Measure:
    r"""E-I index (Krackhardt & Stern 1988) of the lead's own edges, by sector.

    .. math:: EI_\ell = \frac{E_\ell - I_\ell}{E_\ell + I_\ell}

    over the lead's working edges.

    Parameters
    ----------
    graph : networkx.Graph or Net
        N(P) or its ``Net``; reads the lead's working edges.

    Returns
    -------
    Measure
        Value in [−1, 1]; ``None`` when there is no lead or it has no working edge to a member of
        known sector.

    References
    ----------
    Krackhardt & Stern (1988) [1]_ (the module's references).

    Examples
    --------
    >>> g = nx.Graph([("l", "a"), ("l", "b")], lead="l")
    >>> nx.set_node_attributes(g, {"l": "social", "a": "social", "b": "health"}, "sector")
    >>> lead_ei_index(g).value  # (1 - 1) / 2
    0.0
    """
    net = as_net(graph)
    lead = net.lead
    if lead is None or _sectors(net.graph)[lead] is None:
        return Measure(None)
    # The lead's working edges in N(P)'s order of its neighbours.
    return _ei(
        net.graph, [(lead, v) for v in net.graph.adj[lead] if v != lead and net.working.has_edge(lead, v)]
    )


def sector_modularity(graph: nx.Graph | Net) -> Measure:
    r"""Newman's modularity of the partition of members by sector.

    .. math:: Q = \sum_k \left[\frac{L_k}{m} - \left(\frac{d_k}{2m}\right)^2\right]

    with :math:`L_k` the ties inside sector :math:`k`, :math:`d_k` the sum of its members'
    degrees and :math:`m` the number of ties, in the between-partners view (as
    ``networkx.community.modularity`` on the partners and their ties, unweighted).
    High when ties stay inside sectors (compartments); near 0 or negative when they cross.
    Members without a sector form one group of their own.

    Parameters
    ----------
    graph : networkx.Graph or Net
        N(P) or its ``Net``; reads the between-partners view.

    Returns
    -------
    Measure
        Value in [−1/2, 1); ``None`` when no tie joins two partners.

    References
    ----------
    Newman (2006) [2]_ (the module's references).

    Examples
    --------
    >>> g = nx.Graph([("a", "b"), ("c", "d")])
    >>> nx.set_node_attributes(g, {"a": "social", "b": "social", "c": "health", "d": "health"}, "sector")
    >>> sector_modularity(g).value  # two closed sectors: 2 × (1/2 − (2/4)²)
    0.5
    """
    net = as_net(graph)
    if net.partners.number_of_edges() == 0:
        return Measure(None)
    groups: dict[str, set[str]] = {}
    for node, sector in _sectors(net.partners).items():
        groups.setdefault(sector or "", set()).add(node)
    value = nx.community.modularity(net.partners, groups.values())
    return Measure(value, evidence_of(net.graph, net.partners.nodes), {"groups": len(groups)})


def sectors_linked(graph: nx.Graph | Net) -> Measure:
    r"""Number of distinct pairs of sectors joined by at least one tie between two partners.

    .. math:: |\{\{g(u), g(v)\} : (u, v) \in E,\ g(u) \neq g(v)\}|

    Parameters
    ----------
    graph : networkx.Graph or Net
        N(P) or its ``Net``; reads the between-partners view.

    Returns
    -------
    Measure
        Integer ≥ 0 (0 for a silo or partners with no tie between them). ``detail['pairs']`` lists the
        linked sector pairs; evidence: one edge per pair.

    Examples
    --------
    >>> g = nx.Graph([("a", "b"), ("b", "c"), ("a", "c")])
    >>> nx.set_node_attributes(g, {"a": "social", "b": "health", "c": "social"}, "sector")
    >>> sectors_linked(g).detail["pairs"]
    [['health', 'social']]
    """
    net = as_net(graph)
    sector = _sectors(net.graph)
    found: dict[tuple[str, str], tuple[str, str]] = {}  # each pair of sectors → its first edge
    for u, v in net.partners.edges:
        su, sv = sector[u], sector[v]
        if su is None or sv is None or su == sv:
            continue
        found.setdefault((su, sv) if su < sv else (sv, su), (u, v))
    pairs = sorted(found)
    return Measure(
        len(pairs),
        evidence_of(net.graph, [n for e in found.values() for n in e], found.values()),
        {"pairs": [list(p) for p in pairs]},
    )
