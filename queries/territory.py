"""Territory-wide metrics: every organisation of a territory's ecosystem, and the ecosystem as a whole.

The ecosystem graph comes from :func:`graph_service.domain.network.dataset_graph`; only its
organisation nodes are kept and it is read as **unweighted and undirected** (self-loops dropped).
At territory scale (10,000 organisations, 50,000 ties) networkx's Burt measures take minutes, so
the heavy measures run on python-igraph; each one gives the same values as networkx's reference
implementation (the tests compare them within 1e-9 on Borgatti's graph and random graphs).

Policy for degenerate cases, matching networkx (which returns ``nan``) but with ``None`` so the
values stay JSON-safe: an isolated organisation has ``None`` effective size, efficiency and
constraint; territory figures that are undefined (centralization under three organisations,
E-I index and modularity without ties) are ``None``. Values are plain Python ``float``/``int``.

References
----------
.. [1] Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition*. Harvard
   University Press.
.. [2] Borgatti, S. P. (1997). Structural holes: unpacking Burt's redundancy measures.
   *Connections* 20(1), 35–38.
.. [3] Freeman, L. C. (1979). Centrality in social networks: conceptual clarification.
   *Social Networks* 1(3), 215–239. https://doi.org/10.1016/0378-8733(78)90021-7
.. [4] Krackhardt, D. & Stern, R. N. (1988). Informal networks and organizational crises: an
   experimental simulation. *Social Psychology Quarterly* 51(2), 123–140.
   https://doi.org/10.2307/2786835
.. [5] Newman, M. E. J. (2006). Modularity and community structure in networks. *PNAS* 103(23),
   8577–8582. https://doi.org/10.1073/pnas.0601602103
.. [6] Brandes, U. (2001). A faster algorithm for betweenness centrality. *Journal of
   Mathematical Sociology* 25(2), 163–177. https://doi.org/10.1080/0022250X.2001.9990249
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

import igraph as ig
import networkx as nx
import numpy as np


@dataclass(frozen=True)
class OrganisationMeasures:
    """One organisation's position in the ecosystem (see :func:`organisation_measures`)."""

    degree: int
    degree_centrality: float
    betweenness: float | None
    effective_size: float | None
    efficiency: float | None
    constraint: float | None


@dataclass(frozen=True)
class TerritoryMetrics:
    """Per-organisation measures and territory figures (see :func:`territory_metrics`)."""

    organisations: dict[str, OrganisationMeasures]
    figures: dict[str, float | int | None] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        """Plain, JSON-ready form."""
        return {
            "figures": dict(self.figures),
            "organisations": {k: vars(v).copy() for k, v in self.organisations.items()},
        }


def organisation_graph(ecosystem: nx.Graph) -> nx.Graph:
    """The organisations of an ecosystem graph, unweighted, undirected, without self-loops.

    Node attribute kept: ``sector``. Nodes without a ``type`` are taken as organisations, so any
    plain graph can be measured.
    """
    graph = nx.Graph()
    graph.add_nodes_from(
        (n, {"sector": data.get("sector")})
        for n, data in ecosystem.nodes(data=True)
        if data.get("type", "organisation") == "organisation"
    )
    graph.add_edges_from((u, v) for u, v in ecosystem.edges() if u != v and u in graph and v in graph)
    return graph


def to_igraph(graph: nx.Graph) -> tuple[list[Hashable], ig.Graph]:
    """The graph as an undirected igraph graph (vertex ``i`` is ``nodes[i]``; ``sector`` kept)."""
    nodes = list(graph)
    index = {n: i for i, n in enumerate(nodes)}
    edges = [(index[u], index[v]) for u, v in graph.edges() if u != v]
    g = ig.Graph(n=len(nodes), edges=edges, directed=False)
    g.vs["sector"] = [graph.nodes[n].get("sector") for n in nodes]
    return nodes, g


def organisation_igraph(ecosystem: nx.Graph) -> tuple[list[Hashable], ig.Graph]:
    """:func:`organisation_graph` straight to igraph, without an intermediate networkx graph."""
    nodes = [n for n, kind in ecosystem.nodes(data="type", default="organisation") if kind == "organisation"]
    index = {n: i for i, n in enumerate(nodes)}
    edges = [(index[u], index[v]) for u, v in ecosystem.edges() if u != v and u in index and v in index]
    g = ig.Graph(n=len(nodes), edges=edges, directed=False)
    g.vs["sector"] = [ecosystem.nodes[n].get("sector") for n in nodes]
    return nodes, g


