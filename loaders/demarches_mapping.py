"""The TOML mapping of a démarches-simplifiées procedure: which column holds what, which label is which code.

See ``examples/demarches/mapping.toml`` for a commented example. Every key is checked, so a typo
in the mapping is reported as such instead of as a column missing from the export.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from graph_service.domain.validation import InputError, InvalidInput
from graph_service.domain.vocabulary import Commitment, Public, Sector, Stage

MAPPING_NAME = "correspondance TOML"
TOP_LEVEL_KEYS = frozenset(
    {"call", "project_prefix", "separator", "states", "dossiers", "partners", "defaults", "labels"}
)
DEFAULT_KEYS = frozenset({"lead_sector", "partner_sector"})

# Mapping keys, and whether each is required. Optional columns may be left out of the mapping.
DOSSIER_KEYS = {
    "sheet": False,
    "id": True,
    "title": True,
    "lead_siret": True,
    "lead_name": True,
    "lead_sector": False,
    "territories": False,
    "publics": False,
    "state": False,
}
PARTNER_KEYS = {
    "sheet": True,
    "dossier_id": True,
    "siret": True,
    "name": True,
    "sector": False,
    "commitment": True,
    "role": False,
    "stages": False,
}
LABEL_TABLES: dict[str, type[StrEnum] | None] = {
    "sector": Sector,
    "commitment": Commitment,
    "stages": Stage,
    "publics": Public,
    "territories": None,
}


@dataclass(frozen=True)
class DemarchesMapping:
    """A procedure's mapping, checked."""

    call: str
    project_prefix: str
    separator: str
    dossiers: dict[str, str]
    partners: dict[str, str] | None
    defaults: dict[str, str]
    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    # The dossier states to import (e.g. leave drafts out); None imports every dossier.
    states: frozenset[str] | None = None


def _mapping_error(message: str, message_en: str, key: str | None = None) -> InvalidInput:
    return InvalidInput(
        [
            InputError(
                code="bad_mapping", message=message, message_en=message_en, file=MAPPING_NAME, column=key
            )
        ]
    )


def _section(document: Mapping[str, Any], name: str, keys: Mapping[str, bool]) -> dict[str, str]:
    section = document.get(name)
    if not isinstance(section, Mapping):
        raise _mapping_error(f"section [{name}] absente", f"missing section [{name}]", name)
    unknown = sorted(set(section) - set(keys))
    if unknown:
        raise _mapping_error(
            f"clé(s) inconnue(s) dans [{name}] : {', '.join(unknown)} ; clés admises : {', '.join(keys)}",
            f"unknown keys in [{name}]: {unknown}",
            f"{name}.{unknown[0]}",
        )
    result = {}
    for key, required in keys.items():
        value = section.get(key)
        if value is None:
            if required:
                raise _mapping_error(
                    f"clé « {key} » absente de [{name}] : nom de la colonne attendu",
                    f"missing key {key!r} in [{name}]",
                    f"{name}.{key}",
                )
            continue
        if not isinstance(value, str) or not value.strip():
            raise _mapping_error(
                f"[{name}] {key} doit être un texte non vide", "must be text", f"{name}.{key}"
            )
        result[key] = value.strip()
    return result


def parse_mapping(data: bytes) -> DemarchesMapping:
    """Read and check the TOML mapping of a procedure."""
    try:
        document = tomllib.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise _mapping_error(f"fichier TOML invalide : {exc}", f"invalid TOML: {exc}") from exc
    unknown = sorted(set(document) - TOP_LEVEL_KEYS) or sorted(
        set(document.get("defaults") or {}) - DEFAULT_KEYS
    )
    if unknown:
        raise _mapping_error(
            f"clé inconnue « {unknown[0]} » ; clés admises : {', '.join(sorted(TOP_LEVEL_KEYS | DEFAULT_KEYS))}",
            f"unknown key {unknown[0]!r}",
            unknown[0],
        )
    call = document.get("call")
    if not isinstance(call, str) or not call.strip():
        raise _mapping_error(
            "clé « call » absente : l'identifiant de l'appel à projets", "missing call", "call"
        )
    dossiers = _section(document, "dossiers", DOSSIER_KEYS)
    partners = _section(document, "partners", PARTNER_KEYS) if "partners" in document else None
    defaults = {k: str(v) for k, v in (document.get("defaults") or {}).items()}
    labels: dict[str, dict[str, str]] = {}
    for table, entries in (document.get("labels") or {}).items():
        if table not in LABEL_TABLES or not isinstance(entries, Mapping):
            raise _mapping_error(
                f"table de libellés inconnue [labels.{table}] ; admises : {', '.join(LABEL_TABLES)}",
                f"unknown label table {table!r}",
                f"labels.{table}",
            )
        labels[table] = {label_key(k): str(v) for k, v in entries.items()}
    if "lead_sector" not in dossiers and "lead_sector" not in defaults:
        raise _mapping_error(
            "secteur du porteur inconnu : donnez [dossiers] lead_sector ou [defaults] lead_sector",
            "no lead sector column nor default",
            "dossiers.lead_sector",
        )
    if partners is not None and "sector" not in partners and "partner_sector" not in defaults:
        raise _mapping_error(
            "secteur des partenaires inconnu : donnez [partners] sector ou [defaults] partner_sector",
            "no partner sector column nor default",
            "partners.sector",
        )
    return DemarchesMapping(
        states=_states(document, dossiers),
        call=call.strip(),
        project_prefix=str(document.get("project_prefix", "ds-")),
        separator=str(document.get("separator", ",")),
        dossiers=dossiers,
        partners=partners,
        defaults=defaults,
        labels=labels,
    )


def _states(document: Mapping[str, Any], dossiers: Mapping[str, str]) -> frozenset[str] | None:
    states = document.get("states")
    if states is None:
        return None
    if not isinstance(states, list) or not all(isinstance(state, str) for state in states):
        raise _mapping_error(
            "states doit être une liste de textes", "states must be a list of text", "states"
        )
    if "state" not in dossiers:
        raise _mapping_error(
            "states demande la colonne de l'état du dossier : [dossiers] state",
            "states needs [dossiers] state",
            "dossiers.state",
        )
    return frozenset(label_key(state) for state in states)


def label_key(text: str) -> str:
    """Labels compare without case and with runs of spaces collapsed."""
    return " ".join(text.split()).casefold()


__all__ = ["LABEL_TABLES", "MAPPING_NAME", "DemarchesMapping", "label_key", "parse_mapping"]
