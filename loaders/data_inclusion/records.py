"""data·inclusion rows, validated with the schema package's own models, kept as small records.

Every row of a structures or services file (or of an API page) goes through
``data_inclusion.schema.v1.Structure`` or ``Service``. A row whose only faults are values unknown
to the schema in a list of codes (a network, a theme, a public added after the installed schema
version) is kept without those values, and each dropped value is reported as a warning; any other
fault rejects the row, which is listed by its id with every error. ``strict`` turns the warnings
into rejections.

What the import needs of a valid row is copied into a :class:`StructureRecord` or
:class:`ServiceRecord` and the row is dropped: a national file holds 60,000 structures and 80,000
services, and the validated models with their descriptions would not fit the memory target.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from data_inclusion.schema import v1
from pydantic import BaseModel, ValidationError

from graph_service.domain.validation import InputError

M = TypeVar("M", bound=BaseModel)

# The schema's fields that hold a list of codes: an unknown code there drops the value, not the row.
CODE_LISTS = frozenset(
    {"reseaux_porteurs", "thematiques", "publics", "modes_accueil", "modes_mobilisation", "mobilisable_par"}
)


# French for the errors the schema's models raise most; others keep pydantic's English text.
_FRENCH = {
    "missing": "champ obligatoire absent",
    "string_too_short": "texte trop court",
    "string_too_long": "texte trop long",
    "string_pattern_mismatch": "format inattendu",
    "string_type": "texte attendu",
    "date_type": "date attendue (AAAA-MM-JJ)",
    "date_parsing": "date illisible (AAAA-MM-JJ attendu)",
    "date_from_datetime_parsing": "date illisible (AAAA-MM-JJ attendu)",
    "url_parsing": "adresse web illisible",
    "url_scheme": "adresse web sans http ou https",
    "enum": "code inconnu du schéma data·inclusion v1",
    "list_type": "liste attendue",
    "set_type": "liste attendue",
    "float_parsing": "nombre attendu",
    "int_parsing": "nombre entier attendu",
    "greater_than_equal": "valeur trop petite",
    "too_short": "liste vide",
}


def _french(error: Any) -> str:
    if error["type"] == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    return _FRENCH.get(error["type"], str(error["msg"]))


@dataclass(frozen=True, slots=True)
class StructureRecord:
    """What the import keeps of a valid structure row."""

    id: str
    producer: str
    name: str
    siret: str | None
    commune: str | None
    commune_name: str | None
    updated: date
    networks: tuple[str, ...]
    closed: bool
    row: int


@dataclass(frozen=True, slots=True)
class ServiceRecord:
    """What the import keeps of a valid service row."""

    id: str
    structure_id: str
    themes: tuple[str, ...]
    type: str | None
    publics: tuple[str, ...]
    commune: str | None
    row: int


@dataclass
class Records:
    """The valid records of one read, the rejected rows and the warnings, in file order."""

    structures: list[StructureRecord] = field(default_factory=list)
    services: list[ServiceRecord] = field(default_factory=list)
    rejected: list[InputError] = field(default_factory=list)
    warnings: list[InputError] = field(default_factory=list)
    rows_read: dict[str, int] = field(default_factory=lambda: {"structures": 0, "services": 0})
    # The ids of the rejected rows by kind, in file order (``ligne N`` for a row with no id).
    rejected_ids: dict[str, list[str]] = field(default_factory=lambda: {"structures": [], "services": []})

    def extend(self, other: Records) -> None:
        self.structures += other.structures
        self.services += other.services
        self.rejected += other.rejected
        self.warnings += other.warnings
        for kind, count in other.rows_read.items():
            self.rows_read[kind] = self.rows_read.get(kind, 0) + count
        for kind, ids in other.rejected_ids.items():
            self.rejected_ids.setdefault(kind, []).extend(ids)


def _row_id(raw: Any, row: int) -> str:
    found = raw.get("id") if isinstance(raw, dict) else None
    return str(found) if found else f"ligne {row}"


def _closed(value: Any) -> bool:
    # The referential's pipeline flags closed establishments `_is_closed`; a CSV writes it as text.
    return value is True or (isinstance(value, str) and value.strip().lower() in ("true", "1", "oui"))


def _error(code: str, row_id: str, message: str, message_en: str, file: str, row: int, column: str | None):
    return InputError(
        code=code,
        message=f"id {row_id} : {message}",
        message_en=f"id {row_id}: {message_en}",
        file=file,
        row=row,
        column=column,
    )


def _validate(
    model: type[BaseModel], raw: dict[str, Any], file: str, row: int, strict: bool, records: Records
) -> BaseModel | None:
    """Validate one row; drop unknown codes from code lists (warned) unless ``strict``."""
    row_id = _row_id(raw, row)
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        errors = exc.errors()
    unknown = [e for e in errors if e["type"] == "enum" and len(e["loc"]) == 2 and e["loc"][0] in CODE_LISTS]
    if strict or len(unknown) < len(errors):
        for e in errors:
            column = ".".join(str(part) for part in e["loc"]) or None
            value = e.get("input")
            shown = f" (valeur « {value} »)" if isinstance(value, str | int | float) else ""
            records.rejected.append(
                _error(
                    f"data_inclusion_{e['type']}",
                    row_id,
                    f"champ « {column} » invalide{shown} : {_french(e)}",
                    f"invalid field {column!r}: {e['msg']}",
                    file,
                    row,
                    column,
                )
            )
        return None
    cleaned = dict(raw)
    for e in unknown:
        name = str(e["loc"][0])
        value = e.get("input")
        cleaned[name] = [v for v in cleaned[name] if v != value]
        records.warnings.append(
            _error(
                "data_inclusion_unknown_code",
                row_id,
                f"valeur « {value} » inconnue du schéma data·inclusion v1 dans « {name} », retirée",
                f"value {value!r} unknown to the data·inclusion v1 schema in {name!r}, dropped",
                file,
                row,
                name,
            )
        )
    return _validate(model, cleaned, file, row, strict, records)


def _accepted(
    model: type[M], kind: str, raw: Any, file: str, row: int, strict: bool, records: Records
) -> M | None:
    """Count one row of ``kind`` and validate it with ``model``; ``None`` (its id listed among the
    rejected) when it is not an object or fails the schema."""
    records.rows_read[kind] = records.rows_read.get(kind, 0) + 1
    found = None
    if isinstance(raw, dict):
        found = _validate(model, raw, file, row, strict, records)
    else:
        records.rejected.append(
            _error(
                "not_an_object", "?", "la ligne n'est pas un objet", "row is not an object", file, row, None
            )
        )
    if not isinstance(found, model):
        records.rejected_ids[kind].append(_row_id(raw, row))
        return None
    return found


def add_structure(raw: Any, file: str, row: int, strict: bool, records: Records) -> None:
    """Validate one structure row and keep its record, or list why it was rejected."""
    structure = _accepted(v1.Structure, "structures", raw, file, row, strict, records)
    if structure is None:
        return
    records.structures.append(
        StructureRecord(
            id=structure.id,
            producer=structure.source,
            name=structure.nom,
            siret=structure.siret,
            commune=structure.code_insee,
            commune_name=structure.commune,
            updated=structure.date_maj,
            networks=tuple(sorted(n.value for n in structure.reseaux_porteurs or ())),
            closed=_closed(raw.get("_is_closed")),
            row=row,
        )
    )


def add_service(raw: Any, file: str, row: int, strict: bool, records: Records) -> None:
    """Validate one service row and keep its record, or list why it was rejected."""
    service = _accepted(v1.Service, "services", raw, file, row, strict, records)
    if service is None:
        return
    records.services.append(
        ServiceRecord(
            id=service.id,
            structure_id=service.structure_id,
            themes=tuple(sorted(t.value for t in service.thematiques or ())),
            type=service.type.value if service.type else None,
            publics=tuple(sorted(p.value for p in service.publics or ())),
            commune=service.code_insee,
            row=row,
        )
    )


__all__ = [
    "CODE_LISTS",
    "Records",
    "ServiceRecord",
    "StructureRecord",
    "add_service",
    "add_structure",
]
