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


_SOURCE_NAMES = {"data-inclusion": "data·inclusion"}


def provenance_line(provenance: dict[str, object]) -> str:
    """« Source : data·inclusion (dora--…), mise à jour le 04/05/2026 » for the detail panel."""
    name = _SOURCE_NAMES.get(str(provenance.get("source")), str(provenance.get("source")))
    line = f"Source : {name} ({provenance.get('source_id')})"
    updated = provenance.get("updated")
    if isinstance(updated, str) and len(updated) == 10:
        line += f", mise à jour le {updated[8:10]}/{updated[5:7]}/{updated[0:4]}"
    closed = provenance.get("closed")
    if isinstance(closed, str) and len(closed) == 10:
        line += f" ; absente du référentiel depuis le {closed[8:10]}/{closed[5:7]}/{closed[0:4]}"
    return line


__all__ = ["describe_capability", "labels", "provenance_line", "short"]
