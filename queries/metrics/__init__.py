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
use the edges' ``strength`` instead). Which view of N(P) each reads (DESIGN.md) is in its
docstring: the Federation reach and sector measures, the Burt measures of the Redundancy family
and the whole Decompartmentalisation family and the Trajectories family read **working ties**
only (formal, or declared beyond the commitment: ``_common.is_working``), since a name on a list
with an informal commitment is not a cooperation and hands nobody on; centralities,
centralization, density, components, brokerage and resilience read every edge of N(P) (the
**structure**). Values are plain Python (no numpy scalars, no NaN: an undefined value is
``None``, as each docstring says); the report rounds them where they leave the system
(:mod:`queries.report.rounding`).
"""

from __future__ import annotations

from collections.abc import Callable

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
    betweenness,
    lead_betweenness,
    lead_betweenness_rank,
    lead_closeness,
    lead_degree_centrality,
    lead_formal_tie_share,
    lead_reach_1,
    lead_reach_2,
    lead_sectors_spanned,
    working_betweenness,
)
from queries.metrics.governance import (
    components_without_lead,
    degree_centralization,
    density,
    governance_form,
    partner_tie_density,
)
from queries.metrics.redundancy import overlapping_projects, redundant_pairs, scheme_overlaps
from queries.metrics.resilience import articulation_points, single_points_of_failure
from queries.metrics.schemes import articulated_schemes, missing_key_schemes, scheme_articulation_share
from queries.metrics.structural_holes import (
    effective_size,
    lead_burt,
    lead_constraint,
    lead_constraint_weighted,
    lead_effective_size,
    lead_effective_size_weighted,
    lead_efficiency,
)
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


# The metrics that read N(P) alone, with no configuration, context or shared value.
_ON_THE_NETWORK: dict[str, Callable[[Net], Measure]] = {
    "public_coverage": public_coverage,
    "unique_contributions": unique_contributions,
    "mean_capability_distance": mean_capability_distance,
    "sector_diversity": sector_diversity,
    "lead_reach_1": lead_reach_1,
    "lead_reach_2": lead_reach_2,
    "lead_degree_centrality": lead_degree_centrality,
    "lead_closeness": lead_closeness,
    "degree_centralization": degree_centralization,
    "lead_sectors_spanned": lead_sectors_spanned,
    "lead_formal_tie_share": lead_formal_tie_share,
    "density": density,
    "components_without_lead": components_without_lead,
    "partner_tie_density": partner_tie_density,
    "ei_index": ei_index,
    "lead_ei_index": lead_ei_index,
    "sector_modularity": sector_modularity,
    "sectors_linked": sectors_linked,
    "articulated_schemes": articulated_schemes,
    "enterprise_count": enterprise_count,
    "enterprises_by_subtype": enterprises_by_subtype,
    "enterprise_formal_share": enterprise_formal_share,
    "exit_stage_coverage": exit_stage_coverage,
    "complete_trajectory_share": complete_trajectory_share,
    "mean_handoffs": mean_handoffs,
    "dead_ends": dead_ends,
    "articulation_points": articulation_points,
}


def _configured(net: Net, context: ProjectContext, config: ScoringConfig) -> dict[str, Measure]:
    """The metrics that read the call's configuration or the project's context."""
    stages = [s.value for s in config.required_stages]
    thresholds = config.thresholds
    return {
        "stage_coverage": stage_coverage(net, stages),
        "barrier_coverage": barrier_coverage(net, [b.value for b in config.barriers]),
        "territory_coverage": territory_coverage(net, context),
        "redundant_pairs": redundant_pairs(net, thresholds.redundancy_jaccard, context),
        "scheme_overlaps": scheme_overlaps(net, context),
        "overlapping_projects": overlapping_projects(net, context),
        "governance_form": governance_form(net, thresholds.shared_density, thresholds.lead_centralization),
        "scheme_articulation_share": scheme_articulation_share(net, context),
        "missing_key_schemes": missing_key_schemes(net, context, [k.value for k in config.key_schemes]),
        "single_points_of_failure": single_points_of_failure(net, stages),
    }


def _sharing(net: Net) -> dict[str, Measure]:
    """The metrics that read one computation between several: each computed once."""
    burt = lead_burt(net)  # the five Burt measures from one reading of the lead's ego network
    scores = betweenness(net)
    counted = all_brokerage(net)
    return {
        "lead_effective_size": burt["size"],
        "lead_efficiency": burt["efficiency"],
        "lead_constraint": burt["constraint"],
        "lead_effective_size_weighted": burt["size_weighted"],
        "lead_constraint_weighted": burt["constraint_weighted"],
        "lead_betweenness": lead_betweenness(net, scores),
        "lead_betweenness_rank": lead_betweenness_rank(net, working_betweenness(net)),
        "lead_brokerage": lead_brokerage(net, counted),
        "brokerage_roles": brokerage_roles(net, counted),
    }


def compute_metrics(
    graph: nx.Graph | Net, context: ProjectContext = EMPTY_CONTEXT, config: ScoringConfig | None = None
) -> dict[str, Measure]:
    """Every metric of :data:`METRIC_KEYS` on N(P), in family order.

    ``config`` is used as given (call :meth:`ScoringConfig.for_call` first for a call's
    overrides); ``None`` means the packaged defaults. The network is read once into a
    :class:`~queries.metrics._net.Net` (N(P) and its working graph) that every metric shares.
    """
    net = as_net(graph)
    found = {key: metric(net) for key, metric in _ON_THE_NETWORK.items()}
    found.update(_configured(net, context, config or default_config()))
    found.update(_sharing(net))
    return {key: found[key] for key in METRIC_KEYS}


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
