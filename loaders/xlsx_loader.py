"""The XLSX workbook: one sheet per table, as a reviewer fills it in Excel; and its empty template.

Sheets are named after the tables and hold the same columns as the CSV bundle's files (see
:mod:`loaders.tables`). What Excel does to typed values is undone where it is safe: a code typed as
a number gets its leading zeros back (``1004`` → commune ``01004``, a SIRET of 13 digits → 14),
booleans are read as such, blank rows are skipped. A cell holding a formula is refused, since the
value shown in Excel is not in the file unless Excel computed it, and never when a script wrote it.
"""

from __future__ import annotations

import io
import warnings
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from graph_service.domain.french import agree, count
from graph_service.domain.models import Dataset
from graph_service.domain.spreadsheet import append_row
from graph_service.domain.validation import InputError, InvalidInput, KnownIds
from graph_service.domain.vocabulary import (
    Barrier,
    Commitment,
    EnterpriseSubtype,
    Public,
    SchemeKind,
    Sector,
    Stage,
    TerritoryLevel,
    TieKind,
    label,
)
from loaders.limits import Limits, check_archive
from loaders.tables import TABLE_COLUMNS, TABLE_NAMES, Sheet, assemble, dataset_rows, normalise_header
from loaders.xlsx_guard import inspect_workbook

# Spreadsheet XML is verbose: a workbook commonly inflates ten to twenty times when unzipped.
XLSX_EXPANSION = 20
CODES_SHEET = "codes"
README_SHEET = "lisez-moi"
IGNORED_SHEETS = frozenset({CODES_SHEET, README_SHEET, "readme"})

# (vocabulary, columns it fills, enum); the columns with a single code get a drop-down list.
VOCABULARIES: tuple[tuple[str, tuple[tuple[str, str], ...], Any], ...] = (
    ("level", (("territories", "level"),), TerritoryLevel),
    ("sector", (("organisations", "sector"),), Sector),
    ("subtype", (("organisations", "subtype"),), EnterpriseSubtype),
    ("scheme kind", (("schemes", "kind"),), SchemeKind),
    ("stages", (), Stage),
    ("barriers", (), Barrier),
    ("publics", (), Public),
    ("commitment", (("partners", "commitment"),), Commitment),
    ("tie kind", (("ties", "kind"),), TieKind),
)

# A territory level is a kind of territory: « qpv » there is a district, not its residents (the
# public of the same code).
LEVEL_LABELS = {
    "qpv": ("Quartier prioritaire de la politique de la ville (QPV)", "Priority urban district (QPV)")
}

README_LINES = (
    "Modèle de saisie des partenariats",
    "",
    "Une feuille par table : territories, organisations, schemes, projects, partners, ties.",
    "La première ligne de chaque feuille donne les noms de colonnes : ne les modifiez pas.",
    "Les colonnes en gras sont obligatoires.",
    "Plusieurs valeurs dans une cellule : séparez-les par | (ex. reperage|mobilisation).",
    "Une cellule vide vaut « non renseigné ». Pour stages dans partners, vide = les étapes de "
    "l'organisation ; « | » seul = aucune étape.",
    "Les codes admis et leurs libellés sont dans la feuille « codes ».",
    "Pas de formule : collez les valeurs (Collage spécial > Valeurs).",
    "Codes INSEE et SIRET : saisissez-les en texte pour garder les zéros de tête.",
)


def _error(code: str, message: str, message_en: str, file: str, **where: Any) -> InputError:
    return InputError(code=code, message=message, message_en=message_en, file=file, **where)


def open_workbook(data: bytes, name: str, max_bytes: int, limits: Limits | None = None) -> Workbook:
    """Open a workbook read-only, refusing archives that would inflate, or hold rows, past the limits.

    Every XML part is streamed once first (:func:`loaders.xlsx_guard.inspect_workbook`): entity
    declarations are refused and rows, cells and shared strings counted before openpyxl reads them.
    """
    limits = limits or Limits()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_archive(archive, name, max_bytes, XLSX_EXPANSION, limits)
            inspect_workbook(archive, name, limits)
        with warnings.catch_warnings():
            # openpyxl warns about extensions it drops (slicers, conditional formats): not our concern.
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        OSError,
        EOFError,
        zlib.error,
        NotImplementedError,
        RuntimeError,
    ) as exc:
        raise InvalidInput(
            [
                _error(
                    "bad_xlsx",
                    "classeur XLSX illisible : enregistrez-le depuis Excel ou LibreOffice au format .xlsx",
                    f"unreadable XLSX workbook: {exc}",
                    name,
                )
            ]
        ) from exc


