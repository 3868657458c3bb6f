"""Maps from the store: gather what a map needs, build its scene, render it in the asked format.

The CLI and the web pages call these functions, so both show the same maps.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from enum import StrEnum
from pathlib import Path

from graph_service.domain.errors import NotFound
from graph_service.domain.models import Dataset, Project
from graph_service.domain.vocabulary import Sector
from graph_service.stores.protocol import Store
from visualisations import ecosystem_map, overlap_map, project_map, render_png, render_svg, standalone_html
from visualisations.ecosystem import DEFAULT_MAX_NODES
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


def ecosystem_scene(
    store: Store,
    code: str,
    *,
    focus_project: str | None = None,
    recommended: Collection[str] = (),
    sector: str | None = None,
    max_nodes: int = DEFAULT_MAX_NODES,
    restrict: Callable[[Dataset], Dataset] | None = None,
    own: bool = True,
) -> Scene:
    """The ecosystem map of a territory and its sub-territories.

    ``restrict`` cuts the ecosystem to what a reader may see (the pages pass the visibility
    rules' ``filter_dataset``). ``own``: the reader leads ``focus_project`` (« votre partenariat »).
    """
    territory = store.get_territory(code)
    if territory is None:
        raise NotFound(f"territoire « {code} » introuvable", message_en=f"territory {code!r} not found")
    if sector is not None and sector not in {s.value for s in Sector}:
        raise NotFound(f"secteur « {sector} » inconnu", message_en=f"unknown sector {sector!r}")
    dataset = store.territory_ecosystem(code)
    return ecosystem_map(
        restrict(dataset) if restrict is not None else dataset,
        title=f"Écosystème : {territory.name} ({territory.code})",
        focus_project=focus_project,
        recommended=recommended,
        sector=sector,
        max_nodes=max_nodes,
        own=own,
    )


def overlap_scene(
    store: Store,
    call: str,
    territory: str | None = None,
    visible: Callable[[Project], bool] | None = None,
) -> Scene:
    """The overlap map of a call's applications, on one territory or everywhere.

    ``visible`` keeps the applications a reader may see (the pages pass ``project_visible``).
    """
    projects = [
        p for p in store.list_projects(call=call, territory=territory) if visible is None or visible(p)
    ]
    if not projects:
        where = f" sur le territoire {territory}" if territory else ""
        raise NotFound(
            f"aucune candidature de l'appel « {call} »{where}",
            message_en=f"no application of call {call!r}" + (f" on {territory}" if territory else ""),
        )
    ids = {i for p in projects for i in p.member_ids}
    organisations = {i: o for i in ids if (o := store.get_organisation(i)) is not None}
    where = f" — territoire {territory}" if territory else ""
    return overlap_map(projects, organisations, title=f"Recouvrements de l'appel {call}{where}")


def render(scene: Scene, fmt: MapFormat) -> bytes:
    """The scene as a file's bytes: standalone HTML, PNG or SVG."""
    if fmt is MapFormat.PNG:
        return render_png(scene)
    if fmt is MapFormat.SVG:
        return render_svg(scene).encode("utf-8")
    return standalone_html(scene).encode("utf-8")


__all__ = ["MapFormat", "ecosystem_scene", "overlap_scene", "project_scene", "render"]
