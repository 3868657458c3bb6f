"""Federation, the lead's position: can the lead federate its partners?

The call's lead is what Provan & Kenis (2008) call a *lead organisation*: one member that
governs the network. Its position is read with Freeman's (1979) centralities on the unweighted,
undirected N(P); the network as a whole (centralization, density, governance form) is read in
:mod:`queries.metrics.governance`.

N(P) links the lead to every partner, so on the bare structure every lead looks central. The
measures marked *working ties* keep only formal edges or ties declared beyond the commitment
(:func:`~queries.metrics._common.is_working`): a list of informal names reaches nobody.

References
----------
.. [1] Freeman, L. C. (1979). "Centrality in social networks: conceptual clarification".
   *Social Networks* 1(3), 215–239. doi:10.1016/0378-8733(78)90021-7
.. [2] Provan, K. G. and Kenis, P. (2008). "Modes of network governance: structure, management,
   and effectiveness". *Journal of Public Administration Research and Theory* 18(2), 229–252.
   doi:10.1093/jopart/mum015
"""

from __future__ import annotations

import networkx as nx

from queries.metrics._common import Measure, evidence_of, is_working, lead_of, share
from queries.metrics._net import Net, as_net, structure


def _reach(graph: nx.Graph | Net, cutoff: int) -> Measure:
    """The members within ``cutoff`` (1 or 2) steps of the lead over working ties, and the edges
    each was first reached by."""
    net = as_net(graph)
    lead = net.lead
    if lead is None:
        return Measure(None)
    # Breadth-first, the first step in N(P)'s order of the lead's neighbours; each member reached
    # in two steps keeps the first member of the first step that reaches it.
    first = [v for v, data in net.graph.adj[lead].items() if v != lead and is_working(data)]
    parent = dict.fromkeys(first, lead)
    if cutoff > 1:
        for u in first:
            for v in net.working.adj[u]:
                if v != lead and v not in parent:
                    parent[v] = u
    rest = [n for n in net.graph if n != lead]
    reached = [n for n in rest if n in parent]
    # The edge each member was reached by: for one step, the lead's, in the order of their far ends.
    edges = [(lead, n) for n in sorted(reached)] if cutoff == 1 else sorted([(parent[n], n) for n in reached])
    return Measure(
        share(len(reached), len(rest)),
        evidence_of(net.graph, [lead, *reached], edges),
        {"reached": reached, "not_reached": [n for n in rest if n not in parent]},
    )


def lead_reach_1(graph: nx.Graph | Net) -> Measure:
    r"""Share of the other members the lead reaches in one step through working ties.

    .. math:: \frac{|\{m \neq \ell : d_W(\ell, m) \leq 1\}|}{|N(P)| - 1}

    with :math:`d_W` the distance over working ties (formal or declared; module docstring). An
    informal commitment with no declared tie does not count: a lead listing informal partners
    reaches nobody.

    Parameters
    ----------
    graph : networkx.Graph or Net
        N(P) or its ``Net``; reads the lead's working edges (the working view).

    Returns
    -------
    Measure
        Value in [0, 1]; ``None`` when there is no lead or no partner.

    Examples
    --------
    >>> g = nx.Graph([("l", "a"), ("a", "b")], lead="l")
    >>> lead_reach_1(g).value  # a of a and b
    0.5
    """
    return _reach(graph, 1)


def lead_reach_2(graph: nx.Graph | Net) -> Measure:
    r"""Share of the other members within two steps of the lead through working ties.

    .. math:: \frac{|\{m \neq \ell : d_W(\ell, m) \leq 2\}|}{|N(P)| - 1}

    Parameters
    ----------
    graph : networkx.Graph or Net
        N(P) or its ``Net``; reads the working view.

    Returns
    -------
    Measure
        Value in [0, 1]; ``None`` when there is no lead or no partner.

    Examples
    --------
    >>> g = nx.Graph([("l", "a"), ("a", "b")], lead="l")
    >>> lead_reach_2(g).value
    1.0
    """
    return _reach(graph, 2)


def lead_degree_centrality(graph: nx.Graph | Net) -> Measure:
    r"""Freeman's (1979) normalised degree of the lead: :math:`\deg(\ell) / (n - 1)`.

    Every edge counts: 1 on N(P) whenever every commitment edge is present; kept for comparison
    with other graphs (the territory ecosystem) and what-if analyses.

    Parameters
    ----------
    graph : networkx.Graph or Net
        N(P) or its ``Net``; reads the structure view (every edge).

    Returns
    -------
    Measure
        Value in [0, 1]; ``None`` when there is no lead or no partner.

    References
    ----------
    Freeman (1979) [1]_ (the module's references).

    Examples
    --------
    >>> g = nx.Graph([("l", "a"), ("a", "b")], lead="l")
    >>> lead_degree_centrality(g).value
    0.5
    """
    graph = structure(graph)
    lead = lead_of(graph)
    if lead is None or len(graph) < 2:
        return Measure(None)
    return Measure(
        graph.degree(lead) / (len(graph) - 1),
        evidence_of(graph, [lead], [(lead, n) for n in graph.adj[lead]]),
    )


