"""Maps from the store: gather what a map needs, build its scene, render it in the asked format.

The CLI and the web pages call these functions, so both show the same maps.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from graph_service.domain.errors import NotFound
from graph_service.stores.protocol import Store
from visualisations import project_map, render_png, render_svg, standalone_html
from visualisations.scene import Scene


class MapFormat(StrEnum):
    HTML = "html"
    PNG = "png"
    SVG = "svg"

    @classmethod
    def of_path(cls, path: Path) -> MapFormat:
        """The format a file name asks for (``.html``, ``.htm``, ``.png``, ``.svg``)."""
        suffix = path.suffix.lower().lstrip(".")
        if suffix == "htm":
            suffix = "html"
        try:
            return cls(suffix)
        except ValueError:
            raise ValueError(
                f"format de carte inconnu « {path.suffix or path.name} » : .html, .png ou .svg attendu"
            ) from None


def project_scene(store: Store, project_id: str) -> Scene:
    """The project map of one application: N(P) and the schemes it articulates with."""
    project = store.get_project(project_id)
    if project is None:
        raise NotFound(
            f"candidature « {project_id} » introuvable", message_en=f"project {project_id!r} not found"
        )
    graph = store.project_network(project_id)
    schemes = [s for s in (store.get_scheme(i) for i in project.schemes) if s is not None]
    return project_map(graph, schemes)


def render(scene: Scene, fmt: MapFormat) -> bytes:
    """The scene as a file's bytes: standalone HTML, PNG or SVG."""
    if fmt is MapFormat.PNG:
        return render_png(scene)
    if fmt is MapFormat.SVG:
        return render_svg(scene).encode("utf-8")
    return standalone_html(scene).encode("utf-8")


__all__ = ["MapFormat", "project_scene", "render"]
