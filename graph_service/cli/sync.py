"""``partnership-graph sync demarches``: the dossiers of a démarche, straight from the platform's API."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from graph_service.cli.context import console, handled, settings_of, store_of
from graph_service.cli.data import print_summary
from graph_service.domain.french import count
from graph_service.domain.validation import InputError, InvalidInput
from graph_service.services.demarches_sync import (
    client_from_settings,
    deleted_notes,
    read_summary,
    state_path_of,
    sync_demarche,
)

sync_app = typer.Typer(
    help="Synchronise la base avec une source en ligne.", no_args_is_help=True, rich_markup_mode="rich"
)


def _progress(pages: int, dossiers: int) -> str:
    """The progress bar's count, agreed: « 1 page, 0 dossier », « 2 pages, 40 dossiers »."""
    return f"{count(pages, 'page')}, {count(dossiers, 'dossier')}"


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
            TextColumn("{task.fields[read]}"),
            TimeElapsedColumn(),
        )
        with Progress(*columns, console=console) as bar:
            task = bar.add_task(f"Démarche {demarche}", total=None, read=_progress(0, 0))
            result = sync_demarche(
                client,
                store,
                demarche,
                mapping.read_bytes(),
                state_path_of(settings),
                dry_run=dry_run,
                progress=lambda pages, dossiers: bar.update(task, read=_progress(pages, dossiers)),
            )
    since = f"modifiés depuis le {result.since}" if result.since else "tous, première synchronisation"
    console.print(f"{read_summary(result.dossiers, result.pages)} ({since}).")
    for note in [*result.notes, *deleted_notes(result)]:
        console.print(f"  [dim]{note}[/]")
    if result.summary is None:
        console.print(
            f"[green]Contrôle réussi[/] : {count(result.dataset.size, 'entité')}, aucune erreur. Rien n'a été enregistré."
        )
    else:
        print_summary(result.summary)


def register(app: typer.Typer) -> None:
    app.add_typer(sync_app, name="sync")


__all__ = ["register"]