def betweenness(graph: nx.Graph | Net) -> dict[str, float]:
    r"""Normalised betweenness of every member: ``networkx.betweenness_centrality(G)``.

    .. math:: C_B(v) = \frac{2}{(n-1)(n-2)} \sum_{s \neq v \neq t} \frac{\sigma_{st}(v)}{\sigma_{st}}

    on the unweighted, undirected N(P), every edge (the structure view), by Brandes' (2001)
    algorithm; every score is 0 below three members.

    References
    ----------
    .. [1] Brandes, U. (2001). "A faster algorithm for betweenness centrality". *Journal of
       Mathematical Sociology* 25(2), 163–177. doi:10.1080/0022250X.2001.9990249

    Parameters
    ----------
    graph : networkx.Graph or Net
        N(P) or its ``Net``; reads the structure view.

    Examples
    --------
    >>> betweenness(nx.path_graph(3))
    {0: 0.0, 1: 1.0, 2: 0.0}
    """
    return nx.betweenness_centrality(structure(graph), normalized=True)


def lead_betweenness(graph: nx.Graph | Net, scores: dict[str, float] | None = None) -> Measure:
    r"""Freeman's (1979) betweenness of the lead, normalised by :math:`(n-1)(n-2)/2`.

    .. math:: C_B(\ell) = \frac{2}{(n-1)(n-2)} \sum_{s \neq \ell \neq t} \frac{\sigma_{st}(\ell)}{\sigma_{st}}

    :func:`betweenness` of the lead, on every edge of N(P) (informal commitments included). 1 for
    the centre of a star: every pair of partners needs the lead.

    Parameters
    ----------
    graph : networkx.Graph or Net
        N(P) or its ``Net``; reads the structure view.
    scores : dict, optional
        :func:`betweenness` of the graph when already computed.

    Returns
    -------
    Measure
        Value in [0, 1]; 0.0 with fewer than three members (networkx's convention); ``None``
        when there is no lead.

    References
    ----------
    Freeman (1979) [1]_ (the module's references).

    Examples
    --------
    >>> lead_betweenness(nx.Graph([("a", "l"), ("l", "b")], lead="l")).value
    1.0
    """
    graph = structure(graph)
    lead = lead_of(graph)
    if lead is None:
        return Measure(None)
    value = (scores if scores is not None else betweenness(graph))[lead]
    return Measure(value, evidence_of(graph, [lead]))


def working_betweenness(graph: nx.Graph | Net) -> dict[str, float]:
    """Normalised betweenness of every member in the **working** view (:func:`betweenness` there).

    Who actually holds the cooperation together: an informal name on a list carries no path.
    """
    return nx.betweenness_centrality(as_net(graph).working, normalized=True)


def lead_betweenness_rank(graph: nx.Graph | Net, scores: dict[str, float] | None = None) -> Measure:
    r"""The lead's rank by betweenness in the working view: 1 + the number of members strictly above.

    Members as central as the lead share its rank and are named (``detail['tied']``): the lead
    is then not the only hub. Scores are compared within :math:`10^{-9}`.

    Parameters
    ----------
    graph : networkx.Graph or Net
        N(P) or its ``Net``; reads the working view (formal commitments, declared and known ties).
    scores : dict, optional
        :func:`working_betweenness` of the graph when already computed.

    Returns
    -------
    Measure
        Integer ≥ 1; ``None`` when there is no lead. ``detail['above']`` lists the members with
        a higher betweenness, ``detail['tied']`` those with the same (the lead excluded); when
        the lead carries no shortest path at all (fewer than three members, a complete or an
        empty working graph) nobody is named as tied.

    References
    ----------
    Freeman (1979) [1]_ (the module's references).

    Examples
    --------
    >>> g = nx.Graph([("l", "a"), ("a", "b"), ("b", "c")], lead="l")
    >>> lead_betweenness_rank(g).detail["above"]
    ['a', 'b']
    >>> star = nx.Graph([("l", "h"), ("l", "a"), ("l", "b"), ("h", "a"), ("h", "b")], lead="l")
    >>> found = lead_betweenness_rank(star)
    >>> found.value, found.detail["tied"]
    (1, ['h'])
    """
    net = as_net(graph)
    lead = net.lead
    if lead is None:
        return Measure(None)
    if scores is None:
        scores = working_betweenness(net)
    mine = scores.get(lead, 0.0)
    above = [n for n, s in scores.items() if s > mine + 1e-9]
    # When nobody carries a shortest path (a complete or an empty working graph), nobody is a hub.
    tied = [n for n, s in scores.items() if n != lead and abs(s - mine) <= 1e-9] if mine > 1e-9 else []
    return Measure(
        1 + len(above),
        evidence_of(net.graph, [lead, *above, *tied]),
        {"above": above, "tied": tied},
    )


