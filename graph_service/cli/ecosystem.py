"""``ecosystem import data-inclusion``: the public referential of insertion structures, merged in."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from graph_service.cli.context import EXIT_USAGE, console, err_console, handled, settings_of, store_of
from graph_service.domain.french import count
from graph_service.services.ecosystem import EcosystemReport, merge_data_inclusion
from loaders.data_inclusion import Records, load_mapping, read_files
from loaders.data_inclusion.api import ApiClient

ecosystem_app = typer.Typer(help="L'écosystème local depuis les données publiques.", no_args_is_help=True)
import_app = typer.Typer(help="Importer un référentiel public de structures.", no_args_is_help=True)
ecosystem_app.add_typer(import_app, name="import")

SHOWN = 20

REVIEW_COLUMNS = (
    "structure_data_inclusion",
    "nom_data_inclusion",
    "commune",
    "organisation",
    "nom_organisation",
    "similarite",
    "decision",
)


def write_review(report: EcosystemReport, path: Path) -> None:
    """The doubtful matches as CSV (UTF-8 with BOM, ``;``: opens as is in a French spreadsheet)."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(REVIEW_COLUMNS)
        for match in report.doubtful:
            writer.writerow(
                (
                    match.record,
                    match.record_name,
                    match.commune,
                    match.organisation,
                    match.organisation_name,
                    f"{match.similarity:.3f}".replace(".", ","),
                    "rapprochée, à confirmer" if match.applied else "non rapprochée, nom proche à vérifier",
                )
            )


def _listed(title: str, values: list[str]) -> None:
    if not values:
        return
    shown = ", ".join(values[:SHOWN]) + (f" … (+{len(values) - SHOWN})" if len(values) > SHOWN else "")
    console.print(f"  {title} ({len(values)}) : {shown}", highlight=False, markup=False)


def print_report(report: EcosystemReport) -> None:
    table = Table(title="Import data·inclusion", show_edge=False)
    table.add_column("")
    table.add_column("Nombre", justify="right")
    rows = (
        ("structures lues", report.rows_read.get("structures", 0)),
        ("services lus", report.rows_read.get("services", 0)),
        ("structures rejetées", len(report.rejected.get("structures", []))),
        ("services rejetés", len(report.rejected.get("services", []))),
        ("avertissements (valeurs inconnues retirées)", len(report.warnings)),
        ("hors du département", report.outside_departement),
        ("structures sans commune", len(report.without_commune)),
        ("doublons fusionnés (plusieurs sources)", len(report.duplicates)),
        ("fermées dans le fichier", len(report.closed_in_file)),
        ("organisations ajoutées", len(report.added)),
        ("organisations modifiées", len(report.updated)),
        ("organisations inchangées", len(report.unchanged)),
        ("rapprochées par SIRET", len(report.matched_by_siret)),
        ("rapprochées par nom et commune", len(report.matched_by_name)),
        ("rapprochements douteux à confirmer", len(report.doubtful)),
        ("disparues, supprimées", len(report.disappeared_deleted)),
        ("disparues, gardées et marquées fermées", len(report.disappeared_kept)),
        ("territoires ajoutés", len(report.territories_added)),
    )
    for name, number in rows:
        table.add_row(name, str(number))
    console.print(table)
    _listed("Structures rejetées", report.rejected.get("structures", []))
    _listed("Services rejetés", report.rejected.get("services", []))
    for error in report.errors[:SHOWN]:
        console.print(f"    • {error}", highlight=False, markup=False)
    for warning in report.warnings[:SHOWN]:
        console.print(f"    ◦ {warning}", highlight=False, markup=False)
    _listed("Sans commune", report.without_commune)
    _listed("Doublons fusionnés", [" = ".join(group) for group in report.duplicates])
    _listed(
        "Disparues, gardées (une candidature, un dispositif ou un lien les nomme)", report.disappeared_kept
    )
    _listed("Disparues, supprimées", report.disappeared_deleted)
    for field_name, values in report.unmapped.items():
        _listed(
            f"Valeurs sans correspondance dans « {field_name} »", [f"{v} ×{n}" for v, n in values.items()]
        )


def _read_api(ctx: typer.Context, departement: str | None, strict: bool) -> Records:
    settings = settings_of(ctx)
    token = settings.data_inclusion_api_token.get_secret_value()
    if not token:
        err_console.print("[bold red]Erreur :[/] la variable DATA_INCLUSION_API_TOKEN est vide.")
        raise typer.Exit(EXIT_USAGE)
    client = ApiClient(endpoint=settings.data_inclusion_api_url, token=token)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
    ) as bar:
        tasks: dict[str, TaskID] = {}

        def progress(table: str, page: int, pages: int, rows: int) -> None:
            if table not in tasks:
                tasks[table] = bar.add_task(f"API data·inclusion, {table} (pages)", total=pages)
            bar.update(tasks[table], completed=page, total=pages)

        with handled():
            return client.read(departement, strict=strict, progress=progress)
    raise AssertionError("unreachable")  # handled() exits on error


def data_inclusion(
    ctx: typer.Context,
    structures: Annotated[
        Path | None, typer.Option("--structures", help="Fichier des structures (JSON ou CSV publié).")
    ] = None,
    services: Annotated[
        Path | None, typer.Option("--services", help="Fichier des services (JSON ou CSV publié).")
    ] = None,
    api: Annotated[
        bool, typer.Option("--api", help="Lire l'API (jeton DATA_INCLUSION_API_TOKEN) au lieu des fichiers.")
    ] = False,
    departement: Annotated[
        str | None, typer.Option("--departement", help="Ne garder que ce département (code INSEE, ex. 59).")
    ] = None,
    review: Annotated[
        Path | None, typer.Option("--review", help="CSV où écrire les rapprochements douteux à confirmer.")
    ] = None,
    mapping: Annotated[
        Path | None,
        typer.Option("--mapping", help="Correspondance TOML qui remplace des entrées de celle livrée."),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict", help="Refuser tout l'import si une ligne est rejetée ou une valeur inconnue."
        ),
    ] = False,
) -> None:
    """Import data·inclusion structures and services into the territory (files or API)."""
    if api == (structures is not None or services is not None):
        err_console.print("[bold red]Erreur :[/] donnez --structures et --services, ou --api.")
        raise typer.Exit(EXIT_USAGE)
    if not api and structures is None:
        err_console.print("[bold red]Erreur :[/] --structures est obligatoire avec des fichiers.")
        raise typer.Exit(EXIT_USAGE)
    if departement is not None and not (departement.isalnum() and 2 <= len(departement) <= 3):
        err_console.print(f"[bold red]Erreur :[/] département « {departement} » invalide (ex. 59, 2A, 974).")
        raise typer.Exit(EXIT_USAGE)
    with handled():
        chosen = load_mapping(mapping)
        records = (
            _read_api(ctx, departement, strict) if api else read_files(structures, services, strict=strict)
        )
    with store_of(ctx) as store:
        report = merge_data_inclusion(store, records, chosen, departement=departement, strict=strict)
    print_report(report)
    if review is not None:
        write_review(report, review)
        console.print(
            f"{count(len(report.doubtful), 'rapprochement douteux écrit')} dans {review}.",
            highlight=False,
            markup=False,
        )


import_app.command("data-inclusion", help="Structures et services data·inclusion (fichiers publiés ou API).")(
    data_inclusion
)


def register(app: typer.Typer) -> None:
    app.add_typer(ecosystem_app, name="ecosystem", help="L'écosystème local depuis les données publiques.")


__all__ = ["print_report", "register", "write_review"]
