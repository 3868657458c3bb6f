"""The ``map`` command: a project map, a territory's ecosystem or a call's overlap, as HTML, PNG or SVG."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from graph_service.cli.context import EXIT_USAGE, console, err_console, store_of
from graph_service.services.maps import MapFormat, project_scene, render


def map_(
    ctx: typer.Context,
    project_id: Annotated[
        str | None, typer.Argument(help="Identifiant de la candidature dont on veut la carte.")
    ] = None,
    output: Annotated[
        Path, typer.Option("-o", "--output", help="Fichier à écrire : .html (interactif), .png ou .svg.")
    ] = Path("carte.html"),
) -> None:
    """Draw a map: an application's network, as one offline HTML file or an image."""
    try:
        fmt = MapFormat.of_path(output)
    except ValueError as exc:
        err_console.print(f"[bold red]Erreur :[/] {exc}", highlight=False)
        raise typer.Exit(EXIT_USAGE) from None
    if project_id is None:
        err_console.print("[bold red]Erreur :[/] donnez l'identifiant d'une candidature.")
        raise typer.Exit(EXIT_USAGE)
    with store_of(ctx) as store:
        scene = project_scene(store, project_id)
        output.write_bytes(render(scene, fmt))
    console.print(
        f"Carte écrite dans {output} ({len(scene.nodes)} nœuds, {len(scene.edges)} liens).",
        highlight=False,
        markup=False,
    )


def register(app: typer.Typer) -> None:
    app.command("map", help="Dessiner la carte d'une candidature (HTML hors ligne, PNG ou SVG).")(map_)


__all__ = ["register"]
