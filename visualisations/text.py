"""Plain-French text of the maps: hover lines, details, labels.

Everything returned here is plain text; each renderer escapes it for its format (HTML text nodes,
SVG/XML escaping). Nothing here builds markup.
"""

from __future__ import annotations

from collections.abc import Iterable

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


def describe_capability(item: str) -> str:
    """``stage:formation`` → « Formation (étape) »."""
    kind, _, code = item.partition(":")
    return f"{label(code)} ({KIND_PREFIXES.get(kind, kind)})"


__all__ = ["describe_capability", "labels", "short"]
