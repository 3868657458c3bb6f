"""The root command and the registration of every command group."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from graph_service import __version__
from graph_service.cli import analysis, copy, data, ecosystem, french, maps, report, serve, tokens
from graph_service.cli import sync as sync_commands
from graph_service.cli.context import State

french.install()  # click's and typer's own words (usage errors, help panels) in French

app = typer.Typer(
    name="partnership-graph",
    help="Les partenariats des candidatures à un appel à projets, en graphe, et leur mesure.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    pretty_exceptions_show_locals=False,  # a traceback never prints a token (older typer showed locals)
)


def _version(value: bool) -> None:
    if value:
        typer.echo(__version__)
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[
        Path | None,
        typer.Option(
            "--db", help="Fichier SQLite (défaut : PARTNERSHIP_GRAPH_DB ou ./partnership-graph.db)."
        ),
    ] = None,
    store: Annotated[
        str | None,
        typer.Option("--store", help="Magasin : sqlite ou neo4j (défaut : PARTNERSHIP_GRAPH_STORE)."),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Afficher la version et quitter."),
    ] = False,
) -> None:
    """Stocker, mesurer et montrer les partenariats des candidatures."""
    ctx.obj = State(db, store)


analysis.register(app)
copy.register(app)
data.register(app)
ecosystem.register(app)
maps.register(app)
report.register(app)
serve.register(app)
tokens.register(app)
sync_commands.register(app)


def main() -> None:
    app()
