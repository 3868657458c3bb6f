"""Bounds on the work one file may ask for: its size, its archive's members, rows, cells, strings.

A file is refused as soon as it passes a bound, while it is read, so a hostile file costs as much
as a legitimate file of the largest allowed size and no more: a zip bomb is refused on its declared
sizes, a workbook of four million rows after the first :attr:`Limits.max_rows`, a JSON document
nested a million levels deep before it is parsed. Every bound is a setting
(:class:`graph_service.settings.Settings`).
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass

from graph_service.domain.errors import FileTooLarge

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
MIB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """The caps on one file besides its size (``max_bytes``, passed on its own).

    Attributes
    ----------
    max_uncompressed_bytes
        All members of an archive (a ``.zip`` of CSV files, a workbook) once uncompressed.
    max_rows
        Rows of data in one file, all tables or sheets together.
    max_cells
        Cells of a workbook, all sheets together (a row may hold up to 16,384).
    max_shared_strings
        Distinct texts in a workbook's shared-strings table.
    max_json_depth
        Nesting of arrays and objects in a JSON document (the canonical document needs 4).
    max_number_digits
        Characters of one number in a JSON document (a SIRET has 14 digits).
    """

    max_uncompressed_bytes: int = 200 * MIB
    max_rows: int = 200_000
    max_cells: int = 4_000_000
    max_shared_strings: int = 1_000_000
    max_json_depth: int = 32
    max_number_digits: int = 40


def _too_large(message: str, message_en: str, setting: str) -> FileTooLarge:
    return FileTooLarge(f"{message} (réglable par {setting})", message_en=message_en)


def check_size(size: int, name: str, max_bytes: int, setting: str = "PARTNERSHIP_GRAPH_MAX_FILE_MB") -> None:
    """Refuse a file over the limit before reading it."""
    if size > max_bytes:
        raise _too_large(
            f"fichier « {name} » trop volumineux : {size / MIB:.1f} Mo pour une limite de {max_bytes / MIB:.0f} Mo",
            f"file {name!r} is {size} bytes, over the {max_bytes}-byte limit",
            setting,
        )


def check_uncompressed(size: int, name: str, limits: Limits) -> None:
    """Refuse an archive whose content, once uncompressed, is over the limit."""
    check_size(
        size, f"{name} (décompressé)", limits.max_uncompressed_bytes, "PARTNERSHIP_GRAPH_MAX_UNCOMPRESSED_MB"
    )


def too_many_rows(name: str, limits: Limits) -> FileTooLarge:
    return _too_large(
        f"« {name} » : plus de {limits.max_rows:_} lignes ; découpez le fichier".replace("_", " "),
        f"{name!r} holds more than {limits.max_rows} rows",
        "PARTNERSHIP_GRAPH_MAX_ROWS",
    )


def too_many_cells(name: str, limits: Limits) -> FileTooLarge:
    return _too_large(
        f"« {name} » : plus de {limits.max_cells:_} cellules ; découpez le classeur".replace("_", " "),
        f"{name!r} holds more than {limits.max_cells} cells",
        "PARTNERSHIP_GRAPH_MAX_CELLS",
    )


def too_many_strings(name: str, limits: Limits) -> FileTooLarge:
    return _too_large(
        f"« {name} » : plus de {limits.max_shared_strings:_} textes distincts dans le classeur".replace(
            "_", " "
        ),
        f"{name!r} holds more than {limits.max_shared_strings} shared strings",
        "PARTNERSHIP_GRAPH_MAX_SHARED_STRINGS",
    )


def check_rows(rows: int, name: str, limits: Limits) -> None:
    """Refuse a file once it holds more rows than allowed."""
    if rows > limits.max_rows:
        raise too_many_rows(name, limits)


def check_archive(
    archive: zipfile.ZipFile, name: str, max_bytes: int, expansion: int = 1, limits: Limits | None = None
) -> None:
    """Refuse an archive whose members, once uncompressed, exceed the limits.

    Each member may hold ``expansion`` times ``max_bytes``; all of them together at most
    ``limits.max_uncompressed_bytes``. ``zipfile`` never returns more than a member's declared
    size, so declared sizes are a bound, checked before anything is inflated.
    """
    limits = limits or Limits()
    total = 0
    for info in archive.infolist():
        check_size(info.file_size, f"{name}/{info.filename}", max_bytes * expansion)
        total += info.file_size
    check_uncompressed(total, name, limits)


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, max_bytes: int) -> bytes:
    """Read one member of an archive, refusing it when its uncompressed size is over the limit."""
    check_size(info.file_size, name, max_bytes)
    with archive.open(info) as member:
        data = member.read(max_bytes + 1)
    check_size(len(data), name, max_bytes)
    return data


__all__ = [
    "DEFAULT_MAX_BYTES",
    "Limits",
    "check_archive",
    "check_rows",
    "check_size",
    "check_uncompressed",
    "read_member",
    "too_many_cells",
    "too_many_rows",
    "too_many_strings",
]
