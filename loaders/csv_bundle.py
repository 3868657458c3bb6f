"""The CSV bundle: a folder or a ``.zip`` of one CSV file per table, read and written.

Files are named after the tables (``territories.csv``, ``organisations.csv``, ``schemes.csv``,
``projects.csv``, ``partners.csv``, ``ties.csv``); a bundle may hold only some of them. Columns are
the canonical field names; multi-valued cells are separated by ``|``. Each file's encoding,
separator and line endings are detected and reported. Row numbers are the ones a spreadsheet shows
(the header is row 1). Bundles are written with ``;`` and UTF-8 with BOM, so French Excel opens
them as they are.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from typing import Any

from graph_service.domain.french import count
from graph_service.domain.models import Dataset
from graph_service.domain.spreadsheet import GUARD, guard_csv, unguard_csv
from graph_service.domain.validation import InputError, InvalidInput, KnownIds
from loaders.detect import SEPARATOR_NAMES, decode_csv
from loaders.limits import Limits, check_rows, check_size, check_uncompressed, read_member
from loaders.tables import TABLE_COLUMNS, TABLE_NAMES, Sheet, assemble, dataset_rows, normalise_header

WRITE_SEPARATOR = ";"
FILE_NAMES = tuple(f"{table}.csv" for table in TABLE_NAMES)


def _error(code: str, message: str, message_en: str, file: str, **where: Any) -> InputError:
    return InputError(code=code, message=message, message_en=message_en, file=file, **where)


def table_of(file_name: str) -> str | None:
    """Return the table a file name stands for (``Organisations.CSV`` → organisations), or None."""
    path = PurePosixPath(file_name.replace("\\", "/"))
    if path.suffix.lower() != ".csv":
        return None
    stem = path.stem.strip().lower()
    return stem if stem in TABLE_COLUMNS else None


def read_csv_table(
    data: bytes, name: str, table: str, limits: Limits | None = None, rows_before: int = 0
) -> tuple[Sheet, str]:
    """Read one CSV file of ``table``; return its rows and the note of what was detected.

    Refused as soon as the bundle's rows, ``rows_before`` included, pass ``limits.max_rows``.
    """
    limits = limits or Limits()
    decoded = decode_csv(data, name)
    if not decoded.text.strip():
        raise InvalidInput([_error("empty_file", "fichier vide", "empty file", name)])
    reader = csv.reader(io.StringIO(decoded.text, newline=""), delimiter=decoded.separator)
    sheet: Sheet | None = None
    errors: list[InputError] = []
    try:
        for row_number, record in enumerate(reader, start=1):
            joined = "".join(record)
            if not joined.strip():
                continue
            if GUARD in joined:
                record = _unguard(record)
            if sheet is None:
                sheet = Sheet(table, name, None, [normalise_header(c) for c in record], header_row=row_number)
                if len(sheet.header) == 1 and sum(c.required for c in TABLE_COLUMNS[table]) > 1:
                    raise InvalidInput([_wrong_separator(sheet)])
                continue
            if any(cell.strip() for cell in record[len(sheet.header) :]):
                errors.append(_extra_cells(sheet, row_number, len(record), decoded.separator))
            sheet.rows.append((row_number, record))
            check_rows(rows_before + len(sheet.rows), name, limits)
    except csv.Error as exc:
        raise InvalidInput([_malformed(name, reader.line_num, exc)]) from exc
    if errors:
        raise InvalidInput(errors)
    assert sheet is not None  # the text is not blank, so some record has a non-blank cell
    return sheet, decoded.note(name)


def _wrong_separator(sheet: Sheet) -> InputError:
    return _error(
        "wrong_separator",
        f"une seule colonne lue (« {str(sheet.header[0])[:80]} ») : séparez les colonnes par "
        "« ; », « , » ou une tabulation",
        "a single column was read: wrong separator",
        sheet.file,
        row=sheet.header_row,
        column=sheet.header[0],
    )


def _extra_cells(sheet: Sheet, row: int, cells: int, separator: str) -> InputError:
    return _error(
        "extra_cells",
        f"{count(cells, 'cellule')} pour {count(len(sheet.header), 'colonne')} : une valeur contient-elle le séparateur "
        f"{SEPARATOR_NAMES[separator]} ? Mettez-la entre guillemets",
        "more cells than columns",
        sheet.file,
        row=row,
    )


def _malformed(name: str, line: int, exc: csv.Error) -> InputError:
    if "field larger than field limit" in str(exc):
        message = f"cellule de plus de {csv.field_size_limit()} caractères"
    else:
        message = f"CSV illisible : {exc}"
    return _error("malformed_csv", message, f"malformed CSV: {exc}", name, row=line)


def read_csv_files(
    files: Sequence[tuple[str, bytes]], known: KnownIds | None = None, limits: Limits | None = None
) -> tuple[Dataset, list[str]]:
    """Read the CSV files of a bundle (name, content) into a dataset and the detection notes."""
    rows = 0
    sheets: list[Sheet] = []
    notes: list[str] = []
    errors: list[InputError] = []
    for name, data in files:
        table = table_of(name)
        if table is None:
            raise InvalidInput([_unknown_file(name)])
        try:
            sheet, note = read_csv_table(data, name, table, limits, rows)
        except InvalidInput as exc:
            errors.extend(exc.errors)
            continue
        rows += len(sheet.rows)
        sheets.append(sheet)
        notes.append(note)
    if errors:
        raise InvalidInput(errors)
    return assemble(sheets, known), notes


def _unknown_file(name: str) -> InputError:
    return _error(
        "unknown_file",
        f"fichier inattendu « {name} » ; fichiers admis : {', '.join(FILE_NAMES)}",
        f"unexpected file {name!r}",
        name,
    )


def _check_names(names: Sequence[str], bundle: str) -> None:
    errors = [_unknown_file(name) for name in names if table_of(name) is None]
    tables = [table_of(name) for name in names]
    for table in sorted({t for t in tables if t and tables.count(t) > 1}):
        errors.append(
            _error(
                "duplicate_file",
                f"deux fichiers pour la table « {table} »",
                f"two files for table {table!r}",
                f"{bundle}/{table}.csv",
            )
        )
    if not names:
        errors.append(
            _error("empty_file", "aucun fichier CSV dans le lot", "no CSV file in the bundle", bundle)
        )
    if errors:
        raise InvalidInput(errors)


def _ignored(name: str) -> bool:
    # What operating systems add to folders and archives behind people's backs.
    parts = PurePosixPath(name.replace("\\", "/")).parts
    return not parts or parts[0] == "__MACOSX" or any(part.startswith(".") for part in parts)


def load_csv_folder(
    folder: Path, known: KnownIds | None, max_bytes: int, limits: Limits | None = None
) -> tuple[Dataset, list[str]]:
    """Read a folder holding the CSV files of a bundle."""
    paths = sorted(p for p in folder.iterdir() if p.is_file() and not _ignored(p.name))
    _check_names([p.name for p in paths], folder.name)
    for path in paths:
        check_size(path.stat().st_size, path.name, max_bytes)
    return read_csv_files([(p.name, p.read_bytes()) for p in paths], known, limits)


def load_csv_zip(
    data: bytes, name: str, known: KnownIds | None, max_bytes: int, limits: Limits | None = None
) -> tuple[Dataset, list[str]]:
    """Read a ``.zip`` of the CSV files of a bundle; each file's uncompressed size is checked."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise InvalidInput(
            [_error("bad_zip", "archive .zip illisible", "unreadable zip archive", name)]
        ) from exc
    with archive:
        _check_paths(archive, name)
        members = [i for i in archive.infolist() if not i.is_dir() and not _ignored(i.filename)]
        _check_names([PurePosixPath(m.filename).name for m in members], name)
        check_uncompressed(sum(m.file_size for m in members), name, limits or Limits())
        files = []
        for member in members:
            member_name = PurePosixPath(member.filename).name
            files.append((member_name, read_member(archive, member, f"{name}/{member_name}", max_bytes)))
    return read_csv_files(files, known, limits)


