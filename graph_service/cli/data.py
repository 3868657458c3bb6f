"""Commands about data: demo, import, validate, export, template, projects, show."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from graph_service.cli.context import console, handled, settings_of, store_of
from graph_service.domain.errors import NotFound
from graph_service.domain.french import agree, count
from graph_service.domain.vocabulary import label
from graph_service.services.demo import demo_dataset
from graph_service.services.exports import ExportFormat, export_bytes
from graph_service.services.imports import import_files, load_files
from graph_service.stores.protocol import ImportSummary, Store

TABLE_NAMES = {
    "territories": "territoires",
    "organisations": "organisations",
    "schemes": "dispositifs",
    "projects": "projets",
    "ties": "liens",
}


def print_summary(summary: ImportSummary) -> None:
    table = Table(title="Import", show_edge=False)
    table.add_column("Table")
    table.add_column("Ajoutés", justify="right")
    table.add_column("Modifiés", justify="right")
    table.add_column("Inchangés", justify="right")
    for name, changes in summary.tables.items():
        table.add_row(
            TABLE_NAMES.get(name, name), str(changes.added), str(changes.changed), str(changes.unchanged)
        )
    console.print(table)
    console.print(
        f"Entités : {count(summary.added, 'ajoutée')}, {count(summary.changed, 'modifiée')}, "
        f"{count(summary.unchanged, 'inchangée')}."
    )


def print_projects(store: Store, call: str | None = None) -> None:
    table = Table(show_edge=False)
    for column in ("Projet", "Titre", "Appel", "Porteur", "Partenaires"):
        table.add_column(column)
    for project in store.list_projects(call=call):
        lead = store.get_organisation(project.lead)
        table.add_row(
            project.id,
            project.title,
            project.call,
            lead.name if lead else project.lead,
            str(len(project.partners)),
        )
    console.print(table)


def demo(ctx: typer.Context) -> None:
    """Load the fictional demo territory into the store and show what to try next."""
    with store_of(ctx) as store:
        summary = store.upsert_dataset(demo_dataset())
        print_summary(summary)
        console.print(
            "\n[bold]Candidatures de la démo[/] (territoire fictif, voir graph_service/demo/README.md) :"
        )
        print_projects(store)
    console.print(
        "\nÀ essayer ensuite :\n"
        "  partnership-graph show <projet>             le détail d'une candidature\n"
        "  partnership-graph export --format gexf -o demo.gexf   à ouvrir dans Gephi\n"
        "  partnership-graph template -o modele.xlsx   le modèle à remplir dans Excel"
    )


def import_(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="Fichiers .json, .xlsx, .zip ou dossiers CSV.")],
    mapping: Annotated[
        Path | None, typer.Option("--mapping", help="Correspondance TOML d'un export démarches-simplifiées.")
    ] = None,
) -> None:
    """Import files into the store: all of them, or nothing when any holds an error."""
    settings = settings_of(ctx)
    with store_of(ctx) as store:
        with Progress(
            SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=console
        ) as bar:
            bar.add_task(f"Lecture et contrôle de {count(len(paths), 'fichier')}…", total=None)
            summary, loaded = import_files(
                paths, store, settings.max_file_bytes, mapping, settings.file_limits()
            )
        for item in loaded:
            for note in item.detected:
                console.print(f"  [dim]{note}[/]")
        print_summary(summary)


def validate(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="Fichiers à contrôler sans rien enregistrer.")],
    mapping: Annotated[
        Path | None, typer.Option("--mapping", help="Correspondance TOML (démarches-simplifiées).")
    ] = None,
) -> None:
    """Check files without storing anything."""
    settings = settings_of(ctx)
    with store_of(ctx) as store:
        loaded = load_files(paths, store, settings.max_file_bytes, mapping, settings.file_limits())
    for item in loaded:
        for note in item.detected:
            console.print(f"  [dim]{note}[/]")
    total = sum(item.dataset.size for item in loaded)
    console.print(
        f"[green]{agree(len(loaded), 'Fichier valide', 'Fichiers valides')}[/] : {count(total, 'entité')}, aucune erreur. "
        "Rien n'a été enregistré."
    )


def export(
    ctx: typer.Context,
    output: Annotated[Path, typer.Option("-o", "--output", help="Fichier (ou dossier pour csv) à écrire.")],
    format: Annotated[
        ExportFormat, typer.Option("--format", help="json, graphml, gexf ou csv.")
    ] = ExportFormat.JSON,
) -> None:
    """Export the whole store."""
    with store_of(ctx) as store:
        dataset = store.export_dataset()
    with handled():
        if format is ExportFormat.CSV and (output.is_dir() or not output.suffix):
            from loaders.csv_bundle import write_csv_bundle

            write_csv_bundle(dataset, output)
        else:
            output.write_bytes(export_bytes(dataset, format))
    console.print(f"Export {format.value} écrit dans {output} ({count(dataset.size, 'entité')}).")


def template(
    output: Annotated[Path, typer.Option("-o", "--output", help="Classeur à écrire.")] = Path(
        "modele-partenariats.xlsx"
    ),
) -> None:
    """Write the empty XLSX workbook to fill in Excel."""
    from loaders.xlsx_loader import write_template

    write_template(output)
    console.print(f"Modèle écrit dans {output} : une feuille par table, avec les codes admis.")


def projects(
    ctx: typer.Context,
    call: Annotated[str | None, typer.Option("--call", help="Filtrer par appel.")] = None,
) -> None:
    """List the applications."""
    with store_of(ctx) as store:
        print_projects(store, call)


def show(
    ctx: typer.Context,
    project_id: Annotated[str, typer.Argument(help="Identifiant du projet.")],
    as_json: Annotated[bool, typer.Option("--json", help="Le projet en JSON canonique.")] = False,
) -> None:
    """Show one application with its partners."""
    with store_of(ctx) as store:
        project = store.get_project(project_id)
        if project is None:
            with handled():
                raise NotFound(f"projet « {project_id} » introuvable")
        assert project is not None
        if as_json:
            console.print_json(json.dumps(project.model_dump(mode="json"), ensure_ascii=False))
            return
        lead = store.get_organisation(project.lead)
        console.print(f"[bold]{project.title}[/] ({project.id}) — appel {project.call}")
        console.print(f"Porteur : {lead.name if lead else project.lead}")
        console.print(f"Territoires : {', '.join(project.territories) or '—'}")
        console.print(f"Publics : {', '.join(label(p) for p in project.publics) or '—'}")
        console.print(f"Dispositifs articulés : {', '.join(project.schemes) or '—'}")
        table = Table(show_edge=False)
        for column in ("Partenaire", "Secteur", "Engagement", "Rôle"):
            table.add_column(column)
        for partner in project.partners:
            organisation = store.get_organisation(partner.organisation)
            table.add_row(
                organisation.name if organisation else partner.organisation,
                label(organisation.sector) if organisation else "?",
                label(partner.commitment),
                partner.role or "",
            )
        console.print(table)
        ties = store.list_ties(project=project.id)
        console.print(f"{count(len(ties), 'lien déclaré')} par ce projet.")


HELP = {
    "demo": "Charge le territoire de démonstration (fictif) et indique quoi essayer ensuite.",
    "import": "Importe des fichiers : tout, ou rien si l'un d'eux contient une erreur.",
    "validate": "Contrôle des fichiers sans rien enregistrer.",
    "export": "Exporte toute la base (json, graphml, gexf ou csv).",
    "template": "Écrit le classeur Excel vide à remplir, avec les codes admis.",
    "projects": "Liste les candidatures.",
    "show": "Affiche une candidature et ses partenaires.",
}


def register(app: typer.Typer) -> None:
    commands: dict[str, Callable[..., None]] = {
        "demo": demo,
        "import": import_,
        "validate": validate,
        "export": export,
        "template": template,
        "projects": projects,
        "show": show,
    }
    for name, function in commands.items():
        app.command(name, help=HELP[name])(function)


__all__ = ["register"]
