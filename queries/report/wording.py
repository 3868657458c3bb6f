"""Shared wording helpers of the findings: member names, code labels, the finding type."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import networkx as nx

from graph_service.domain.vocabulary import Lang, label
from queries.metrics import Evidence, Measure

# One sentence, in the report's language, and the evidence behind it.
Finding = tuple[str, Evidence]
Measures = dict[str, Measure]


def name_of(graph: nx.Graph, node: str) -> str:
    if node in graph:
        return str(graph.nodes[node].get("name") or node)
    return str(node)


def names_of(graph: nx.Graph, nodes: Iterable[str], limit: int = 6) -> str:
    """The names of the first ``limit`` nodes, then how many more (``… (+3)``)."""
    # Only the names shown are looked up: a list of thirty members shows six.
    items: Sequence[str] = nodes if isinstance(nodes, list | tuple) else list(nodes)
    shown = ", ".join([name_of(graph, n) for n in items[:limit]])
    return shown + (f" (+{len(items) - limit})" if len(items) > limit else "")


def labels_of(codes: Iterable[str], lang: Lang) -> str:
    return ", ".join([label(c, lang) for c in codes])


__all__ = ["Finding", "Measures", "labels_of", "name_of", "names_of"]
