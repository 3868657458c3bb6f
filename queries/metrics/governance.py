"""Federation, the network as a whole: centralization, density, cohesion without the lead, governance.

Freeman's (1979) degree centralization and the density read every edge of N(P) (the
**structure** view); the partners' own ties and their cohesion without the lead read the ties
declared between partners (the **between partners** view). Provan & Kenis (2008) name the
governance forms these values point to. The lead's own position is in
:mod:`queries.metrics.federation`.

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

from queries.metrics._common import Measure, declared_by_project, evidence_of, lead_of
from queries.metrics._net import Net, as_net, structure

SHARED_DENSITY = 0.5
LEAD_CENTRALIZATION = 0.5


def degree_centralization(graph: nx.Graph | Net) -> Measure:
    r"""Freeman's (1979) degree centralization of N(P).

    .. math:: C_D = \frac{\sum_i (\deg_{\max} - \deg(i))}{(n - 1)(n - 2)}

    the sum of differences to the most central member over its maximum, reached by a star. 1 for
    a star, 0 for a cycle or a complete graph. Every edge of N(P) counts (the structure as
    declared); who actually works with whom is read by the working-tie measures.

    Parameters
    ----------
    graph : networkx.Graph or Net
        N(P) or its ``Net``; reads the structure view (every edge).

    Returns
    -------
    Measure
        Value in [0, 1]; ``None`` with fewer than three members (the denominator is 0).
        Evidence: the most central member(s).

    References
    ----------
    Freeman (1979) [1]_ (the module's references).

    Examples
    --------
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


def density(graph: nx.Graph | Net) -> Measure:
    r"""Density of N(P): :math:`2|E| / (n(n-1))` (``networkx.density``), unweighted, every edge.

    Parameters
    ----------
    graph : networkx.Graph or Net
        N(P) or its ``Net``; reads the structure view (every edge).

    Returns
    -------
    Measure
        Value in [0, 1]; ``None`` with fewer than two members.

    Examples
    --------
    >>> density(nx.path_graph(3)).value  # 2 edges of 3 pairs
    0.6666666666666666
    """
    graph = structure(graph)
    if len(graph) < 2:
        return Measure(None)
    return Measure(nx.density(graph), evidence_of(graph, [], graph.edges))


def partner_tie_density(graph: nx.Graph | Net) -> Measure:
    r"""Density of the ties among partners, the lead left out (the between-partners view).

    .. math:: \frac{|\{(m, n) \in E_P\}|}{k(k-1)/2}

    with :math:`k` partners and :math:`E_P` the ties between two partners that the application
    declares or that are known on the territory (:func:`~queries.metrics._common.partners_graph`).
    0 when the partners only know the lead: the lead federates nobody into working together.
    ``detail`` says how many of those ties the application declares (``declared``) and how many
    are only known on the territory (``known``, credited as existing cooperation, never as the
    application's declaration).

    Parameters
    ----------
    graph : networkx.Graph or Net
        N(P) or its ``Net``; reads the between-partners view.

    Returns
    -------
    Measure
        Value in [0, 1]; ``None`` with fewer than two partners.

    Examples
    --------
    >>> g = nx.Graph([("l", "a"), ("l", "b"), ("l", "c")], lead="l")
    >>> g.add_edge("a", "b", declared=True)
    >>> partner_tie_density(g).value  # 1 of 3 pairs of partners
    0.3333333333333333
    """
    net = as_net(graph)
    if net.lead is None:
        return Measure(None)
    k = len(net.partners)
    if k < 2:
        return Measure(None)
    edges = list(net.partners.edges(data=True))
    declared = sum(1 for _, _, d in edges if declared_by_project(d))
    return Measure(
        len(edges) / (k * (k - 1) / 2),
        evidence_of(net.graph, [], [(u, v) for u, v, _ in edges]),
        {"declared": declared, "known": len(edges) - declared},
    )


def components_without_lead(graph: nx.Graph | Net) -> Measure:
    r"""Number of connected components of N(P) once the lead is removed.

    1 when the partners hold together without the lead; the number of partners when they only
    know the lead (a pure star). Edges between two partners are declared ties (commitments only
    join the lead), so every edge of N(P) − lead is a declared tie.

    Parameters
    ----------
    graph : networkx.Graph or Net
        N(P) or its ``Net``; reads the between-partners view (N(P) without the lead).

    Returns
    -------
    Measure
        Integer ≥ 0 (0 when the lead has no partner); ``None`` when there is no lead.
        ``detail['components']`` lists the components, largest first.

    Examples
    --------
    >>> g = nx.Graph([("l", "a"), ("l", "b"), ("l", "c"), ("a", "b")], lead="l")
    >>> components_without_lead(g).detail["components"]
    [['a', 'b'], ['c']]
    """
    net = as_net(graph)
    if net.lead is None:
        return Measure(None)
    partners = net.partners
    components = sorted(
        (sorted(c, key=str) for c in nx.connected_components(partners)), key=lambda c: -len(c)
    )
    return Measure(len(components), evidence_of(net.graph, partners.nodes), {"components": components})


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

    Parameters
    ----------
    graph : networkx.Graph or Net
        N(P) or its ``Net``; reads the structure view.
    shared_density, lead_centralization : float
        The thresholds (configuration, per call).

    Returns
    -------
    Measure
        One of the three codes; ``None`` with fewer than three members or no lead.

    References
    ----------
    Provan & Kenis (2008) [2]_ (the module's references).

    Examples
    --------
    >>> g = nx.Graph([("l", "a"), ("l", "b"), ("l", "c")], lead="l")
    >>> governance_form(g).value
    'lead_organisation'
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
