"""The published structures and services files of data·inclusion, JSON and CSV.

The open data dataset ships each table as a JSON array of objects (one per row, the schema's
fields, ``null`` when absent) and as a CSV with a header of the same field names. In the CSV a
list of codes is written as a JSON array (``["mission-locale", "plie"]``), as the list a dataframe
prints (``['mission-locale', 'plie']``), as a PostgreSQL array (``{mission-locale,plie}``) or
separated by ``|`` or ``,``; all are read. An empty cell is an absent value. Rows are numbered from
1 (the first object of the array, the first line after the CSV header) in every error.

The files are read whole (a national structures file is about 100 MB); each row is dropped once
its record is kept, so the parsed rows do not all stay in memory with the records.
"""

from __future__ import annotations

import ast
import csv
import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from graph_service.domain.validation import InputError, InvalidInput
from loaders.data_inclusion.records import Records, add_service, add_structure

# Fields of the schema that hold lists (codes or territory codes) and numbers, for the CSV.
LIST_FIELDS = frozenset(
    {
        "reseaux_porteurs",
        "thematiques",
        "publics",
        "modes_accueil",
        "modes_mobilisation",
        "mobilisable_par",
        "zone_eligibilite",
    }
)
FLOAT_FIELDS = frozenset({"longitude", "latitude", "volume_horaire_hebdomadaire", "score_qualite"})
INT_FIELDS = frozenset({"nombre_semaines"})

AddRow = Callable[[Any, str, int, bool, Records], None]


def _file_error(name: str, code: str, message: str, message_en: str, row: int | None = None) -> InvalidInput:
    return InvalidInput([InputError(code=code, message=message, message_en=message_en, file=name, row=row)])


def _text(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _file_error(
            name,
            "bad_encoding",
            f"le fichier doit être en UTF-8 (octet invalide à la position {exc.start})",
            "the file must be UTF-8",
        ) from exc


def _json_rows(text: str, name: str) -> list[Any]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _file_error(
            name,
            "invalid_json",
            f"JSON invalide : {exc.msg} (ligne {exc.lineno}, colonne {exc.colno})",
            f"invalid JSON: {exc.msg}",
            exc.lineno,
        ) from exc
    # An API page ({"items": [...]}) saved to a file reads like the published array.
    if isinstance(document, dict) and isinstance(document.get("items"), list):
        document = document["items"]
    if not isinstance(document, list):
        raise _file_error(
            name,
            "not_a_list",
            "le fichier JSON doit être un tableau d'objets, comme ceux que publie data·inclusion",
            "the JSON file must be an array of objects, as data·inclusion publishes",
        )
    return document


def parse_list(cell: str) -> list[str]:
    """A list of codes from a CSV cell, in any of the encodings the module docstring lists."""
    text = cell.strip()
    if not text:
        return []
    if text.startswith("[") and text.endswith("]"):
        try:
            value = json.loads(text)
        except json.JSONDecodeError:
            try:
                value = ast.literal_eval(text)
            except (ValueError, SyntaxError):
                value = text[1:-1].split(",")
        return [str(v).strip().strip("'\"") for v in value if str(v).strip()]
    if text.startswith("{") and text.endswith("}"):
        text = text[1:-1]
    separator = "|" if "|" in text else ","
    return [part.strip().strip('"') for part in text.split(separator) if part.strip()]


def _number(value: str, integer: bool) -> Any:
    try:
        number = float(value)
    except ValueError:
        return value  # left for the schema's model to reject, naming the field
    return int(number) if integer and number.is_integer() else number


def _csv_row(row: dict[str, str | None]) -> dict[str, Any]:
    converted: dict[str, Any] = {}
    for key, value in row.items():
        if key is None or value is None or value.strip() == "":
            continue
        if key in LIST_FIELDS:
            converted[key] = parse_list(value)
        elif key in FLOAT_FIELDS or key in INT_FIELDS:
            converted[key] = _number(value.strip(), key in INT_FIELDS)
        else:
            converted[key] = value
    return converted


def _csv_rows(text: str) -> Iterator[dict[str, Any]]:
    sample = text[:4096]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    for row in csv.DictReader(io.StringIO(text, newline=""), dialect=dialect):
        yield _csv_row(row)


def read_rows(data: bytes, name: str, add: AddRow, strict: bool, records: Records) -> None:
    """Read every row of one file (JSON if it starts with ``[`` or ``{``, CSV otherwise)."""
    text = _text(data, name)
    if not text.strip():
        raise _file_error(name, "empty_file", "fichier vide", "empty file")
    if text.lstrip()[0] in "[{":
        rows = _json_rows(text, name)
        del text
        for index in range(len(rows)):
            row, rows[index] = rows[index], None  # drop each parsed row once read
            add(row, name, index + 1, strict, records)
        return
    for number, row in enumerate(_csv_rows(text), 1):
        add(row, name, number, strict, records)


def read_files(structures: Path | None, services: Path | None, *, strict: bool = False) -> Records:
    """Read a structures file and a services file (either may be absent) into records.

    Raises :class:`InvalidInput` for a file that cannot be read at all (encoding, JSON syntax, not
    an array); invalid rows do not raise: they are in ``Records.rejected``.
    """
    records = Records()
    for path, add in ((structures, add_structure), (services, add_service)):
        if path is None:
            continue
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise _file_error(
                path.name, "unreadable_file", f"fichier illisible : {exc.strerror}", "cannot read file"
            ) from exc
        read_rows(data, path.name, add, strict, records)
    return records


__all__ = ["LIST_FIELDS", "parse_list", "read_files", "read_rows"]
