"""The ``report`` command: the partnership report of one application."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from graph_service.cli.context import EXIT_USAGE, console, err_console, handled, store_of
from graph_service.domain.vocabulary import Lang
from graph_service.services.reports import ReportFormat, project_notice, project_report, render_report
from queries.scoring import load_config


def report(
    ctx: typer.Context,
    project_id: Annotated[str, typer.Argument(help="Identifiant de la candidature.")],
    format: Annotated[
        ReportFormat,
        typer.Option(
            "--format", "-f", help="Format : json, text, html ou notice (information due au candidat)."
        ),
    ] = ReportFormat.TEXT,
    lang: Annotated[str, typer.Option("--lang", help="Langue : fr ou en.")] = "fr",
    config: Annotated[
        Path | None,
        typer.Option("--config", help="Configuration de notation TOML (défaut : celle du paquet)."),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Fichier à écrire (défaut : la sortie standard).")
    ] = None,
) -> None:
    """Measure an application's partnership and print its report."""
    if lang not in ("fr", "en"):
        err_console.print(f"[bold red]Erreur :[/] langue « {lang} » inconnue (fr ou en).", highlight=False)
        raise typer.Exit(EXIT_USAGE)
    chosen: Lang = "fr" if lang == "fr" else "en"
    with handled():
        scoring = load_config(config)
    with store_of(ctx) as store:
        if format is ReportFormat.NOTICE:
            text = project_notice(store, project_id, scoring)
        else:
            text = render_report(project_report(store, project_id, scoring, chosen), format)
    if output is None:
        typer.echo(text, nl=False)
        return
    output.write_text(text, encoding="utf-8")
    console.print(f"Rapport écrit dans {output}.", highlight=False, markup=False)


def register(app: typer.Typer) -> None:
    app.command(
        "report", help="Rapport de partenariat d'une candidature (json, texte, HTML ou notice au candidat)."
    )(report)


__all__ = ["register"]
