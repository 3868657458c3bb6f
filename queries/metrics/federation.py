"""Federation: can the lead federate its partners and hold the network together?

The call's lead is what Provan & Kenis (2008) call a *lead organisation*: one member that
governs the network. Its position is read with Freeman's (1979) centralities and centralization
on the unweighted, undirected N(P).

N(P) always links the lead to every partner (the commitment edge), so on the bare structure every
lead looks central. What separates a lead that federates from one that "federates nobody" is what
those edges carry: the measures marked *working ties* keep only edges that are formal (a signed
convention, letter or co-funding, or a formal tie) or declared as a tie beyond the commitment
(:func:`~queries.metrics._common.is_working`). A list of informal names gives ``lead_reach_1 = 0``,
``lead_formal_tie_share = 0`` and ``partner_tie_density = 0`` even though the star is complete.

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
from queries.metrics.brokerage import lead_brokerage

SHARED_DENSITY = 0.5
LEAD_CENTRALIZATION = 0.5


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

    Returns
    -------
    Measure
        Value in [0, 1]; ``None`` when there is no lead or no partner.
    """
    return _reach(graph, 1)


def lead_reach_2(graph: nx.Graph | Net) -> Measure:
    r"""Share of the other members within two steps of the lead through working ties.

    .. math:: \frac{|\{m \neq \ell : d_W(\ell, m) \leq 2\}|}{|N(P)| - 1}

    Returns
    -------
    Measure
        Value in [0, 1]; ``None`` when there is no lead or no partner.
    """
    return _reach(graph, 2)


def lead_degree_centrality(graph: nx.Graph | Net) -> Measure:
    r"""Freeman's (1979) normalised degree of the lead: :math:`\deg(\ell) / (n - 1)`.

    Every edge of N(P) counts, informal commitments included. On N(P) it is 1 whenever every
    partner's commitment edge is present; it is kept for
    comparison with other graphs (the territory ecosystem) and for what-if analyses.

    Returns
    -------
    Measure
        Value in [0, 1]; ``None`` when there is no lead or no partner.
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

    Examples
    --------
    >>> import networkx as nx
    >>> betweenness(nx.path_graph(3))
    {0: 0.0, 1: 1.0, 2: 0.0}
    """
    return nx.betweenness_centrality(structure(graph), normalized=True)


def lead_betweenness(graph: nx.Graph | Net, scores: dict[str, float] | None = None) -> Measure:
    r"""Freeman's (1979) betweenness of the lead, normalised by :math:`(n-1)(n-2)/2`.

    .. math:: C_B(\ell) = \frac{2}{(n-1)(n-2)} \sum_{s \neq \ell \neq t} \frac{\sigma_{st}(\ell)}{\sigma_{st}}

    ``networkx.betweenness_centrality(G, normalized=True)`` on the unweighted graph of every
    edge of N(P) (informal commitments included). 1 for the
    centre of a star: every pair of partners needs the lead. ``scores`` may hand in
    :func:`betweenness` already computed (the report computes it once for two metrics).

    Returns
    -------
    Measure
        Value in [0, 1]; 0.0 with fewer than three members (networkx's convention); ``None``
        when there is no lead.
    """
    graph = structure(graph)
    lead = lead_of(graph)
    if lead is None:
        return Measure(None)
    value = (scores if scores is not None else betweenness(graph))[lead]
    return Measure(value, evidence_of(graph, [lead]))


def lead_betweenness_rank(graph: nx.Graph | Net, scores: dict[str, float] | None = None) -> Measure:
    r"""The lead's rank by betweenness among members: 1 + the number of members strictly above.

    Ties share the better rank (1 when the lead is the most between, even with others equal).

    Returns
    -------
    Measure
        Integer ≥ 1; ``None`` when there is no lead. ``detail['above']`` lists the members with
        a higher betweenness.
    """
    graph = structure(graph)
    lead = lead_of(graph)
    if lead is None:
        return Measure(None)
    if scores is None:
        scores = betweenness(graph)
    # Equal scores computed along different paths may differ in their last bits: not "above".
    above = [n for n, s in scores.items() if s > scores[lead] + 1e-12]
    return Measure(1 + len(above), evidence_of(graph, [lead, *above]), {"above": above})


def lead_closeness(graph: nx.Graph | Net) -> Measure:
    r"""Closeness of the lead (Freeman 1979), with the Wasserman–Faust correction for components.

    .. math:: C_C(\ell) = \frac{r - 1}{n - 1} \cdot \frac{r - 1}{\sum_{v} d(\ell, v)}

    where :math:`r` is the number of members reachable from the lead
    (``networkx.closeness_centrality(G, u=lead)``), over every edge of N(P).

    Returns
    -------
    Measure
        Value in [0, 1]; 0.0 for a lead alone; ``None`` when there is no lead.

    Examples
    --------
    The end of a path of three is at distances 1 and 2: 2 / 3.

    >>> import networkx as nx
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


def degree_centralization(graph: nx.Graph | Net) -> Measure:
    r"""Freeman's (1979) degree centralization of N(P).

    .. math:: C_D = \frac{\sum_i (\deg_{\max} - \deg(i))}{(n - 1)(n - 2)}

    the sum of differences to the most central member over its maximum, reached by a star. 1 for
    a star, 0 for a cycle or a complete graph. Every edge of N(P) counts (the structure as
    declared); who actually works with whom is read by the working-tie measures.

    Returns
    -------
    Measure
        Value in [0, 1]; ``None`` with fewer than three members (the denominator is 0).
        Evidence: the most central member(s).

    Examples
    --------
    >>> import networkx as nx
    >>> degree_centralization(nx.star_graph(4)).value
    1.0
    >>> degree_centralization(nx.cycle_graph(5)).value
    0.0
    """
    graph = structure(graph)
    found = _centralization(graph)
    if found is None:
        return Measure(None)
    value, top = found
    return Measure(value, evidence_of(graph, [v for v, d in graph.degree if d == top]))


def _centralization(graph: nx.Graph) -> tuple[float, int] | None:
    """:func:`degree_centralization`'s value and the highest degree, ``None`` below three members."""
    n = len(graph)
    if n < 3:
        return None
    degrees = [d for _, d in graph.degree]
    top = max(degrees)
    return sum(top - d for d in degrees) / ((n - 1) * (n - 2)), top


