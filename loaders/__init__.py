"""Loaders: every file people have, turned into the canonical dataset or every error it holds.

``load_path`` and ``load_bytes`` choose the format from the name and the content, check the size
limit, and return a :class:`Loaded` (the dataset and what was detected: format, encoding,
separator, line endings). They raise :class:`~graph_service.domain.validation.InvalidInput` with
every error found; they never store anything.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from graph_service.domain.models import Dataset
from graph_service.domain.validation import InputError, InvalidInput, KnownIds
from loaders.csv_bundle import load_csv_file, load_csv_folder, load_csv_zip
from loaders.demarches import DOSSIERS_SHEET, read_demarches
from loaders.json_loader import load_json_bytes
from loaders.limits import DEFAULT_MAX_BYTES, Limits, check_size
from loaders.xlsx_loader import open_workbook, read_workbook


class Loaded(BaseModel):
    """A loaded dataset and what the loader detected about its files."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    dataset: Dataset
    format: str
    detected: list[str] = Field(default_factory=list)


_SAVE_AS = {
    ".xls": " ; enregistrez le classeur au format .xlsx",
    ".ods": " ; enregistrez le classeur au format .xlsx",
    ".xlsm": " ; enregistrez le classeur au format .xlsx, sans macros",
    ".txt": " ; renommez le fichier en .csv s'il s'agit d'une table",
}


def load_bytes(
    data: bytes,
    name: str,
    *,
    known: KnownIds | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    mapping: bytes | None = None,
    limits: Limits | None = None,
) -> Loaded:
    """Load one uploaded file (JSON, CSV bundle as ``.zip``, XLSX workbook or DS export).

    ``limits`` bounds the work the file may ask for (rows, cells, nesting…): past one, the file is
    refused with :class:`~graph_service.domain.errors.FileTooLarge` or ``InvalidInput``.
    """
    check_size(len(data), name, max_bytes)
    lowered = name.lower()
    if lowered.endswith(".json"):
        return Loaded(
            dataset=load_json_bytes(data, name, known, limits), format="json", detected=["JSON UTF-8"]
        )
    if lowered.endswith(".zip"):
        dataset, notes = load_csv_zip(data, name, known, max_bytes, limits)
        return Loaded(dataset=dataset, format="csv", detected=notes)
    if lowered.endswith(".csv"):
        dataset, notes = load_csv_file(data, name, known, limits)
        return Loaded(dataset=dataset, format="csv", detected=notes)
    if lowered.endswith(".xlsx"):
        return _load_xlsx(data, name, known, max_bytes, mapping, limits)
    hint = _SAVE_AS.get(Path(lowered).suffix, "")
    raise InvalidInput(
        [
            InputError(
                code="unsupported_format",
                message=f"format non reconnu pour « {name} » : attendu .json, .zip ou .csv (CSV), .xlsx{hint}",
                message_en="unsupported format",
                file=name,
            )
        ]
    )


def _load_xlsx(
    data: bytes,
    name: str,
    known: KnownIds | None,
    max_bytes: int,
    mapping: bytes | None,
    limits: Limits | None = None,
) -> Loaded:
    """A workbook with a ``Dossiers`` sheet is a démarches-simplifiées export; else one sheet per table."""
    workbook = open_workbook(data, name, max_bytes, limits)
    try:
        if any(title.strip().casefold() == DOSSIERS_SHEET.casefold() for title in workbook.sheetnames):
            dataset, notes = read_demarches(workbook, name, mapping, known)
            return Loaded(dataset=dataset, format="demarches-simplifiees", detected=notes)
        dataset, notes = read_workbook(workbook, name, known)
        return Loaded(dataset=dataset, format="xlsx", detected=notes)
    finally:
        workbook.close()


def load_path(
    path: Path,
    *,
    known: KnownIds | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    mapping: Path | None = None,
    limits: Limits | None = None,
) -> Loaded:
    """Load a file or a folder (CSV bundle) from disk."""
    if not path.exists():
        raise InvalidInput(
            [
                InputError(
                    code="not_found",
                    message="fichier introuvable",
                    message_en="file not found",
                    file=str(path),
                )
            ]
        )
    if path.is_dir():
        dataset, notes = load_csv_folder(path, known, max_bytes, limits)
        return Loaded(dataset=dataset, format="csv", detected=notes)
    check_size(path.stat().st_size, path.name, max_bytes)
    return load_bytes(
        path.read_bytes(),
        path.name,
        known=known,
        max_bytes=max_bytes,
        mapping=mapping.read_bytes() if mapping else None,
        limits=limits,
    )


__all__ = ["DEFAULT_MAX_BYTES", "Limits", "Loaded", "check_size", "load_bytes", "load_path"]
