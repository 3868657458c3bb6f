"""The ``copy`` command: move everything from one store to another through the canonical dataset.

``partnership-graph copy --from sqlite:PATH --to neo4j`` (and back). The source is exported, the
dataset validated again against what the target already holds, written in one atomic upsert, then
read back and compared entity by entity. Copying twice changes nothing the second time.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from graph_service.cli.context import EXIT_INVALID, console, err_console, handled, settings_of
from graph_service.cli.data import print_summary
from graph_service.composition import open_store
from graph_service.domain.french import count
from graph_service.domain.models import TABLES, Dataset
from graph_service.domain.validation import parse_document
from graph_service.settings import Settings, StoreKind

SPEC_HELP = "sqlite:CHEMIN (ou sqlite : PARTNERSHIP_GRAPH_DB), neo4j (NEO4J_URI…) ou neo4j:URI"


def store_settings(settings: Settings, spec: str) -> Settings:
    """Settings for one side of a copy, from ``sqlite:PATH``, ``sqlite``, ``neo4j`` or ``neo4j:URI``."""
    kind, _, rest = spec.partition(":")
    if kind == StoreKind.SQLITE:
        return settings.model_copy(
            update={"store": StoreKind.SQLITE, "db_path": Path(rest) if rest else settings.db_path}
        )
    if kind == StoreKind.NEO4J:
        update: dict[str, Any] = {"store": StoreKind.NEO4J}
        if rest:
            update["neo4j_uri"] = rest
        return settings.model_copy(update=update)
    raise typer.BadParameter(f"magasin « {spec} » inconnu : {SPEC_HELP}")


def describe(settings: Settings) -> str:
    if settings.store is StoreKind.SQLITE:
        return f"SQLite {settings.db_path}"
    # Imported here: the Neo4j driver loads only for commands that talk to Neo4j.
    from graph_service.stores.neo4j import safe_uri

    return f"Neo4j {safe_uri(settings.neo4j_uri)} (base {settings.neo4j_database})"


def same_store(a: Settings, b: Settings) -> bool:
    if a.store is not b.store:
        return False
    if a.store is StoreKind.SQLITE:
        return a.db_path.resolve() == b.db_path.resolve()
    return (a.neo4j_uri, a.neo4j_database) == (b.neo4j_uri, b.neo4j_database)


def differences(expected: Dataset, stored: Dataset) -> list[str]:
    """Keys of the entities of ``expected`` that ``stored`` lacks or holds otherwise."""
    missing = []
    for table in TABLES:
        key = "code" if table == "territories" else "id"
        held = {(e.key if table == "ties" else getattr(e, key)): e for e in getattr(stored, table)}
        for entity in getattr(expected, table):
            entity_key = entity.key if table == "ties" else getattr(entity, key)
            if held.get(entity_key) != entity:
                missing.append(f"{table}:{entity_key}")
    return missing


def copy(
    ctx: typer.Context,
    source: Annotated[str, typer.Option("--from", help=f"Magasin source : {SPEC_HELP}.")],
    target: Annotated[str, typer.Option("--to", help=f"Magasin cible : {SPEC_HELP}.")],
) -> None:
    """Copy every entity from one store to another (SQLite ↔ Neo4j) through the canonical dataset."""
    settings = settings_of(ctx)
    source_settings = store_settings(settings, source)
    target_settings = store_settings(settings, target)
    if same_store(source_settings, target_settings):
        raise typer.BadParameter("la source et la cible sont le même magasin", param_hint="--to")
    console.print(f"Copie de {describe(source_settings)} vers {describe(target_settings)}")
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with handled(), Progress(*columns, console=console) as bar:
        reading = bar.add_task("Lecture de la source", total=None)
        source_store = open_store(source_settings)
        try:
            dataset = source_store.export_dataset()
        finally:
            source_store.close()
        bar.update(reading, total=dataset.size, completed=dataset.size)
        target_store = open_store(target_settings)
        try:
            checking = bar.add_task("Contrôle du jeu de données", total=dataset.size)
            dataset = parse_document(dataset.to_document(), source, known=target_store.known_ids())
            bar.update(checking, completed=dataset.size)
            writing = bar.add_task("Écriture (une transaction)", total=dataset.size)
            summary = target_store.upsert_dataset(dataset)
            bar.update(writing, completed=dataset.size)
            verifying = bar.add_task("Relecture de la cible", total=dataset.size)
            wrong = differences(dataset, target_store.export_dataset())
            bar.update(verifying, completed=dataset.size - len(wrong))
        finally:
            target_store.close()
    print_summary(summary)
    if wrong:
        err_console.print(
            f"[bold red]Copie incomplète :[/] {count(len(wrong), 'entité relue')} différemment, par exemple "
            + ", ".join(wrong[:5]),
            highlight=False,
        )
        raise typer.Exit(EXIT_INVALID)
    console.print(
        f"[green]Copie vérifiée[/] : {count(dataset.size, 'entité relue')} à l'identique dans la cible."
    )


def register(app: typer.Typer) -> None:
    app.command("copy", help="Copie un magasin dans un autre (SQLite ↔ Neo4j) par le jeu canonique.")(copy)


__all__ = ["register"]
