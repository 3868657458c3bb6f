"""``partnership-graph sync demarches``: the dossiers of a démarche, straight from the platform's API."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from graph_service.cli.context import console, handled, settings_of, store_of
from graph_service.cli.data import print_summary
from graph_service.domain.validation import InputError, InvalidInput
from graph_service.services.demarches_sync import (
    client_from_settings,
    deleted_notes,
    state_path_of,
    sync_demarche,
)

sync_app = typer.Typer(
    help="Synchronise la base avec une source en ligne.", no_args_is_help=True, rich_markup_mode="rich"
)


@sync_app.command("demarches")
def demarches(
    ctx: typer.Context,
    demarche: Annotated[int, typer.Option("--demarche", min=1, help="Numéro de la démarche.")],
    mapping: Annotated[Path, typer.Option("--mapping", help="Correspondance TOML de la procédure.")],
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run", help="Contrôler sans rien enregistrer (l'état de synchronisation ne bouge pas)."
        ),
    ] = False,
) -> None:
    """Importe les dossiers modifiés depuis la dernière synchronisation (jeton : DS_API_TOKEN)."""
    settings = settings_of(ctx)
    with handled():
        if not mapping.is_file():
            raise InvalidInput(
                [
                    InputError(
                        code="not_found",
                        message="fichier introuvable",
                        message_en="file not found",
                        file=str(mapping),
                    )
                ]
            )
        client = client_from_settings(settings)
    with store_of(ctx) as store:
        columns = (
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.fields[pages]} page(s), {task.fields[dossiers]} dossier(s)"),
            TimeElapsedColumn(),
        )
        with Progress(*columns, console=console) as bar:
            task = bar.add_task(f"Démarche {demarche}", total=None, pages=0, dossiers=0)
            result = sync_demarche(
                client,
                store,
                demarche,
                mapping.read_bytes(),
                state_path_of(settings),
                dry_run=dry_run,
                progress=lambda pages, dossiers: bar.update(task, pages=pages, dossiers=dossiers),
            )
    since = f"modifiés depuis le {result.since}" if result.since else "tous, première synchronisation"
    console.print(f"{result.dossiers} dossier(s) lu(s) en {result.pages} page(s) ({since}).")
    for note in [*result.notes, *deleted_notes(result)]:
        console.print(f"  [dim]{note}[/]")
    if result.summary is None:
        console.print(
            f"[green]Contrôle réussi[/] : {result.dataset.size} entité(s), aucune erreur. Rien n'a été enregistré."
        )
    else:
        print_summary(result.summary)


def register(app: typer.Typer) -> None:
    app.add_typer(sync_app, name="sync")


__all__ = ["register"]
