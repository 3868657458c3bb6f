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
)
from queries.metrics._net import Net, as_net
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
    components_without_lead,
    degree_centralization,
    density,
    governance_form,
    lead_betweenness,
    lead_betweenness_and_rank,
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
from queries.metrics.resilience import articulation_points, cut_points, single_points_of_failure
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


def _catalogue(context: ProjectContext, config: ScoringConfig) -> dict[str, Callable[[Net], Measure]]:
    t = config.thresholds
    stages = [s.value for s in config.required_stages]
    barriers = [b.value for b in config.barriers]
    key_schemes = [k.value for k in config.key_schemes]

    def once(name: str, compute: Callable[[Net], Any]) -> Callable[[Net], Any]:
        # What several metrics read (betweenness, brokerage, Burt's ego network…) is computed
        # once per network and kept in its memo.
        def shared(net: Net) -> Any:
            if name not in net.memo:
                net.memo[name] = compute(net)
            return net.memo[name]

        return shared

    def burt(net: Net) -> dict[str, Measure]:
        found = lead_burt(net)
        weighted = lead_burt_weighted(net, evidence=found["size"].evidence)
        return {**found, "size_weighted": weighted[0], "constraint_weighted": weighted[1]}

    betweenness_of = once("betweenness", lead_betweenness_and_rank)
    burt_of = once("burt", burt)
    # Every member's role counts feed brokerage_roles; only the lead's pairs are reported.
    brokerage_of = once("brokerage", lambda net: all_brokerage(net, pairs_of=[net.lead]))
    cut_points_of = once("cut_points", cut_points)

    return {
        "stage_coverage": lambda g: stage_coverage(g, stages),
        "barrier_coverage": lambda g: barrier_coverage(g, barriers),
        "public_coverage": public_coverage,
        "territory_coverage": lambda g: territory_coverage(g, context),
        # Both read the members' capabilities as bit masks (Net.capability_masks) and the pairs'
        # Jaccard values once (Net.similarities); the redundant pairs only the few above the
        # threshold.
        "unique_contributions": unique_contributions,
        "mean_capability_distance": mean_capability_distance,
        "sector_diversity": sector_diversity,
        "redundant_pairs": lambda g: redundant_pairs(
            g, t.redundancy_jaccard, context, similarities=g.similar_pairs(t.redundancy_jaccard)
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
        "lead_betweenness": lambda g: betweenness_of(g)[0],
        "lead_closeness": lead_closeness,
        "lead_betweenness_rank": lambda g: betweenness_of(g)[1],
        "degree_centralization": degree_centralization,
        "lead_sectors_spanned": lead_sectors_spanned,
        "lead_formal_tie_share": lead_formal_tie_share,
        "lead_brokerage": lambda g: lead_brokerage(g, brokerage_of(g)),
        "density": density,
        "components_without_lead": components_without_lead,
        "governance_form": lambda g: governance_form(g, t.shared_density, t.lead_centralization),
        "partner_tie_density": partner_tie_density,
        "ei_index": ei_index,
        "lead_ei_index": lead_ei_index,
        "sector_modularity": sector_modularity,
        "sectors_linked": sectors_linked,
        "articulated_schemes": articulated_schemes,
        "scheme_articulation_share": lambda g: scheme_articulation_share(g, context),
        "missing_key_schemes": lambda g: missing_key_schemes(g, context, key_schemes),
        "enterprise_count": enterprise_count,
        "enterprises_by_subtype": enterprises_by_subtype,
        "enterprise_formal_share": enterprise_formal_share,
        "exit_stage_coverage": exit_stage_coverage,
        "complete_trajectory_share": complete_trajectory_share,
        "mean_handoffs": mean_handoffs,
        "dead_ends": dead_ends,
        "articulation_points": lambda g: articulation_points(g, cut_points_of(g)),
        "single_points_of_failure": lambda g: single_points_of_failure(g, stages, cut_points_of(g)),
        "brokerage_roles": lambda g: brokerage_roles(g, counted=brokerage_of(g)),
    }


def compute_metrics(
    graph: nx.Graph | Net, context: ProjectContext = EMPTY_CONTEXT, config: ScoringConfig | None = None
) -> dict[str, Measure]:
    """Every metric of :data:`METRIC_KEYS` on N(P), in family order.

    ``config`` is used as given (call :meth:`ScoringConfig.for_call` first for a call's
    overrides); ``None`` means the packaged defaults. The network is read once into a
    :class:`~queries.metrics._net.Net` that every metric shares (``graph`` may already be one).
    """
    catalogue = _catalogue(context, config or default_config())
    net = as_net(graph)
    return {key: catalogue[key](net) for key in METRIC_KEYS}


__all__ = [
    "EMPTY_CONTEXT",
    "FAMILY_METRICS",
    "METRIC_KEYS",
    "Evidence",
    "Measure",
    "Net",
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
