"""Complementarity: does the partnership cover the pathway, the barriers, the publics, the territory?

Provan & Milward (2001) judge a network by the *range of services* it brings together; these
measures count that range on N(P) (stages, barriers, publics, communes, sectors) and how distinct
the members' contributions are.

References
----------
.. [1] Provan, K. G. and Milward, H. B. (2001). "Do networks really work? A framework for
   evaluating public-sector organizational networks". *Public Administration Review* 61(4),
   414–423. doi:10.1111/0033-3352.00045
.. [2] Blau, P. M. (1977). *Inequality and Heterogeneity: A Primitive Theory of Social
   Structure*. New York: Free Press.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import networkx as nx

from graph_service.domain.vocabulary import Barrier, Stage
from queries.metrics._common import (
    EMPTY_CONTEXT,
    Measure,
    ProjectContext,
    attr_list,
    capability_sets,
    evidence_of,
    pairwise_jaccard,
    share,
)
from queries.metrics._net import Net, structure

ALL_STAGES = tuple(s.value for s in Stage)
ALL_BARRIERS = tuple(b.value for b in Barrier)


def _coverage(graph: nx.Graph, attribute: str, required: Iterable[str]) -> Measure:
    wanted = list(dict.fromkeys(required))
    # The members listing each item, in graph order (once per listing).
    providers = {
        item: [n for n in graph for listed in attr_list(graph, n, attribute) if listed == item]
        for item in wanted
    }
    covered = [item for item in wanted if providers[item]]
    missing = [item for item in wanted if not providers[item]]
    return Measure(
        share(len(covered), len(wanted)),
        evidence_of(graph, nodes=[n for item in covered for n in providers[item]]),
        {"covered": covered, "missing": missing, "providers": {k: v for k, v in providers.items() if v}},
    )


def stage_coverage(graph: nx.Graph | Net, required: Iterable[str] = ALL_STAGES) -> Measure:
    r"""Share of the required pathway stages done by at least one member.

    .. math:: \mathrm{stage\_coverage} = \frac{|\{s \in R : \exists m \in N(P),\ s \in S_m\}|}{|R|}

    where :math:`R` is the set of required stages (configuration; all six by default) and
    :math:`S_m` the stages member :math:`m` does in this project (node attribute ``stages``).
    The "range of services" of Provan & Milward (2001), counted on the pathway.

    Parameters
    ----------
    graph : networkx.Graph or Net
        N(P) or its ``Net``; reads the members' ``stages``, no edge.
    required : iterable of str
        The stages the call requires.

    Returns
    -------
    Measure
        Value in [0, 1]; ``None`` when no stage is required. ``detail`` lists ``covered``,
        ``missing`` and the ``providers`` of each stage; evidence nodes are the providers. A member
        without ``stages`` covers nothing.

    References
    ----------
    Provan & Milward (2001) [1]_ (the module's references).

    Examples
    --------
    >>> g = nx.Graph()
    >>> g.add_nodes_from([("a", {"stages": ["reperage"]}), ("b", {"stages": ["emploi"]})])
    >>> stage_coverage(g, ["reperage", "formation"]).value
    0.5
    """
    return _coverage(structure(graph), "stages", required)


def barrier_coverage(graph: nx.Graph | Net, required: Iterable[str] = ALL_BARRIERS) -> Measure:
    r"""Share of the peripheral barriers (*freins périphériques*) some member can lift.

    .. math:: \mathrm{barrier\_coverage} = \frac{|\{b \in B : \exists m,\ b \in B_m\}|}{|B|}

    with :math:`B` the barriers considered (all eight by default) and :math:`B_m` member
    :math:`m`'s ``barriers``. Provan & Milward (2001), range of services.

    Parameters
    ----------
    graph : networkx.Graph or Net
        N(P) or its ``Net``; reads the members' ``barriers``, no edge.
    required : iterable of str
        The barriers considered.

    Returns
    -------
    Measure
        Value in [0, 1]; ``None`` when no barrier is considered. Same ``detail`` as
        :func:`stage_coverage`.

    References
    ----------
    Provan & Milward (2001) [1]_ (the module's references).

    Examples
    --------
    >>> g = nx.Graph()
    >>> g.add_node("a", barriers=["mobilite", "sante"])
    >>> barrier_coverage(g, ["mobilite", "logement"]).detail["missing"]
    ['logement']
    """
    return _coverage(structure(graph), "barriers", required)


def public_coverage(graph: nx.Graph | Net) -> Measure:
    r"""Share of the project's declared target publics that at least one member serves.

    .. math:: \mathrm{public\_coverage} = \frac{|\{p \in P_{proj} : \exists m,\ p \in P_m\}|}{|P_{proj}|}

    :math:`P_{proj}` is the graph attribute ``publics``; :math:`P_m` the member's ``publics``.

    Parameters
    ----------
    graph : networkx.Graph or Net
        N(P) or its ``Net``; reads the members' ``publics`` and the graph's, no edge.

    Returns
    -------
    Measure
        Value in [0, 1]; ``None`` when the project declares no public.

    References
    ----------
    Provan & Milward (2001) [1]_ (the module's references).

    Examples
    --------
    >>> g = nx.Graph(publics=["qpv", "rural"])
    >>> g.add_node("a", publics=["qpv"])
    >>> public_coverage(g).value
    0.5
    """
    graph = structure(graph)
    return _coverage(graph, "publics", graph.graph.get("publics") or ())


def territory_coverage(graph: nx.Graph | Net, context: ProjectContext = EMPTY_CONTEXT) -> Measure:
    r"""Share of the project's communes where at least one member works.

    The project's territories are expanded into communes with the context's territory tree (an
    EPCI into its communes). A member covers commune :math:`c` when one of its territories is
    :math:`c` or contains it (an EPCI, a département).

    .. math:: \mathrm{territory\_coverage} = \frac{|\{c \in C_P : \exists m,\ T_m \cap (\{c\} \cup \mathrm{anc}(c)) \neq \emptyset\}|}{|C_P|}

    Parameters
    ----------
    graph : networkx.Graph or Net
        N(P) or its ``Net``; reads the members' ``territories`` and the graph's, no edge.
    context : ProjectContext
        The territory tree that expands a territory into its communes.

    Returns
    -------
    Measure
        Value in [0, 1]; ``None`` when the project names no territory. Without a territory tree
        in the context, codes match only when equal.

    References
    ----------
    Provan & Milward (2001) [1]_ (the module's references).

    Examples
    --------
    >>> g = nx.Graph(territories=["59512", "59350"])
    >>> g.add_node("a", territories=["59512"])
    >>> territory_coverage(g).value
    0.5
    """
    graph = structure(graph)
    communes = context.communes(graph.graph.get("territories") or ())
    providers: dict[str, list[str]] = {}
    for commune in communes:
        # A member covers the commune when one of its territories is the commune or contains it.
        covering = {commune, *context.ancestors(commune)}
        providers[commune] = [n for n in graph if not covering.isdisjoint(attr_list(graph, n, "territories"))]
    covered = [c for c in communes if providers[c]]
    return Measure(
        share(len(covered), len(communes)),
        evidence_of(graph, nodes=[n for c in covered for n in providers[c]]),
        {"covered": covered, "missing": [c for c in communes if not providers[c]]},
    )


def unique_contributions(graph: nx.Graph | Net) -> Measure:
    r"""Per member, the capabilities no other member brings.

    A member's capability set :math:`K_m` is its stages, barriers and publics (prefixed
    ``stage:``, ``barrier:``, ``public:``). Its unique contribution is
    :math:`K_m \setminus \bigcup_{n \neq m} K_n` — the complement of *service duplication* in
    Provan & Milward (2001). Reads the members' attributes, no edge.

    Parameters
    ----------
    graph
        N(P), or its :class:`~queries.metrics._net.Net`.

    Returns
    -------
    Measure
        Value: ``{member: [items…]}`` for every member (sorted; an empty list when it brings
        nothing of its own); ``{}`` for an empty graph. Evidence nodes: members with at least
        one unique item.

    References
    ----------
    Provan & Milward (2001) [1]_ (the module's references).

    Examples
    --------
    >>> g = nx.Graph()
    >>> g.add_node("a", stages=["reperage"], publics=["qpv"])
    >>> g.add_node("b", stages=["reperage", "emploi"])
    >>> unique_contributions(g).value
    {'a': ['public:qpv'], 'b': ['stage:emploi']}
    """
    graph = structure(graph)
    sets = capability_sets(graph)
    counts = Counter(item for items in sets.values() for item in items)
    value = {node: sorted(i for i in items if counts[i] == 1) for node, items in sets.items()}
    return Measure(value, evidence_of(graph, nodes=[n for n, items in value.items() if items]))


def mean_capability_distance(graph: nx.Graph | Net) -> Measure:
    r"""Mean pairwise Jaccard distance between members' capability sets.

    .. math:: \bar d = \frac{1}{|\Pi|} \sum_{\{m,n\} \in \Pi} \left(1 - \frac{|K_m \cap K_n|}{|K_m \cup K_n|}\right)

    over the set :math:`\Pi` of unordered member pairs whose union is not empty (:math:`K_m` as
    in :func:`unique_contributions`). 1 means members bring entirely different things, 0 that
    they all bring the same. Reads the members' attributes, no edge.

    Parameters
    ----------
    graph
        N(P), or its :class:`~queries.metrics._net.Net`.

    Returns
    -------
    Measure
        Value in [0, 1]; ``None`` with fewer than two members or when no pair declares anything.
        ``detail['pairs']`` counts the pairs averaged.

    References
    ----------
    Provan & Milward (2001) [1]_ (the module's references).

    Examples
    --------
    >>> g = nx.Graph()
    >>> g.add_node("a", stages=["reperage", "emploi"])
    >>> g.add_node("b", stages=["reperage"])
    >>> mean_capability_distance(g).value  # 1 - 1/2
    0.5
    """
    graph = structure(graph)
    distances = [1.0 - value for _, _, value in pairwise_jaccard(capability_sets(graph)) if value is not None]
    mean = sum(distances) / len(distances) if distances else None
    return Measure(mean, evidence_of(graph, nodes=graph.nodes), {"pairs": len(distances)})


def blau_index(groups: Iterable[str | None]) -> float | None:
    r"""Blau's (1977) heterogeneity index :math:`1 - \sum_k p_k^2` of a list of group labels.

    ``None`` labels (missing attribute) are left out; ``None`` when nothing is left.

    Parameters
    ----------
    groups : iterable of str or None
        One label per member.

    References
    ----------
    Blau (1977) [2]_ (the module's references).

    Examples
    --------
    >>> blau_index(["a", "a", "b", "b"])
    0.5
    >>> blau_index(["a", "a"])
    0.0
    """
    known = [g for g in groups if g is not None]
    if not known:
        return None
    total = len(known)
    return 1.0 - sum((count / total) ** 2 for count in Counter(known).values())


def sector_diversity(graph: nx.Graph | Net) -> Measure:
    r"""Blau index of the members' sectors, lead included.

    .. math:: \mathrm{sector\_diversity} = 1 - \sum_k p_k^2

    where :math:`p_k` is the share of members in sector :math:`k` (Blau 1977). 0 for a single-sector
    partnership (a silo); at most :math:`1 - 1/K` with :math:`K` sectors.

    Parameters
    ----------
    graph : networkx.Graph or Net
        N(P) or its ``Net``; reads the members' ``sector``, no edge.

    Returns
    -------
    Measure
        Value in [0, 1); 0.0 for one member; ``None`` for an empty graph or when no member has a
        sector. ``detail['sectors']`` counts members per sector.

    References
    ----------
    Blau (1977) [2]_ (the module's references).

    Examples
    --------
    >>> g = nx.Graph()
    >>> g.add_nodes_from([("a", {"sector": "social"}), ("b", {"sector": "health"})])
    >>> sector_diversity(g).value  # 1 - (1/2)² - (1/2)²
    0.5
    """
    graph = structure(graph)
    sectors = {n: sector for n, sector in graph.nodes(data="sector") if sector is not None}
    counts = Counter(sectors.values())
    return Measure(
        blau_index(sectors.values()),
        evidence_of(graph, nodes=sectors),
        {"sectors": dict(sorted(counts.items()))},
    )
