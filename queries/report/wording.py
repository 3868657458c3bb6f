"""Shared wording helpers of the findings: member names, code labels, the finding type."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from graph_service.domain.vocabulary import Lang, label
from queries.metrics import Evidence, Measure

Finding = tuple[str, Evidence]
Measures = dict[str, Measure]


class Findings(list[Finding]):
    """The findings of one family as they are written, each in the report's language."""

    def __init__(self, lang: Lang) -> None:
        super().__init__()
        self.lang = lang

    def add(self, fr: str, en: str, evidence: Evidence) -> None:
        """One sentence (French or English, as the report) and the evidence behind it."""
        self.append((fr if self.lang == "fr" else en, evidence))


def name_of(graph: nx.Graph, node: str) -> str:
    if node in graph:
        return str(graph.nodes[node].get("name") or node)
    return str(node)


def names_of(graph: nx.Graph, nodes: Iterable[str], limit: int = 6) -> str:
    items = [name_of(graph, n) for n in nodes]
    shown = ", ".join(items[:limit])
    return shown + (f" (+{len(items) - limit})" if len(items) > limit else "")


def labels_of(codes: Iterable[str], lang: Lang) -> str:
    return ", ".join(label(c, lang) for c in codes)


__all__ = ["Finding", "Findings", "Measures", "labels_of", "name_of", "names_of"]
