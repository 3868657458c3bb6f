"""The TOML mapping of a démarches-simplifiées procedure: which column holds what, which label is which code.

See ``examples/demarches/mapping.toml`` for a commented example and ``examples/demarches/README.md``
for every key. Every key is checked, so a typo in the mapping is reported as such instead of as a
column missing from the export. The same mapping reads the XLSX export and the GraphQL API: a
column is named by its label (as in the export's header) or, through the API, by the champ's
``champDescriptorId``.
"""

from __future__ import annotations

import tomllib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from graph_service.domain.french import agree
from graph_service.domain.validation import InputError, InvalidInput
from graph_service.domain.vocabulary import (
    Barrier,
    Commitment,
    EnterpriseSubtype,
    Public,
    Sector,
    Stage,
    TieKind,
)

MAPPING_NAME = "correspondance TOML"
TOP_LEVEL_KEYS = frozenset(
    {"call", "project_prefix", "separator", "states", "dossiers", "partners", "ties", "defaults", "labels"}
)
DEFAULT_KEYS = frozenset({"lead_sector", "partner_sector", "tie_kind"})

# Mapping keys, and whether each is required. Optional columns may be left out of the mapping.
DOSSIER_KEYS = {
    "sheet": False,
    "id": True,
    "state": False,
    "title": True,
    "lead_siret": False,
    "lead_rna": False,
    "lead_name": True,
    "lead_sector": False,
    "lead_subtype": False,
    "lead_naf": False,
    "lead_legal_category": False,
    "lead_stages": False,
    "lead_barriers": False,
    "lead_publics": False,
    "lead_territories": False,
    "territories": False,
    "publics": False,
    "schemes": False,
}
PARTNER_KEYS = {
    "sheet": True,
    "dossier_id": True,
    "siret": False,
    "rna": False,
    "name": True,
    "sector": False,
    "subtype": False,
    "naf": False,
    "legal_category": False,
    "commitment": True,
    "role": False,
    "stages": False,
    "barriers": False,
    "publics": False,
    "territories": False,
}
TIE_KEYS = {
    "sheet": True,
    "dossier_id": True,
    "source": True,
    "target": True,
    "kind": False,
    "formal": False,
    "strength": False,
}
# Label tables: the vocabulary each translates to (None: free codes, checked against the store).
LABEL_TABLES: dict[str, type[StrEnum] | None] = {
    "sector": Sector,
    "subtype": EnterpriseSubtype,
    "commitment": Commitment,
    "stages": Stage,
    "barriers": Barrier,
    "publics": Public,
    "tie_kind": TieKind,
    "territories": None,
    "schemes": None,
}


class DossierState(StrEnum):
    """A dossier's state, as the API names it; the export shows the French label."""

    EN_CONSTRUCTION = "en_construction"
    EN_INSTRUCTION = "en_instruction"
    ACCEPTE = "accepte"
    REFUSE = "refuse"
    SANS_SUITE = "sans_suite"


STATE_LABELS = {
    DossierState.EN_CONSTRUCTION: "En construction",
    DossierState.EN_INSTRUCTION: "En instruction",
    DossierState.ACCEPTE: "Accepté",
    DossierState.REFUSE: "Refusé",
    DossierState.SANS_SUITE: "Classé sans suite",
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
    states: frozenset[DossierState] | None = None
    ties: dict[str, str] | None = None


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
            f"{agree(len(unknown), 'clé inconnue')} dans [{name}] : {', '.join(unknown)} ; clés admises : {', '.join(keys)}",
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
    ties = _section(document, "ties", TIE_KEYS) if "ties" in document else None
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
    if ties is not None and "kind" not in ties and "tie_kind" not in defaults:
        raise _mapping_error(
            "nature des liens inconnue : donnez [ties] kind ou [defaults] tie_kind",
            "no tie kind column nor default",
            "ties.kind",
        )
    return DemarchesMapping(
        states=_states(document, dossiers),
        call=call.strip(),
        project_prefix=str(document.get("project_prefix", "ds-")),
        separator=str(document.get("separator", ",")),
        dossiers=dossiers,
        partners=partners,
        ties=ties,
        defaults=defaults,
        labels=labels,
    )


def _states(document: Mapping[str, Any], dossiers: Mapping[str, str]) -> frozenset[DossierState] | None:
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
    result = set()
    for state in states:
        found = dossier_state(state)
        if found is None:
            admitted = ", ".join(f"« {label} » ({code.value})" for code, label in STATE_LABELS.items())
            raise _mapping_error(
                f"état inconnu « {state} » dans states ; états admis : {admitted}",
                f"unknown dossier state {state!r}",
                "states",
            )
        result.add(found)
    return frozenset(result)


# Typographic apostrophes and quotes that forms and word processors put where people type "'".
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "`": "'"})


def fold(text: str) -> str:
    """Text as people mean it: NFC, straight apostrophes, non-breaking spaces as spaces.

    ``str.split()`` with no argument already splits on U+00A0 and U+202F, so collapsing runs of
    whitespace also turns the non-breaking spaces of a French form into plain ones.
    """
    return " ".join(unicodedata.normalize("NFC", text).translate(_APOSTROPHES).split())


def label_key(text: str) -> str:
    """Labels compare folded (:func:`fold`), without case and with runs of spaces collapsed."""
    return fold(text).casefold()


def _without_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_STATE_KEYS: dict[str, DossierState] = {
    **{_without_accents(label_key(label)): state for state, label in STATE_LABELS.items()},
    **{state.value.replace("_", " "): state for state in DossierState},
    "sans suite": DossierState.SANS_SUITE,
}


def dossier_state(text: str) -> DossierState | None:
    """A dossier's state from its displayed label or API value, case- and accent-insensitive.

    >>> dossier_state("En instruction"), dossier_state("ACCEPTE"), dossier_state("accepté")
    (<DossierState.EN_INSTRUCTION: 'en_instruction'>, <DossierState.ACCEPTE: 'accepte'>, \
<DossierState.ACCEPTE: 'accepte'>)
    >>> dossier_state("Brouillon") is None
    True
    """
    return _STATE_KEYS.get(_without_accents(label_key(text)).replace("_", " "))


__all__ = [
    "LABEL_TABLES",
    "MAPPING_NAME",
    "STATE_LABELS",
    "DemarchesMapping",
    "DossierState",
    "dossier_state",
    "fold",
    "label_key",
    "parse_mapping",
]