def lead_closeness(graph: nx.Graph | Net) -> Measure:
    r"""Closeness of the lead (Freeman 1979), with the Wasserman–Faust correction for components.

    .. math:: C_C(\ell) = \frac{r - 1}{n - 1} \cdot \frac{r - 1}{\sum_{v} d(\ell, v)}

    where :math:`r` is the number of members reachable from the lead
    (``networkx.closeness_centrality(G, u=lead)``), over every edge of N(P).

    Parameters
    ----------
    graph : networkx.Graph or Net
        N(P) or its ``Net``; reads the structure view.

    Returns
    -------
    Measure
        Value in [0, 1]; 0.0 for a lead alone; ``None`` when there is no lead.

    References
    ----------
    Freeman (1979) [1]_ (the module's references).

    Examples
    --------
    The end of a path of three is at distances 1 and 2: 2 / 3.

    >>> g = nx.path_graph(3)
    >>> g.graph["lead"] = 0
    >>> round(lead_closeness(g).value, 4)
    0.6667
    """
    graph = structure(graph)
    lead = lead_of(graph)
    if lead is None:
        return Measure(None)
    return Measure(nx.closeness_centrality(graph, u=lead), evidence_of(graph, [lead]))


def lead_sectors_spanned(graph: nx.Graph | Net) -> Measure:
    r"""Number of sectors, other than the lead's own, that the lead reaches through working ties.

    .. math:: |\{g(m) : m \in N_W(\ell)\} \setminus \{g(\ell)\}|

    Parameters
    ----------
    graph : networkx.Graph or Net
        N(P) or its ``Net``; reads the lead's working edges.

    Returns
    -------
    Measure
        Integer ≥ 0; ``None`` when there is no lead. Members without a sector are ignored.
        ``detail['sectors']`` lists the sectors.

    Examples
    --------
    >>> g = nx.Graph([("l", "a"), ("l", "b")], lead="l")
    >>> nx.set_node_attributes(g, {"l": "social", "a": "social", "b": "health"}, "sector")
    >>> lead_sectors_spanned(g).detail["sectors"]
    ['health']
    """
    graph = structure(graph)
    lead = lead_of(graph)
    if lead is None:
        return Measure(None)
    sector = dict(graph.nodes(data="sector"))
    contacts = [v for v, data in graph.adj[lead].items() if v != lead and is_working(data)]
    sectors = sorted({s for n in contacts if (s := sector[n]) is not None and s != sector[lead]})
    spanning = [n for n in contacts if sector[n] in sectors]
    return Measure(
        len(sectors),
        evidence_of(graph, [lead, *spanning], [(lead, n) for n in spanning]),
        {"sectors": sectors},
    )


def lead_formal_tie_share(graph: nx.Graph | Net) -> Measure:
    r"""Share of the lead's edges that are formal: a signed commitment or a formal declared tie.

    .. math:: \frac{|\{(\ell, m) \in E : \mathrm{formal}(\ell, m)\}|}{\deg(\ell)}

    The call asks for "formal, well-organised partnerships"; a lead whose partners are all
    informal scores 0.

    Parameters
    ----------
    graph : networkx.Graph or Net
        N(P) or its ``Net``; reads the lead's edges (structure view) and their ``formal`` flag.

    Returns
    -------
    Measure
        Value in [0, 1]; ``None`` when there is no lead or it has no edge. ``detail`` lists the
        ``informal`` partners.

    Examples
    --------
    >>> g = nx.Graph(lead="l")
    >>> g.add_edges_from([("l", "a", {"formal": True}), ("l", "b", {"formal": False})])
    >>> lead_formal_tie_share(g).value
    0.5
    """
    graph = structure(graph)
    lead = lead_of(graph)
    if lead is None or graph.degree(lead) == 0:
        return Measure(None)
    formal = [n for n, data in graph.adj[lead].items() if data.get("formal")]
    informal = [n for n, data in graph.adj[lead].items() if not data.get("formal")]
    return Measure(
        len(formal) / graph.degree(lead),
        evidence_of(graph, [lead, *formal], [(lead, n) for n in formal]),
        {"informal": informal},
    )
