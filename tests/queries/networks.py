"""Tiny project networks N(P) built by hand, with the attributes project_network gives."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import networkx as nx

# A five-member application, one sector each: the lead « l » (employment, the entry stages), and
# partners covering obstacles, employment and training — the tests' complete partnership.
FIVE_SECTORS = {"l": "employment", "a": "social", "b": "health", "c": "enterprise", "d": "education"}
FIVE_STAGES = {
    "l": ["reperage", "mobilisation", "accompagnement"],
    "a": ["levee_freins"],
    "b": ["levee_freins"],
    "c": ["emploi"],
    "d": ["formation"],
}


def network(
    lead: str,
    partners: Mapping[str, str] | Sequence[str],
    *,
    ties: Iterable[tuple[str, str]] = (),
    sectors: Mapping[str, str] | None = None,
    stages: Mapping[str, Sequence[str]] | None = None,
    barriers: Mapping[str, Sequence[str]] | None = None,
    publics: Mapping[str, Sequence[str]] | None = None,
    territories: Mapping[str, Sequence[str]] | None = None,
    subtypes: Mapping[str, str] | None = None,
    project: Mapping[str, object] | None = None,
) -> nx.Graph:
    """N(P) with ``partners`` as {id: commitment} (or ids, all ``convention``) and declared ties.

    Declared ties get the key ``u|v|co_intervention|p`` and are informal.
    """
    commitments = dict(partners) if isinstance(partners, Mapping) else dict.fromkeys(partners, "convention")
    graph = nx.Graph(
        project="p",
        title="Projet",
        call="call",
        lead=lead,
        territories=[],
        publics=[],
        schemes=[],
    )
    graph.graph.update(project or {})
    sectors = sectors or {}
    for node in [lead, *commitments]:
        graph.add_node(
            node,
            name=node.upper(),
            sector=sectors.get(node, "social"),
            subtype=(subtypes or {}).get(node),
            stages=list((stages or {}).get(node, [])),
            barriers=list((barriers or {}).get(node, [])),
            publics=list((publics or {}).get(node, [])),
            territories=list((territories or {}).get(node, [])),
            role="lead" if node == lead else "partner",
            commitment=None if node == lead else commitments[node],
            formal=True if node == lead else commitments[node] != "informel",
        )
    for partner, commitment in commitments.items():
        graph.add_edge(
            lead,
            partner,
            commitment=commitment,
            ties=[],
            kinds=[],
            formal=commitment != "informel",
            strength=1,
            declared=False,
        )
    for u, v in ties:
        key = f"{u}|{v}|co_intervention|p"
        if graph.has_edge(u, v):
            data = graph.edges[u, v]
            data["ties"] = sorted([*data["ties"], key])
            data["declared"] = True
        else:
            graph.add_edge(
                u,
                v,
                commitment=None,
                ties=[key],
                kinds=["co_intervention"],
                formal=False,
                strength=1,
                declared=True,
            )
    return graph


def plain(edges: Iterable[tuple[str, str]], lead: str, sectors: Mapping[str, str] | None = None) -> nx.Graph:
    """An unadorned graph with a lead and optional sectors (structural tests)."""
    graph = nx.Graph(lead=lead)
    graph.add_edges_from(edges)
    for node in graph:
        graph.nodes[node]["sector"] = (sectors or {}).get(node, "social")
    return graph
