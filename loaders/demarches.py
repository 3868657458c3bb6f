"""The démarches-simplifiées export: applications and their partners, through a TOML mapping.

The platform exports an XLSX workbook with a ``Dossiers`` sheet (one row per application, one
column per field of the form, named by its label; the state as displayed, « En instruction »)
and one sheet per repeated block (``Dossier ID``, ``Ligne``, then the block's fields): here one for
the partners and, optionally, one for the ties between them. Each procedure names its fields its
own way, so a small TOML file says which column holds what, and how displayed labels map to codes
(see ``examples/demarches/``). The same reading serves the GraphQL API
(:mod:`loaders.demarches_api`): this module only turns the workbook's sheets into tables.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from openpyxl.workbook.workbook import Workbook

from graph_service.domain.models import Dataset
from graph_service.domain.validation import InputError, InvalidInput, KnownIds
from loaders.demarches_dossiers import read_source
from loaders.demarches_mapping import label_key, parse_mapping
from loaders.demarches_reader import Source, Table, TableRow
from loaders.xlsx_loader import formula_error, open_workbook, sheet_rows

DOSSIERS_SHEET = "Dossiers"
# Excel caps sheet names at 31 characters: the platform cuts a long block label there.
_SHEET_NAME_LIMIT = 31


def _sheet(workbook: Workbook, title: str, file: str) -> Any:
    wanted = label_key(title)
    for worksheet in workbook.worksheets:
        if label_key(worksheet.title) in (wanted, wanted[:_SHEET_NAME_LIMIT].rstrip()):
            return worksheet
    raise InvalidInput(
        [
            InputError(
                code="missing_sheet",
                message=f"feuille « {title} » introuvable ; feuilles du classeur : {', '.join(workbook.sheetnames)}",
                message_en=f"sheet {title!r} is missing",
                file=file,
                sheet=title,
            )
        ]
    )


def sheet_table(worksheet: Any, file: str, names: Mapping[str, str], errors: list[InputError]) -> Table:
    """A sheet as a table; a formula in a mapped column is reported (the export holds values)."""
    rows = sheet_rows(worksheet)
    header_row, header = next(rows, (1, []))
    columns: dict[str, str] = {}
    positions: dict[str, int] = {}
    for position, cell in enumerate(header):
        if cell.value is not None and str(cell.value).strip():
            key = label_key(str(cell.value))
            columns.setdefault(key, str(cell.value).strip())
            positions.setdefault(key, position)
    mapped = {label_key(column): column for key, column in names.items() if key != "sheet"}
    table = Table(title=worksheet.title, file=file, columns=columns, header_row=header_row)
    for number, cells in rows:
        values = {}
        for key, position in positions.items():
            if position >= len(cells):
                continue
            cell = cells[position]
            if cell.data_type == "f" and key in mapped:
                errors.append(formula_error(file, worksheet.title, number, mapped[key]))
                continue
            values[key] = cell.value
        table.rows.append(TableRow(values, file, worksheet.title, number))
    return table


def read_demarches(
    workbook: Workbook, name: str, mapping: bytes | None, known: KnownIds | None = None
) -> tuple[Dataset, list[str]]:
    """Read a démarches-simplifiées export through its mapping; raise every error found."""
    if mapping is None:
        raise InvalidInput(
            [
                InputError(
                    code="mapping_required",
                    message="export démarches-simplifiées (feuille « Dossiers ») : donnez la correspondance "
                    "TOML de la procédure (option --mapping)",
                    message_en="a démarches-simplifiées export needs its TOML mapping",
                    file=name,
                )
            ]
        )
    parsed = parse_mapping(mapping)
    errors: list[InputError] = []
    sections = [parsed.dossiers, parsed.partners, parsed.ties]
    sheets = [
        _sheet(workbook, section.get("sheet", DOSSIERS_SHEET), name) if section is not None else None
        for section in sections
    ]
    tables = [
        sheet_table(sheet, name, section, errors) if sheet is not None and section is not None else None
        for sheet, section in zip(sheets, sections, strict=True)
    ]
    dossiers, partners, ties = tables
    assert dossiers is not None
    source = Source(name=name, dossiers=dossiers, partners=partners, ties=ties, errors=errors)
    return read_source(source, parsed, known)


def load_demarches_bytes(
    data: bytes, name: str, mapping: bytes | None, known: KnownIds | None, max_bytes: int
) -> tuple[Dataset, list[str]]:
    """Open and read a démarches-simplifiées export."""
    workbook = open_workbook(data, name, max_bytes)
    try:
        return read_demarches(workbook, name, mapping, known)
    finally:
        workbook.close()


__all__ = ["DOSSIERS_SHEET", "load_demarches_bytes", "read_demarches", "sheet_table"]
