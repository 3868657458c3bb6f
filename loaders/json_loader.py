"""The canonical JSON dataset."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from graph_service.domain.models import Dataset
from graph_service.domain.validation import InputError, InvalidInput, KnownIds, parse_document
from loaders.limits import Limits

# Strings written as JSON: the unrolled form runs in linear time, even on an unterminated string.
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKETS = {ord(c): None for c in map(chr, range(0x80)) if c not in "[]{}"}


def _error(code: str, message: str, message_en: str, name: str, row: int | None = None) -> InvalidInput:
    return InvalidInput([InputError(code=code, message=message, message_en=message_en, file=name, row=row)])


def nesting_depth(text: str, limit: int) -> int:
    """How deep arrays and objects nest in a JSON text, counted up to ``limit + 1`` and no further.

    Brackets inside strings do not count. Read before parsing, so that a document nested a million
    levels deep is refused in linear time instead of exhausting the parser's recursion.
    """
    if text.count("[") + text.count("{") <= limit:
        return limit  # cannot be deeper: no need to look closer
    brackets = _STRING.sub("", text).translate(_NOT_BRACKETS)
    depth = deepest = 0
    for bracket in brackets:
        if bracket in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limit:
                    break
        elif bracket in "]}":
            depth -= 1
    return deepest


def _parse_number(limits: Limits, name: str, kind: type[int] | type[float]) -> Callable[[str], int | float]:
    def parse(text: str) -> int | float:
        if len(text) > limits.max_number_digits:
            raise _error(
                "number_too_long",
                f"nombre de {len(text)} caractères refusé (au plus {limits.max_number_digits}) : "
                f"« {text[:20]}… » ; un code ou un SIRET s'écrit entre guillemets",
                f"number of {len(text)} characters refused (at most {limits.max_number_digits})",
                name,
            )
        return kind(text)

    return parse


def _refuse_constant(name: str) -> Callable[[str], None]:
    def parse(text: str) -> None:
        raise _error(
            "invalid_json",
            f"JSON invalide : « {text} » n'est pas une valeur JSON",
            f"invalid JSON: {text} is not a JSON value",
            name,
        )

    return parse


def load_json_bytes(
    data: bytes, name: str, known: KnownIds | None = None, limits: Limits | None = None
) -> Dataset:
    """Parse and validate a canonical JSON document; UTF-8, with or without BOM.

    The nesting depth is checked before parsing and the length of each number while parsing
    (``limits``), so no document can exhaust the parser's recursion or Python's integer conversion.
    """
    limits = limits or Limits()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _error(
            "bad_encoding",
            f"le JSON doit être en UTF-8 (octet invalide à la position {exc.start})",
            "JSON must be UTF-8",
            name,
        ) from exc
    if not text.strip():
        raise _error("empty_file", "fichier vide", "empty file", name)
    depth = nesting_depth(text, limits.max_json_depth)
    if depth > limits.max_json_depth:
        raise _error(
            "too_deep",
            f"JSON refusé : tableaux et objets imbriqués sur plus de {limits.max_json_depth} niveaux "
            "(le document attendu en compte 4 ; réglable par PARTNERSHIP_GRAPH_MAX_JSON_DEPTH)",
            f"JSON nested deeper than {limits.max_json_depth} levels",
            name,
        )
    try:
        document = json.loads(
            text,
            parse_int=_parse_number(limits, name, int),
            parse_float=_parse_number(limits, name, float),
            parse_constant=_refuse_constant(name),
        )
    except json.JSONDecodeError as exc:
        raise _error(
            "invalid_json",
            f"JSON invalide : {exc.msg} (ligne {exc.lineno}, colonne {exc.colno})",
            f"invalid JSON: {exc.msg}",
            name,
            row=exc.lineno,
        ) from exc
    except RecursionError:  # not reached under the depth limit; kept so no setting can bring a 500
        raise _error(
            "too_deep", "JSON refusé : imbrication trop profonde", "JSON nested too deep", name
        ) from None
    return parse_document(document, file=name, known=known)


def load_json(path: Path, known: KnownIds | None = None, limits: Limits | None = None) -> Dataset:
    """Load a canonical JSON file."""
    return load_json_bytes(path.read_bytes(), path.name, known, limits)


def dump_json(dataset: Dataset) -> str:
    """Write the canonical JSON document, indented, UTF-8, codes as strings."""
    return json.dumps(dataset.to_document(), ensure_ascii=False, indent=2) + "\n"


__all__ = ["dump_json", "load_json", "load_json_bytes", "nesting_depth"]