def effective_sizes(g: ig.Graph) -> list[float | None]:
    r"""Burt's effective size of every vertex, by Borgatti's simplification.

    For an unweighted undirected graph, the effective size of ego :math:`i` with :math:`n_i`
    alters among which :math:`t_i` ties are present is (Borgatti 1997 [2]_, equal to Burt's
    :math:`\sum_j (1 - \sum_q p_{iq} m_{jq})` [1]_ in that case):

    .. math:: e_i = n_i - \frac{2 t_i}{n_i}

    :math:`t_i` is the number of triangles through :math:`i`, counted from igraph's triangle list
    with one vectorised ``bincount``. Isolated vertices: ``None`` (networkx gives ``nan``).

    Examples
    --------
    >>> import igraph as ig
    >>> effective_sizes(ig.Graph(n=4, edges=[(0, 1), (0, 2), (0, 3), (1, 2)]))[0]
    2.3333333333333335
    """
    n = g.vcount()
    degree = np.asarray(g.degree(), dtype=float)
    triangles = np.asarray(g.list_triangles(), dtype=np.int64).reshape(-1)
    t = np.bincount(triangles, minlength=n).astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        sizes = degree - 2.0 * t / degree
    return [None if d == 0 else float(s) for d, s in zip(degree, sizes, strict=True)]


def constraints(g: ig.Graph) -> list[float | None]:
    r"""Burt's constraint of every vertex (igraph's ``constraint``, unweighted).

    .. math:: c_i = \sum_{j \in N(i)} \Big(p_{ij} + \sum_{q \ne i, j} p_{iq} p_{qj}\Big)^2

    where :math:`p_{ij}` is the share of :math:`i`'s ties invested in :math:`j` (mutual ties
    counted as Burt does; :math:`1/\deg i` on an unweighted undirected graph) [1]_. Isolated
    vertices: ``None`` (networkx and igraph give ``nan``).

    Examples
    --------
    >>> import igraph as ig
    >>> constraints(ig.Graph(n=3, edges=[(0, 1), (0, 2)]))
    [0.5, 1.0, 1.0]
    """
    return [None if math.isnan(c) else float(c) for c in g.constraint()]


def betweenness(g: ig.Graph) -> list[float]:
    r"""Normalised betweenness centrality of every vertex (Freeman 1979 [3]_, Brandes 2001 [6]_).

    .. math:: b_i = \frac{2}{(n-1)(n-2)} \sum_{s < t,\; s, t \ne i} \frac{\sigma_{st}(i)}{\sigma_{st}}

    as networkx's ``betweenness_centrality(normalized=True)`` on an undirected graph (for
    :math:`n \le 2` every value is 0). Exact: :math:`O(nm)`, the dominant cost at territory scale.
    """
    n = g.vcount()
    raw = g.betweenness(directed=False)
    scale = 2.0 / ((n - 1) * (n - 2)) if n > 2 else 1.0
    return [float(b) * scale for b in raw]


def organisation_measures(
    graph: nx.Graph, *, with_betweenness: bool = True
) -> dict[str, OrganisationMeasures]:
    r"""Every organisation's degree, centralities and Burt measures.

    - ``degree_centrality`` :math:`= \deg i / (n - 1)` (Freeman 1979 [3]_; 1 when :math:`n = 1`,
      as networkx);
    - ``betweenness``: :func:`betweenness` (``None`` when ``with_betweenness`` is false);
    - ``effective_size``: :func:`effective_sizes`; ``efficiency`` :math:`= e_i / n_i`
      (Burt 1992 [1]_); ``constraint``: :func:`constraints`. ``None`` for isolated organisations.

    ``graph`` is read unweighted and undirected (use :func:`organisation_graph` first on an
    ecosystem graph).
    """
    nodes, g = to_igraph(graph)
    return _measures(nodes, g, with_betweenness)


def _measures(nodes: list[Hashable], g: ig.Graph, with_betweenness: bool) -> dict[str, OrganisationMeasures]:
    n = len(nodes)
    degrees = g.degree()
    sizes = effective_sizes(g)
    constraint = constraints(g)
    between: Sequence[float | None] = betweenness(g) if with_betweenness else [None] * n
    return {
        str(node): OrganisationMeasures(
            degree=int(degrees[i]),
            degree_centrality=degrees[i] / (n - 1) if n > 1 else 1.0,
            betweenness=between[i],
            effective_size=sizes[i],
            efficiency=None if sizes[i] is None else sizes[i] / degrees[i],
            constraint=constraint[i],
        )
        for i, node in enumerate(nodes)
    }


def degree_centralization(degrees: Sequence[int]) -> float | None:
    r"""Freeman's degree centralization of a graph (Freeman 1979 [3]_).

    .. math:: C_D = \frac{\sum_i (d_{\max} - d_i)}{(n - 1)(n - 2)}

    1 for a star, 0 for a cycle or a complete graph; ``None`` under three nodes.

    Examples
    --------
    >>> degree_centralization([4, 1, 1, 1, 1])
    1.0
    """
    n = len(degrees)
    if n < 3:
        return None
    top = max(degrees)
    return float(sum(top - d for d in degrees) / ((n - 1) * (n - 2)))


