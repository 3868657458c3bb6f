"""Loaders: every file people have, turned into the canonical dataset or every error it holds.

``load_path`` and ``load_bytes`` choose the format from the name and the content, check the size
limit, and return a :class:`Loaded` (the dataset and what was detected: format, encoding,
separator, line endings). They raise :class:`~graph_service.domain.validation.InvalidInput` with
every error found; they never store anything.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from graph_service.domain.errors import FileTooLarge
from graph_service.domain.models import Dataset
from graph_service.domain.validation import InputError, InvalidInput, KnownIds
from loaders.json_loader import load_json_bytes

DEFAULT_MAX_BYTES = 50 * 1024 * 1024


class Loaded(BaseModel):
    """A loaded dataset and what the loader detected about its files."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    dataset: Dataset
    format: str
    detected: list[str] = Field(default_factory=list)


def check_size(size: int, name: str, max_bytes: int) -> None:
    """Refuse a file over the limit before reading it."""
    if size > max_bytes:
        raise FileTooLarge(
            f"fichier « {name} » trop volumineux : {size / 1_048_576:.1f} Mo pour une limite de "
            f"{max_bytes / 1_048_576:.0f} Mo (réglable par PARTNERSHIP_GRAPH_MAX_FILE_MB)",
            message_en=f"file {name!r} is {size} bytes, over the {max_bytes}-byte limit",
        )


def load_bytes(
    data: bytes,
    name: str,
    *,
    known: KnownIds | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    mapping: bytes | None = None,
) -> Loaded:
    """Load one uploaded file (JSON, CSV bundle as ``.zip``, XLSX workbook or DS export)."""
    check_size(len(data), name, max_bytes)
    lowered = name.lower()
    if lowered.endswith(".json"):
        return Loaded(dataset=load_json_bytes(data, name, known), format="json", detected=["JSON UTF-8"])
    raise InvalidInput(
        [
            InputError(
                code="unsupported_format",
                message=f"format non reconnu pour « {name} » : attendu .json, .zip (CSV), .xlsx",
                message_en="unsupported format",
                file=name,
            )
        ]
    )


def load_path(
    path: Path,
    *,
    known: KnownIds | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    mapping: Path | None = None,
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
    check_size(path.stat().st_size if path.is_file() else 0, path.name, max_bytes)
    return load_bytes(
        path.read_bytes(),
        path.name,
        known=known,
        max_bytes=max_bytes,
        mapping=mapping.read_bytes() if mapping else None,
    )


__all__ = ["DEFAULT_MAX_BYTES", "Loaded", "check_size", "load_bytes", "load_path"]
