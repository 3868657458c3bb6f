"""Sentences a reviewer can paste, one list per family, each with the evidence behind it.

The writers live in :mod:`queries.report.findings_network` and
:mod:`queries.report.findings_pathway`; French by default, English with ``lang="en"``.
"""

from __future__ import annotations

from collections.abc import Callable

import networkx as nx

from graph_service.domain.vocabulary import Lang
from queries.report.findings_network import (
    write_complementarity,
    write_decompartmentalisation,
    write_federation,
    write_redundancy,
)
from queries.report.findings_pathway import (
    write_enterprise,
    write_resilience,
    write_schemes,
    write_trajectories,
)
from queries.report.wording import Finding, Measures
from queries.scoring import ScoringConfig

WRITERS: dict[str, Callable[[nx.Graph, Measures, Lang, ScoringConfig], list[Finding]]] = {
    "complementarity": write_complementarity,
    "redundancy": write_redundancy,
    "federation": write_federation,
    "decompartmentalisation": write_decompartmentalisation,
    "scheme_articulation": write_schemes,
    "enterprise_downstream": write_enterprise,
    "trajectories": write_trajectories,
    "resilience": write_resilience,
}


def findings(
    family: str, graph: nx.Graph, measures: Measures, lang: Lang, config: ScoringConfig
) -> list[Finding]:
    return WRITERS[family](graph, measures, lang, config)


__all__ = ["Finding", "findings"]
