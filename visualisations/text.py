"""Plain-French text of the maps: hover lines, details, labels.

Everything returned here is plain text; each renderer escapes it for its format (HTML text nodes,
SVG/XML escaping). Nothing here builds markup.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

from graph_service.domain.vocabulary import label

MAX_LABEL = 32

KIND_PREFIXES = {"stage": "étape", "barrier": "frein levé", "public": "public"}


def short(name: str, limit: int = MAX_LABEL) -> str:
    """Shorten a name for a node label; the hover text keeps it whole."""
    name = " ".join(str(name).split())
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def labels(codes: Iterable[str]) -> str:
    """French labels of codes, comma-separated; « aucun » when empty."""
    names = [label(c) for c in codes]
    return ", ".join(names) if names else "aucun"


def capabilities(data: Mapping[str, Any]) -> set[str]:
    """A member's capability set: its stages, barriers and publics, prefixed by their kind."""
    return (
        {f"stage:{s}" for s in data.get("stages") or []}
        | {f"barrier:{b}" for b in data.get("barriers") or []}
        | {f"public:{p}" for p in data.get("publics") or []}
    )


def unique_contributions(graph: nx.Graph) -> dict[Any, list[str]]:
    """Per member, the capabilities no other member brings (``K_m`` minus the union of the others).

    The same definition as the metrics' ``unique_contributions``: stages, barriers and publics,
    prefixed ``stage:``, ``barrier:``, ``public:``.
    """
    sets = {node: capabilities(data) for node, data in graph.nodes(data=True)}
    counts = Counter(item for items in sets.values() for item in items)
    return {node: sorted(i for i in items if counts[i] == 1) for node, items in sets.items()}


def describe_capability(item: str) -> str:
    """``stage:formation`` → « Formation (étape) »."""
    kind, _, code = item.partition(":")
    return f"{label(code)} ({KIND_PREFIXES.get(kind, kind)})"


__all__ = ["capabilities", "describe_capability", "labels", "short", "unique_contributions"]
