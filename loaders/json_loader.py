"""The canonical JSON dataset."""

from __future__ import annotations

import json
from pathlib import Path

from graph_service.domain.models import Dataset
from graph_service.domain.validation import InputError, InvalidInput, KnownIds, parse_document


def load_json_bytes(data: bytes, name: str, known: KnownIds | None = None) -> Dataset:
    """Parse and validate a canonical JSON document; UTF-8, with or without BOM."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput(
            [
                InputError(
                    code="bad_encoding",
                    message=f"le JSON doit être en UTF-8 (octet invalide à la position {exc.start})",
                    message_en="JSON must be UTF-8",
                    file=name,
                )
            ]
        ) from exc
    if not text.strip():
        raise InvalidInput(
            [InputError(code="empty_file", message="fichier vide", message_en="empty file", file=name)]
        )
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput(
            [
                InputError(
                    code="invalid_json",
                    message=f"JSON invalide : {exc.msg} (ligne {exc.lineno}, colonne {exc.colno})",
                    message_en=f"invalid JSON: {exc.msg}",
                    file=name,
                    row=exc.lineno,
                )
            ]
        ) from exc
    return parse_document(document, file=name, known=known)


def load_json(path: Path, known: KnownIds | None = None) -> Dataset:
    """Load a canonical JSON file."""
    return load_json_bytes(path.read_bytes(), path.name, known)


def dump_json(dataset: Dataset) -> str:
    """Write the canonical JSON document, indented, UTF-8, codes as strings."""
    return json.dumps(dataset.to_document(), ensure_ascii=False, indent=2) + "\n"


__all__ = ["dump_json", "load_json", "load_json_bytes"]
