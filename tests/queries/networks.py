"""Tiny project networks N(P) built by hand, with the attributes project_network gives."""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from itertools import combinations

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


SECTORS = ["employment", "social", "health", "enterprise", None]
COMMITMENTS = ["convention", "lettre_engagement", "cofinancement", "informel"]
SEEDS = range(40)


def random_project(seed: int) -> nx.Graph:
    """N(P) with 1–30 partners, random commitments, sectors (some missing) and declared ties."""
    rng = random.Random(seed)
    partners = [f"p{i:02d}" for i in range(rng.randint(1, 30))]
    rng.shuffle(partners)
    pairs = list(combinations(partners, 2))
    ties = rng.sample(pairs, min(len(pairs), rng.randint(0, 2 * len(partners))))
    graph = network(
        "lead",
        {p: rng.choice(COMMITMENTS) for p in partners},
        ties=ties,
        sectors={m: rng.choice(SECTORS) or "social" for m in ["lead", *partners]},
    )
    for node in rng.sample(partners, len(partners) // 5):
        graph.nodes[node]["sector"] = None  # a missing attribute
    for u, v in ties:
        if rng.random() < 0.3:
            graph.edges[u, v]["formal"] = True
    return graph


def random_graph(seed: int) -> nx.Graph:
    """A structural graph without a member tied to every other: sparse, often disconnected."""
    rng = random.Random(seed)
    graph = nx.gnp_random_graph(rng.randint(0, 25), rng.uniform(0.05, 0.3), seed=seed)
    return nx.relabel_nodes(graph, {n: f"n{n}" for n in graph})
