"""Metrics of a project network N(P), one module per family of DESIGN.md.

Public API
----------
``compute_metrics(graph, context=EMPTY_CONTEXT, config=None) -> dict[str, Measure]``
    Every metric key of DESIGN.md (plus a few helpers, e.g. ``partner_tie_density``,
    ``brokerage_roles``) → a :class:`Measure` (``.value`` a plain Python value, ``.evidence`` the
    node ids / tie keys / edges behind it, ``.detail`` what a reader needs to read it).
    ``graph`` is N(P) from :func:`graph_service.domain.network.project_network` (or
    ``store.project_network(id)``); ``context`` a :class:`ProjectContext` (schemes, other
    projects, territory tree) built by ``graph_service.services.reports.project_context``;
    ``config`` a :class:`queries.scoring.ScoringConfig` (the defaults when ``None``; apply
    ``config.for_call(call)`` first for per-call overrides — ``compute_report`` does).

``queries.report.compute_report(graph, context=EMPTY_CONTEXT, config=None, lang="fr") -> Report``
    The full report (families with 0–100 scores, findings, evidence, verdict, strength, band).

Each metric is also callable alone, e.g. ``lead_effective_size(graph).value``.

Conventions: structural measures read N(P) as unweighted and undirected (the ``*_weighted`` keys
use the edges' ``strength`` instead). Which edges each sees is in its docstring: the Federation
reach and sector measures, the Burt measures of the Redundancy family and the whole
Decompartmentalisation family and the Trajectories family read **working ties** only (formal, or
declared beyond the commitment: ``_common.is_working``), since a name on a list with an informal
commitment is not a cooperation and hands nobody on; centralities, centralization, density,
components, brokerage and resilience read every edge of N(P). Values are plain Python
(no numpy scalars, no NaN: an undefined value is ``None``, as each docstring says).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import networkx as nx

from queries.metrics._common import (
    EMPTY_CONTEXT,
    Evidence,
    Measure,
    ProjectContext,
    capability_sets,
    pairwise_jaccard,
    working_edges,
    working_graph,
)
from queries.metrics.brokerage import all_brokerage, brokerage_roles, lead_brokerage
from queries.metrics.complementarity import (
    barrier_coverage,
    blau_index,
    mean_capability_distance,
    public_coverage,
    sector_diversity,
    stage_coverage,
    territory_coverage,
    unique_contributions,
)
from queries.metrics.decompartmentalisation import ei_index, lead_ei_index, sector_modularity, sectors_linked
from queries.metrics.enterprise import (
    enterprise_count,
    enterprise_formal_share,
    enterprises_by_subtype,
    exit_stage_coverage,
)
from queries.metrics.federation import (
    betweenness,
    components_without_lead,
    degree_centralization,
    density,
    governance_form,
    lead_betweenness,
    lead_betweenness_rank,
    lead_closeness,
    lead_degree_centrality,
    lead_formal_tie_share,
    lead_reach_1,
    lead_reach_2,
    lead_sectors_spanned,
    partner_tie_density,
)
from queries.metrics.redundancy import (
    effective_size,
    lead_burt,
    lead_burt_weighted,
    lead_constraint,
    lead_constraint_weighted,
    lead_effective_size,
    lead_effective_size_weighted,
    lead_efficiency,
    overlapping_projects,
    redundant_pairs,
    scheme_overlaps,
)
from queries.metrics.resilience import articulation_points, single_points_of_failure
from queries.metrics.schemes import articulated_schemes, missing_key_schemes, scheme_articulation_share
from queries.metrics.trajectories import complete_trajectory_share, dead_ends, mean_handoffs
from queries.scoring import ScoringConfig, default_config

# Family → its metric keys, in the order of DESIGN.md (extra keys last).
FAMILY_METRICS: dict[str, tuple[str, ...]] = {
    "complementarity": (
        "stage_coverage",
        "barrier_coverage",
        "public_coverage",
        "territory_coverage",
        "unique_contributions",
        "mean_capability_distance",
        "sector_diversity",
    ),
    "redundancy": (
        "redundant_pairs",
        "lead_effective_size",
        "lead_efficiency",
        "lead_constraint",
        "lead_effective_size_weighted",
        "lead_constraint_weighted",
        "scheme_overlaps",
        "overlapping_projects",
    ),
    "federation": (
        "lead_reach_1",
        "lead_reach_2",
        "lead_degree_centrality",
        "lead_betweenness",
        "lead_closeness",
        "lead_betweenness_rank",
        "degree_centralization",
        "lead_sectors_spanned",
        "lead_formal_tie_share",
        "lead_brokerage",
        "density",
        "components_without_lead",
        "governance_form",
        "partner_tie_density",
        "brokerage_roles",
    ),
    "decompartmentalisation": ("ei_index", "lead_ei_index", "sector_modularity", "sectors_linked"),
    "scheme_articulation": ("articulated_schemes", "scheme_articulation_share", "missing_key_schemes"),
    "enterprise_downstream": (
        "enterprise_count",
        "enterprises_by_subtype",
        "enterprise_formal_share",
        "exit_stage_coverage",
    ),
    "trajectories": ("complete_trajectory_share", "mean_handoffs", "dead_ends"),
    "resilience": ("articulation_points", "single_points_of_failure"),
}

METRIC_KEYS: tuple[str, ...] = tuple(k for keys in FAMILY_METRICS.values() for k in keys)


def _catalogue(context: ProjectContext, config: ScoringConfig) -> dict[str, Callable[[nx.Graph], Measure]]:
    t = config.thresholds
    stages = [s.value for s in config.required_stages]
    shared: dict[int, dict[str, float]] = {}
    kept: dict[int, nx.Graph] = {}

    def scores(graph: nx.Graph) -> dict[str, float]:
        # Betweenness feeds two metrics; compute it once per graph.
        if id(graph) not in shared:
            shared.clear()
            shared[id(graph)] = betweenness(graph)
        return shared[id(graph)]

    sets_of: dict[int, dict[str, set[str]]] = {}

    def sets(graph: nx.Graph) -> dict[str, set[str]]:
        # Members' capability sets feed three pairwise metrics; build them once per graph.
        if id(graph) not in sets_of:
            sets_of.clear()
            sets_of[id(graph)] = capability_sets(graph)
        return sets_of[id(graph)]

    burt: dict[int, dict[str, Measure]] = {}

    def burt_of(graph: nx.Graph) -> dict[str, Measure]:
        # The lead's ego network feeds five Burt measures; read it once per graph.
        if id(graph) not in burt:
            burt.clear()
            found = lead_burt(graph, working(graph))
            weighted = lead_burt_weighted(graph, working(graph), found["size"].evidence)
            burt[id(graph)] = {**found, "size_weighted": weighted[0], "constraint_weighted": weighted[1]}
        return burt[id(graph)]

    similar: dict[int, list[tuple[str, str, float | None]]] = {}

    def similarities(graph: nx.Graph) -> list[tuple[str, str, float | None]]:
        # Pairwise Jaccard of capabilities feeds two metrics; compute it once per graph.
        if id(graph) not in similar:
            similar.clear()
            similar[id(graph)] = pairwise_jaccard(sets(graph))
        return similar[id(graph)]

    brokered: dict[int, dict[str, tuple[dict[str, int], list[Any]]]] = {}

    def brokerage_of(graph: nx.Graph) -> dict[str, tuple[dict[str, int], list[Any]]]:
        # Every member's brokerage feeds the roles and the lead's counts; count once per graph.
        if id(graph) not in brokered:
            brokered.clear()
            brokered[id(graph)] = all_brokerage(graph)
        return brokered[id(graph)]

    cuts: dict[int, set[str]] = {}

    def cut_points(graph: nx.Graph) -> set[str]:
        # The cut vertices feed both resilience metrics; find them once per graph.
        if id(graph) not in cuts:
            cuts.clear()
            cuts[id(graph)] = set(nx.articulation_points(graph))
        return cuts[id(graph)]

    edges_of: dict[int, list[tuple[str, str]]] = {}

    def working_list(graph: nx.Graph) -> list[tuple[str, str]]:
        # The working edges feed three decompartmentalisation metrics; list them once per graph.
        if id(graph) not in edges_of:
            edges_of.clear()
            edges_of[id(graph)] = working_edges(graph)
        return edges_of[id(graph)]

    def working(graph: nx.Graph) -> nx.Graph:
        # The graph of working ties feeds the Burt and trajectory measures; build it once per graph.
        if id(graph) not in kept:
            kept.clear()
            kept[id(graph)] = working_graph(graph)
        return kept[id(graph)]

    return {
        "stage_coverage": lambda g: stage_coverage(g, stages),
        "barrier_coverage": lambda g: barrier_coverage(g, [b.value for b in config.barriers]),
        "public_coverage": public_coverage,
        "territory_coverage": lambda g: territory_coverage(g, context),
        "unique_contributions": lambda g: unique_contributions(g, sets(g)),
        "mean_capability_distance": lambda g: mean_capability_distance(g, sets(g), similarities(g)),
        "sector_diversity": sector_diversity,
        "redundant_pairs": lambda g: redundant_pairs(
            g, t.redundancy_jaccard, context, sets(g), similarities(g)
        ),
        "lead_effective_size": lambda g: burt_of(g)["size"],
        "lead_efficiency": lambda g: burt_of(g)["efficiency"],
        "lead_constraint": lambda g: burt_of(g)["constraint"],
        "lead_effective_size_weighted": lambda g: burt_of(g)["size_weighted"],
        "lead_constraint_weighted": lambda g: burt_of(g)["constraint_weighted"],
        "scheme_overlaps": lambda g: scheme_overlaps(g, context),
        "overlapping_projects": lambda g: overlapping_projects(g, context),
        "lead_reach_1": lead_reach_1,
        "lead_reach_2": lead_reach_2,
        "lead_degree_centrality": lead_degree_centrality,
        "lead_betweenness": lambda g: lead_betweenness(g, scores(g)),
        "lead_closeness": lead_closeness,
        "lead_betweenness_rank": lambda g: lead_betweenness_rank(g, scores(g)),
        "degree_centralization": degree_centralization,
        "lead_sectors_spanned": lead_sectors_spanned,
        "lead_formal_tie_share": lead_formal_tie_share,
        "lead_brokerage": lambda g: lead_brokerage(g, brokerage_of(g)),
        "density": density,
        "components_without_lead": components_without_lead,
        "governance_form": lambda g: governance_form(g, t.shared_density, t.lead_centralization),
        "partner_tie_density": partner_tie_density,
        "ei_index": lambda g: ei_index(g, working_list(g)),
        "lead_ei_index": lead_ei_index,
        "sector_modularity": lambda g: sector_modularity(g, working_list(g)),
        "sectors_linked": lambda g: sectors_linked(g, working_list(g)),
        "articulated_schemes": articulated_schemes,
        "scheme_articulation_share": lambda g: scheme_articulation_share(g, context),
        "missing_key_schemes": lambda g: missing_key_schemes(
            g, context, [k.value for k in config.key_schemes]
        ),
        "enterprise_count": enterprise_count,
        "enterprises_by_subtype": enterprises_by_subtype,
        "enterprise_formal_share": enterprise_formal_share,
        "exit_stage_coverage": exit_stage_coverage,
        "complete_trajectory_share": lambda g: complete_trajectory_share(g, working(g)),
        "mean_handoffs": lambda g: mean_handoffs(g, working(g)),
        "dead_ends": lambda g: dead_ends(g, working(g)),
        "articulation_points": lambda g: articulation_points(g, cut_points(g)),
        "single_points_of_failure": lambda g: single_points_of_failure(g, stages, cut_points(g)),
        "brokerage_roles": lambda g: brokerage_roles(g, counted=brokerage_of(g)),
    }


def compute_metrics(
    graph: nx.Graph, context: ProjectContext = EMPTY_CONTEXT, config: ScoringConfig | None = None
) -> dict[str, Measure]:
    """Every metric of :data:`METRIC_KEYS` on N(P), in family order.

    ``config`` is used as given (call :meth:`ScoringConfig.for_call` first for a call's
    overrides); ``None`` means the packaged defaults.
    """
    catalogue = _catalogue(context, config or default_config())
    return {key: catalogue[key](graph) for key in METRIC_KEYS}


__all__ = [
    "EMPTY_CONTEXT",
    "FAMILY_METRICS",
    "METRIC_KEYS",
    "Evidence",
    "Measure",
    "ProjectContext",
    "articulated_schemes",
    "articulation_points",
    "barrier_coverage",
    "blau_index",
    "brokerage_roles",
    "complete_trajectory_share",
    "components_without_lead",
    "compute_metrics",
    "dead_ends",
    "degree_centralization",
    "density",
    "effective_size",
    "ei_index",
    "enterprise_count",
    "enterprise_formal_share",
    "enterprises_by_subtype",
    "exit_stage_coverage",
    "governance_form",
    "lead_betweenness",
    "lead_betweenness_rank",
    "lead_brokerage",
    "lead_closeness",
    "lead_constraint",
    "lead_constraint_weighted",
    "lead_degree_centrality",
    "lead_effective_size",
    "lead_effective_size_weighted",
    "lead_efficiency",
    "lead_ei_index",
    "lead_formal_tie_share",
    "lead_reach_1",
    "lead_reach_2",
    "lead_sectors_spanned",
    "mean_capability_distance",
    "mean_handoffs",
    "missing_key_schemes",
    "overlapping_projects",
    "partner_tie_density",
    "public_coverage",
    "redundant_pairs",
    "scheme_articulation_share",
    "scheme_overlaps",
    "sector_diversity",
    "sector_modularity",
    "sectors_linked",
    "single_points_of_failure",
    "stage_coverage",
    "territory_coverage",
    "unique_contributions",
]