def sheet_rows(worksheet: Any) -> Iterator[tuple[int, list[Any]]]:
    """Yield the non-blank rows of a sheet as (row number, cells), cells keeping their type."""
    for row_number, row in enumerate(worksheet.iter_rows(), start=1):
        cells = list(row)
        if any(_filled(cell.value) for cell in cells):
            yield row_number, cells


def _filled(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def formula_error(file: str, sheet: str, row: int, column: str) -> InputError:
    """The error for a cell that holds a formula instead of a value."""
    return _error(
        "formula",
        "formule non admise : collez la valeur (Collage spécial > Valeurs)",
        "formulas are not accepted: paste the value",
        file,
        sheet=sheet,
        row=row,
        column=column,
    )


def _read_sheet(worksheet: Any, table: str, name: str) -> tuple[Sheet, list[InputError], int]:
    """Read one table sheet; return it, its formula errors and how many numbers got zeros back."""
    sheet: Sheet | None = None
    errors: list[InputError] = []
    columns = {c.name: c for c in TABLE_COLUMNS[table]}
    padded = 0
    unnamed: set[str] = set()
    for row_number, cells in sheet_rows(worksheet):
        if sheet is None:
            header = [normalise_header(cell.value) for cell in cells]
            sheet = Sheet(table, name, worksheet.title, header, header_row=row_number)
            continue
        values = []
        for position, cell in enumerate(cells):
            column_name = sheet.header[position] if position < len(sheet.header) else None
            column_label = column_name or get_column_letter(position + 1)
            if cell.data_type == "f":
                errors.append(formula_error(name, worksheet.title, row_number, column_label))
            elif column_name is None and _filled(cell.value) and column_label not in unnamed:
                unnamed.add(column_label)
                errors.append(
                    _error(
                        "unnamed_column",
                        f"valeur dans la colonne {column_label}, qui n'a pas de nom en ligne {sheet.header_row}",
                        f"value in column {column_label}, which has no header",
                        name,
                        sheet=worksheet.title,
                        row=row_number,
                        column=column_label,
                    )
                )
            column = columns.get(column_name or "")
            if column and column.code_width is not None and isinstance(cell.value, int | float):
                padded += not isinstance(cell.value, bool)
            values.append(cell.value)
        sheet.rows.append((row_number, values))
    if sheet is None:
        sheet = Sheet(table, name, worksheet.title, [c.name for c in TABLE_COLUMNS[table]])
    return sheet, errors, padded


def read_workbook(workbook: Workbook, name: str, known: KnownIds | None = None) -> tuple[Dataset, list[str]]:
    """Read a workbook with one sheet per table into a dataset and notes of what was read."""
    sheets: list[Sheet] = []
    errors: list[InputError] = []
    notes: list[str] = []
    seen: set[str] = set()
    for worksheet in workbook.worksheets:
        table = worksheet.title.strip().lower()
        if table in IGNORED_SHEETS:
            continue
        if table not in TABLE_COLUMNS or table in seen:
            errors.append(
                _error(
                    "unknown_sheet",
                    f"feuille inattendue « {worksheet.title} » ; feuilles admises : {', '.join(TABLE_NAMES)}, "
                    f"{CODES_SHEET}, {README_SHEET}",
                    f"unexpected sheet {worksheet.title!r}",
                    name,
                    sheet=worksheet.title,
                )
            )
            continue
        seen.add(table)
        sheet, sheet_errors, padded = _read_sheet(worksheet, table, name)
        errors.extend(sheet_errors)
        sheets.append(sheet)
        note = f"{name}, feuille {worksheet.title} : {count(len(sheet.rows), 'ligne')}"
        if padded:
            note += (
                f", {count(padded, 'code saisi')} comme {agree(padded, 'nombre relu')} en texte"
                " (zéros de tête rétablis)"
            )
        notes.append(note)
    if not errors and not any(sheet.rows for sheet in sheets):
        errors.append(
            _error(
                "empty_file",
                f"classeur vide : aucune ligne dans les feuilles {', '.join(TABLE_NAMES)}",
                "empty workbook",
                name,
            )
        )
    if errors:
        raise InvalidInput(errors)
    return assemble(sheets, known), notes


def load_xlsx_bytes(
    data: bytes, name: str, known: KnownIds | None, max_bytes: int, limits: Limits | None = None
) -> tuple[Dataset, list[str]]:
    """Open and read a workbook of tables."""
    workbook = open_workbook(data, name, max_bytes, limits)
    try:
        return read_workbook(workbook, name, known)
    finally:
        workbook.close()


# Writing


def _codes_sheet(workbook: Workbook) -> dict[tuple[str, str], str]:
    """Write the codes sheet; return the range of allowed codes of each single-code column."""
    sheet = workbook.create_sheet(CODES_SHEET)
    sheet.append(["vocabulaire", "code", "libellé", "label (en)"])
    ranges: dict[tuple[str, str], str] = {}
    for vocabulary, columns, enum in VOCABULARIES:
        first = sheet.max_row + 1
        for member in enum:
            fr, en = label(member.value), label(member.value, "en")
            if vocabulary == "level":
                fr, en = LEVEL_LABELS.get(member.value, (fr, en))
            sheet.append([vocabulary, member.value, fr, en])
        cells = f"{CODES_SHEET}!$B${first}:$B${sheet.max_row}"
        for column in columns:
            ranges[column] = cells
    _style_header(sheet, required=set())
    for letter, width in zip("ABCD", (16, 24, 48, 40), strict=True):
        sheet.column_dimensions[letter].width = width
    return ranges


def _style_header(sheet: Worksheet, required: set[str]) -> None:
    fill = PatternFill("solid", fgColor="DDE7F0")
    for cell in sheet[1]:
        cell.font = Font(bold=str(cell.value) in required or not required)
        cell.fill = fill
    sheet.freeze_panes = "A2"


def _validation(sheet: Worksheet, column_letter: str, formula: str, message: str) -> None:
    validation = DataValidation(type="list", formula1=f"={formula}", allow_blank=True)
    validation.error = message
    validation.errorTitle = "Code inconnu"
    validation.showErrorMessage = True
    validation.add(f"{column_letter}2:{column_letter}10000")
    sheet.add_data_validation(validation)


def build_workbook(dataset: Dataset) -> Workbook:
    """Lay a dataset out as a workbook (readme, one sheet per table, codes), with drop-downs."""
    workbook = openpyxl.Workbook()
    readme = workbook.active
    assert readme is not None
    readme.title = README_SHEET
    for line in README_LINES:
        readme.append([line])
    readme["A1"].font = Font(bold=True, size=14)
    readme.column_dimensions["A"].width = 110
    rows = dataset_rows(dataset)
    sheets = {table: workbook.create_sheet(table) for table in TABLE_COLUMNS}
    ranges = _codes_sheet(workbook)
    for table, sheet in sheets.items():
        columns = TABLE_COLUMNS[table]
        sheet.append([column.name for column in columns])
        for row in rows[table]:
            append_row(sheet, row)
        _style_header(sheet, required={c.name for c in columns if c.required})
        for position, column in enumerate(columns, start=1):
            letter = get_column_letter(position)
            sheet.column_dimensions[letter].width = max(14, len(column.name) + 4)
            if (table, column.name) in ranges:
                _validation(
                    sheet,
                    letter,
                    ranges[(table, column.name)],
                    f"Choisissez un code de la feuille « {CODES_SHEET} ».",
                )
        if table == "ties":
            strength = DataValidation(type="whole", operator="between", formula1="1", formula2="3")
            strength.error = "La force d'un lien va de 1 à 3."
            strength.showErrorMessage = True
            letter = get_column_letter([c.name for c in columns].index("strength") + 1)
            strength.add(f"{letter}2:{letter}10000")
            sheet.add_data_validation(strength)
    return workbook


def workbook_bytes(dataset: Dataset) -> bytes:
    """Return the dataset as an XLSX workbook."""
    buffer = io.BytesIO()
    build_workbook(dataset).save(buffer)
    return buffer.getvalue()


def write_workbook(dataset: Dataset, path: Path) -> None:
    """Write the dataset as an XLSX workbook at ``path``."""
    path.write_bytes(workbook_bytes(dataset))


def write_template(path: Path) -> None:
    """Write the empty workbook to fill in: header rows, the codes sheet, drop-down lists."""
    write_workbook(Dataset(), path)


__all__ = [
    "build_workbook",
    "formula_error",
    "load_xlsx_bytes",
    "open_workbook",
    "read_workbook",
    "sheet_rows",
    "workbook_bytes",
    "write_template",
    "write_workbook",
]
