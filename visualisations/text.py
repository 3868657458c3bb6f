"""Plain-French text of the maps: hover lines, details, labels.

Everything returned here is plain text; each renderer escapes it for its format (HTML text nodes,
SVG/XML escaping). Nothing here builds markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from jinja2 import Environment
from jinja2.ext import Extension
from markupsafe import Markup

from graph_service.domain.french import agree, count, share, typography
from graph_service.domain.vocabulary import label
from visualisations.scene import Choice, Scene, Section

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


def typeset(scene: Scene) -> Scene:
    """French spacing in every text of ``scene`` (titles, labels, hover lines, legend, panel)."""
    scene.title, scene.subtitle = typography(scene.title), typography(scene.subtitle)
    if scene.notice:
        scene.notice = typography(scene.notice)
    for node in scene.nodes:
        node.label = typography(node.label)
        node.hover = [typography(line) for line in node.hover]
    for edge in scene.edges:
        edge.hover = [typography(line) for line in edge.hover]
    scene.legend = [replace(e, label=typography(e.label)) for e in scene.legend]
    scene.sections = [
        Section(typography(s.title), tuple(typography(i) for i in s.items), typography(s.empty))
        for s in scene.sections
    ]
    scene.filters = {
        name: [Choice(c.value, typography(c.label)) for c in choices]
        for name, choices in scene.filters.items()
    }
    return scene


_JINJA_BLOCKS = re.compile(r"(\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\})", re.S)


class FrenchTypography(Extension):
    """French spacing in the literal text of every template (outside ``{{ }}``, ``{% %}``)."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        parts = _JINJA_BLOCKS.split(source)
        return "".join(part if index % 2 else typography(part) for index, part in enumerate(parts))


def _finalize(value: Any) -> Any:
    """French spacing in every value a template prints; markup built elsewhere is left alone."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return typography(value)
    return value


def french_environment(**options: Any) -> Environment:
    """A Jinja2 environment that sets French typography and offers ``count`` and ``share``."""
    env = Environment(extensions=[FrenchTypography], finalize=_finalize, **options)
    env.globals["count"] = count
    env.globals["share"] = share
    env.globals["agree"] = agree
    return env


__all__ = [
    "FrenchTypography",
    "describe_capability",
    "french_environment",
    "labels",
    "provenance_line",
    "short",
    "typeset",
]