def _unsafe_path(member: str) -> bool:
    """An absolute path, a drive or a ``..`` step: a name that points outside the archive."""
    parts = member.replace("\\", "/").split("/")
    return member.startswith(("/", "\\")) or ":" in parts[0] or ".." in parts


def _check_paths(archive: zipfile.ZipFile, name: str) -> None:
    """Refuse an archive naming a member outside itself (zip slip), before reading any member."""
    errors = [
        _error(
            "unsafe_zip_path",
            f"chemin refusé dans l'archive : « {member[:200]} » (chemin absolu ou « .. ») ; "
            "placez les fichiers CSV à la racine de l'archive ou dans un dossier",
            f"unsafe path in the archive: {member[:200]!r} (absolute or '..')",
            name,
        )
        for member in archive.namelist()
        if _unsafe_path(member)
    ]
    if errors:
        raise InvalidInput(errors)


def load_csv_file(
    data: bytes, name: str, known: KnownIds | None, limits: Limits | None = None
) -> tuple[Dataset, list[str]]:
    """Read a single CSV file named after its table (a one-table bundle)."""
    if table_of(name) is None:
        raise InvalidInput([_unknown_file(name)])
    return read_csv_files([(name, data)], known, limits)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    # Text a spreadsheet would run gets a quote, which reading removes (graph_service.domain.spreadsheet).
    return str(guard_csv(value))


def _unguard(record: list[str]) -> list[str]:
    return [unguard_csv(cell) for cell in record]


def csv_bundle_files(dataset: Dataset) -> dict[str, bytes]:
    """Return each table's CSV file (``;``, UTF-8 with BOM, CRLF), every table included."""
    files = {}
    for table, rows in dataset_rows(dataset).items():
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, delimiter=WRITE_SEPARATOR, lineterminator="\r\n")
        writer.writerow([column.name for column in TABLE_COLUMNS[table]])
        writer.writerows([_cell(value) for value in row] for row in rows)
        files[f"{table}.csv"] = buffer.getvalue().encode("utf-8-sig")
    return files


def write_csv_bundle(dataset: Dataset, folder: Path) -> list[Path]:
    """Write the bundle's six CSV files into ``folder`` (created if needed)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for file_name, content in csv_bundle_files(dataset).items():
        path = folder / file_name
        path.write_bytes(content)
        written.append(path)
    return written


def csv_bundle_zip(dataset: Dataset) -> bytes:
    """Return the bundle as a ``.zip`` of its six CSV files."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for file_name, content in csv_bundle_files(dataset).items():
            archive.writestr(file_name, content)
    return buffer.getvalue()


__all__ = [
    "FILE_NAMES",
    "csv_bundle_files",
    "csv_bundle_zip",
    "load_csv_file",
    "load_csv_folder",
    "load_csv_zip",
    "read_csv_files",
    "read_csv_table",
    "table_of",
    "write_csv_bundle",
]