def lead_sectors_spanned(graph: nx.Graph | Net) -> Measure:
    r"""Number of sectors, other than the lead's own, that the lead reaches through working ties.

    .. math:: |\{g(m) : m \in N_W(\ell)\} \setminus \{g(\ell)\}|

    Returns
    -------
    Measure
        Integer ≥ 0; ``None`` when there is no lead. Members without a sector are ignored.
        ``detail['sectors']`` lists the sectors.
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

    Returns
    -------
    Measure
        Value in [0, 1]; ``None`` when there is no lead or it has no edge. ``detail`` lists the
        ``informal`` partners.
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


def density(graph: nx.Graph | Net) -> Measure:
    r"""Density of N(P): :math:`2|E| / (n(n-1))` (``networkx.density``), unweighted, every edge.

    Returns
    -------
    Measure
        Value in [0, 1]; ``None`` with fewer than two members.

    Examples
    --------
    >>> import networkx as nx
    >>> density(nx.path_graph(3)).value  # 2 edges of 3 pairs
    0.6666666666666666
    """
    graph = structure(graph)
    if len(graph) < 2:
        return Measure(None)
    return Measure(nx.density(graph), evidence_of(graph, [], graph.edges))


def partner_tie_density(graph: nx.Graph | Net) -> Measure:
    r"""Density of the declared ties among partners, the lead left out.

    .. math:: \frac{|\{(m, n) \in E : m, n \neq \ell,\ \mathrm{declared}(m, n)\}|}{k(k-1)/2}

    with :math:`k` partners. 0 when the partners only know the lead: the lead federates nobody
    into working together.

    Returns
    -------
    Measure
        Value in [0, 1]; ``None`` with fewer than two partners.
    """
    graph = structure(graph)
    lead = lead_of(graph)
    k = len(graph) - (lead is not None)
    if k < 2:
        return Measure(None)
    edges = [(u, v) for u, v, declared in graph.edges(data="declared") if lead not in (u, v) and declared]
    return Measure(len(edges) / (k * (k - 1) / 2), evidence_of(graph, [], edges))


def components_without_lead(graph: nx.Graph | Net) -> Measure:
    r"""Number of connected components of N(P) once the lead is removed.

    1 when the partners hold together without the lead; the number of partners when they only
    know the lead (a pure star). Edges between two partners are declared ties (commitments only
    join the lead), so every edge of N(P) − lead is a declared tie.

    Returns
    -------
    Measure
        Integer ≥ 0 (0 when the lead has no partner); ``None`` when there is no lead.
        ``detail['components']`` lists the components, largest first.
    """
    graph = structure(graph)
    lead = lead_of(graph)
    if lead is None:
        return Measure(None)
    partners = graph.copy()
    partners.remove_node(lead)
    components = sorted(
        (sorted(c, key=str) for c in nx.connected_components(partners)), key=lambda c: -len(c)
    )
    return Measure(len(components), evidence_of(graph, partners.nodes), {"components": components})


def governance_form(
    graph: nx.Graph | Net,
    shared_density: float = SHARED_DENSITY,
    lead_centralization: float = LEAD_CENTRALIZATION,
) -> Measure:
    r"""Provan & Kenis' (2008) governance form read from the structure.

    - ``shared`` (participant-governed): dense (:func:`density` ≥ ``shared_density``) and flat
      (:func:`degree_centralization` < ``lead_centralization``);
    - ``lead_organisation``: centralization ≥ ``lead_centralization`` and the lead has the
      highest degree;
    - ``mixed`` otherwise. The third form, the network administrative organisation, is a body
      created to run the network and cannot be read from ties.

    Returns
    -------
    Measure
        One of the three codes; ``None`` with fewer than three members or no lead.
    """
    graph = structure(graph)
    lead = lead_of(graph)
    found = _centralization(graph)
    if lead is None or found is None:
        return Measure(None)
    centralization, top = found
    dense = nx.density(graph)
    if dense >= shared_density and centralization < lead_centralization:
        form = "shared"
    elif centralization >= lead_centralization and graph.degree(lead) == top:
        form = "lead_organisation"
    else:
        form = "mixed"
    return Measure(form, evidence_of(graph, [lead]), {"density": dense, "centralization": centralization})


__all__ = [
    "betweenness",
    "components_without_lead",
    "degree_centralization",
    "density",
    "governance_form",
    "lead_betweenness",
    "lead_betweenness_rank",
    "lead_brokerage",
    "lead_closeness",
    "lead_degree_centrality",
    "lead_formal_tie_share",
    "lead_reach_1",
    "lead_reach_2",
    "lead_sectors_spanned",
    "partner_tie_density",
]
