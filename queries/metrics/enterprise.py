"""Enterprise downstream: does the pathway end somewhere, with enterprises formally on board?

The call asks projects to reach enterprises (SMEs, *entreprises adaptées*, work-integration
enterprises…) so that re-engaged people have somewhere to go: the exit stages are ``formation``
and ``emploi``.
"""

from __future__ import annotations

from collections import Counter

import networkx as nx

from graph_service.domain.vocabulary import EXIT_STAGES, Sector
from queries.metrics._common import Measure, attr_list, evidence_of, lead_of, share
from queries.metrics._net import Net, structure

EXIT = tuple(sorted(s.value for s in EXIT_STAGES))
ENTERPRISE = Sector.ENTERPRISE.value


def _enterprises(graph: nx.Graph) -> list[str]:
    """The enterprise members, in graph order."""
    return [n for n, sector in graph.nodes(data="sector") if sector == ENTERPRISE]


def enterprise_count(graph: nx.Graph | Net) -> Measure:
    r"""Number of members in the ``enterprise`` sector (the lead included when it is one).

    Parameters
    ----------
    graph : networkx.Graph or Net
        N(P) or its ``Net``; reads the members' ``sector``, no edge.

    Returns
    -------
    Measure
        Integer ≥ 0; evidence: the enterprises.

    Examples
    --------
    >>> g = nx.Graph()
    >>> g.add_nodes_from([("a", {"sector": "enterprise"}), ("b", {"sector": "social"})])
    >>> enterprise_count(g).value
    1
    """
    graph = structure(graph)
    found = _enterprises(graph)
    return Measure(len(found), evidence_of(graph, found))


def enterprises_by_subtype(graph: nx.Graph | Net) -> Measure:
    r"""Enterprise members counted by subtype (``sme``, ``entreprise_adaptee``, ``siae``…).

    Parameters
    ----------
    graph : networkx.Graph or Net
        N(P) or its ``Net``; reads the members' ``sector`` and ``subtype``, no edge.

    Returns
    -------
    Measure
        ``{subtype: count}`` sorted by subtype; an enterprise without subtype counts under
        ``"unknown"``; ``{}`` when there is no enterprise.

    Examples
    --------
    >>> g = nx.Graph()
    >>> g.add_nodes_from([("a", {"sector": "enterprise", "subtype": "sme"}), ("b", {"sector": "enterprise"})])
    >>> enterprises_by_subtype(g).value
    {'sme': 1, 'unknown': 1}
    """
    graph = structure(graph)
    found = _enterprises(graph)
    counts = Counter(str(graph.nodes[n].get("subtype") or "unknown") for n in found)
    return Measure(dict(sorted(counts.items())), evidence_of(graph, found))


def enterprise_formal_share(graph: nx.Graph | Net) -> Measure:
    r"""Share of enterprise partners whose commitment to the project is formal.

    .. math:: \frac{|\{e \in \mathrm{Ent} : \mathrm{commitment}(e) \in \{\text{convention},
       \text{lettre\_engagement}, \text{cofinancement}\}\}|}{|\mathrm{Ent}|}

    The lead is left out (it has no commitment to itself).

    Parameters
    ----------
    graph : networkx.Graph or Net
        N(P) or its ``Net``; reads the partners' ``sector`` and ``formal`` commitment.

    Returns
    -------
    Measure
        Value in [0, 1]; ``None`` when no partner is an enterprise.

    Examples
    --------
    >>> g = nx.Graph([("l", "a"), ("l", "b")], lead="l")
    >>> nx.set_node_attributes(g, {"a": "enterprise", "b": "enterprise"}, "sector")
    >>> nx.set_node_attributes(g, {"a": True, "b": False}, "formal")
    >>> enterprise_formal_share(g).value
    0.5
    """
    graph = structure(graph)
    lead = lead_of(graph)
    found = [n for n in _enterprises(graph) if n != lead]
    formal = [n for n in found if graph.nodes[n].get("formal")]
    edges = [(lead, n) for n in formal if lead is not None and graph.has_edge(lead, n)]
    return Measure(
        share(len(formal), len(found)),
        evidence_of(graph, formal, edges),
        {"informal": [n for n in found if not graph.nodes[n].get("formal")]},
    )


def exit_stage_coverage(graph: nx.Graph | Net) -> Measure:
    r"""Share of the exit stages (``formation``, ``emploi``) some member does in the project.

    .. math:: \frac{|\{s \in X : \exists m,\ s \in S_m\}|}{|X|}, \quad X = \{\text{formation}, \text{emploi}\}

    Parameters
    ----------
    graph : networkx.Graph or Net
        N(P) or its ``Net``; reads the members' ``stages``, no edge.

    Returns
    -------
    Measure
        0, 0.5 or 1; 0.0 for an empty graph. ``detail['missing']`` lists uncovered exit stages.

    Examples
    --------
    >>> g = nx.Graph()
    >>> g.add_node("a", stages=["emploi"])
    >>> exit_stage_coverage(g).detail["missing"]
    ['formation']
    """
    graph = structure(graph)
    providers = {s: [n for n in graph if s in attr_list(graph, n, "stages")] for s in EXIT}
    covered = [s for s in EXIT if providers[s]]
    return Measure(
        len(covered) / len(EXIT),
        evidence_of(graph, [n for s in covered for n in providers[s]]),
        {"covered": covered, "missing": [s for s in EXIT if not providers[s]]},
    )
