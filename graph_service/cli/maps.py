"""The ``map`` command: a project map, a territory's ecosystem or a call's overlap, as HTML, PNG or SVG."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from graph_service.cli.context import EXIT_USAGE, console, err_console, store_of
from graph_service.domain.french import count
from graph_service.services.maps import MapFormat, ecosystem_scene, overlap_scene, project_scene, render
from visualisations.ecosystem import DEFAULT_MAX_NODES
from visualisations.scene import Scene


def _usage(message: str) -> typer.Exit:
    err_console.print(f"[bold red]Erreur :[/] {message}", highlight=False)
    return typer.Exit(EXIT_USAGE)


def map_(
    ctx: typer.Context,
    project_id: Annotated[
        str | None, typer.Argument(help="Identifiant de la candidature dont on veut la carte.")
    ] = None,
    output: Annotated[
        Path, typer.Option("-o", "--output", help="Fichier à écrire : .html (interactif), .png ou .svg.")
    ] = Path("carte.html"),
    territory: Annotated[
        str | None,
        typer.Option("--territory", help="Code INSEE : la carte de l'écosystème de ce territoire."),
    ] = None,
    call: Annotated[
        str | None,
        typer.Option("--call", help="Appel : la carte des recouvrements entre ses candidatures."),
    ] = None,
    focus: Annotated[
        str | None,
        typer.Option("--project", help="Avec --territory : la candidature dont on marque les partenaires."),
    ] = None,
    sector: Annotated[
        str | None, typer.Option("--sector", help="Avec --territory : ne garder que ce secteur.")
    ] = None,
    max_nodes: Annotated[
        int,
        typer.Option("--max-nodes", min=1, help="Au-delà, la carte d'écosystème regroupe par secteur."),
    ] = DEFAULT_MAX_NODES,
) -> None:
    """Draw a map: an application's network, a territory's ecosystem or a call's overlaps.

    One offline HTML file (interactive), or a PNG or SVG image, chosen by the file's suffix.
    """
    try:
        fmt = MapFormat.of_path(output)
    except ValueError as exc:
        raise _usage(str(exc)) from None
    chosen = [name for name, value in (("ID", project_id), ("--call", call)) if value]
    if territory and project_id:
        raise _usage("donnez soit une candidature, soit --territory (avec --project pour la marquer).")
    if len(chosen) > 1 or not (chosen or territory):
        raise _usage("donnez une candidature, --territory CODE ou --call APPEL.")
    with store_of(ctx) as store:
        scene: Scene
        if call:
            scene = overlap_scene(store, call, territory)
        elif territory:
            scene = ecosystem_scene(store, territory, focus_project=focus, sector=sector, max_nodes=max_nodes)
        else:
            assert project_id is not None
            scene = project_scene(store, project_id)
        output.write_bytes(render(scene, fmt))
    console.print(
        f"Carte écrite dans {output} ({count(len(scene.nodes), 'nœud')}, {count(len(scene.edges), 'lien')}).",
        highlight=False,
        markup=False,
    )
    if scene.notice:
        console.print(scene.notice, highlight=False, markup=False)


def register(app: typer.Typer) -> None:
    app.command(
        "map",
        help="Dessiner une carte : candidature, écosystème d'un territoire ou recouvrements d'un appel.",
    )(map_)


__all__ = ["register"]