def ei_index(graph: nx.Graph, attribute: str = "sector") -> float | None:
    r"""Krackhardt & Stern's E-I index of the ties across groups of ``attribute`` [4]_.

    .. math:: EI = \frac{E - I}{E + I}

    with :math:`E` the ties between organisations of different groups and :math:`I` those within
    one group; −1 all within, +1 all across. ``None`` without ties. A missing attribute is a group
    of its own (``None``).
    """
    _, g = to_igraph(graph if attribute == "sector" else _as_sector(graph, attribute))
    return _ei_index(g, _membership(g))


def sector_modularity(graph: nx.Graph, attribute: str = "sector") -> float | None:
    r"""Newman's modularity of the partition of organisations by ``attribute`` [5]_.

    .. math:: Q = \frac{1}{2m} \sum_{ij} \Big(A_{ij} - \frac{k_i k_j}{2m}\Big)\,\delta(g_i, g_j)

    Positive when ties stay within sectors more than chance would have them; computed by igraph,
    equal to ``networkx.community.modularity`` (resolution 1). ``None`` without ties.
    """
    _, g = to_igraph(graph if attribute == "sector" else _as_sector(graph, attribute))
    return _modularity(g, _membership(g))


def _as_sector(graph: nx.Graph, attribute: str) -> nx.Graph:
    copy = nx.Graph()
    copy.add_nodes_from((n, {"sector": d.get(attribute)}) for n, d in graph.nodes(data=True))
    copy.add_edges_from(graph.edges())
    return copy


def _membership(g: ig.Graph) -> list[int]:
    labels: dict[object, int] = {}
    return [labels.setdefault(sector, len(labels)) for sector in g.vs["sector"]] if g.vcount() else []


def _ei_index(g: ig.Graph, membership: list[int]) -> float | None:
    total = g.ecount()
    if total == 0:
        return None
    groups = np.asarray(membership)
    ends = np.asarray(g.get_edgelist())
    external = int(np.count_nonzero(groups[ends[:, 0]] != groups[ends[:, 1]]))
    return (2 * external - total) / total


def _modularity(g: ig.Graph, membership: list[int]) -> float | None:
    return None if g.ecount() == 0 else float(g.modularity(membership))


def territory_figures(graph: nx.Graph) -> dict[str, float | int | None]:
    """Territory-level figures of an organisation graph.

    ``organisations``, ``ties``, ``density`` (:math:`2m / n(n-1)`, 0 under two nodes, as
    networkx), ``components`` and ``largest_component`` (connected components; 0 for an empty
    graph), ``isolated``, ``degree_centralization`` (:func:`degree_centralization`),
    ``ei_index_sector`` (:func:`ei_index`) and ``sector_modularity`` (:func:`sector_modularity`).
    """
    return _figures(to_igraph(graph)[1])


def _figures(g: ig.Graph) -> dict[str, float | int | None]:
    n, m = g.vcount(), g.ecount()
    sizes = g.connected_components().sizes() if n else []
    degrees = g.degree()
    membership = _membership(g)
    return {
        "organisations": n,
        "ties": m,
        "density": 2 * m / (n * (n - 1)) if n > 1 else 0.0,
        "components": len(sizes),
        "largest_component": max(sizes, default=0),
        "isolated": sum(1 for d in degrees if d == 0),
        "degree_centralization": degree_centralization(degrees),
        "ei_index_sector": _ei_index(g, membership),
        "sector_modularity": _modularity(g, membership),
    }


def territory_metrics(ecosystem: nx.Graph, *, with_betweenness: bool = False) -> TerritoryMetrics:
    """The territory-wide suite over an ecosystem graph (organisations only, unweighted).

    Every organisation's ``betweenness`` is ``None`` unless ``with_betweenness``: the exact
    betweenness is :math:`O(nm)`, by far the costliest measure of the suite on a département
    (figures in ``benchmarks/README.md``), so it is asked for, not computed by default.
    """
    nodes, g = organisation_igraph(ecosystem)
    return TerritoryMetrics(organisations=_measures(nodes, g, with_betweenness), figures=_figures(g))


__all__ = [
    "OrganisationMeasures",
    "TerritoryMetrics",
    "betweenness",
    "constraints",
    "degree_centralization",
    "effective_sizes",
    "ei_index",
    "organisation_graph",
    "organisation_igraph",
    "organisation_measures",
    "sector_modularity",
    "territory_figures",
    "territory_metrics",
    "to_igraph",
]
